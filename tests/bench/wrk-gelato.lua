-- PERF-1 from outside: wrk posts signed Gelato order_status_updated calls, each with its own id
-- (secret "perf1-secret": start `bottega serve` with BOTTEGA_GELATO_WEBHOOK_SECRET=perf1-secret).
local counter = 0
local tag = tostring(os.time()) .. "-" .. tostring(math.random(1000000))
local body1 = '{"event":"order_status_updated","id":"'
local body2 = '","orderId":"o-1","orderReference":"r-1","fulfillmentStatus":"printed"}'
setup = function(thread) thread:set("tid", tostring(math.random(1000000))) end
request = function()
  counter = counter + 1
  local body = body1 .. tag .. "-" .. tid .. "-" .. counter .. body2
  return wrk.format("POST", "/gelato/webhook", {["Content-Type"]="application/json", ["signature"]="perf1-secret"}, body)
end
