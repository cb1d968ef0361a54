<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Bottega</name>
    <message>
        <source>%1: &quot;%2&quot; is not a number (use digits and a dot, e.g. 12.50)</source>
        <translation>%1: &quot;%2&quot; is not a number (use digits and a dot, e.g. 12.50)</translation>
    </message>
    <message>
        <source>%1: %2 is out of range (0 to %3)</source>
        <translation>%1: %2 is out of range (0 to %3)</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a whole number of 0 or more</source>
        <translation>%1: &quot;%2&quot; is not a whole number of 0 or more</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; must contain digits only</source>
        <translation>%1: &quot;%2&quot; must contain digits only</translation>
    </message>
    <message>
        <source>ean: &quot;%1&quot; must have 8 or 13 digits, not %2</source>
        <translation>ean: &quot;%1&quot; must have 8 or 13 digits, not %2</translation>
    </message>
    <message>
        <source>upc: &quot;%1&quot; must have 12 digits, not %2</source>
        <translation>upc: &quot;%1&quot; must have 12 digits, not %2</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; has a wrong check digit</source>
        <translation>%1: &quot;%2&quot; has a wrong check digit</translation>
    </message>
    <message>
        <source>isbn: &quot;%1&quot; must have 10 or 13 digits</source>
        <translation>isbn: &quot;%1&quot; must have 10 or 13 digits</translation>
    </message>
    <message>
        <source>%1: must not be empty</source>
        <translation>%1: must not be empty</translation>
    </message>
    <message>
        <source>unknown field &quot;%1&quot; (fields: %2)</source>
        <translation>unknown field &quot;%1&quot; (fields: %2)</translation>
    </message>
</context>
<context>
    <name>Bottega::AddressCheck</name>
    <message>
        <source>first name</source>
        <translation>first name</translation>
    </message>
    <message>
        <source>last name</source>
        <translation>last name</translation>
    </message>
    <message>
        <source>company</source>
        <translation>company</translation>
    </message>
    <message>
        <source>street (address line 1)</source>
        <translation>street (address line 1)</translation>
    </message>
    <message>
        <source>address line 2</source>
        <translation>address line 2</translation>
    </message>
    <message>
        <source>city</source>
        <translation>city</translation>
    </message>
    <message>
        <source>post code</source>
        <translation>post code</translation>
    </message>
    <message>
        <source>state</source>
        <translation>state</translation>
    </message>
    <message>
        <source>country</source>
        <translation>country</translation>
    </message>
    <message>
        <source>email</source>
        <translation>email</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>phone</translation>
    </message>
    <message>
        <source>%1 is required</source>
        <translation>%1 is required</translation>
    </message>
    <message>
        <source>%1 is longer than %2 characters</source>
        <translation>%1 is longer than %2 characters</translation>
    </message>
    <message>
        <source>country &quot;%1&quot; is not a two-letter ISO code (IT, DE, ...)</source>
        <translation>country &quot;%1&quot; is not a two-letter ISO code (IT, DE, ...)</translation>
    </message>
    <message>
        <source>email &quot;%1&quot; is not an email address</source>
        <translation>email &quot;%1&quot; is not an email address</translation>
    </message>
    <message>
        <source>shipping address</source>
        <translation>shipping address</translation>
    </message>
    <message>
        <source>billing address</source>
        <translation>billing address</translation>
    </message>
    <message>
        <source>post code &quot;%1&quot; does not fit the format used in %2 (for example %3)</source>
        <translation>post code &quot;%1&quot; does not fit the format used in %2 (for example %3)</translation>
    </message>
</context>
<context>
    <name>Bottega::AddressForm</name>
    <message>
        <source>First name</source>
        <translation>First name</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Last name</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Street</translation>
    </message>
    <message>
        <source>Street (line 2)</source>
        <translation>Street (line 2)</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Post code</source>
        <translation>Post code</translation>
    </message>
    <message>
        <source>State or province</source>
        <translation>State or province</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message numerus="yes">
        <source>up to %n character(s)</source>
        <translation>
            <numerusform>up to %n character</numerusform>
            <numerusform>up to %n characters</numerusform>
        </translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Country</translation>
    </message>
</context>
<context>
    <name>Bottega::ApiLogPage</name>
    <message>
        <source>Body: empty</source>
        <translation>Body: empty</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>text</source>
        <translation>text</translation>
    </message>
    <message>
        <source>Body: %1, %2, shown truncated</source>
        <translation>Body: %1, %2, shown truncated</translation>
    </message>
    <message>
        <source>Body: %1, %2</source>
        <translation>Body: %1, %2</translation>
    </message>
    <message>
        <source>Newest</source>
        <translation>Newest</translation>
    </message>
    <message>
        <source>Oldest</source>
        <translation>Oldest</translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation>Copy as curl</translation>
    </message>
    <message>
        <source>API log</source>
        <translation>API log</translation>
    </message>
    <message>
        <source>Every call Bottega made or received, newest first. Secrets are hidden.</source>
        <translation>Every call Bottega made or received, newest first. Secrets are hidden.</translation>
    </message>
    <message>
        <source>Any service</source>
        <translation>Any service</translation>
    </message>
    <message>
        <source>Webhooks received</source>
        <translation>Webhooks received</translation>
    </message>
    <message>
        <source>Files served</source>
        <translation>Files served</translation>
    </message>
    <message>
        <source>Other received</source>
        <translation>Other received</translation>
    </message>
    <message>
        <source>Made and received</source>
        <translation>Made and received</translation>
    </message>
    <message>
        <source>Made by Bottega</source>
        <translation>Made by Bottega</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>2xx success</source>
        <translation>2xx success</translation>
    </message>
    <message>
        <source>4xx client error</source>
        <translation>4xx client error</translation>
    </message>
    <message>
        <source>5xx server error</source>
        <translation>5xx server error</translation>
    </message>
    <message>
        <source>Failed (no answer)</source>
        <translation>Failed (no answer)</translation>
    </message>
    <message>
        <source>Any error (4xx, 5xx, no answer)</source>
        <translation>Any error (4xx, 5xx, no answer)</translation>
    </message>
    <message>
        <source>Endpoint contains…</source>
        <translation>Endpoint contains…</translation>
    </message>
    <message>
        <source>Back to the newest calls</source>
        <translation>Back to the newest calls</translation>
    </message>
    <message>
        <source>Jump to the oldest calls, at the end of the log</source>
        <translation>Jump to the oldest calls, at the end of the log</translation>
    </message>
    <message>
        <source>Copies a curl command repeating this call; secrets stay hidden</source>
        <translation>Copies a curl command repeating this call; secrets stay hidden</translation>
    </message>
    <message>
        <source>No headers</source>
        <translation>No headers</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Response</translation>
    </message>
    <message>
        <source>No database: the API log is unavailable.</source>
        <translation>No database: the API log is unavailable.</translation>
    </message>
    <message>
        <source>No calls match these filters.</source>
        <translation>No calls match these filters.</translation>
    </message>
    <message>
        <source>No calls have been logged yet.</source>
        <translation>No calls have been logged yet.</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message numerus="yes">
        <source>%n attempts</source>
        <translation>
            <numerusform>%n attempt</numerusform>
            <numerusform>%n attempts</numerusform>
        </translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <source>Open order %1</source>
        <translation>Open order %1</translation>
    </message>
    <message>
        <source>Open webhook %1</source>
        <translation>Open webhook %1</translation>
    </message>
    <message>
        <source>Select a call to see its request and response.</source>
        <translation>Select a call to see its request and response.</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Body</translation>
    </message>
</context>
<context>
    <name>Bottega::ApiLogRepository</name>
    <message>
        <source>cannot write to the API log</source>
        <translation>cannot write to the API log</translation>
    </message>
    <message>
        <source>cannot write to the API log: no id returned</source>
        <translation>cannot write to the API log: no id returned</translation>
    </message>
    <message>
        <source>cannot read API log entry %1</source>
        <translation>cannot read API log entry %1</translation>
    </message>
    <message>
        <source>no API log entry with id %1</source>
        <translation>no API log entry with id %1</translation>
    </message>
    <message>
        <source>cannot read the API log</source>
        <translation>cannot read the API log</translation>
    </message>
    <message>
        <source>cannot count the API log</source>
        <translation>cannot count the API log</translation>
    </message>
    <message>
        <source>cannot clean up the API log</source>
        <translation>cannot clean up the API log</translation>
    </message>
    <message>
        <source>cannot find the order of API log entry %1</source>
        <translation>cannot find the order of API log entry %1</translation>
    </message>
    <message>
        <source>cannot index the API log</source>
        <translation>cannot index the API log</translation>
    </message>
    <message>
        <source>cannot index the API log: no index state</source>
        <translation>cannot index the API log: no index state</translation>
    </message>
    <message>
        <source>cannot search the API log</source>
        <translation>cannot search the API log</translation>
    </message>
</context>
<context>
    <name>Bottega::ApiLogTableModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>Sent / received</source>
        <translation>Sent / received</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>Bottega::ApiLogText</name>
    <message>
        <source>No answer</source>
        <translation>No answer</translation>
    </message>
    <message>
        <source>200 OK</source>
        <translation>200 OK</translation>
    </message>
    <message>
        <source>201 Created</source>
        <translation>201 Created</translation>
    </message>
    <message>
        <source>202 Accepted</source>
        <translation>202 Accepted</translation>
    </message>
    <message>
        <source>204 No Content</source>
        <translation>204 No Content</translation>
    </message>
    <message>
        <source>301 Moved Permanently</source>
        <translation>301 Moved Permanently</translation>
    </message>
    <message>
        <source>302 Found</source>
        <translation>302 Found</translation>
    </message>
    <message>
        <source>304 Not Modified</source>
        <translation>304 Not Modified</translation>
    </message>
    <message>
        <source>400 Bad Request</source>
        <translation>400 Bad Request</translation>
    </message>
    <message>
        <source>401 Unauthorized</source>
        <translation>401 Unauthorized</translation>
    </message>
    <message>
        <source>403 Forbidden</source>
        <translation>403 Forbidden</translation>
    </message>
    <message>
        <source>404 Not Found</source>
        <translation>404 Not Found</translation>
    </message>
    <message>
        <source>405 Method Not Allowed</source>
        <translation>405 Method Not Allowed</translation>
    </message>
    <message>
        <source>408 Request Timeout</source>
        <translation>408 Request Timeout</translation>
    </message>
    <message>
        <source>409 Conflict</source>
        <translation>409 Conflict</translation>
    </message>
    <message>
        <source>410 Gone</source>
        <translation>410 Gone</translation>
    </message>
    <message>
        <source>413 Payload Too Large</source>
        <translation>413 Payload Too Large</translation>
    </message>
    <message>
        <source>415 Unsupported Media Type</source>
        <translation>415 Unsupported Media Type</translation>
    </message>
    <message>
        <source>422 Unprocessable Entity</source>
        <translation>422 Unprocessable Entity</translation>
    </message>
    <message>
        <source>429 Too Many Requests</source>
        <translation>429 Too Many Requests</translation>
    </message>
    <message>
        <source>500 Internal Server Error</source>
        <translation>500 Internal Server Error</translation>
    </message>
    <message>
        <source>501 Not Implemented</source>
        <translation>501 Not Implemented</translation>
    </message>
    <message>
        <source>502 Bad Gateway</source>
        <translation>502 Bad Gateway</translation>
    </message>
    <message>
        <source>503 Service Unavailable</source>
        <translation>503 Service Unavailable</translation>
    </message>
    <message>
        <source>504 Gateway Timeout</source>
        <translation>504 Gateway Timeout</translation>
    </message>
    <message>
        <source>%1 Success</source>
        <translation>%1 Success</translation>
    </message>
    <message>
        <source>%1 Redirect</source>
        <translation>%1 Redirect</translation>
    </message>
    <message>
        <source>%1 Client error</source>
        <translation>%1 Client error</translation>
    </message>
    <message>
        <source>%1 Server error</source>
        <translation>%1 Server error</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>Inbound</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>Outbound</translation>
    </message>
    <message numerus="yes">
        <source>%n bytes</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>[shown %1 of %2]</source>
        <translation>[shown %1 of %2]</translation>
    </message>
</context>
<context>
    <name>Bottega::BatchGeneration</name>
    <message>
        <source>batch %1 has no failed items to send again</source>
        <translation>batch %1 has no failed items to send again</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>batch %1: nothing can be sent again (%2)</source>
        <translation>batch %1: nothing can be sent again (%2)</translation>
    </message>
    <message>
        <source>the variants are gone</source>
        <translation>the variants are gone</translation>
    </message>
    <message>
        <source>batch %1 could not be sent again: %2</source>
        <translation>batch %1 could not be sent again: %2</translation>
    </message>
    <message>
        <source>not submitted: %1</source>
        <translation>not submitted: %1</translation>
    </message>
    <message>
        <source>Poleepo is switched off (setting poleepo.enabled): nothing was sent. Turn it on in Settings or with `bottega config set poleepo.enabled true`.</source>
        <translation>Poleepo is switched off (setting poleepo.enabled): nothing was sent. Turn it on in Settings or with `bottega config set poleepo.enabled true`.</translation>
    </message>
</context>
<context>
    <name>Bottega::BatchItemTableModel</name>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Poleepo product</source>
        <translation>Poleepo product</translation>
    </message>
    <message>
        <source>Sent again in</source>
        <translation>Sent again in</translation>
    </message>
    <message>
        <source>Product (parent)</source>
        <translation>Product (parent)</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variant</translation>
    </message>
    <message>
        <source>Batch %1</source>
        <translation>Batch %1</translation>
    </message>
</context>
<context>
    <name>Bottega::BatchPayload</name>
    <message>
        <source>no SKU</source>
        <translation>no SKU</translation>
    </message>
    <message>
        <source>no price</source>
        <translation>no price</translation>
    </message>
    <message>
        <source>no VAT rate</source>
        <translation>no VAT rate</translation>
    </message>
</context>
<context>
    <name>Bottega::BatchPolling</name>
    <message>
        <source>batch %1: %2</source>
        <translation>batch %1: %2</translation>
    </message>
    <message>
        <source>Poleepo answered for SKUs not in the batch: %1</source>
        <translation>Poleepo answered for SKUs not in the batch: %1</translation>
    </message>
    <message>
        <source>Poleepo gave no result for: %1</source>
        <translation>Poleepo gave no result for: %1</translation>
    </message>
</context>
<context>
    <name>Bottega::BatchTableModel</name>
    <message>
        <source>Not submitted</source>
        <translation>Not submitted</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>Processing</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Processed</source>
        <translation>Processed</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Errors</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>Last polled</source>
        <translation>Last polled</translation>
    </message>
    <message>
        <source>Poleepo batch</source>
        <translation>Poleepo batch</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>Bottega::BatchesPage</name>
    <message>
        <source>With errors only</source>
        <translation>With errors only</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Resubmit failed items</source>
        <translation>Resubmit failed items</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>Batches</translation>
    </message>
    <message>
        <source>Product batches sent to Poleepo, each product&apos;s outcome, and the failed ones sent again.</source>
        <translation>Product batches sent to Poleepo, each product&apos;s outcome, and the failed ones sent again.</translation>
    </message>
    <message>
        <source>The batches are unavailable: no database.</source>
        <translation>The batches are unavailable: no database.</translation>
    </message>
    <message>
        <source>Select a batch to see its products.</source>
        <translation>Select a batch to see its products.</translation>
    </message>
    <message>
        <source>Select a batch first.</source>
        <translation>Select a batch first.</translation>
    </message>
    <message numerus="yes">
        <source>Batch %1: %n product entry(ies), %2 with errors</source>
        <translation>
            <numerusform>Batch %1: %n product entry, %2 with errors</numerusform>
            <numerusform>Batch %1: %n product entries, %2 with errors</numerusform>
        </translation>
    </message>
    <message>
        <source>Batch %1 has no failed items to send again.</source>
        <translation>Batch %1 has no failed items to send again.</translation>
    </message>
    <message>
        <source>Sending to Poleepo is not available here.</source>
        <translation>Sending to Poleepo is not available here.</translation>
    </message>
    <message>
        <source>A resubmission is on its way.</source>
        <translation>A resubmission is on its way.</translation>
    </message>
    <message>
        <source>Sends the failed items of this batch again, in a new batch</source>
        <translation>Sends the failed items of this batch again, in a new batch</translation>
    </message>
    <message numerus="yes">
        <source>%n batch(es) with failed items not sent again.</source>
        <translation>
            <numerusform>%n batch with failed items not sent again.</numerusform>
            <numerusform>%n batches with failed items not sent again.</numerusform>
        </translation>
    </message>
    <message>
        <source>No batch has failed items.</source>
        <translation>No batch has failed items.</translation>
    </message>
    <message>
        <source>Sending the failed items of batch %1 again…</source>
        <translation>Sending the failed items of batch %1 again…</translation>
    </message>
    <message>
        <source>The failed items of batch %1 were sent again in batch %2.</source>
        <translation>The failed items of batch %1 were sent again in batch %2.</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>Any state</translation>
    </message>
</context>
<context>
    <name>Bottega::CatalogBrowserDialog</name>
    <message>
        <source>Gelato catalog</source>
        <translation>Gelato catalog</translation>
    </message>
    <message>
        <source>Filter attributes and values…</source>
        <translation>Filter attributes and values…</translation>
    </message>
    <message>
        <source>Attribute / value</source>
        <translation>Attribute / value</translation>
    </message>
    <message>
        <source>Gelato UID</source>
        <translation>Gelato UID</translation>
    </message>
    <message>
        <source>Catalogs</source>
        <translation>Catalogs</translation>
    </message>
    <message>
        <source>Gelato is not set up: enter its API key on the Settings page.</source>
        <translation>Gelato is not set up: enter its API key on the Settings page.</translation>
    </message>
    <message>
        <source>Check values to search only for products that have them.</source>
        <translation>Check values to search only for products that have them.</translation>
    </message>
    <message>
        <source>Search products</source>
        <translation>Search products</translation>
    </message>
    <message>
        <source>ISO country code for prices and shipment methods</source>
        <translation>ISO country code for prices and shipment methods</translation>
    </message>
    <message>
        <source>ISO currency code for prices; empty for Gelato&apos;s default</source>
        <translation>ISO currency code for prices; empty for Gelato&apos;s default</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Country</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Currency</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Product UID</source>
        <translation>Product UID</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Replenishment</source>
        <translation>Replenishment</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>Tracking</translation>
    </message>
    <message>
        <source>For</source>
        <translation>For</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Prices</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>Shipment methods</source>
        <translation>Shipment methods</translation>
    </message>
    <message>
        <source>No product of this catalog has the checked attribute values.</source>
        <translation>No product of this catalog has the checked attribute values.</translation>
    </message>
    <message>
        <source>business</source>
        <translation>business</translation>
    </message>
    <message>
        <source>private</source>
        <translation>private</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>Bottega::CatalogProductModel</name>
    <message>
        <source>Product UID</source>
        <translation>Product UID</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Attributes</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>Countries</source>
        <translation>Countries</translation>
    </message>
</context>
<context>
    <name>Bottega::ChartCard</name>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Bottega::CommandLine</name>
    <message>
        <source>serve: address to listen on.</source>
        <translation>serve: address to listen on.</translation>
    </message>
    <message>
        <source>job set: interval in seconds.</source>
        <translation>job set: interval in seconds.</translation>
    </message>
    <message>
        <source>job set: enable or disable.</source>
        <translation>job set: enable or disable.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Show this help.</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>Show the version.</translation>
    </message>
    <message>
        <source>Where the database, settings and files live.</source>
        <translation>Where the database, settings and files live.</translation>
    </message>
    <message>
        <source>A SQLite file or postgresql://user:pass@host:port/dbname.</source>
        <translation>A SQLite file or postgresql://user:pass@host:port/dbname.</translation>
    </message>
    <message>
        <source>Use the built-in offline Gelato and Poleepo.</source>
        <translation>Use the built-in offline Gelato and Poleepo.</translation>
    </message>
    <message>
        <source>Interface language: it or en.</source>
        <translation>Interface language: it or en.</translation>
    </message>
    <message>
        <source>Print JSON instead of text.</source>
        <translation>Print JSON instead of text.</translation>
    </message>
    <message>
        <source>The command; none opens the window.</source>
        <translation>The command; none opens the window.</translation>
    </message>
    <message>
        <source>--lang must be &quot;it&quot; or &quot;en&quot;, not &quot;%1&quot;</source>
        <translation>--lang must be &quot;it&quot; or &quot;en&quot;, not &quot;%1&quot;</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;</source>
        <translation>unknown command &quot;%1&quot;</translation>
    </message>
    <message>
        <source>option --%1 needs a command</source>
        <translation>option --%1 needs a command</translation>
    </message>
    <message>
        <source>the command &quot;%1&quot; does not take --%2</source>
        <translation>the command &quot;%1&quot; does not take --%2</translation>
    </message>
    <message>
        <source>--sandbox: the sandbox is not available yet in this version</source>
        <translation>--sandbox: the sandbox is not available yet in this version</translation>
    </message>
    <message>
        <source>webhook list: only this state.</source>
        <translation>webhook list: only this state.</translation>
    </message>
    <message>
        <source>webhook list: gelato or poleepo.</source>
        <translation>webhook list: gelato or poleepo.</translation>
    </message>
    <message>
        <source>webhook list: at most N rows.</source>
        <translation>webhook list: at most N rows.</translation>
    </message>
    <message>
        <source>webhook retry: every failed one.</source>
        <translation>webhook retry: every failed one.</translation>
    </message>
    <message>
        <source>webhook add-record: comma-separated.</source>
        <translation>webhook add-record: comma-separated.</translation>
    </message>
    <message>
        <source>product set, set-print-image: the variant.</source>
        <translation>product set, set-print-image: the variant.</translation>
    </message>
    <message>
        <source>product sync-template: the product to re-sync.</source>
        <translation>product sync-template: the product to re-sync.</translation>
    </message>
    <message>
        <source>product import-csv: only show the changes.</source>
        <translation>product import-csv: only show the changes.</translation>
    </message>
    <message>
        <source>order list: only this state.</source>
        <translation>order list: only this state.</translation>
    </message>
    <message>
        <source>order confirm: the shipping to use.</source>
        <translation>order confirm: the shipping to use.</translation>
    </message>
    <message>
        <source>order confirm: send as a Gelato draft.</source>
        <translation>order confirm: send as a Gelato draft.</translation>
    </message>
    <message>
        <source>log list: gelato, poleepo, webhook, files or server.</source>
        <translation>log list: gelato, poleepo, webhook, files or server.</translation>
    </message>
    <message>
        <source>log list: 2xx, 4xx, 5xx or failed.</source>
        <translation>log list: 2xx, 4xx, 5xx or failed.</translation>
    </message>
    <message>
        <source>log list: calls since TIME (ISO date or time, or 30m, 24h, 7d ago).</source>
        <translation>log list: calls since TIME (ISO date or time, or 30m, 24h, 7d ago).</translation>
    </message>
    <message>
        <source>order ship: Poleepo&apos;s carrier (id or name).</source>
        <translation>order ship: Poleepo&apos;s carrier (id or name).</translation>
    </message>
    <message>
        <source>order ship: Poleepo&apos;s pickup address (id or name).</source>
        <translation>order ship: Poleepo&apos;s pickup address (id or name).</translation>
    </message>
    <message>
        <source>order ship: a package type (name or id); once per package, or comma-separated.</source>
        <translation>order ship: a package type (name or id); once per package, or comma-separated.</translation>
    </message>
    <message>
        <source>Usage: bottega [--data-dir DIR] [--db URL] [--lang it|en] [--sandbox] [--json] [COMMAND ...]

Without a command, opens the window.

Commands:
  serve [--listen HOST:PORT]          webhook and file server plus scheduler, until SIGTERM
  config get KEY | set KEY VALUE | list
                                      non-secret settings
  secret set NAME                     reads the value from standard input
  secret status                       which secrets are set (never their values)
  job list | run NAME | set NAME --interval SECONDS | --enabled true|false
                                      the scheduler
  webhook list [--state S] [--source S] [--limit N] | show ID | retry ID...|--failed
  webhook process | cleanup | add-record NAME --events E,... | records
                                      the webhook queue and Poleepo webhook records
  test-connection gelato|poleepo      checks the credentials against the service
  batch generate | poll | list | show ID | resubmit ID
                                      Poleepo product batches
  package-type list | import          package types for Poleepo shipping (import: Poleepo&apos;s)
  product list | show ID              products, variants, print-image completeness
  product sync-template TEMPLATE_ID [--product ID]
                                      creates or re-syncs a product from a Gelato template
  product set ID FIELD VALUE [--variant VID]
  product set-print-image ID PLACEMENT URL_OR_FILE [--variant VID]
  product import-csv FILE [--dry-run] | export-csv FILE
                                      bulk mapping of Product UID and Design File URL
  order list [--status S] | show ID   sales orders with Gelato state, timeline, tracking
  order create FILE.json | import-csv FILE [--dry-run]
                                      a local order from JSON, or many from CSV
  order quote ID                      Gelato shipping rates for the order
  order confirm ID [--shipping standard|express|UID] [--draft]
                                      sends the order to Gelato (exactly once)
  order cancel ID | refresh ID        cancel on Gelato; refresh from Gelato
  order delivered-to-shop ID          every product of the order is at the shop
  order ship ID --carrier C --pickup P --package-type T
                                      ships with Poleepo and stores the label
  order handed-over ID                tells Poleepo the parcel went to the carrier
  log list [--service S] [--status-class 2xx|4xx|5xx|failed] [--since T] [--limit N]
                                      the API log, newest first (100 calls unless --limit)
  log cleanup                         removes calls older than log.retention-days

Global options:
  --data-dir DIR      where the database, settings and files live (BOTTEGA_DATA_DIR)
  --db URL            a SQLite file or postgresql://user:pass@host:port/db (BOTTEGA_DB)
  --lang it|en        interface language
  --sandbox           built-in offline Gelato and Poleepo
  --json              JSON output
  --version, --help
</source>
        <translation>Usage: bottega [--data-dir DIR] [--db URL] [--lang it|en] [--sandbox] [--json] [COMMAND ...]

Without a command, opens the window.

Commands:
  serve [--listen HOST:PORT]          webhook and file server plus scheduler, until SIGTERM
  config get KEY | set KEY VALUE | list
                                      non-secret settings
  secret set NAME                     reads the value from standard input
  secret status                       which secrets are set (never their values)
  job list | run NAME | set NAME --interval SECONDS | --enabled true|false
                                      the scheduler
  webhook list [--state S] [--source S] [--limit N] | show ID | retry ID...|--failed
  webhook process | cleanup | add-record NAME --events E,... | records
                                      the webhook queue and Poleepo webhook records
  test-connection gelato|poleepo      checks the credentials against the service
  batch generate | poll | list | show ID | resubmit ID
                                      Poleepo product batches
  package-type list | import          package types for Poleepo shipping (import: Poleepo&apos;s)
  product list | show ID              products, variants, print-image completeness
  product sync-template TEMPLATE_ID [--product ID]
                                      creates or re-syncs a product from a Gelato template
  product set ID FIELD VALUE [--variant VID]
  product set-print-image ID PLACEMENT URL_OR_FILE [--variant VID]
  product import-csv FILE [--dry-run] | export-csv FILE
                                      bulk mapping of Product UID and Design File URL
  order list [--status S] | show ID   sales orders with Gelato state, timeline, tracking
  order create FILE.json | import-csv FILE [--dry-run]
                                      a local order from JSON, or many from CSV
  order quote ID                      Gelato shipping rates for the order
  order confirm ID [--shipping standard|express|UID] [--draft]
                                      sends the order to Gelato (exactly once)
  order cancel ID | refresh ID        cancel on Gelato; refresh from Gelato
  order delivered-to-shop ID          every product of the order is at the shop
  order ship ID --carrier C --pickup P --package-type T
                                      ships with Poleepo and stores the label
  order handed-over ID                tells Poleepo the parcel went to the carrier
  log list [--service S] [--status-class 2xx|4xx|5xx|failed] [--since T] [--limit N]
                                      the API log, newest first (100 calls unless --limit)
  log cleanup                         removes calls older than log.retention-days

Global options:
  --data-dir DIR      where the database, settings and files live (BOTTEGA_DATA_DIR)
  --db URL            a SQLite file or postgresql://user:pass@host:port/db (BOTTEGA_DB)
  --lang it|en        interface language
  --sandbox           built-in offline Gelato and Poleepo
  --json              JSON output
  --version, --help
</translation>
    </message>
</context>
<context>
    <name>Bottega::Commands</name>
    <message>
        <source>KEY</source>
        <translation>KEY</translation>
    </message>
    <message>
        <source>VALUE</source>
        <translation>VALUE</translation>
    </message>
    <message>
        <source>DESCRIPTION</source>
        <translation>DESCRIPTION</translation>
    </message>
    <message>
        <source>usage: bottega config get KEY | config set KEY VALUE | config list</source>
        <translation>usage: bottega config get KEY | config set KEY VALUE | config list</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manual</translation>
    </message>
    <message>
        <source>JOB</source>
        <translation>JOB</translation>
    </message>
    <message>
        <source>ENABLED</source>
        <translation>ENABLED</translation>
    </message>
    <message>
        <source>INTERVAL</source>
        <translation>INTERVAL</translation>
    </message>
    <message>
        <source>LAST RUN</source>
        <translation>LAST RUN</translation>
    </message>
    <message>
        <source>NEXT RUN</source>
        <translation>NEXT RUN</translation>
    </message>
    <message>
        <source>LAST RESULT</source>
        <translation>LAST RESULT</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>failed: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>job set needs --interval SECONDS or --enabled true|false</source>
        <translation>job set needs --interval SECONDS or --enabled true|false</translation>
    </message>
    <message>
        <source>--interval: &quot;%1&quot; is not a number of seconds</source>
        <translation>--interval: &quot;%1&quot; is not a number of seconds</translation>
    </message>
    <message>
        <source>--enabled: &quot;%1&quot; is not true or false</source>
        <translation>--enabled: &quot;%1&quot; is not true or false</translation>
    </message>
    <message>
        <source>%1: %2, every %3</source>
        <translation>%1: %2, every %3</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>enabled</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <source>usage: bottega job list | job run NAME | job set NAME --interval SECONDS | --enabled true|false</source>
        <translation>usage: bottega job list | job run NAME | job set NAME --interval SECONDS | --enabled true|false</translation>
    </message>
    <message>
        <source>enter the value of %1 (not shown), then press Enter:</source>
        <translation>enter the value of %1 (not shown), then press Enter:</translation>
    </message>
    <message>
        <source>secret values are read from standard input, never from the command line: echo -n VALUE | bottega secret set %1</source>
        <translation>secret values are read from standard input, never from the command line: echo -n VALUE | bottega secret set %1</translation>
    </message>
    <message>
        <source>no value for %1 on standard input</source>
        <translation>no value for %1 on standard input</translation>
    </message>
    <message>
        <source>cannot store %1: %2</source>
        <translation>cannot store %1: %2</translation>
    </message>
    <message>
        <source>%1 stored</source>
        <translation>%1 stored</translation>
    </message>
    <message>
        <source>usage: bottega secret set NAME (value on standard input) | secret status</source>
        <translation>usage: bottega secret set NAME (value on standard input) | secret status</translation>
    </message>
    <message>
        <source>usage: bottega serve [--listen HOST:PORT]</source>
        <translation>usage: bottega serve [--listen HOST:PORT]</translation>
    </message>
    <message>
        <source>Listening on http://%1</source>
        <translation>Listening on http://%1</translation>
    </message>
    <message>
        <source>Stopping: waiting for running jobs</source>
        <translation>Stopping: waiting for running jobs</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an id</source>
        <translation>%1: &quot;%2&quot; is not an id</translation>
    </message>
    <message>
        <source>Product %1: %2</source>
        <translation>Product %1: %2</translation>
    </message>
    <message>
        <source>Template: %1</source>
        <translation>Template: %1</translation>
    </message>
    <message>
        <source>Price: %1  Quantity: %2  Published: %3  Needs update: %4</source>
        <translation>Price: %1  Quantity: %2  Published: %3  Needs update: %4</translation>
    </message>
    <message>
        <source>Placements: %1</source>
        <translation>Placements: %1</translation>
    </message>
    <message>
        <source>VARIANT</source>
        <translation>VARIANT</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>OPTIONS</source>
        <translation>OPTIONS</translation>
    </message>
    <message>
        <source>PRODUCT UID</source>
        <translation>PRODUCT UID</translation>
    </message>
    <message>
        <source>PRINT IMAGES</source>
        <translation>PRINT IMAGES</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>complete</translation>
    </message>
    <message>
        <source>missing: %1</source>
        <translation>missing: %1</translation>
    </message>
    <message>
        <source>Print image %1 (%2): %3</source>
        <translation>Print image %1 (%2): %3</translation>
    </message>
    <message>
        <source>variant %1</source>
        <translation>variant %1</translation>
    </message>
    <message>
        <source>default</source>
        <translation>default</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>TEMPLATE</source>
        <translation>TEMPLATE</translation>
    </message>
    <message>
        <source>VARIANTS</source>
        <translation>VARIANTS</translation>
    </message>
    <message>
        <source>PUBLISHED</source>
        <translation>PUBLISHED</translation>
    </message>
    <message>
        <source>NEEDS UPDATE</source>
        <translation>NEEDS UPDATE</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>missing</translation>
    </message>
    <message>
        <source>product %1, variant %2: %3 = %4</source>
        <translation>product %1, variant %2: %3 = %4</translation>
    </message>
    <message>
        <source>product %1: %2 = %3</source>
        <translation>product %1: %2 = %3</translation>
    </message>
    <message>
        <source>product %1: print image &quot;%2&quot; (%3) set from %4</source>
        <translation>product %1: print image &quot;%2&quot; (%3) set from %4</translation>
    </message>
    <message>
        <source>Print images complete.</source>
        <translation>Print images complete.</translation>
    </message>
    <message>
        <source>Print images still missing.</source>
        <translation>Print images still missing.</translation>
    </message>
    <message>
        <source>row %1: %2</source>
        <translation>row %1: %2</translation>
    </message>
    <message>
        <source>row %1: variant %2 (%3): %4 &quot;%5&quot; -&gt; &quot;%6&quot;</source>
        <translation>row %1: variant %2 (%3): %4 &quot;%5&quot; -&gt; &quot;%6&quot;</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) would be made (dry run: nothing written).</source>
        <translation>
            <numerusform>%n change would be made (dry run: nothing written).</numerusform>
            <numerusform>%n changes would be made (dry run: nothing written).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) applied.</source>
        <translation>
            <numerusform>%n change applied.</numerusform>
            <numerusform>%n changes applied.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n row(s) with errors, nothing changed</source>
        <translation>
            <numerusform>%1: %n row with errors, nothing changed</numerusform>
            <numerusform>%1: %n rows with errors, nothing changed</numerusform>
        </translation>
    </message>
    <message>
        <source>Products exported to %1</source>
        <translation>Products exported to %1</translation>
    </message>
    <message>
        <source>usage: bottega product list | show ID | set ID FIELD VALUE [--variant VID] | set-print-image ID PLACEMENT URL_OR_FILE [--variant VID] | import-csv FILE [--dry-run] | export-csv FILE | sync-template TEMPLATE_ID [--product ID]</source>
        <translation>usage: bottega product list | show ID | set ID FIELD VALUE [--variant VID] | set-print-image ID PLACEMENT URL_OR_FILE [--variant VID] | import-csv FILE [--dry-run] | export-csv FILE | sync-template TEMPLATE_ID [--product ID]</translation>
    </message>
    <message>
        <source>usage: bottega product sync-template TEMPLATE_ID [--product ID]</source>
        <translation>usage: bottega product sync-template TEMPLATE_ID [--product ID]</translation>
    </message>
    <message>
        <source>--product: &quot;%1&quot; is not a product id</source>
        <translation>--product: &quot;%1&quot; is not a product id</translation>
    </message>
    <message>
        <source>Synchronized: %1 variants created, %2 updated, %3 removed, %4 archived, %5 values removed</source>
        <translation>Synchronized: %1 variants created, %2 updated, %3 removed, %4 archived, %5 values removed</translation>
    </message>
    <message>
        <source>Already up to date: nothing changed</source>
        <translation>Already up to date: nothing changed</translation>
    </message>
    <message>
        <source>usage: bottega test-connection gelato|poleepo</source>
        <translation>usage: bottega test-connection gelato|poleepo</translation>
    </message>
    <message>
        <source>Gelato: connection ok, the API key is accepted</source>
        <translation>Gelato: connection ok, the API key is accepted</translation>
    </message>
    <message>
        <source>usage: bottega webhook list [--state S] [--source S] [--limit N] | show ID | retry ID...|--failed | process | cleanup | add-record NAME --events STATUS_ORDER,STATUS_SHIPMENT | records</source>
        <translation>usage: bottega webhook list [--state S] [--source S] [--limit N] | show ID | retry ID...|--failed | process | cleanup | add-record NAME --events STATUS_ORDER,STATUS_SHIPMENT | records</translation>
    </message>
    <message>
        <source>--state: &quot;%1&quot; is not Pending, Processing, Done, Failed or Ignored</source>
        <translation>--state: &quot;%1&quot; is not Pending, Processing, Done, Failed or Ignored</translation>
    </message>
    <message>
        <source>--limit: &quot;%1&quot; is not a positive number</source>
        <translation>--limit: &quot;%1&quot; is not a positive number</translation>
    </message>
    <message>
        <source>SOURCE</source>
        <translation>SOURCE</translation>
    </message>
    <message>
        <source>EVENT</source>
        <translation>EVENT</translation>
    </message>
    <message>
        <source>EVENT ID</source>
        <translation>EVENT ID</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>STATE</translation>
    </message>
    <message>
        <source>ATTEMPTS</source>
        <translation>ATTEMPTS</translation>
    </message>
    <message>
        <source>RECEIVED</source>
        <translation>RECEIVED</translation>
    </message>
    <message>
        <source>NOTE</source>
        <translation>NOTE</translation>
    </message>
    <message>
        <source>webhook show: &quot;%1&quot; is not a webhook id</source>
        <translation>webhook show: &quot;%1&quot; is not a webhook id</translation>
    </message>
    <message>
        <source>FIELD</source>
        <translation>FIELD</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>source</source>
        <translation>source</translation>
    </message>
    <message>
        <source>event</source>
        <translation>event</translation>
    </message>
    <message>
        <source>event id</source>
        <translation>event id</translation>
    </message>
    <message>
        <source>state</source>
        <translation>state</translation>
    </message>
    <message>
        <source>attempts</source>
        <translation>attempts</translation>
    </message>
    <message>
        <source>received</source>
        <translation>received</translation>
    </message>
    <message>
        <source>processed</source>
        <translation>processed</translation>
    </message>
    <message>
        <source>last error</source>
        <translation>last error</translation>
    </message>
    <message>
        <source>note</source>
        <translation>note</translation>
    </message>
    <message>
        <source>webhook retry: &quot;%1&quot; is not a webhook id</source>
        <translation>webhook retry: &quot;%1&quot; is not a webhook id</translation>
    </message>
    <message numerus="yes">
        <source>%n webhooks back in the queue</source>
        <translation>
            <numerusform>%n webhook back in the queue</numerusform>
            <numerusform>%n webhooks back in the queue</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 done, %2 ignored, %3 to retry, %4 failed</source>
        <translation>%1 done, %2 ignored, %3 to retry, %4 failed</translation>
    </message>
    <message numerus="yes">
        <source>%n processed webhooks older than %1 days removed</source>
        <translation>
            <numerusform>%n processed webhook older than %1 days removed</numerusform>
            <numerusform>%n processed webhooks older than %1 days removed</numerusform>
        </translation>
    </message>
    <message>
        <source>webhook add-record: &quot;%1&quot; is not a valid name (letters, digits, &apos;-&apos; or &apos;_&apos;, no spaces)</source>
        <translation>webhook add-record: &quot;%1&quot; is not a valid name (letters, digits, &apos;-&apos; or &apos;_&apos;, no spaces)</translation>
    </message>
    <message>
        <source>webhook add-record needs --events STATUS_ORDER,STATUS_SHIPMENT</source>
        <translation>webhook add-record needs --events STATUS_ORDER,STATUS_SHIPMENT</translation>
    </message>
    <message>
        <source>--events: &quot;%1&quot; is not STATUS_ORDER or STATUS_SHIPMENT</source>
        <translation>--events: &quot;%1&quot; is not STATUS_ORDER or STATUS_SHIPMENT</translation>
    </message>
    <message>
        <source>%1: %2 (secret: %3)</source>
        <translation>%1: %2 (secret: %3)</translation>
    </message>
    <message>
        <source>EVENTS</source>
        <translation>EVENTS</translation>
    </message>
    <message>
        <source>ACTIVE</source>
        <translation>ACTIVE</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an order id</source>
        <translation>%1: &quot;%2&quot; is not an order id</translation>
    </message>
    <message>
        <source>--status: unknown state &quot;%1&quot; (one of: %2)</source>
        <translation>--status: unknown state &quot;%1&quot; (one of: %2)</translation>
    </message>
    <message>
        <source>order create: cannot read %1: %2</source>
        <translation>order create: cannot read %1: %2</translation>
    </message>
    <message>
        <source>order create: %1: %2</source>
        <translation>order create: %1: %2</translation>
    </message>
    <message>
        <source>Order %1 created: %2</source>
        <translation>Order %1 created: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) would be created: %1</source>
        <translation>
            <numerusform>%n order would be created: %1</numerusform>
            <numerusform>%n orders would be created: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) created: %1</source>
        <translation>
            <numerusform>%n order created: %1</numerusform>
            <numerusform>%n orders created: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>nothing imported: %n row error(s)</source>
        <translation>
            <numerusform>nothing imported: %n row error</numerusform>
            <numerusform>nothing imported: %n row errors</numerusform>
        </translation>
    </message>
    <message>
        <source>Sent to Gelato as a draft</source>
        <translation>Sent to Gelato as a draft</translation>
    </message>
    <message>
        <source>Sent to Gelato</source>
        <translation>Sent to Gelato</translation>
    </message>
    <message>
        <source>Cancelled at Gelato</source>
        <translation>Cancelled at Gelato</translation>
    </message>
    <message>
        <source>Refreshed from Gelato</source>
        <translation>Refreshed from Gelato</translation>
    </message>
    <message>
        <source>%1: connection ok</source>
        <translation>%1: connection ok</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>STATUS</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>TOTAL</translation>
    </message>
    <message>
        <source>PROCESSED</source>
        <translation>PROCESSED</translation>
    </message>
    <message>
        <source>SUBMITTED</source>
        <translation>SUBMITTED</translation>
    </message>
    <message>
        <source>ERROR</source>
        <translation>ERROR</translation>
    </message>
    <message>
        <source>batch show: &quot;%1&quot; is not a batch id</source>
        <translation>batch show: &quot;%1&quot; is not a batch id</translation>
    </message>
    <message>
        <source>Batch %1 (%2): %3, %4 of %5 processed, submitted %6</source>
        <translation>Batch %1 (%2): %3, %4 of %5 processed, submitted %6</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <source>POLEEPO ID</source>
        <translation>POLEEPO ID</translation>
    </message>
    <message>
        <source>MESSAGE</source>
        <translation>MESSAGE</translation>
    </message>
    <message>
        <source>parent</source>
        <translation>parent</translation>
    </message>
    <message>
        <source>usage: bottega batch generate | poll | list | show ID | resubmit ID</source>
        <translation>usage: bottega batch generate | poll | list | show ID | resubmit ID</translation>
    </message>
    <message>
        <source>left out: %1 (%2)</source>
        <translation>left out: %1 (%2)</translation>
    </message>
    <message>
        <source>%1 batches submitted, %2 entries</source>
        <translation>%1 batches submitted, %2 entries</translation>
    </message>
    <message>
        <source>%1 batches asked, %2 finished, %3 waiting for Poleepo&apos;s limit</source>
        <translation>%1 batches asked, %2 finished, %3 waiting for Poleepo&apos;s limit</translation>
    </message>
    <message>
        <source>batch resubmit: &quot;%1&quot; is not a batch id</source>
        <translation>batch resubmit: &quot;%1&quot; is not a batch id</translation>
    </message>
    <message>
        <source>the failed items of batch %1 were sent again in batch %2</source>
        <translation>the failed items of batch %1 were sent again in batch %2</translation>
    </message>
    <message>
        <source>published: &quot;%1&quot; is not true or false</source>
        <translation>published: &quot;%1&quot; is not true or false</translation>
    </message>
    <message>
        <source>variant %1 is not a variant of product %2</source>
        <translation>variant %1 is not a variant of product %2</translation>
    </message>
    <message>
        <source>usage: bottega log list [--service S] [--status-class 2xx|4xx|5xx|failed] [--since T] [--limit N] | cleanup</source>
        <translation>usage: bottega log list [--service S] [--status-class 2xx|4xx|5xx|failed] [--since T] [--limit N] | cleanup</translation>
    </message>
    <message>
        <source>--service: &quot;%1&quot; is not gelato, poleepo, webhook, files or server</source>
        <translation>--service: &quot;%1&quot; is not gelato, poleepo, webhook, files or server</translation>
    </message>
    <message>
        <source>--status-class: &quot;%1&quot; is not 2xx, 4xx, 5xx or failed</source>
        <translation>--status-class: &quot;%1&quot; is not 2xx, 4xx, 5xx or failed</translation>
    </message>
    <message>
        <source>--since: &quot;%1&quot; is not a time (2026-12-01, 2026-12-01T08:00, or 30m, 24h, 7d ago)</source>
        <translation>--since: &quot;%1&quot; is not a time (2026-12-01, 2026-12-01T08:00, or 30m, 24h, 7d ago)</translation>
    </message>
    <message>
        <source>No API log calls match.</source>
        <translation>No API log calls match.</translation>
    </message>
    <message>
        <source>TIME</source>
        <translation>TIME</translation>
    </message>
    <message>
        <source>DIRECTION</source>
        <translation>DIRECTION</translation>
    </message>
    <message>
        <source>SERVICE</source>
        <translation>SERVICE</translation>
    </message>
    <message>
        <source>METHOD</source>
        <translation>METHOD</translation>
    </message>
    <message>
        <source>ENDPOINT</source>
        <translation>ENDPOINT</translation>
    </message>
    <message>
        <source>MS</source>
        <translation>MS</translation>
    </message>
    <message>
        <source>%n API log calls older than %1 days removed</source>
        <translation>%n API log calls older than %1 days removed</translation>
    </message>
    <message>
        <source>log cleanup does not take --%1</source>
        <translation>log cleanup does not take --%1</translation>
    </message>
    <message>
        <source>usage: bottega order create FILE.json | import-csv FILE [--dry-run] | list [--status S] | show ID | quote ID | confirm ID [--shipping standard|express|UID] [--draft] | cancel ID | refresh ID | delivered-to-shop ID | ship ID --carrier C --pickup P --package-type T | handed-over ID</source>
        <translation>usage: bottega order create FILE.json | import-csv FILE [--dry-run] | list [--status S] | show ID | quote ID | confirm ID [--shipping standard|express|UID] [--draft] | cancel ID | refresh ID | delivered-to-shop ID | ship ID --carrier C --pickup P --package-type T | handed-over ID</translation>
    </message>
    <message>
        <source>No variants: a product without variants cannot be published on Poleepo; synchronize it with its Gelato template first.</source>
        <translation>No variants: a product without variants cannot be published on Poleepo; synchronize it with its Gelato template first.</translation>
    </message>
    <message>
        <source>Poleepo shipping %1: %2, tracking %3</source>
        <translation>Poleepo shipping %1: %2, tracking %3</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>Label: %1</source>
        <translation>Label: %1</translation>
    </message>
    <message>
        <source>--package-type: no package type &quot;%1&quot; (known: %2)</source>
        <translation>--package-type: no package type &quot;%1&quot; (known: %2)</translation>
    </message>
    <message>
        <source>none; add them in Settings</source>
        <translation>none; add them in Settings</translation>
    </message>
    <message>
        <source>Every product of order %1 is delivered to the shop</source>
        <translation>Every product of order %1 is delivered to the shop</translation>
    </message>
    <message>
        <source>Order %1 was already delivered to the shop</source>
        <translation>Order %1 was already delivered to the shop</translation>
    </message>
    <message>
        <source>Poleepo knows the parcel is with the carrier</source>
        <translation>Poleepo knows the parcel is with the carrier</translation>
    </message>
    <message>
        <source>usage: bottega order ship ID --carrier C --pickup P --package-type T[,T…]</source>
        <translation>usage: bottega order ship ID --carrier C --pickup P --package-type T[,T…]</translation>
    </message>
    <message>
        <source>Shipped with Poleepo; the label is stored</source>
        <translation>Shipped with Poleepo; the label is stored</translation>
    </message>
    <message numerus="yes">
        <source>%n package type(s) added from Poleepo</source>
        <translation>
            <numerusform>%n package type added from Poleepo</numerusform>
            <numerusform>%n package types added from Poleepo</numerusform>
        </translation>
    </message>
    <message>
        <source>usage: bottega package-type list | import</source>
        <translation>usage: bottega package-type list | import</translation>
    </message>
    <message>
        <source>%1  %2: %3 kg, %4 x %5 x %6 cm, Poleepo %7%8</source>
        <translation>%1  %2: %3 kg, %4 x %5 x %6 cm, Poleepo %7%8</translation>
    </message>
    <message>
        <source> (not usable: %1)</source>
        <translation> (not usable: %1)</translation>
    </message>
</context>
<context>
    <name>Bottega::Commands::StatusWalk</name>
    <message>
        <source>SECRET</source>
        <translation>SECRET</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>STATE</translation>
    </message>
    <message>
        <source>SOURCE</source>
        <translation>SOURCE</translation>
    </message>
    <message>
        <source>set</source>
        <translation>set</translation>
    </message>
    <message>
        <source>unknown: %1</source>
        <translation>unknown: %1</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>not set</translation>
    </message>
</context>
<context>
    <name>Bottega::CompanyMatch</name>
    <message>
        <source>company name: settings say &quot;%1&quot;, Gelato bills &quot;%2&quot;</source>
        <translation>company name: settings say &quot;%1&quot;, Gelato bills &quot;%2&quot;</translation>
    </message>
    <message>
        <source>billing address: settings say &quot;%1&quot;, Gelato bills &quot;%2&quot;</source>
        <translation>billing address: settings say &quot;%1&quot;, Gelato bills &quot;%2&quot;</translation>
    </message>
    <message>
        <source>the company in settings matches the billing entity Gelato reports</source>
        <translation>the company in settings matches the billing entity Gelato reports</translation>
    </message>
    <message>
        <source>the company in settings does not match Gelato&apos;s billing entity (Gelato refuses orders otherwise): %1</source>
        <translation>the company in settings does not match Gelato&apos;s billing entity (Gelato refuses orders otherwise): %1</translation>
    </message>
</context>
<context>
    <name>Bottega::ConnectionTest</name>
    <message>
        <source>Gelato is not set up in this program</source>
        <translation>Gelato is not set up in this program</translation>
    </message>
    <message>
        <source>Poleepo is not set up in this program</source>
        <translation>Poleepo is not set up in this program</translation>
    </message>
</context>
<context>
    <name>Bottega::ContentSniffer</name>
    <message>
        <source>an empty file</source>
        <translation>an empty file</translation>
    </message>
    <message>
        <source>XML with a &lt;%1&gt; root</source>
        <translation>XML with a &lt;%1&gt; root</translation>
    </message>
    <message>
        <source>a GIF image</source>
        <translation>a GIF image</translation>
    </message>
    <message>
        <source>a BMP image</source>
        <translation>a BMP image</translation>
    </message>
    <message>
        <source>a WebP image</source>
        <translation>a WebP image</translation>
    </message>
    <message>
        <source>a ZIP archive</source>
        <translation>a ZIP archive</translation>
    </message>
    <message>
        <source>text</source>
        <translation>text</translation>
    </message>
    <message>
        <source>an unknown binary type</source>
        <translation>an unknown binary type</translation>
    </message>
    <message>
        <source>cannot read &quot;%1&quot;: %2</source>
        <translation>cannot read &quot;%1&quot;: %2</translation>
    </message>
</context>
<context>
    <name>Bottega::CopyableValue</name>
    <message>
        <source>Copied</source>
        <translation>Copied</translation>
    </message>
    <message>
        <source>Copy to the clipboard</source>
        <translation>Copy to the clipboard</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
</context>
<context>
    <name>Bottega::CountryBox</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Type or choose a country</source>
        <translation>Type or choose a country</translation>
    </message>
</context>
<context>
    <name>Bottega::CredentialsDirectorySecretStore</name>
    <message>
        <source>cannot read credential file %1: it is not a regular file</source>
        <translation>cannot read credential file %1: it is not a regular file</translation>
    </message>
    <message>
        <source>credential file %1 is larger than %2 bytes</source>
        <translation>credential file %1 is larger than %2 bytes</translation>
    </message>
    <message>
        <source>cannot read credential file %1: %2</source>
        <translation>cannot read credential file %1: %2</translation>
    </message>
    <message>
        <source>%1: the credentials directory is read-only; it is provided by the service manager (LoadCredential=)</source>
        <translation>%1: the credentials directory is read-only; it is provided by the service manager (LoadCredential=)</translation>
    </message>
</context>
<context>
    <name>Bottega::CsvFormat</name>
    <message>
        <source>CSV row %1: a quoted field is never closed</source>
        <translation>CSV row %1: a quoted field is never closed</translation>
    </message>
</context>
<context>
    <name>Bottega::DashboardPage</name>
    <message>
        <source>Orders by state</source>
        <translation>Orders by state</translation>
    </message>
    <message>
        <source>Webhook calls by state, last %1 days</source>
        <translation>Webhook calls by state, last %1 days</translation>
    </message>
    <message>
        <source>Product batches by state</source>
        <translation>Product batches by state</translation>
    </message>
    <message>
        <source>API errors by service, last %1 days</source>
        <translation>API errors by service, last %1 days</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Counts at a glance; click a bar or a number to open the list behind it.</source>
        <translation>Counts at a glance; click a bar or a number to open the list behind it.</translation>
    </message>
    <message numerus="yes">
        <source>order(s) in all</source>
        <translation>
            <numerusform>order in all</numerusform>
            <numerusform>orders in all</numerusform>
        </translation>
    </message>
    <message>
        <source>Opens the list of orders</source>
        <translation>Opens the list of orders</translation>
    </message>
    <message>
        <source>No orders yet.</source>
        <translation>No orders yet.</translation>
    </message>
    <message numerus="yes">
        <source>call(s) received in the last %1 days, %2 failed</source>
        <translation>
            <numerusform>call received in the last %1 days, %2 failed</numerusform>
            <numerusform>calls received in the last %1 days, %2 failed</numerusform>
        </translation>
    </message>
    <message>
        <source>Opens the webhook queue</source>
        <translation>Opens the webhook queue</translation>
    </message>
    <message>
        <source>No webhook calls received in the last %1 days.</source>
        <translation>No webhook calls received in the last %1 days.</translation>
    </message>
    <message numerus="yes">
        <source>batch(es), %1 with failed items to resubmit</source>
        <translation>
            <numerusform>batch, %1 with failed items to resubmit</numerusform>
            <numerusform>batches, %1 with failed items to resubmit</numerusform>
        </translation>
    </message>
    <message>
        <source>Opens the list of batches</source>
        <translation>Opens the list of batches</translation>
    </message>
    <message>
        <source>No product batches yet: they appear here once products are published to Poleepo.</source>
        <translation>No product batches yet: they appear here once products are published to Poleepo.</translation>
    </message>
    <message numerus="yes">
        <source>call(s) that failed or were answered with an error in the last %1 days</source>
        <translation>
            <numerusform>call that failed or was answered with an error in the last %1 days</numerusform>
            <numerusform>calls that failed or were answered with an error in the last %1 days</numerusform>
        </translation>
    </message>
    <message>
        <source>Opens the API log with these calls</source>
        <translation>Opens the API log with these calls</translation>
    </message>
    <message>
        <source>No API errors in the last %1 days.</source>
        <translation>No API errors in the last %1 days.</translation>
    </message>
    <message>
        <source>No database: the dashboard is unavailable.</source>
        <translation>No database: the dashboard is unavailable.</translation>
    </message>
    <message>
        <source>Unavailable without a database.</source>
        <translation>Unavailable without a database.</translation>
    </message>
</context>
<context>
    <name>Bottega::DashboardQueries</name>
    <message>
        <source>cannot count the orders by state</source>
        <translation>cannot count the orders by state</translation>
    </message>
    <message>
        <source>cannot count the batches by state</source>
        <translation>cannot count the batches by state</translation>
    </message>
    <message>
        <source>cannot count the webhook calls by day</source>
        <translation>cannot count the webhook calls by day</translation>
    </message>
    <message>
        <source>cannot count the API errors by day</source>
        <translation>cannot count the API errors by day</translation>
    </message>
    <message>
        <source>cannot read what changed for the dashboard</source>
        <translation>cannot read what changed for the dashboard</translation>
    </message>
</context>
<context>
    <name>Bottega::Database</name>
    <message>
        <source>cannot read the database file %1: it is a directory</source>
        <translation>cannot read the database file %1: it is a directory</translation>
    </message>
    <message>
        <source>cannot read the database file %1: %2</source>
        <translation>cannot read the database file %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a Bottega database (not SQLite)</source>
        <translation>%1 is not a Bottega database (not SQLite)</translation>
    </message>
    <message>
        <source>database: no SQLite file given</source>
        <translation>database: no SQLite file given</translation>
    </message>
    <message>
        <source>cannot create the directory %1 for the database</source>
        <translation>cannot create the directory %1 for the database</translation>
    </message>
    <message>
        <source>cannot open the database %1: %2</source>
        <translation>cannot open the database %1: %2</translation>
    </message>
    <message>
        <source>cannot open the database %1: WAL journal mode refused (%2)</source>
        <translation>cannot open the database %1: WAL journal mode refused (%2)</translation>
    </message>
    <message>
        <source>the database %1 has schema version %2, newer than this Bottega (%3); use a newer Bottega</source>
        <translation>the database %1 has schema version %2, newer than this Bottega (%3); use a newer Bottega</translation>
    </message>
    <message>
        <source>cannot lock %1 for migration</source>
        <translation>cannot lock %1 for migration</translation>
    </message>
    <message>
        <source>cannot create schema_migrations in %1</source>
        <translation>cannot create schema_migrations in %1</translation>
    </message>
    <message>
        <source>cannot read schema_migrations</source>
        <translation>cannot read schema_migrations</translation>
    </message>
    <message>
        <source>statement failed: %1
%2</source>
        <translation>statement failed: %1
%2</translation>
    </message>
    <message>
        <source>cannot record the migration</source>
        <translation>cannot record the migration</translation>
    </message>
    <message>
        <source>cannot migrate the database %1 to schema version %2 (%3): %4</source>
        <translation>cannot migrate the database %1 to schema version %2 (%3): %4</translation>
    </message>
    <message>
        <source>cannot start a transaction on %1</source>
        <translation>cannot start a transaction on %1</translation>
    </message>
    <message>
        <source>cannot commit on %1</source>
        <translation>cannot commit on %1</translation>
    </message>
    <message>
        <source>cannot make the commits on %1 wait for the disk</source>
        <translation>cannot make the commits on %1 wait for the disk</translation>
    </message>
</context>
<context>
    <name>Bottega::DatabaseLocation</name>
    <message>
        <source>database: no data directory for the default database</source>
        <translation>database: no data directory for the default database</translation>
    </message>
    <message>
        <source>database URL %1 is not valid: %2</source>
        <translation>database URL %1 is not valid: %2</translation>
    </message>
    <message>
        <source>no host in %1</source>
        <translation>no host in %1</translation>
    </message>
    <message>
        <source>no database name in %1</source>
        <translation>no database name in %1</translation>
    </message>
    <message>
        <source>database name &quot;%1&quot; in %2 contains &apos;/&apos;</source>
        <translation>database name &quot;%1&quot; in %2 contains &apos;/&apos;</translation>
    </message>
    <message>
        <source>port %1 in %2 is out of range</source>
        <translation>port %1 in %2 is out of range</translation>
    </message>
</context>
<context>
    <name>Bottega::DescriptionEdit</name>
    <message>
        <source>Formatted</source>
        <translation>Formatted</translation>
    </message>
    <message>
        <source>Edit (HTML or text)</source>
        <translation>Edit (HTML or text)</translation>
    </message>
</context>
<context>
    <name>Bottega::DisplayFormat</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>Manual only</source>
        <translation>Manual only</translation>
    </message>
    <message numerus="yes">
        <source>Every %n day(s)</source>
        <translation>
            <numerusform>Every %n day</numerusform>
            <numerusform>Every %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every %n hour(s)</source>
        <translation>
            <numerusform>Every %n hour</numerusform>
            <numerusform>Every %n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every %n minute(s)</source>
        <translation>
            <numerusform>Every %n minute</numerusform>
            <numerusform>Every %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every %n second(s)</source>
        <translation>
            <numerusform>Every %n second</numerusform>
            <numerusform>Every %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>Default (front)</source>
        <translation>Default (front)</translation>
    </message>
</context>
<context>
    <name>Bottega::EnvironmentSecretStore</name>
    <message>
        <source>%1: environment variables are read-only; set %2 where Bottega is started</source>
        <translation>%1: environment variables are read-only; set %2 where Bottega is started</translation>
    </message>
</context>
<context>
    <name>Bottega::FileStore</name>
    <message>
        <source>cannot create the folder %1</source>
        <translation>cannot create the folder %1</translation>
    </message>
    <message>
        <source>cannot create %1: %2</source>
        <translation>cannot create %1: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>cannot write %1: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>cannot read %1: %2</translation>
    </message>
    <message>
        <source>%1 is damaged: %2 bytes instead of %3; remove it to make a new key (links already given out stop working)</source>
        <translation>%1 is damaged: %2 bytes instead of %3; remove it to make a new key (links already given out stop working)</translation>
    </message>
    <message>
        <source>this link is not valid or has expired</source>
        <translation>this link is not valid or has expired</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>no such file</translation>
    </message>
</context>
<context>
    <name>Bottega::FulfilmentRepository</name>
    <message>
        <source>cannot read order %1</source>
        <translation>cannot read order %1</translation>
    </message>
    <message>
        <source>no order with id %1</source>
        <translation>no order with id %1</translation>
    </message>
    <message>
        <source>cannot save what to do with order %1</source>
        <translation>cannot save what to do with order %1</translation>
    </message>
    <message>
        <source>cannot list the orders ready to send</source>
        <translation>cannot list the orders ready to send</translation>
    </message>
    <message>
        <source>cannot list the tracking codes to pass to Poleepo</source>
        <translation>cannot list the tracking codes to pass to Poleepo</translation>
    </message>
    <message>
        <source>cannot record the tracking %1 passed to Poleepo</source>
        <translation>cannot record the tracking %1 passed to Poleepo</translation>
    </message>
    <message>
        <source>cannot read the tracking passed to Poleepo for order %1</source>
        <translation>cannot read the tracking passed to Poleepo for order %1</translation>
    </message>
    <message>
        <source>cannot read the cursor %1</source>
        <translation>cannot read the cursor %1</translation>
    </message>
    <message>
        <source>cannot save the cursor %1</source>
        <translation>cannot save the cursor %1</translation>
    </message>
</context>
<context>
    <name>Bottega::GelatoClient</name>
    <message>
        <source>Gelato refused the API key</source>
        <translation>Gelato refused the API key</translation>
    </message>
    <message>
        <source>cannot read the Gelato API key: %1</source>
        <translation>cannot read the Gelato API key: %1</translation>
    </message>
    <message>
        <source>the Gelato API key is not set: Settings → Gelato, or `bottega secret set gelato.api-key`</source>
        <translation>the Gelato API key is not set: Settings → Gelato, or `bottega secret set gelato.api-key`</translation>
    </message>
    <message>
        <source>Gelato has no template &quot;%1&quot;</source>
        <translation>Gelato has no template &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Gelato has no catalog &quot;%1&quot;</source>
        <translation>Gelato has no catalog &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Gelato has no product &quot;%1&quot;</source>
        <translation>Gelato has no product &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot reach Gelato: %1</source>
        <translation>cannot reach Gelato: %1</translation>
    </message>
    <message>
        <source>Gelato has no order &quot;%1&quot;</source>
        <translation>Gelato has no order &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Gelato refused the order: %1</source>
        <translation>Gelato refused the order: %1</translation>
    </message>
    <message>
        <source>the order is already in production and can no longer be cancelled</source>
        <translation>the order is already in production and can no longer be cancelled</translation>
    </message>
</context>
<context>
    <name>Bottega::GelatoOrderFlow</name>
    <message>
        <source>%1: is being sent to Gelato already</source>
        <translation>%1: is being sent to Gelato already</translation>
    </message>
    <message>
        <source>%1: someone else is sending it to Gelato already</source>
        <translation>%1: someone else is sending it to Gelato already</translation>
    </message>
    <message>
        <source>%1: is being sent to Gelato by another Bottega; if that one stopped, confirm again after %2</source>
        <translation>%1: is being sent to Gelato by another Bottega; if that one stopped, confirm again after %2</translation>
    </message>
    <message>
        <source>%1: %2; confirm again to finish sending</source>
        <translation>%1: %2; confirm again to finish sending</translation>
    </message>
    <message>
        <source>cannot ask Gelato whether an earlier attempt reached it: %1</source>
        <translation>cannot ask Gelato whether an earlier attempt reached it: %1</translation>
    </message>
    <message>
        <source>%1: %2 (whether Gelato has the order is unknown: %3); confirm again to finish sending</source>
        <translation>%1: %2 (whether Gelato has the order is unknown: %3); confirm again to finish sending</translation>
    </message>
    <message>
        <source>%1: Gelato order %2 exists but could not be saved here: %3</source>
        <translation>%1: Gelato order %2 exists but could not be saved here: %3</translation>
    </message>
    <message>
        <source>%1: cannot save Gelato&apos;s draft %2 (%3), nor delete it: %4</source>
        <translation>%1: cannot save Gelato&apos;s draft %2 (%3), nor delete it: %4</translation>
    </message>
    <message>
        <source>%1: Gelato draft %2 is saved but not confirmed yet: %3; confirm again to finish sending</source>
        <translation>%1: Gelato draft %2 is saved but not confirmed yet: %3; confirm again to finish sending</translation>
    </message>
    <message>
        <source>%1: is not a Gelato draft (state: %2)</source>
        <translation>%1: is not a Gelato draft (state: %2)</translation>
    </message>
    <message>
        <source>%1: cannot be cancelled in state %2</source>
        <translation>%1: cannot be cancelled in state %2</translation>
    </message>
    <message>
        <source>%1: has not reached Gelato yet; nothing to refresh</source>
        <translation>%1: has not reached Gelato yet; nothing to refresh</translation>
    </message>
    <message>
        <source>%1: connected order %2: %3</source>
        <translation>%1: connected order %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n orders refreshed from Gelato; not refreshed: %1</source>
        <translation>
            <numerusform>%n order refreshed from Gelato; not refreshed: %1</numerusform>
            <numerusform>%n orders refreshed from Gelato; not refreshed: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the order is already cancelled</source>
        <translation>%1: the order is already cancelled</translation>
    </message>
</context>
<context>
    <name>Bottega::GelatoParsers</name>
    <message>
        <source>%1: %2 is not an object</source>
        <translation>%1: %2 is not an object</translation>
    </message>
    <message>
        <source>%1: %2 is missing</source>
        <translation>%1: %2 is missing</translation>
    </message>
    <message>
        <source>%1: %2 is not text</source>
        <translation>%1: %2 is not text</translation>
    </message>
    <message>
        <source>%1: %2 is not a number</source>
        <translation>%1: %2 is not a number</translation>
    </message>
    <message>
        <source>%1: %2 is not a list</source>
        <translation>%1: %2 is not a list</translation>
    </message>
    <message>
        <source>%1: %2 is not true or false</source>
        <translation>%1: %2 is not true or false</translation>
    </message>
    <message>
        <source>%1: the answer is not JSON (%2 at byte %3)</source>
        <translation>%1: the answer is not JSON (%2 at byte %3)</translation>
    </message>
    <message>
        <source>%1: the answer is not a JSON object</source>
        <translation>%1: the answer is not a JSON object</translation>
    </message>
    <message>
        <source>%1: the answer is not what Gelato documents</source>
        <translation>%1: the answer is not what Gelato documents</translation>
    </message>
    <message>
        <source>Gelato product</source>
        <translation>Gelato product</translation>
    </message>
    <message>
        <source>Gelato product search</source>
        <translation>Gelato product search</translation>
    </message>
    <message>
        <source>Gelato prices</source>
        <translation>Gelato prices</translation>
    </message>
    <message>
        <source>Gelato stock availability</source>
        <translation>Gelato stock availability</translation>
    </message>
    <message>
        <source>Gelato shipment methods</source>
        <translation>Gelato shipment methods</translation>
    </message>
    <message>
        <source>Gelato template</source>
        <translation>Gelato template</translation>
    </message>
    <message>
        <source>Gelato catalogs</source>
        <translation>Gelato catalogs</translation>
    </message>
    <message>
        <source>%1: the answer is not a list</source>
        <translation>%1: the answer is not a list</translation>
    </message>
    <message>
        <source>%1: [%2] is not an object</source>
        <translation>%1: [%2] is not an object</translation>
    </message>
    <message>
        <source>Gelato catalog</source>
        <translation>Gelato catalog</translation>
    </message>
    <message>
        <source>%1: %2 is not a date</source>
        <translation>%1: %2 is not a date</translation>
    </message>
    <message>
        <source>Gelato order</source>
        <translation>Gelato order</translation>
    </message>
    <message>
        <source>Gelato order search</source>
        <translation>Gelato order search</translation>
    </message>
    <message>
        <source>Gelato quote</source>
        <translation>Gelato quote</translation>
    </message>
    <message>
        <source>Gelato event %1</source>
        <translation>Gelato event %1</translation>
    </message>
    <message>
        <source>%1: %2 is not a whole number from 0 to %3</source>
        <translation>%1: %2 is not a whole number from 0 to %3</translation>
    </message>
</context>
<context>
    <name>Bottega::GelatoStatus</name>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Uploading files</source>
        <translation>Uploading files</translation>
    </message>
    <message>
        <source>Passed checks</source>
        <translation>Passed checks</translation>
    </message>
    <message>
        <source>In production</source>
        <translation>In production</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation>Waiting for approval</translation>
    </message>
    <message>
        <source>Waiting for personalisation</source>
        <translation>Waiting for personalisation</translation>
    </message>
    <message>
        <source>Digitising</source>
        <translation>Digitising</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Not connected</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>On hold</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>In transit</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
</context>
<context>
    <name>Bottega::GelatoWebhookPanel</name>
    <message>
        <source>Gelato webhook</source>
        <translation>Gelato webhook</translation>
    </message>
    <message>
        <source>In Gelato, open Developer → Webhooks → Add webhook and fill in the form with these values.</source>
        <translation>In Gelato, open Developer → Webhooks → Add webhook and fill in the form with these values.</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>Events:</source>
        <translation>Events:</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>Method:</translation>
    </message>
    <message>
        <source>Authorization:</source>
        <translation>Authorization:</translation>
    </message>
    <message>
        <source>Tick &quot;I want to take Authorization to this webhook&quot;.</source>
        <translation>Tick &quot;I want to take Authorization to this webhook&quot;.</translation>
    </message>
    <message>
        <source>Header name:</source>
        <translation>Header name:</translation>
    </message>
    <message>
        <source>Header value:</source>
        <translation>Header value:</translation>
    </message>
    <message>
        <source>Click &quot;Generate Key&quot; in Gelato, then paste that key into Webhook secret above and save. Gelato sends it with every call; Bottega refuses calls without it.</source>
        <translation>Click &quot;Generate Key&quot; in Gelato, then paste that key into Webhook secret above and save. Gelato sends it with every call; Bottega refuses calls without it.</translation>
    </message>
    <message>
        <source>Set a valid public base URL first (for example https://shop.example.com).</source>
        <translation>Set a valid public base URL first (for example https://shop.example.com).</translation>
    </message>
    <message>
        <source>This address is only reachable from this computer. Gelato needs the public address of your server or reverse proxy.</source>
        <translation>This address is only reachable from this computer. Gelato needs the public address of your server or reverse proxy.</translation>
    </message>
</context>
<context>
    <name>Bottega::HttpClient</name>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>%1 (the server sent an HTML page instead of JSON)</source>
        <translation>%1 (the server sent an HTML page instead of JSON)</translation>
    </message>
    <message>
        <source>no answer within %1 s from %2</source>
        <translation>no answer within %1 s from %2</translation>
    </message>
    <message>
        <source>%1 closed the connection before the whole answer arrived (%2 of %3 bytes)</source>
        <translation>%1 closed the connection before the whole answer arrived (%2 of %3 bytes)</translation>
    </message>
    <message>
        <source>%1 closed the connection before the whole answer arrived (%2 bytes)</source>
        <translation>%1 closed the connection before the whole answer arrived (%2 bytes)</translation>
    </message>
    <message>
        <source>cannot connect to %1: %2</source>
        <translation>cannot connect to %1: %2</translation>
    </message>
    <message>
        <source>HTTP %1 %2: the server asks to wait %3 s, longer than the %4 s allowed</source>
        <translation>HTTP %1 %2: the server asks to wait %3 s, longer than the %4 s allowed</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>connection refused</translation>
    </message>
    <message>
        <source>the server closed the connection without an answer</source>
        <translation>the server closed the connection without an answer</translation>
    </message>
    <message>
        <source>host not found</source>
        <translation>host not found</translation>
    </message>
    <message>
        <source>the connection timed out</source>
        <translation>the connection timed out</translation>
    </message>
    <message>
        <source>the TLS handshake failed (%1)</source>
        <translation>the TLS handshake failed (%1)</translation>
    </message>
    <message>
        <source>the network is not available</source>
        <translation>the network is not available</translation>
    </message>
    <message>
        <source>proxy error (%1)</source>
        <translation>proxy error (%1)</translation>
    </message>
</context>
<context>
    <name>Bottega::HttpResponse</name>
    <message>
        <source>the answer is empty, expected JSON</source>
        <translation>the answer is empty, expected JSON</translation>
    </message>
    <message>
        <source>the server sent an HTML page instead of JSON</source>
        <translation>the server sent an HTML page instead of JSON</translation>
    </message>
    <message>
        <source>the answer is not valid JSON (truncated at byte %1)</source>
        <translation>the answer is not valid JSON (truncated at byte %1)</translation>
    </message>
    <message>
        <source>the answer is not valid JSON (%1 at byte %2)</source>
        <translation>the answer is not valid JSON (%1 at byte %2)</translation>
    </message>
</context>
<context>
    <name>Bottega::InMemorySecretStore</name>
    <message>
        <source>%1: the value is empty</source>
        <translation>%1: the value is empty</translation>
    </message>
</context>
<context>
    <name>Bottega::InlineMessage</name>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Bottega::IntervalDialog</name>
    <message>
        <source>Change interval</source>
        <translation>Change interval</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>seconds</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>minutes</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>hours</translation>
    </message>
    <message>
        <source>days</source>
        <translation>days</translation>
    </message>
    <message>
        <source>How often should &quot;%1&quot; run? 0 means only when started by hand.</source>
        <translation>How often should &quot;%1&quot; run? 0 means only when started by hand.</translation>
    </message>
    <message>
        <source>Every:</source>
        <translation>Every:</translation>
    </message>
    <message>
        <source>Minimum: %1</source>
        <translation>Minimum: %1</translation>
    </message>
</context>
<context>
    <name>Bottega::JobRepository</name>
    <message>
        <source>scheduler: cannot %1: %2</source>
        <translation>scheduler: cannot %1: %2</translation>
    </message>
</context>
<context>
    <name>Bottega::JobTableModel</name>
    <message>
        <source>Job name for the command line: %1</source>
        <translation>Job name for the command line: %1</translation>
    </message>
    <message>
        <source>Minimum: %1</source>
        <translation>Minimum: %1</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Never</translation>
    </message>
    <message>
        <source>Running now</source>
        <translation>Running now</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>Not scheduled</source>
        <translation>Not scheduled</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>Running…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Interval</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Last run</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Next run</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>Last result</translation>
    </message>
    <message>
        <source>the scheduler is not running in this window</source>
        <translation>the scheduler is not running in this window</translation>
    </message>
</context>
<context>
    <name>Bottega::KeychainSecretStore</name>
    <message>
        <source>%1: the value is empty</source>
        <translation>%1: the value is empty</translation>
    </message>
    <message>
        <source>no keyring service: there is no D-Bus session bus (on a server, use $CREDENTIALS_DIRECTORY or BOTTEGA_* environment variables)</source>
        <translation>no keyring service: there is no D-Bus session bus (on a server, use $CREDENTIALS_DIRECTORY or BOTTEGA_* environment variables)</translation>
    </message>
    <message>
        <source>the keyring failed: %1</source>
        <translation>the keyring failed: %1</translation>
    </message>
    <message>
        <source>the keyring is locked or access was denied</source>
        <translation>the keyring is locked or access was denied</translation>
    </message>
    <message>
        <source>the keyring could not delete %1: %2</source>
        <translation>the keyring could not delete %1: %2</translation>
    </message>
    <message>
        <source>the keyring does not support this on this system</source>
        <translation>the keyring does not support this on this system</translation>
    </message>
    <message>
        <source>no keyring service (is a Secret Service such as gnome-keyring running?)</source>
        <translation>no keyring service (is a Secret Service such as gnome-keyring running?)</translation>
    </message>
</context>
<context>
    <name>Bottega::ListenAddress</name>
    <message>
        <source>&quot;%1&quot; is not HOST:PORT</source>
        <translation>&quot;%1&quot; is not HOST:PORT</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not HOST:PORT: write an IPv6 address in brackets, as [::1]:8069</source>
        <translation>&quot;%1&quot; is not HOST:PORT: write an IPv6 address in brackets, as [::1]:8069</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a port number</source>
        <translation>&quot;%1&quot; is not a port number</translation>
    </message>
    <message>
        <source>port %1 is out of range 0–65535</source>
        <translation>port %1 is out of range 0–65535</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address or localhost</source>
        <translation>&quot;%1&quot; is not an IP address or localhost</translation>
    </message>
</context>
<context>
    <name>Bottega::MainWindow</name>
    <message>
        <source>Bottega</source>
        <translation>Bottega</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Products</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>Batches</translation>
    </message>
    <message>
        <source>API log</source>
        <translation>API log</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation>Scheduler</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>No database</source>
        <translation>No database</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <source>Server: listening on %1</source>
        <translation>Server: listening on %1</translation>
    </message>
    <message>
        <source>Server: not running (%1)</source>
        <translation>Server: not running (%1)</translation>
    </message>
    <message>
        <source>Server: not running</source>
        <translation>Server: not running</translation>
    </message>
    <message>
        <source>Webhooks (%1)</source>
        <translation>Webhooks (%1)</translation>
    </message>
    <message>
        <source>Batches (%1)</source>
        <translation>Batches (%1)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 of %3</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
</context>
<context>
    <name>Bottega::MessageText</name>
    <message>
        <source>Gelato status: %1</source>
        <translation>Gelato status: %1</translation>
    </message>
    <message>
        <source>Gelato status: %1 (%2)</source>
        <translation>Gelato status: %1 (%2)</translation>
    </message>
    <message>
        <source>Gelato order %1: %2</source>
        <translation>Gelato order %1: %2</translation>
    </message>
    <message>
        <source>Gelato order %1: %2 (%3)</source>
        <translation>Gelato order %1: %2 (%3)</translation>
    </message>
    <message>
        <source>delivery expected %1 to %2</source>
        <translation>delivery expected %1 to %2</translation>
    </message>
    <message>
        <source>item %1: %2</source>
        <translation>item %1: %2</translation>
    </message>
    <message>
        <source>parcel %1: %2</source>
        <translation>parcel %1: %2</translation>
    </message>
    <message>
        <source>now %1</source>
        <translation>now %1</translation>
    </message>
    <message>
        <source>sending to Gelato</source>
        <translation>sending to Gelato</translation>
    </message>
    <message>
        <source>not sent: %1</source>
        <translation>not sent: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>Gelato draft %1 deleted</source>
        <translation>Gelato draft %1 deleted</translation>
    </message>
    <message>
        <source>%1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>nothing new</source>
        <translation>nothing new</translation>
    </message>
    <message>
        <source>no local order for Gelato order %1</source>
        <translation>no local order for Gelato order %1</translation>
    </message>
    <message>
        <source>Gelato&apos;s test call (placeholders in the payload)</source>
        <translation>Gelato&apos;s test call (placeholders in the payload)</translation>
    </message>
    <message>
        <source>%1: stock and store products are not tracked here</source>
        <translation>%1: stock and store products are not tracked here</translation>
    </message>
    <message>
        <source>%1 is not a Gelato order event</source>
        <translation>%1 is not a Gelato order event</translation>
    </message>
    <message>
        <source>order %1 has no item %2</source>
        <translation>order %1 has no item %2</translation>
    </message>
    <message>
        <source>no handler for the %1 event %2</source>
        <translation>no handler for the %1 event %2</translation>
    </message>
    <message numerus="yes">
        <source>%n entries older than %1 days removed</source>
        <translation>
            <numerusform>%n entry older than %1 days removed</numerusform>
            <numerusform>%n entries older than %1 days removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n orders refreshed from Gelato</source>
        <translation>
            <numerusform>%n order refreshed from Gelato</numerusform>
            <numerusform>%n orders refreshed from Gelato</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n webhooks processed</source>
        <translation>
            <numerusform>%n webhook processed</numerusform>
            <numerusform>%n webhooks processed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n processed webhooks older than %1 days removed</source>
        <translation>
            <numerusform>%n processed webhook older than %1 days removed</numerusform>
            <numerusform>%n processed webhooks older than %1 days removed</numerusform>
        </translation>
    </message>
    <message>
        <source>Poleepo status: %1</source>
        <translation>Poleepo status: %1</translation>
    </message>
    <message>
        <source>Poleepo shipping %1: %2</source>
        <translation>Poleepo shipping %1: %2</translation>
    </message>
    <message>
        <source>tracking %1 passed to Poleepo shipping %2</source>
        <translation>tracking %1 passed to Poleepo shipping %2</translation>
    </message>
    <message>
        <source>imported from Poleepo order %1 (%2)</source>
        <translation>imported from Poleepo order %1 (%2)</translation>
    </message>
    <message>
        <source>imported from Poleepo order %1 (%2); %3</source>
        <translation>imported from Poleepo order %1 (%2); %3</translation>
    </message>
    <message>
        <source>the Poleepo order lacks: %1</source>
        <translation>the Poleepo order lacks: %1</translation>
    </message>
    <message>
        <source>no variant has the SKU %1</source>
        <translation>no variant has the SKU %1</translation>
    </message>
    <message>
        <source>Gelato goods mixed with other goods (%1): decide how to fulfil it</source>
        <translation>Gelato goods mixed with other goods (%1): decide how to fulfil it</translation>
    </message>
    <message>
        <source>Gelato&apos;s tracking %1 cannot reach Poleepo: the order has no shipping in Poleepo</source>
        <translation>Gelato&apos;s tracking %1 cannot reach Poleepo: the order has no shipping in Poleepo</translation>
    </message>
    <message>
        <source>could not be sent to Gelato: %1</source>
        <translation>could not be sent to Gelato: %1</translation>
    </message>
    <message>
        <source>Poleepo order %1 imported</source>
        <translation>Poleepo order %1 imported</translation>
    </message>
    <message>
        <source>no local order has Poleepo shipping %1</source>
        <translation>no local order has Poleepo shipping %1</translation>
    </message>
    <message>
        <source>%1 is not a Poleepo event Bottega acts on</source>
        <translation>%1 is not a Poleepo event Bottega acts on</translation>
    </message>
    <message numerus="yes">
        <source>%n batches submitted to Poleepo</source>
        <translation>
            <numerusform>%n batch submitted to Poleepo</numerusform>
            <numerusform>%n batches submitted to Poleepo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n batches submitted to Poleepo; %1 variants left out</source>
        <translation>
            <numerusform>%n batch submitted to Poleepo; %1 variants left out</numerusform>
            <numerusform>%n batches submitted to Poleepo; %1 variants left out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n batches asked for their status</source>
        <translation>
            <numerusform>%n batch asked for its status</numerusform>
            <numerusform>%n batches asked for their status</numerusform>
        </translation>
    </message>
    <message>
        <source>Poleepo is not enabled</source>
        <translation>Poleepo is not enabled</translation>
    </message>
    <message>
        <source>%1 orders imported, %2 updated; %3 sent to Gelato, %4 tracking codes passed to Poleepo, %5 waiting</source>
        <translation>%1 orders imported, %2 updated; %3 sent to Gelato, %4 tracking codes passed to Poleepo, %5 waiting</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1; %2</translation>
    </message>
    <message>
        <source>cancelled in Poleepo, but already %1 here: cancel it at Gelato or decide</source>
        <translation>cancelled in Poleepo, but already %1 here: cancel it at Gelato or decide</translation>
    </message>
    <message>
        <source>cancelled in Poleepo</source>
        <translation>cancelled in Poleepo</translation>
    </message>
    <message>
        <source>every product delivered to the shop</source>
        <translation>every product delivered to the shop</translation>
    </message>
    <message>
        <source>Poleepo shipping %1 created with %2, tracking %3</source>
        <translation>Poleepo shipping %1 created with %2, tracking %3</translation>
    </message>
    <message>
        <source>label of Poleepo shipping %1 stored</source>
        <translation>label of Poleepo shipping %1 stored</translation>
    </message>
    <message>
        <source>Poleepo shipping %1 delivered to the carrier</source>
        <translation>Poleepo shipping %1 delivered to the carrier</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Cancelled: %1</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderAddressRepository</name>
    <message>
        <source>cannot save the addresses of order %1</source>
        <translation>cannot save the addresses of order %1</translation>
    </message>
    <message>
        <source>cannot save the %1 address of order %2</source>
        <translation>cannot save the %1 address of order %2</translation>
    </message>
    <message>
        <source>cannot read the addresses of order %1</source>
        <translation>cannot read the addresses of order %1</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderCsv</name>
    <message>
        <source>the file is empty: a header row and one row per line needed</source>
        <translation>the file is empty: a header row and one row per line needed</translation>
    </message>
    <message>
        <source>unknown column &quot;%1&quot; (known: %2)</source>
        <translation>unknown column &quot;%1&quot; (known: %2)</translation>
    </message>
    <message>
        <source>the column &quot;reference&quot; is missing</source>
        <translation>the column &quot;reference&quot; is missing</translation>
    </message>
    <message>
        <source>a column &quot;sku&quot; or &quot;variantId&quot; is needed</source>
        <translation>a column &quot;sku&quot; or &quot;variantId&quot; is needed</translation>
    </message>
    <message>
        <source>row %1, reference: is required</source>
        <translation>row %1, reference: is required</translation>
    </message>
    <message>
        <source>row %1, reference: an order %2 exists already</source>
        <translation>row %1, reference: an order %2 exists already</translation>
    </message>
    <message>
        <source>row %1, currency: &quot;%2&quot; is not a three-letter ISO 4217 code</source>
        <translation>row %1, currency: &quot;%2&quot; is not a three-letter ISO 4217 code</translation>
    </message>
    <message>
        <source>row %1, kind: &quot;%2&quot; is not product, service or shipping</source>
        <translation>row %1, kind: &quot;%2&quot; is not product, service or shipping</translation>
    </message>
    <message>
        <source>row %1, quantity: must be a whole number greater than 0 (got &quot;%2&quot;)</source>
        <translation>row %1, quantity: must be a whole number greater than 0 (got &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>row %1, price: &quot;%2&quot; is not a number not below 0</source>
        <translation>row %1, price: &quot;%2&quot; is not a number not below 0</translation>
    </message>
    <message>
        <source>row %1, variantId: no variant with id %2</source>
        <translation>row %1, variantId: no variant with id %2</translation>
    </message>
    <message>
        <source>row %1, sku: no variant with SKU &quot;%2&quot;</source>
        <translation>row %1, sku: no variant with SKU &quot;%2&quot;</translation>
    </message>
    <message>
        <source>row %1, sku: a product line needs sku or variantId</source>
        <translation>row %1, sku: a product line needs sku or variantId</translation>
    </message>
    <message>
        <source>row %1: %2</source>
        <translation>row %1: %2</translation>
    </message>
    <message>
        <source>row %1, name: a service or shipping line needs a name</source>
        <translation>row %1, name: a service or shipping line needs a name</translation>
    </message>
    <message>
        <source>the file holds no orders: a header row and one row per line needed</source>
        <translation>the file holds no orders: a header row and one row per line needed</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderEditorDialog</name>
    <message>
        <source>Bill to a different address</source>
        <translation>Bill to a different address</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Send as Gelato draft</source>
        <translation>Send as Gelato draft</translation>
    </message>
    <message>
        <source>Turn draft into order</source>
        <translation>Turn draft into order</translation>
    </message>
    <message>
        <source>Delete Gelato draft</source>
        <translation>Delete Gelato draft</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>Cancel order</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Reads the order&apos;s status, items, packages and costs from Gelato again</source>
        <translation>Reads the order&apos;s status, items, packages and costs from Gelato again</translation>
    </message>
    <message>
        <source>Creates the order at Gelato as a draft (a test order): nothing is produced</source>
        <translation>Creates the order at Gelato as a draft (a test order): nothing is produced</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Addresses</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>Shipping</translation>
    </message>
    <message>
        <source>Gelato</source>
        <translation>Gelato</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>Order %1 saved.</source>
        <translation>Order %1 saved.</translation>
    </message>
    <message>
        <source>Cancel order %1 at Gelato? This cannot be undone.</source>
        <translation>Cancel order %1 at Gelato? This cannot be undone.</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>Reference:</translation>
    </message>
    <message>
        <source>Currency:</source>
        <translation>Currency:</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Source:</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>First name:</source>
        <translation>First name:</translation>
    </message>
    <message>
        <source>Last name:</source>
        <translation>Last name:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>Email:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Lines</translation>
    </message>
    <message>
        <source>Shipping address</source>
        <translation>Shipping address</translation>
    </message>
    <message>
        <source>Billing address</source>
        <translation>Billing address</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Company check: %1</source>
        <translation>Company check: %1</translation>
    </message>
    <message>
        <source>New order %1</source>
        <translation>New order %1</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Order %1</translation>
    </message>
    <message>
        <source>New order</source>
        <translation>New order</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <source>Sends the order to Gelato to be produced and shipped</source>
        <translation>Sends the order to Gelato to be produced and shipped</translation>
    </message>
    <message>
        <source>Asks Gelato to stop producing and shipping the order</source>
        <translation>Asks Gelato to stop producing and shipping the order</translation>
    </message>
    <message>
        <source>Gelato cancels an order only until it is printed</source>
        <translation>Gelato cancels an order only until it is printed</translation>
    </message>
    <message>
        <source>Orders are unavailable.</source>
        <translation>Orders are unavailable.</translation>
    </message>
    <message>
        <source>Asking Gelato for the shipping rates of %1…</source>
        <translation>Asking Gelato for the shipping rates of %1…</translation>
    </message>
    <message>
        <source>Creating order %1 at Gelato as a draft…</source>
        <translation>Creating order %1 at Gelato as a draft…</translation>
    </message>
    <message>
        <source>Sending order %1 to Gelato…</source>
        <translation>Sending order %1 to Gelato…</translation>
    </message>
    <message>
        <source>Order %1 is a draft at Gelato.</source>
        <translation>Order %1 is a draft at Gelato.</translation>
    </message>
    <message>
        <source>Order %1 was sent to Gelato.</source>
        <translation>Order %1 was sent to Gelato.</translation>
    </message>
    <message>
        <source>Turning the Gelato draft of %1 into an order…</source>
        <translation>Turning the Gelato draft of %1 into an order…</translation>
    </message>
    <message>
        <source>Deleting the Gelato draft of %1…</source>
        <translation>Deleting the Gelato draft of %1…</translation>
    </message>
    <message>
        <source>The Gelato draft of %1 was deleted.</source>
        <translation>The Gelato draft of %1 was deleted.</translation>
    </message>
    <message>
        <source>Cancelling order %1 at Gelato…</source>
        <translation>Cancelling order %1 at Gelato…</translation>
    </message>
    <message>
        <source>Order %1 was cancelled.</source>
        <translation>Order %1 was cancelled.</translation>
    </message>
    <message>
        <source>Reading order %1 from Gelato…</source>
        <translation>Reading order %1 from Gelato…</translation>
    </message>
    <message>
        <source>Order %1 is up to date.</source>
        <translation>Order %1 is up to date.</translation>
    </message>
    <message>
        <source>Delete the Gelato draft of order %1? The order becomes a local draft again.</source>
        <translation>Delete the Gelato draft of order %1? The order becomes a local draft again.</translation>
    </message>
    <message>
        <source>Same as customer (name, email and phone)</source>
        <translation>Same as customer (name, email and phone)</translation>
    </message>
    <message>
        <source>Info Poleepo</source>
        <translation>Info Poleepo</translation>
    </message>
    <message>
        <source>The order cannot be saved yet: %1</source>
        <translation>The order cannot be saved yet: %1</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderEventRepository</name>
    <message>
        <source>cannot add to the timeline of order %1</source>
        <translation>cannot add to the timeline of order %1</translation>
    </message>
    <message>
        <source>cannot add to the timeline of order %1: no id returned</source>
        <translation>cannot add to the timeline of order %1: no id returned</translation>
    </message>
    <message>
        <source>cannot read the timeline of order %1</source>
        <translation>cannot read the timeline of order %1</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderGelatoPanel</name>
    <message>
        <source>Gelato order</source>
        <translation>Gelato order</translation>
    </message>
    <message>
        <source>Order id:</source>
        <translation>Order id:</translation>
    </message>
    <message>
        <source>Our reference:</source>
        <translation>Our reference:</translation>
    </message>
    <message>
        <source>Connected orders:</source>
        <translation>Connected orders:</translation>
    </message>
    <message>
        <source>Fulfilment status:</source>
        <translation>Fulfilment status:</translation>
    </message>
    <message>
        <source>Financial status:</source>
        <translation>Financial status:</translation>
    </message>
    <message>
        <source>Delivery estimate:</source>
        <translation>Delivery estimate:</translation>
    </message>
    <message>
        <source>Cost from Gelato&apos;s receipts</source>
        <translation>Cost from Gelato&apos;s receipts</translation>
    </message>
    <message>
        <source>Products:</source>
        <translation>Products:</translation>
    </message>
    <message>
        <source>Shipping:</source>
        <translation>Shipping:</translation>
    </message>
    <message>
        <source>Packaging:</source>
        <translation>Packaging:</translation>
    </message>
    <message>
        <source>VAT:</source>
        <translation>VAT:</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>Total:</translation>
    </message>
    <message>
        <source>Margin:</source>
        <translation>Margin:</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>Item reference</source>
        <translation>Item reference</translation>
    </message>
    <message>
        <source>Gelato item</source>
        <translation>Gelato item</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Packages and tracking</source>
        <translation>Packages and tracking</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Not sent to Gelato yet</source>
        <translation>Not sent to Gelato yet</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>none (not split)</source>
        <translation>none (not split)</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>known once Gelato has billed the order</source>
        <translation>known once Gelato has billed the order</translation>
    </message>
    <message>
        <source>not computed: the order is in %1, Gelato bills in %2</source>
        <translation>not computed: the order is in %1, Gelato bills in %2</translation>
    </message>
    <message>
        <source>(%1)</source>
        <translation>(%1)</translation>
    </message>
    <message>
        <source>from Gelato order %1</source>
        <translation>from Gelato order %1</translation>
    </message>
    <message>
        <source>No package shipped yet.</source>
        <translation>No package shipped yet.</translation>
    </message>
    <message>
        <source>unknown (Gelato did not say)</source>
        <translation>unknown (Gelato did not say)</translation>
    </message>
    <message>
        <source>unknown: Gelato did not say what it charged</source>
        <translation>unknown: Gelato did not say what it charged</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderImportDialog</name>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Import orders from %1</source>
        <translation>Import orders from %1</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Orders are unavailable: no database.</source>
        <translation>Orders are unavailable: no database.</translation>
    </message>
    <message>
        <source>%1 cannot be imported.</source>
        <translation>%1 cannot be imported.</translation>
    </message>
    <message numerus="yes">
        <source>Nothing can be imported until these rows are fixed (%n problem(s)):</source>
        <translation>
            <numerusform>Nothing can be imported until these rows are fixed (%n problem):</numerusform>
            <numerusform>Nothing can be imported until these rows are fixed (%n problems):</numerusform>
        </translation>
    </message>
    <message>
        <source>The file holds no orders.</source>
        <translation>The file holds no orders.</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) will be created: %1</source>
        <translation>
            <numerusform>%n order will be created: %1</numerusform>
            <numerusform>%n orders will be created: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) imported.</source>
        <translation>
            <numerusform>%n order imported.</numerusform>
            <numerusform>%n orders imported.</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing orders…</source>
        <translation>Importing orders…</translation>
    </message>
    <message>
        <source>Importing orders from %1</source>
        <translation>Importing orders from %1</translation>
    </message>
    <message>
        <source>cancelled: nothing was imported</source>
        <translation>cancelled: nothing was imported</translation>
    </message>
    <message>
        <source>nothing was imported</source>
        <translation>nothing was imported</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) imported</source>
        <translation>
            <numerusform>%n order imported</numerusform>
            <numerusform>%n orders imported</numerusform>
        </translation>
    </message>
    <message>
        <source>Import cancelled: no order was imported.</source>
        <translation>Import cancelled: no order was imported.</translation>
    </message>
    <message>
        <source>Cancelling the import…</source>
        <translation>Cancelling the import…</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Checking %1…</translation>
    </message>
    <message>
        <source>Checking %1</source>
        <translation>Checking %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message numerus="yes">
        <source>%n row problem(s)</source>
        <translation>
            <numerusform>%n row problem</numerusform>
            <numerusform>%n row problems</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>Checking rows: %1</source>
        <translation>Checking rows: %1</translation>
    </message>
    <message>
        <source>Importing orders: %1</source>
        <translation>Importing orders: %1</translation>
    </message>
    <message>
        <source>Cancelling the check…</source>
        <translation>Cancelling the check…</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more.</source>
        <translation>
            <numerusform>…and %n more.</numerusform>
            <numerusform>…and %n more.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bottega::OrderInput</name>
    <message>
        <source>no variant with id %1</source>
        <translation>no variant with id %1</translation>
    </message>
    <message>
        <source>a Gelato order holds only Gelato goods: %1 not made by Gelato (services and shipping lines are allowed)</source>
        <translation>a Gelato order holds only Gelato goods: %1 not made by Gelato (services and shipping lines are allowed)</translation>
    </message>
    <message>
        <source>%1 is not a Gelato product and cannot be added to a Gelato order: a Gelato order holds only Gelato goods (services and shipping lines are allowed)</source>
        <translation>%1 is not a Gelato product and cannot be added to a Gelato order: a Gelato order holds only Gelato goods (services and shipping lines are allowed)</translation>
    </message>
    <message>
        <source>%1 is a Gelato product and cannot be added to an order of goods Gelato does not make (%2): a Gelato order holds only Gelato goods</source>
        <translation>%1 is a Gelato product and cannot be added to an order of goods Gelato does not make (%2): a Gelato order holds only Gelato goods</translation>
    </message>
    <message>
        <source>the order is not valid JSON: %1 at offset %2</source>
        <translation>the order is not valid JSON: %1 at offset %2</translation>
    </message>
    <message>
        <source>the order must be a JSON object</source>
        <translation>the order must be a JSON object</translation>
    </message>
    <message>
        <source>reference: is required</source>
        <translation>reference: is required</translation>
    </message>
    <message>
        <source>currency: &quot;%1&quot; is not a three-letter ISO 4217 code</source>
        <translation>currency: &quot;%1&quot; is not a three-letter ISO 4217 code</translation>
    </message>
    <message>
        <source>lines: an order needs at least one line</source>
        <translation>lines: an order needs at least one line</translation>
    </message>
    <message>
        <source>%1.kind: &quot;%2&quot; is not product, service or shipping</source>
        <translation>%1.kind: &quot;%2&quot; is not product, service or shipping</translation>
    </message>
    <message>
        <source>%1.quantity: must be a whole number greater than 0 (got %2)</source>
        <translation>%1.quantity: must be a whole number greater than 0 (got %2)</translation>
    </message>
    <message>
        <source>%1.price: must be a number not below 0</source>
        <translation>%1.price: must be a number not below 0</translation>
    </message>
    <message>
        <source>%1.variantId: no variant with id %2</source>
        <translation>%1.variantId: no variant with id %2</translation>
    </message>
    <message>
        <source>%1.sku: no variant with SKU &quot;%2&quot;</source>
        <translation>%1.sku: no variant with SKU &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1: a product line needs variantId or sku</source>
        <translation>%1: a product line needs variantId or sku</translation>
    </message>
    <message>
        <source>%1.name: a service or shipping line needs a name</source>
        <translation>%1.name: a service or shipping line needs a name</translation>
    </message>
    <message>
        <source>customer: a first or last name, or an email, is required</source>
        <translation>customer: a first or last name, or an email, is required</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderLinesPanel</name>
    <message>
        <source>Add line</source>
        <translation>Add line</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>Remove line</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>Shipping</translation>
    </message>
    <message>
        <source>Lines total: %1 %2</source>
        <translation>Lines total: %1 %2</translation>
    </message>
    <message>
        <source>Line %1: the quantity must be a whole number above 0, not &quot;%2&quot;</source>
        <translation>Line %1: the quantity must be a whole number above 0, not &quot;%2&quot;</translation>
    </message>
    <message>
        <source>Line %1: the unit price must be a number of 0 or more, not &quot;%2&quot;</source>
        <translation>Line %1: the unit price must be a number of 0 or more, not &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1 — print images incomplete</source>
        <translation>%1 — print images incomplete</translation>
    </message>
    <message>
        <source>Cannot be ordered from Gelato until its print images are complete (missing: %1)</source>
        <translation>Cannot be ordered from Gelato until its print images are complete (missing: %1)</translation>
    </message>
    <message>
        <source>Adds the chosen product with this quantity and price</source>
        <translation>Adds the chosen product with this quantity and price</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderListPage</name>
    <message>
        <source>New order</source>
        <translation>New order</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>Import CSV…</translation>
    </message>
    <message>
        <source>Search reference, customer, email or Gelato id…</source>
        <translation>Search reference, customer, email or Gelato id…</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>Any state</translation>
    </message>
    <message>
        <source>Any source</source>
        <translation>Any source</translation>
    </message>
    <message>
        <source>Any Gelato status</source>
        <translation>Any Gelato status</translation>
    </message>
    <message>
        <source>Not sent to Gelato</source>
        <translation>Not sent to Gelato</translation>
    </message>
    <message>
        <source>Orders are unavailable: no database.</source>
        <translation>Orders are unavailable: no database.</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>Sales orders entered here, imported or from Poleepo; double-click one to open it.</source>
        <translation>Sales orders entered here, imported or from Poleepo; double-click one to open it.</translation>
    </message>
    <message>
        <source>No database: orders are unavailable.</source>
        <translation>No database: orders are unavailable.</translation>
    </message>
    <message>
        <source>Import orders from CSV</source>
        <translation>Import orders from CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV files (*.csv);;All files (*)</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) imported.</source>
        <translation>
            <numerusform>%n order imported.</numerusform>
            <numerusform>%n orders imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n order</numerusform>
            <numerusform>%n orders</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready to send to Gelato</source>
        <translation>Ready to send to Gelato</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <source>The marketplace an order came from through Poleepo</source>
        <translation>The marketplace an order came from through Poleepo</translation>
    </message>
    <message>
        <source>Any channel</source>
        <translation>Any channel</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderPackageRepository</name>
    <message>
        <source>cannot save package %1 of order %2</source>
        <translation>cannot save package %1 of order %2</translation>
    </message>
    <message>
        <source>cannot save package %1: no id returned</source>
        <translation>cannot save package %1: no id returned</translation>
    </message>
    <message>
        <source>cannot read the packages of order %1</source>
        <translation>cannot read the packages of order %1</translation>
    </message>
    <message>
        <source>cannot save connected Gelato order %1</source>
        <translation>cannot save connected Gelato order %1</translation>
    </message>
    <message>
        <source>cannot read the connected Gelato orders of order %1</source>
        <translation>cannot read the connected Gelato orders of order %1</translation>
    </message>
    <message>
        <source>cannot look up Gelato order %1</source>
        <translation>cannot look up Gelato order %1</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderPoleepoPanel</name>
    <message>
        <source>Delivered to the shop</source>
        <translation>Delivered to the shop</translation>
    </message>
    <message>
        <source>Ship with Poleepo…</source>
        <translation>Ship with Poleepo…</translation>
    </message>
    <message>
        <source>Delivered to carrier</source>
        <translation>Delivered to carrier</translation>
    </message>
    <message>
        <source>Open label</source>
        <translation>Open label</translation>
    </message>
    <message>
        <source>Print label</source>
        <translation>Print label</translation>
    </message>
    <message>
        <source>Every product of the order has reached the shop and can be packed</source>
        <translation>Every product of the order has reached the shop and can be packed</translation>
    </message>
    <message>
        <source>The carrier collected the parcel: tells Poleepo</source>
        <translation>The carrier collected the parcel: tells Poleepo</translation>
    </message>
    <message>
        <source>Poleepo order</source>
        <translation>Poleepo order</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <source>Order ID:</source>
        <translation>Order ID:</translation>
    </message>
    <message>
        <source>Poleepo status:</source>
        <translation>Poleepo status:</translation>
    </message>
    <message>
        <source>Fulfilment:</source>
        <translation>Fulfilment:</translation>
    </message>
    <message>
        <source>Shipping with Poleepo</source>
        <translation>Shipping with Poleepo</translation>
    </message>
    <message>
        <source>Shipment status:</source>
        <translation>Shipment status:</translation>
    </message>
    <message>
        <source>Tracking code:</source>
        <translation>Tracking code:</translation>
    </message>
    <message>
        <source>Carrier:</source>
        <translation>Carrier:</translation>
    </message>
    <message>
        <source>Pickup address:</source>
        <translation>Pickup address:</translation>
    </message>
    <message>
        <source>Packages:</source>
        <translation>Packages:</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>Label:</translation>
    </message>
    <message>
        <source>Opens the order in Poleepo</source>
        <translation>Opens the order in Poleepo</translation>
    </message>
    <message>
        <source>Needs attention: %1</source>
        <translation>Needs attention: %1</translation>
    </message>
    <message>
        <source>Ready to send to Gelato (waiting for review)</source>
        <translation>Ready to send to Gelato (waiting for review)</translation>
    </message>
    <message>
        <source>Sent to Gelato</source>
        <translation>Sent to Gelato</translation>
    </message>
    <message>
        <source>Not Gelato goods: the shop ships them</source>
        <translation>Not Gelato goods: the shop ships them</translation>
    </message>
    <message>
        <source>shipping with Poleepo is not available here</source>
        <translation>shipping with Poleepo is not available here</translation>
    </message>
    <message>
        <source>%1 (delivered to the carrier %2)</source>
        <translation>%1 (delivered to the carrier %2)</translation>
    </message>
    <message>
        <source>Poleepo shipping %1: %2</source>
        <translation>Poleepo shipping %1: %2</translation>
    </message>
    <message>
        <source>PDF stored with the order</source>
        <translation>PDF stored with the order</translation>
    </message>
    <message>
        <source>not stored yet</source>
        <translation>not stored yet</translation>
    </message>
    <message>
        <source>not shipped with Poleepo yet</source>
        <translation>not shipped with Poleepo yet</translation>
    </message>
    <message>
        <source>Fetch the label again</source>
        <translation>Fetch the label again</translation>
    </message>
    <message>
        <source>Ship with Poleepo is not possible: %1</source>
        <translation>Ship with Poleepo is not possible: %1</translation>
    </message>
    <message>
        <source>Asking Poleepo…</source>
        <translation>Asking Poleepo…</translation>
    </message>
    <message>
        <source>Every product is delivered to the shop.</source>
        <translation>Every product is delivered to the shop.</translation>
    </message>
    <message>
        <source>Poleepo made the shipping; its label is stored with the order.</source>
        <translation>Poleepo made the shipping; its label is stored with the order.</translation>
    </message>
    <message>
        <source>Poleepo knows the parcel is with the carrier.</source>
        <translation>Poleepo knows the parcel is with the carrier.</translation>
    </message>
    <message>
        <source>No program opens %1</source>
        <translation>No program opens %1</translation>
    </message>
    <message>
        <source>No print spooler (lp) found: open the label and print it from the viewer.</source>
        <translation>No print spooler (lp) found: open the label and print it from the viewer.</translation>
    </message>
    <message>
        <source>Label sent to the default printer.</source>
        <translation>Label sent to the default printer.</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderPrinting</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>REFERENCE</source>
        <translation>REFERENCE</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>STATE</translation>
    </message>
    <message>
        <source>CUSTOMER</source>
        <translation>CUSTOMER</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>TOTAL</translation>
    </message>
    <message>
        <source>GELATO ORDER</source>
        <translation>GELATO ORDER</translation>
    </message>
    <message>
        <source>GELATO STATUS</source>
        <translation>GELATO STATUS</translation>
    </message>
    <message>
        <source>Order %1: %2 (%3)</source>
        <translation>Order %1: %2 (%3)</translation>
    </message>
    <message>
        <source>Customer: %1 %2 &lt;%3&gt;</source>
        <translation>Customer: %1 %2 &lt;%3&gt;</translation>
    </message>
    <message>
        <source>Ship to: %1</source>
        <translation>Ship to: %1</translation>
    </message>
    <message>
        <source>Total: %1 (shipping %2)</source>
        <translation>Total: %1 (shipping %2)</translation>
    </message>
    <message>
        <source>Shipping: %1</source>
        <translation>Shipping: %1</translation>
    </message>
    <message>
        <source>LINE</source>
        <translation>LINE</translation>
    </message>
    <message>
        <source>PRODUCT</source>
        <translation>PRODUCT</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>QUANTITY</source>
        <translation>QUANTITY</translation>
    </message>
    <message>
        <source>PRICE</source>
        <translation>PRICE</translation>
    </message>
    <message>
        <source>GELATO ITEM</source>
        <translation>GELATO ITEM</translation>
    </message>
    <message>
        <source>Gelato order: %1 (%2, %3)</source>
        <translation>Gelato order: %1 (%2, %3)</translation>
    </message>
    <message>
        <source>Connected Gelato order: %1 (%2)</source>
        <translation>Connected Gelato order: %1 (%2)</translation>
    </message>
    <message>
        <source>Gelato cost: products %1, shipping %2, packaging %3, VAT %4, total %5; margin %6</source>
        <translation>Gelato cost: products %1, shipping %2, packaging %3, VAT %4, total %5; margin %6</translation>
    </message>
    <message>
        <source>Package %1: %2 %3</source>
        <translation>Package %1: %2 %3</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warning: %1</translation>
    </message>
    <message>
        <source>Gelato offers no Standard or Express shipping for this order</source>
        <translation>Gelato offers no Standard or Express shipping for this order</translation>
    </message>
    <message>
        <source>TYPE</source>
        <translation>TYPE</translation>
    </message>
    <message>
        <source>DELIVERY</source>
        <translation>DELIVERY</translation>
    </message>
    <message>
        <source>METHODS</source>
        <translation>METHODS</translation>
    </message>
    <message>
        <source>Express</source>
        <translation>Express</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>Poleepo order: %1 (%2), channel %3</source>
        <translation>Poleepo order: %1 (%2), channel %3</translation>
    </message>
    <message>
        <source>Needs attention: %1</source>
        <translation>Needs attention: %1</translation>
    </message>
    <message>
        <source>Ready to send to Gelato (order confirm %1)</source>
        <translation>Ready to send to Gelato (order confirm %1)</translation>
    </message>
    <message>
        <source>Sent to Gelato</source>
        <translation>Sent to Gelato</translation>
    </message>
    <message>
        <source>Not Gelato goods: shipped by the shop</source>
        <translation>Not Gelato goods: shipped by the shop</translation>
    </message>
    <message>
        <source>Tracking %1 (%2) passed to Poleepo shipping %3 at %4</source>
        <translation>Tracking %1 (%2) passed to Poleepo shipping %3 at %4</translation>
    </message>
    <message>
        <source>POLEEPO</source>
        <translation>POLEEPO</translation>
    </message>
    <message>
        <source>BRIDGE</source>
        <translation>BRIDGE</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderProblemText</name>
    <message>
        <source>Cannot get a rate or confirm yet:</source>
        <translation>Cannot get a rate or confirm yet:</translation>
    </message>
    <message numerus="yes">
        <source>• and %n more (each is marked where it is)</source>
        <translation>
            <numerusform>• and %n more (marked where it is)</numerusform>
            <numerusform>• and %n more (each is marked where it is)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bottega::OrderSendRepository</name>
    <message>
        <source>cannot read the state of order %1</source>
        <translation>cannot read the state of order %1</translation>
    </message>
    <message>
        <source>no order with id %1</source>
        <translation>no order with id %1</translation>
    </message>
    <message>
        <source>cannot mark order %1 as being sent</source>
        <translation>cannot mark order %1 as being sent</translation>
    </message>
    <message>
        <source>cannot take the send lease of order %1</source>
        <translation>cannot take the send lease of order %1</translation>
    </message>
    <message>
        <source>cannot read the send lease of order %1</source>
        <translation>cannot read the send lease of order %1</translation>
    </message>
    <message>
        <source>cannot release the send lease of order %1</source>
        <translation>cannot release the send lease of order %1</translation>
    </message>
    <message>
        <source>cannot read the send attempts of order %1</source>
        <translation>cannot read the send attempts of order %1</translation>
    </message>
    <message>
        <source>cannot store Gelato&apos;s billing entity for order %1</source>
        <translation>cannot store Gelato&apos;s billing entity for order %1</translation>
    </message>
    <message>
        <source>cannot read Gelato&apos;s billing entity for order %1</source>
        <translation>cannot read Gelato&apos;s billing entity for order %1</translation>
    </message>
    <message>
        <source>cannot read Gelato&apos;s latest billing entity</source>
        <translation>cannot read Gelato&apos;s latest billing entity</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderService</name>
    <message>
        <source>%1: line %2 (%3): the quantity must be greater than 0</source>
        <translation>%1: line %2 (%3): the quantity must be greater than 0</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>cannot read %1: %2</translation>
    </message>
    <message>
        <source>%1: cannot be edited in state %2 (only drafts can)</source>
        <translation>%1: cannot be edited in state %2 (only drafts can)</translation>
    </message>
    <message>
        <source>%1: line %2: the quantity must be greater than 0</source>
        <translation>%1: line %2: the quantity must be greater than 0</translation>
    </message>
    <message>
        <source>the quantity must be greater than 0</source>
        <translation>the quantity must be greater than 0</translation>
    </message>
    <message>
        <source>currency %1 is not one Gelato takes orders in (%2)</source>
        <translation>currency %1 is not one Gelato takes orders in (%2)</translation>
    </message>
    <message>
        <source>line %1: the quantity must be greater than 0</source>
        <translation>line %1: the quantity must be greater than 0</translation>
    </message>
    <message>
        <source>line %1: %2 is not one of our variants</source>
        <translation>line %1: %2 is not one of our variants</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>line %1: %2</translation>
    </message>
    <message>
        <source>the order holds no Gelato goods: there is nothing for Gelato to make</source>
        <translation>the order holds no Gelato goods: there is nothing for Gelato to make</translation>
    </message>
    <message>
        <source>%1: the shipping cannot change in state %2</source>
        <translation>%1: the shipping cannot change in state %2</translation>
    </message>
    <message>
        <source>%1: shipping: say standard, express or a shipment method uid</source>
        <translation>%1: shipping: say standard, express or a shipment method uid</translation>
    </message>
    <message>
        <source>%1: already sent to Gelato (state: %2); it cannot be confirmed again</source>
        <translation>%1: already sent to Gelato (state: %2); it cannot be confirmed again</translation>
    </message>
    <message>
        <source>%1: is being sent to Gelato already</source>
        <translation>%1: is being sent to Gelato already</translation>
    </message>
    <message>
        <source>%1 cannot be ordered from Gelato until its print images are complete (missing: %2)</source>
        <translation>%1 cannot be ordered from Gelato until its print images are complete (missing: %2)</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderShippingPanel</name>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Express</source>
        <translation>Express</translation>
    </message>
    <message>
        <source>Get rate</source>
        <translation>Get rate</translation>
    </message>
    <message>
        <source>Asks Gelato for the shipping price and delivery dates of this order</source>
        <translation>Asks Gelato for the shipping price and delivery dates of this order</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>Shipping</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>Shipping:</source>
        <translation>Shipping:</translation>
    </message>
    <message>
        <source>No shipping chosen yet: Get rate, then choose one.</source>
        <translation>No shipping chosen yet: Get rate, then choose one.</translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation>Chosen: %1</translation>
    </message>
    <message>
        <source>Chosen: %1 (shipment method %2)</source>
        <translation>Chosen: %1 (shipment method %2)</translation>
    </message>
    <message>
        <source>Asking Gelato for rates…</source>
        <translation>Asking Gelato for rates…</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>no date given</source>
        <translation>no date given</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Choose</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderState</name>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Gelato draft</source>
        <translation>Gelato draft</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>In production</source>
        <translation>In production</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderTableModel</name>
    <message>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <source>Gelato order %1</source>
        <translation>Gelato order %1</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>Poleepo</source>
        <translation>Poleepo</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Gelato status</source>
        <translation>Gelato status</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderTimelinePanel</name>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Gelato answer</source>
        <translation>Gelato answer</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Poll</source>
        <translation>Poll</translation>
    </message>
    <message>
        <source>Poleepo</source>
        <translation>Poleepo</translation>
    </message>
    <message>
        <source>Bottega</source>
        <translation>Bottega</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>Tracking</translation>
    </message>
    <message>
        <source>Gelato status</source>
        <translation>Gelato status</translation>
    </message>
    <message>
        <source>Gelato item</source>
        <translation>Gelato item</translation>
    </message>
    <message>
        <source>Poleepo status</source>
        <translation>Poleepo status</translation>
    </message>
    <message>
        <source>Poleepo shipment</source>
        <translation>Poleepo shipment</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderUpdate</name>
    <message>
        <source>%1: cannot become %2 from %3</source>
        <translation>%1: cannot become %2 from %3</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderUpdateRepository</name>
    <message>
        <source>cannot look up Gelato order %1</source>
        <translation>cannot look up Gelato order %1</translation>
    </message>
    <message>
        <source>cannot read order %1</source>
        <translation>cannot read order %1</translation>
    </message>
    <message>
        <source>no order with id %1</source>
        <translation>no order with id %1</translation>
    </message>
    <message>
        <source>cannot save the %1 of order %2</source>
        <translation>cannot save the %1 of order %2</translation>
    </message>
    <message>
        <source>Gelato order</source>
        <translation>Gelato order</translation>
    </message>
    <message>
        <source>Gelato status</source>
        <translation>Gelato status</translation>
    </message>
    <message>
        <source>Gelato financial status</source>
        <translation>Gelato financial status</translation>
    </message>
    <message>
        <source>shipment method</source>
        <translation>shipment method</translation>
    </message>
    <message>
        <source>delivery estimate</source>
        <translation>delivery estimate</translation>
    </message>
    <message>
        <source>Gelato cost</source>
        <translation>Gelato cost</translation>
    </message>
    <message>
        <source>cannot change the state of order %1</source>
        <translation>cannot change the state of order %1</translation>
    </message>
    <message>
        <source>cannot read connected Gelato order %1</source>
        <translation>cannot read connected Gelato order %1</translation>
    </message>
    <message>
        <source>cannot save connected Gelato order %1</source>
        <translation>cannot save connected Gelato order %1</translation>
    </message>
    <message>
        <source>cannot read the lines of order %1</source>
        <translation>cannot read the lines of order %1</translation>
    </message>
    <message>
        <source>cannot save the Gelato item of line %1</source>
        <translation>cannot save the Gelato item of line %1</translation>
    </message>
    <message>
        <source>no order line with id %1</source>
        <translation>no order line with id %1</translation>
    </message>
    <message>
        <source>cannot read the packages of order %1</source>
        <translation>cannot read the packages of order %1</translation>
    </message>
    <message>
        <source>cannot save package %1 of order %2</source>
        <translation>cannot save package %1 of order %2</translation>
    </message>
    <message>
        <source>no package with id %1</source>
        <translation>no package with id %1</translation>
    </message>
    <message>
        <source>cannot add to the timeline of order %1</source>
        <translation>cannot add to the timeline of order %1</translation>
    </message>
    <message>
        <source>Poleepo status</source>
        <translation>Poleepo status</translation>
    </message>
    <message>
        <source>cannot read Poleepo shipping %1</source>
        <translation>cannot read Poleepo shipping %1</translation>
    </message>
    <message>
        <source>cannot save Poleepo shipping %1</source>
        <translation>cannot save Poleepo shipping %1</translation>
    </message>
    <message>
        <source>order %1 is no longer %2</source>
        <translation>order %1 is no longer %2</translation>
    </message>
    <message numerus="yes">
        <source>cannot look up %n Gelato orders</source>
        <translation>
            <numerusform>cannot look up %n Gelato order</numerusform>
            <numerusform>cannot look up %n Gelato orders</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot add to the timeline of orders %1</source>
        <translation>cannot add to the timeline of orders %1</translation>
    </message>
    <message numerus="yes">
        <source>cannot read the packages of %n orders</source>
        <translation>
            <numerusform>cannot read the packages of %n order</numerusform>
            <numerusform>cannot read the packages of %n orders</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bottega::PackageTypeRepository</name>
    <message>
        <source>a package type named &quot;%1&quot; already exists</source>
        <translation>a package type named &quot;%1&quot; already exists</translation>
    </message>
    <message>
        <source>cannot save package type &quot;%1&quot;</source>
        <translation>cannot save package type &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot save package type &quot;%1&quot;: no id returned</source>
        <translation>cannot save package type &quot;%1&quot;: no id returned</translation>
    </message>
    <message>
        <source>cannot read package type %1</source>
        <translation>cannot read package type %1</translation>
    </message>
    <message>
        <source>no package type with id %1</source>
        <translation>no package type with id %1</translation>
    </message>
    <message>
        <source>cannot read package type &quot;%1&quot;</source>
        <translation>cannot read package type &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot read the package types</source>
        <translation>cannot read the package types</translation>
    </message>
    <message>
        <source>cannot delete package type %1</source>
        <translation>cannot delete package type %1</translation>
    </message>
</context>
<context>
    <name>Bottega::PackageTypes</name>
    <message>
        <source>a package type needs a name</source>
        <translation>a package type needs a name</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>weight</translation>
    </message>
    <message>
        <source>width</source>
        <translation>width</translation>
    </message>
    <message>
        <source>height</source>
        <translation>height</translation>
    </message>
    <message>
        <source>depth</source>
        <translation>depth</translation>
    </message>
    <message>
        <source>package type &quot;%1&quot;: %2 cannot be negative</source>
        <translation>package type &quot;%1&quot;: %2 cannot be negative</translation>
    </message>
    <message>
        <source>a package type named &quot;%1&quot; already exists</source>
        <translation>a package type named &quot;%1&quot; already exists</translation>
    </message>
    <message>
        <source>package type &quot;%1&quot; is used by a shipment and cannot be deleted</source>
        <translation>package type &quot;%1&quot; is used by a shipment and cannot be deleted</translation>
    </message>
    <message>
        <source>no Poleepo package type</source>
        <translation>no Poleepo package type</translation>
    </message>
    <message>
        <source>no weight</source>
        <translation>no weight</translation>
    </message>
    <message>
        <source>dimensions missing</source>
        <translation>dimensions missing</translation>
    </message>
</context>
<context>
    <name>Bottega::PackageTypesPanel</name>
    <message>
        <source>Package types (Poleepo shipping)</source>
        <translation>Package types (Poleepo shipping)</translation>
    </message>
    <message>
        <source> kg</source>
        <translation> kg</translation>
    </message>
    <message>
        <source> cm</source>
        <translation> cm</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Save type</source>
        <translation>Save type</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Get Poleepo&apos;s types</source>
        <translation>Get Poleepo&apos;s types</translation>
    </message>
    <message>
        <source>the id of the package type in Poleepo</source>
        <translation>the id of the package type in Poleepo</translation>
    </message>
    <message>
        <source>Adds the package types configured in Poleepo that are not here yet</source>
        <translation>Adds the package types configured in Poleepo that are not here yet</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>W × H × D</source>
        <translation>W × H × D</translation>
    </message>
    <message>
        <source>Poleepo type</source>
        <translation>Poleepo type</translation>
    </message>
    <message>
        <source>Usable</source>
        <translation>Usable</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Poleepo type:</source>
        <translation>Poleepo type:</translation>
    </message>
    <message>
        <source>Weight:</source>
        <translation>Weight:</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>Width:</translation>
    </message>
    <message>
        <source>Height:</source>
        <translation>Height:</translation>
    </message>
    <message>
        <source>Depth:</source>
        <translation>Depth:</translation>
    </message>
    <message>
        <source>Package types are not available here.</source>
        <translation>Package types are not available here.</translation>
    </message>
    <message>
        <source>%1 kg</source>
        <translation>%1 kg</translation>
    </message>
    <message>
        <source>%1 × %2 × %3 cm</source>
        <translation>%1 × %2 × %3 cm</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No: %1</source>
        <translation>No: %1</translation>
    </message>
    <message>
        <source>Package type &quot;%1&quot; saved.</source>
        <translation>Package type &quot;%1&quot; saved.</translation>
    </message>
    <message>
        <source>Package type &quot;%1&quot; saved, but a shipment cannot use it yet: %2</source>
        <translation>Package type &quot;%1&quot; saved, but a shipment cannot use it yet: %2</translation>
    </message>
    <message>
        <source>Delete package type</source>
        <translation>Delete package type</translation>
    </message>
    <message>
        <source>Delete the package type &quot;%1&quot;?</source>
        <translation>Delete the package type &quot;%1&quot;?</translation>
    </message>
    <message>
        <source>Asking Poleepo for its package types…</source>
        <translation>Asking Poleepo for its package types…</translation>
    </message>
    <message>
        <source>Every package type of Poleepo is here already.</source>
        <translation>Every package type of Poleepo is here already.</translation>
    </message>
    <message numerus="yes">
        <source>%n package type(s) added from Poleepo.</source>
        <translation>
            <numerusform>%n package type added from Poleepo.</numerusform>
            <numerusform>%n package types added from Poleepo.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bottega::PoleepoClient</name>
    <message>
        <source>Poleepo has no order &quot;%1&quot;</source>
        <translation>Poleepo has no order &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Poleepo has no shipping &quot;%1&quot;</source>
        <translation>Poleepo has no shipping &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Poleepo refused the credentials</source>
        <translation>Poleepo refused the credentials</translation>
    </message>
    <message>
        <source>Poleepo refused the call: the API key lacks the permission for it</source>
        <translation>Poleepo refused the call: the API key lacks the permission for it</translation>
    </message>
    <message>
        <source>Poleepo refused the call: the API key lacks the permission for it (%1)</source>
        <translation>Poleepo refused the call: the API key lacks the permission for it (%1)</translation>
    </message>
    <message>
        <source>Poleepo refused the request: %1</source>
        <translation>Poleepo refused the request: %1</translation>
    </message>
    <message>
        <source>cannot reach Poleepo: %1</source>
        <translation>cannot reach Poleepo: %1</translation>
    </message>
    <message>
        <source>Poleepo has no batch &quot;%1&quot;</source>
        <translation>Poleepo has no batch &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the label of Poleepo shipping &quot;%1&quot; is not a PDF</source>
        <translation>the label of Poleepo shipping &quot;%1&quot; is not a PDF</translation>
    </message>
</context>
<context>
    <name>Bottega::PoleepoImportJob</name>
    <message>
        <source>cannot read Poleepo&apos;s orders: %1</source>
        <translation>cannot read Poleepo&apos;s orders: %1</translation>
    </message>
    <message>
        <source>Poleepo order %1: %2</source>
        <translation>Poleepo order %1: %2</translation>
    </message>
</context>
<context>
    <name>Bottega::PoleepoOrderImport</name>
    <message>
        <source>a Poleepo order without an id</source>
        <translation>a Poleepo order without an id</translation>
    </message>
    <message>
        <source>(row %1 without a SKU)</source>
        <translation>(row %1 without a SKU)</translation>
    </message>
</context>
<context>
    <name>Bottega::PoleepoParsers</name>
    <message>
        <source>%1: %2 is missing</source>
        <translation>%1: %2 is missing</translation>
    </message>
    <message>
        <source>%1: %2 is not text</source>
        <translation>%1: %2 is not text</translation>
    </message>
    <message>
        <source>%1: %2 is not a number</source>
        <translation>%1: %2 is not a number</translation>
    </message>
    <message>
        <source>%1: %2 is not a list</source>
        <translation>%1: %2 is not a list</translation>
    </message>
    <message>
        <source>%1: %2 is not an object</source>
        <translation>%1: %2 is not an object</translation>
    </message>
    <message>
        <source>%1: %2 is not an id (text or a whole number)</source>
        <translation>%1: %2 is not an id (text or a whole number)</translation>
    </message>
    <message>
        <source>%1: %2 is not a date and time</source>
        <translation>%1: %2 is not a date and time</translation>
    </message>
    <message>
        <source>%1: %2 is &quot;%3&quot;, not one of %4</source>
        <translation>%1: %2 is &quot;%3&quot;, not one of %4</translation>
    </message>
    <message>
        <source>%1: the answer is not JSON (%2 at byte %3)</source>
        <translation>%1: the answer is not JSON (%2 at byte %3)</translation>
    </message>
    <message>
        <source>%1: the answer is not a JSON object</source>
        <translation>%1: the answer is not a JSON object</translation>
    </message>
    <message>
        <source>Poleepo webhook</source>
        <translation>Poleepo webhook</translation>
    </message>
    <message>
        <source>%1: %2 is not a whole number from 0 to %3</source>
        <translation>%1: %2 is not a whole number from 0 to %3</translation>
    </message>
</context>
<context>
    <name>Bottega::PoleepoSession</name>
    <message>
        <source>cannot read the Poleepo credentials (%1): %2</source>
        <translation>cannot read the Poleepo credentials (%1): %2</translation>
    </message>
    <message>
        <source>the Poleepo credentials are not set: Settings → Poleepo, or `bottega secret set %1`</source>
        <translation>the Poleepo credentials are not set: Settings → Poleepo, or `bottega secret set %1`</translation>
    </message>
</context>
<context>
    <name>Bottega::PoleepoWebhookPanel</name>
    <message>
        <source>Poleepo webhooks</source>
        <translation>Poleepo webhooks</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>One record per Poleepo webhook: Poleepo calls its URL and signs each call with the record&apos;s secret key.</source>
        <translation>One record per Poleepo webhook: Poleepo calls its URL and signs each call with the record&apos;s secret key.</translation>
    </message>
    <message>
        <source>Webhook records are unavailable: no database.</source>
        <translation>Webhook records are unavailable: no database.</translation>
    </message>
    <message>
        <source>(inactive)</source>
        <translation>(inactive)</translation>
    </message>
    <message>
        <source>Poleepo webhook %1 saved.</source>
        <translation>Poleepo webhook %1 saved.</translation>
    </message>
    <message>
        <source>Remove Poleepo webhook</source>
        <translation>Remove Poleepo webhook</translation>
    </message>
    <message>
        <source>Remove the webhook %1? Poleepo&apos;s calls to its URL will be refused.</source>
        <translation>Remove the webhook %1? Poleepo&apos;s calls to its URL will be refused.</translation>
    </message>
    <message>
        <source>Poleepo webhook %1 removed.</source>
        <translation>Poleepo webhook %1 removed.</translation>
    </message>
</context>
<context>
    <name>Bottega::PrintImageRepository</name>
    <message>
        <source>cannot save the placements of product %1</source>
        <translation>cannot save the placements of product %1</translation>
    </message>
    <message>
        <source>cannot save placement &quot;%1&quot; of product %2</source>
        <translation>cannot save placement &quot;%1&quot; of product %2</translation>
    </message>
    <message>
        <source>cannot read the placements of product %1</source>
        <translation>cannot read the placements of product %1</translation>
    </message>
    <message>
        <source>cannot set the print image for &quot;%1&quot;</source>
        <translation>cannot set the print image for &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot set the print image for &quot;%1&quot;: no id returned</source>
        <translation>cannot set the print image for &quot;%1&quot;: no id returned</translation>
    </message>
    <message>
        <source>cannot read the print images of product %1</source>
        <translation>cannot read the print images of product %1</translation>
    </message>
    <message>
        <source>cannot remove the print image for &quot;%1&quot;</source>
        <translation>cannot remove the print image for &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot add an image to product %1</source>
        <translation>cannot add an image to product %1</translation>
    </message>
    <message>
        <source>cannot add an image to product %1: no id returned</source>
        <translation>cannot add an image to product %1: no id returned</translation>
    </message>
    <message>
        <source>cannot read the images of product %1</source>
        <translation>cannot read the images of product %1</translation>
    </message>
    <message>
        <source>cannot remove image %1</source>
        <translation>cannot remove image %1</translation>
    </message>
    <message>
        <source>no product image with id %1</source>
        <translation>no product image with id %1</translation>
    </message>
</context>
<context>
    <name>Bottega::PrintImages</name>
    <message>
        <source>print image: no URL or file given</source>
        <translation>print image: no URL or file given</translation>
    </message>
    <message>
        <source>print image: &quot;%1&quot; is not an http(s) URL</source>
        <translation>print image: &quot;%1&quot; is not an http(s) URL</translation>
    </message>
    <message>
        <source>print image: &quot;%1&quot; is not a valid URL</source>
        <translation>print image: &quot;%1&quot; is not a valid URL</translation>
    </message>
    <message>
        <source>print image: file &quot;%1&quot; not found</source>
        <translation>print image: file &quot;%1&quot; not found</translation>
    </message>
    <message>
        <source>print image: %1</source>
        <translation>print image: %1</translation>
    </message>
    <message>
        <source>print image: &quot;%1&quot; is %2, not PDF, PNG, TIFF, SVG or JPEG</source>
        <translation>print image: &quot;%1&quot; is %2, not PDF, PNG, TIFF, SVG or JPEG</translation>
    </message>
    <message>
        <source>print image: no file store to copy &quot;%1&quot; into</source>
        <translation>print image: no file store to copy &quot;%1&quot; into</translation>
    </message>
    <message>
        <source>product %1 has no print placements: synchronize its Gelato template first</source>
        <translation>product %1 has no print placements: synchronize its Gelato template first</translation>
    </message>
    <message>
        <source>product %1 has no placement &quot;%2&quot; (placements: %3)</source>
        <translation>product %1 has no placement &quot;%2&quot; (placements: %3)</translation>
    </message>
    <message>
        <source>variant %1 is not a variant of product %2</source>
        <translation>variant %1 is not a variant of product %2</translation>
    </message>
    <message>
        <source>variant %1: no print image for placement &quot;%2&quot;</source>
        <translation>variant %1: no print image for placement &quot;%2&quot;</translation>
    </message>
    <message>
        <source>variant %1: no print image for placements %2</source>
        <translation>variant %1: no print image for placements %2</translation>
    </message>
    <message>
        <source>print image &quot;%1&quot; (%2): the stored file %3 is missing</source>
        <translation>print image &quot;%1&quot; (%2): the stored file %3 is missing</translation>
    </message>
    <message>
        <source>print image &quot;%1&quot;: no public URL of the built-in server to publish it at</source>
        <translation>print image &quot;%1&quot;: no public URL of the built-in server to publish it at</translation>
    </message>
    <message>
        <source>variant %1 cannot be published on Poleepo: no print image for placement &quot;%2&quot;</source>
        <translation>variant %1 cannot be published on Poleepo: no print image for placement &quot;%2&quot;</translation>
    </message>
    <message>
        <source>variant %1 cannot be published on Poleepo: no print image for placements %2</source>
        <translation>variant %1 cannot be published on Poleepo: no print image for placements %2</translation>
    </message>
</context>
<context>
    <name>Bottega::PrintImagesPanel</name>
    <message>
        <source>Set image from URL…</source>
        <translation>Set image from URL…</translation>
    </message>
    <message>
        <source>Set image from file…</source>
        <translation>Set image from file…</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>Placement</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Product default</source>
        <translation>Product default</translation>
    </message>
    <message>
        <source>Variant overrides</source>
        <translation>Variant overrides</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Needs the file store of the running app.</source>
        <translation>Needs the file store of the running app.</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>No image</translation>
    </message>
    <message>
        <source>✓ Default</source>
        <translation>✓ Default</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message numerus="yes">
        <source>Missing for %n variant(s)</source>
        <translation>
            <numerusform>Missing for %n variant</numerusform>
            <numerusform>Missing for %n variants</numerusform>
        </translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>This product has no print placements: synchronize it with its Gelato template first.</source>
        <translation>This product has no print placements: synchronize it with its Gelato template first.</translation>
    </message>
    <message>
        <source>Set print image</source>
        <translation>Set print image</translation>
    </message>
    <message>
        <source>URL of the image for &quot;%1&quot; (http or https):</source>
        <translation>URL of the image for &quot;%1&quot; (http or https):</translation>
    </message>
    <message>
        <source>Print image for &quot;%1&quot;</source>
        <translation>Print image for &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Print files (*.pdf *.png *.tif *.tiff *.svg *.jpg *.jpeg)</source>
        <translation>Print files (*.pdf *.png *.tif *.tiff *.svg *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Remove image</source>
        <translation>Remove image</translation>
    </message>
    <message>
        <source>No database: print images cannot be changed.</source>
        <translation>No database: print images cannot be changed.</translation>
    </message>
    <message>
        <source>Select a placement first.</source>
        <translation>Select a placement first.</translation>
    </message>
    <message>
        <source>This placement has no default image to remove.</source>
        <translation>This placement has no default image to remove.</translation>
    </message>
    <message>
        <source>Remove the product&apos;s default image of this placement.</source>
        <translation>Remove the product&apos;s default image of this placement.</translation>
    </message>
    <message numerus="yes">
        <source>Without this image, %n published variant(s) would have nothing to print on &quot;%1&quot; and will be unpublished from Poleepo: %2. Remove the image and unpublish them?</source>
        <translation>
            <numerusform>Without this image, %n published variant would have nothing to print on &quot;%1&quot; and will be unpublished from Poleepo: %2. Remove the image and unpublish it?</numerusform>
            <numerusform>Without this image, %n published variants would have nothing to print on &quot;%1&quot; and will be unpublished from Poleepo: %2. Remove the image and unpublish them?</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove print image</source>
        <translation>Remove print image</translation>
    </message>
    <message numerus="yes">
        <source>Image removed; %n variant(s) unpublished from Poleepo.</source>
        <translation>
            <numerusform>Image removed; %n variant unpublished from Poleepo.</numerusform>
            <numerusform>Image removed; %n variants unpublished from Poleepo.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bottega::ProductBatchRepository</name>
    <message>
        <source>cannot save a product batch</source>
        <translation>cannot save a product batch</translation>
    </message>
    <message>
        <source>cannot save a product batch: no id returned</source>
        <translation>cannot save a product batch: no id returned</translation>
    </message>
    <message>
        <source>cannot save batch item %1</source>
        <translation>cannot save batch item %1</translation>
    </message>
    <message>
        <source>cannot read product batch %1</source>
        <translation>cannot read product batch %1</translation>
    </message>
    <message>
        <source>no product batch with id %1</source>
        <translation>no product batch with id %1</translation>
    </message>
    <message>
        <source>cannot read the items of product batch %1</source>
        <translation>cannot read the items of product batch %1</translation>
    </message>
    <message>
        <source>cannot read the product batches</source>
        <translation>cannot read the product batches</translation>
    </message>
    <message>
        <source>cannot save product batch %1</source>
        <translation>cannot save product batch %1</translation>
    </message>
    <message>
        <source>no batch item with id %1</source>
        <translation>no batch item with id %1</translation>
    </message>
    <message>
        <source>cannot read the batch history of product %1</source>
        <translation>cannot read the batch history of product %1</translation>
    </message>
    <message>
        <source>cannot delete product batch %1</source>
        <translation>cannot delete product batch %1</translation>
    </message>
    <message>
        <source>cannot count the product batches</source>
        <translation>cannot count the product batches</translation>
    </message>
</context>
<context>
    <name>Bottega::ProductCsv</name>
    <message>
        <source>cannot write &quot;%1&quot;: %2</source>
        <translation>cannot write &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>cannot read &quot;%1&quot;: %2</source>
        <translation>cannot read &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>the file is empty: it needs a header row</source>
        <translation>the file is empty: it needs a header row</translation>
    </message>
    <message>
        <source>&quot;%1&quot; or &quot;%2&quot;</source>
        <translation>&quot;%1&quot; or &quot;%2&quot;</translation>
    </message>
    <message>
        <source>missing column %1</source>
        <translation>missing column %1</translation>
    </message>
    <message>
        <source>Variant ID &quot;%1&quot; is not a number</source>
        <translation>Variant ID &quot;%1&quot; is not a number</translation>
    </message>
    <message>
        <source>no variant with Variant ID %1</source>
        <translation>no variant with Variant ID %1</translation>
    </message>
    <message>
        <source>Variant ID %1 has SKU &quot;%2&quot;, not &quot;%3&quot;</source>
        <translation>Variant ID %1 has SKU &quot;%2&quot;, not &quot;%3&quot;</translation>
    </message>
    <message>
        <source>unknown SKU &quot;%1&quot;</source>
        <translation>unknown SKU &quot;%1&quot;</translation>
    </message>
    <message>
        <source>no Variant ID or SKU to find the variant by</source>
        <translation>no Variant ID or SKU to find the variant by</translation>
    </message>
    <message>
        <source>Product UID &quot;%1&quot; is not a Gelato product UID (letters, digits, &quot;_&quot;, &quot;-&quot; and &quot;.&quot; only)</source>
        <translation>Product UID &quot;%1&quot; is not a Gelato product UID (letters, digits, &quot;_&quot;, &quot;-&quot; and &quot;.&quot; only)</translation>
    </message>
    <message>
        <source>Design File URL &quot;%1&quot; is not an http(s) URL</source>
        <translation>Design File URL &quot;%1&quot; is not an http(s) URL</translation>
    </message>
    <message>
        <source>variant %1 is already mapped on row %2</source>
        <translation>variant %1 is already mapped on row %2</translation>
    </message>
    <message>
        <source>product %1 has no print placements: synchronize its Gelato template before mapping a Design File URL</source>
        <translation>product %1 has no print placements: synchronize its Gelato template before mapping a Design File URL</translation>
    </message>
</context>
<context>
    <name>Bottega::ProductEditing</name>
    <message>
        <source>&quot;%1&quot; is a product field, not a variant field (variant fields: %2)</source>
        <translation>&quot;%1&quot; is a product field, not a variant field (variant fields: %2)</translation>
    </message>
    <message>
        <source>&quot;price-extra&quot; is a variant field: give --variant VID</source>
        <translation>&quot;price-extra&quot; is a variant field: give --variant VID</translation>
    </message>
    <message>
        <source>variant %1 is not a variant of product %2</source>
        <translation>variant %1 is not a variant of product %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a variant field: give --variant VID</source>
        <translation>&quot;%1&quot; is a variant field: give --variant VID</translation>
    </message>
    <message>
        <source>&quot;published&quot; is not edited here: publishing on Poleepo checks the print images (product set ID published true|false)</source>
        <translation>&quot;published&quot; is not edited here: publishing on Poleepo checks the print images (product set ID published true|false)</translation>
    </message>
</context>
<context>
    <name>Bottega::ProductEditorDialog</name>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>Variants</translation>
    </message>
    <message>
        <source>Print images</source>
        <translation>Print images</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>Gelato</source>
        <translation>Gelato</translation>
    </message>
    <message>
        <source>Template Reference from Gelato&apos;s dashboard</source>
        <translation>Template Reference from Gelato&apos;s dashboard</translation>
    </message>
    <message>
        <source>Synchronize</source>
        <translation>Synchronize</translation>
    </message>
    <message>
        <source>Needs a connection to Gelato: set it up on the Settings page.</source>
        <translation>Needs a connection to Gelato: set it up on the Settings page.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Template Reference:</source>
        <translation>Template Reference:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>SKU:</source>
        <translation>SKU:</translation>
    </message>
    <message>
        <source>Internal code:</source>
        <translation>Internal code:</translation>
    </message>
    <message>
        <source>EAN:</source>
        <translation>EAN:</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>List price:</source>
        <translation>List price:</translation>
    </message>
    <message>
        <source>VAT rate:</source>
        <translation>VAT rate:</translation>
    </message>
    <message>
        <source>Quantity:</source>
        <translation>Quantity:</translation>
    </message>
    <message>
        <source>Weight (g):</source>
        <translation>Weight (g):</translation>
    </message>
    <message>
        <source>Short description:</source>
        <translation>Short description:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Description:</translation>
    </message>
    <message>
        <source>Configure…</source>
        <translation>Configure…</translation>
    </message>
    <message>
        <source>No database: the product cannot be read.</source>
        <translation>No database: the product cannot be read.</translation>
    </message>
    <message numerus="yes">
        <source>Print images (%n missing)</source>
        <translation>
            <numerusform>Print images (%n missing)</numerusform>
            <numerusform>Print images (%n missing)</numerusform>
        </translation>
    </message>
    <message>
        <source>Variants (%1)</source>
        <translation>Variants (%1)</translation>
    </message>
    <message>
        <source>Product: %1</source>
        <translation>Product: %1</translation>
    </message>
    <message>
        <source>Not linked to a Gelato template.</source>
        <translation>Not linked to a Gelato template.</translation>
    </message>
    <message>
        <source>Linked to Gelato template %1.</source>
        <translation>Linked to Gelato template %1.</translation>
    </message>
    <message>
        <source>Template Reference: enter the id of the Gelato template first.</source>
        <translation>Template Reference: enter the id of the Gelato template first.</translation>
    </message>
    <message>
        <source>Synchronizing with Gelato template %1…</source>
        <translation>Synchronizing with Gelato template %1…</translation>
    </message>
    <message>
        <source>Already up to date: nothing changed.</source>
        <translation>Already up to date: nothing changed.</translation>
    </message>
    <message numerus="yes">
        <source>%n variant(s) created</source>
        <translation>
            <numerusform>%n variant created</numerusform>
            <numerusform>%n variants created</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n variant(s) updated</source>
        <translation>
            <numerusform>%n variant updated</numerusform>
            <numerusform>%n variants updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n updated</numerusform>
            <numerusform>%n updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n variant(s) removed</source>
        <translation>
            <numerusform>%n variant removed</numerusform>
            <numerusform>%n variants removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed</source>
        <translation>
            <numerusform>%n removed</numerusform>
            <numerusform>%n removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n archived because on an order</source>
        <translation>
            <numerusform>%n archived because on an order</numerusform>
            <numerusform>%n archived because on an order</numerusform>
        </translation>
    </message>
    <message>
        <source>Product updated from the template.</source>
        <translation>Product updated from the template.</translation>
    </message>
    <message>
        <source>Publish on Poleepo</source>
        <translation>Publish on Poleepo</translation>
    </message>
    <message>
        <source>Unpublish</source>
        <translation>Unpublish</translation>
    </message>
    <message>
        <source>Edits the selected variant&apos;s print images, price extra and codes</source>
        <translation>Edits the selected variant&apos;s print images, price extra and codes</translation>
    </message>
    <message>
        <source>Select one variant to configure it.</source>
        <translation>Select one variant to configure it.</translation>
    </message>
    <message>
        <source>No database: the product cannot be changed.</source>
        <translation>No database: the product cannot be changed.</translation>
    </message>
    <message>
        <source>Select one or more variants first.</source>
        <translation>Select one or more variants first.</translation>
    </message>
    <message>
        <source>This variant is already published on Poleepo.</source>
        <translation>This variant is already published on Poleepo.</translation>
    </message>
    <message>
        <source>The selected variants are already published on Poleepo.</source>
        <translation>The selected variants are already published on Poleepo.</translation>
    </message>
    <message>
        <source>Publish the selected variants on Poleepo: they are sent with the next product batch.</source>
        <translation>Publish the selected variants on Poleepo: they are sent with the next product batch.</translation>
    </message>
    <message>
        <source>This variant is not published on Poleepo.</source>
        <translation>This variant is not published on Poleepo.</translation>
    </message>
    <message>
        <source>None of the selected variants is published on Poleepo.</source>
        <translation>None of the selected variants is published on Poleepo.</translation>
    </message>
    <message>
        <source>Stop publishing the selected variants on Poleepo.</source>
        <translation>Stop publishing the selected variants on Poleepo.</translation>
    </message>
    <message numerus="yes">
        <source>%n variant(s) published on Poleepo: sent with the next product batch.</source>
        <translation>
            <numerusform>%n variant published on Poleepo: sent with the next product batch.</numerusform>
            <numerusform>%n variants published on Poleepo: sent with the next product batch.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n variant(s) no longer published on Poleepo.</source>
        <translation>
            <numerusform>%n variant no longer published on Poleepo.</numerusform>
            <numerusform>%n variants no longer published on Poleepo.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling the synchronization…</source>
        <translation>Cancelling the synchronization…</translation>
    </message>
    <message>
        <source>Wait until the synchronization has ended.</source>
        <translation>Wait until the synchronization has ended.</translation>
    </message>
    <message>
        <source>Synchronization cancelled: nothing was changed.</source>
        <translation>Synchronization cancelled: nothing was changed.</translation>
    </message>
</context>
<context>
    <name>Bottega::ProductListPage</name>
    <message>
        <source>New from Gelato template…</source>
        <translation>New from Gelato template…</translation>
    </message>
    <message>
        <source>Gelato catalog…</source>
        <translation>Gelato catalog…</translation>
    </message>
    <message>
        <source>Search name, SKU, EAN or template…</source>
        <translation>Search name, SKU, EAN or template…</translation>
    </message>
    <message>
        <source>All products</source>
        <translation>All products</translation>
    </message>
    <message>
        <source>Linked to Gelato</source>
        <translation>Linked to Gelato</translation>
    </message>
    <message>
        <source>Print images missing</source>
        <translation>Print images missing</translation>
    </message>
    <message>
        <source>Published on Poleepo</source>
        <translation>Published on Poleepo</translation>
    </message>
    <message>
        <source>Needs update</source>
        <translation>Needs update</translation>
    </message>
    <message>
        <source>Needs a connection to Gelato: set it up on the Settings page.</source>
        <translation>Needs a connection to Gelato: set it up on the Settings page.</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Products</translation>
    </message>
    <message>
        <source>Products and their variants; double-click one to edit it.</source>
        <translation>Products and their variants; double-click one to edit it.</translation>
    </message>
    <message>
        <source>No database: products are unavailable.</source>
        <translation>No database: products are unavailable.</translation>
    </message>
    <message>
        <source>New from Gelato template</source>
        <translation>New from Gelato template</translation>
    </message>
    <message>
        <source>Template Reference (the template&apos;s id in Gelato&apos;s dashboard):</source>
        <translation>Template Reference (the template&apos;s id in Gelato&apos;s dashboard):</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n product</numerusform>
            <numerusform>%n products</numerusform>
        </translation>
    </message>
    <message>
        <source>Publish on Poleepo</source>
        <translation>Publish on Poleepo</translation>
    </message>
    <message>
        <source>Unpublish</source>
        <translation>Unpublish</translation>
    </message>
    <message>
        <source>Select one or more products first.</source>
        <translation>Select one or more products first.</translation>
    </message>
    <message>
        <source>Publish the selected products on Poleepo with all their variants; each variant needs complete print images.</source>
        <translation>Publish the selected products on Poleepo with all their variants; each variant needs complete print images.</translation>
    </message>
    <message>
        <source>This product is not published on Poleepo.</source>
        <translation>This product is not published on Poleepo.</translation>
    </message>
    <message>
        <source>None of the selected products is published on Poleepo.</source>
        <translation>None of the selected products is published on Poleepo.</translation>
    </message>
    <message>
        <source>Stop publishing the selected products and all their variants on Poleepo.</source>
        <translation>Stop publishing the selected products and all their variants on Poleepo.</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) published on Poleepo with their variants: sent with the next product batch.</source>
        <translation>
            <numerusform>%n product published on Poleepo with its variants: sent with the next product batch.</numerusform>
            <numerusform>%n products published on Poleepo with their variants: sent with the next product batch.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) no longer published on Poleepo.</source>
        <translation>
            <numerusform>%n product no longer published on Poleepo.</numerusform>
            <numerusform>%n products no longer published on Poleepo.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Stop the synchronization: nothing of it is kept.</source>
        <translation>Stop the synchronization: nothing of it is kept.</translation>
    </message>
    <message>
        <source>Cancelling the synchronization…</source>
        <translation>Cancelling the synchronization…</translation>
    </message>
    <message>
        <source>Synchronization cancelled: nothing was stored.</source>
        <translation>Synchronization cancelled: nothing was stored.</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more.</source>
        <translation>
            <numerusform>…and %n more.</numerusform>
            <numerusform>…and %n more.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bottega::ProductRepository</name>
    <message>
        <source>cannot save product &quot;%1&quot;</source>
        <translation>cannot save product &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot save product &quot;%1&quot;: no id returned</source>
        <translation>cannot save product &quot;%1&quot;: no id returned</translation>
    </message>
    <message>
        <source>product &quot;%1&quot;: a variant&apos;s print image can only be set once the variant is stored</source>
        <translation>product &quot;%1&quot;: a variant&apos;s print image can only be set once the variant is stored</translation>
    </message>
    <message>
        <source>cannot read product %1</source>
        <translation>cannot read product %1</translation>
    </message>
    <message>
        <source>no product with id %1</source>
        <translation>no product with id %1</translation>
    </message>
    <message>
        <source>cannot read the products</source>
        <translation>cannot read the products</translation>
    </message>
    <message>
        <source>cannot count the products</source>
        <translation>cannot count the products</translation>
    </message>
    <message>
        <source>cannot look up Gelato template %1</source>
        <translation>cannot look up Gelato template %1</translation>
    </message>
    <message>
        <source>cannot mark the variants of &quot;%1&quot; for update</source>
        <translation>cannot mark the variants of &quot;%1&quot; for update</translation>
    </message>
    <message>
        <source>cannot read the attributes of product %1</source>
        <translation>cannot read the attributes of product %1</translation>
    </message>
    <message>
        <source>cannot save attribute &quot;%1&quot;</source>
        <translation>cannot save attribute &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot save attribute &quot;%1&quot;: no id returned</source>
        <translation>cannot save attribute &quot;%1&quot;: no id returned</translation>
    </message>
    <message>
        <source>cannot save value &quot;%1&quot; of attribute &quot;%2&quot;</source>
        <translation>cannot save value &quot;%1&quot; of attribute &quot;%2&quot;</translation>
    </message>
    <message>
        <source>cannot remove value &quot;%1&quot;</source>
        <translation>cannot remove value &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot remove attribute &quot;%1&quot;</source>
        <translation>cannot remove attribute &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot archive product %1</source>
        <translation>cannot archive product %1</translation>
    </message>
    <message>
        <source>cannot delete product %1</source>
        <translation>cannot delete product %1</translation>
    </message>
    <message>
        <source>product %1 has variants on orders and cannot be deleted; archive it instead</source>
        <translation>product %1 has variants on orders and cannot be deleted; archive it instead</translation>
    </message>
</context>
<context>
    <name>Bottega::ProductTableModel</name>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Gelato template</source>
        <translation>Gelato template</translation>
    </message>
    <message>
        <source>On Poleepo</source>
        <translation>On Poleepo</translation>
    </message>
    <message>
        <source>Needs update</source>
        <translation>Needs update</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Updated</translation>
    </message>
</context>
<context>
    <name>Bottega::Publishing</name>
    <message>
        <source>no variant selected</source>
        <translation>no variant selected</translation>
    </message>
    <message>
        <source>no product selected</source>
        <translation>no product selected</translation>
    </message>
    <message>
        <source>product %1 has no print image for placement &quot;%2&quot;%3</source>
        <translation>product %1 has no print image for placement &quot;%2&quot;%3</translation>
    </message>
    <message>
        <source> on variant %1</source>
        <translation> on variant %1</translation>
    </message>
    <message>
        <source>variant %1 is archived (no longer sold): it cannot be published on Poleepo</source>
        <translation>variant %1 is archived (no longer sold): it cannot be published on Poleepo</translation>
    </message>
    <message>
        <source>product %1 &quot;%2&quot; has no variants, and a product without variants cannot be published on Poleepo: synchronize it with its Gelato template first</source>
        <translation>product %1 &quot;%2&quot; has no variants, and a product without variants cannot be published on Poleepo: synchronize it with its Gelato template first</translation>
    </message>
    <message>
        <source>product %1 &quot;%2&quot; cannot be published on Poleepo: all its variants are archived</source>
        <translation>product %1 &quot;%2&quot; cannot be published on Poleepo: all its variants are archived</translation>
    </message>
</context>
<context>
    <name>Bottega::PublishingRepository</name>
    <message>
        <source>cannot read the variants to send to Poleepo</source>
        <translation>cannot read the variants to send to Poleepo</translation>
    </message>
    <message>
        <source>cannot count the status requests of batch %1</source>
        <translation>cannot count the status requests of batch %1</translation>
    </message>
    <message>
        <source>cannot record a status request of batch %1</source>
        <translation>cannot record a status request of batch %1</translation>
    </message>
    <message>
        <source>cannot store the Poleepo product id of %1</source>
        <translation>cannot store the Poleepo product id of %1</translation>
    </message>
    <message>
        <source>cannot mark batch item %1 as sent again</source>
        <translation>cannot mark batch item %1 as sent again</translation>
    </message>
</context>
<context>
    <name>Bottega::Runtime</name>
    <message>
        <source>cannot create the data dir %1</source>
        <translation>cannot create the data dir %1</translation>
    </message>
    <message>
        <source>Bottega is already running with the data dir %1 (pid %2)</source>
        <translation>Bottega is already running with the data dir %1 (pid %2)</translation>
    </message>
    <message>
        <source>cannot lock the data dir %1</source>
        <translation>cannot lock the data dir %1</translation>
    </message>
    <message>
        <source>--listen: %1</source>
        <translation>--listen: %1</translation>
    </message>
</context>
<context>
    <name>Bottega::SalesOrderRepository</name>
    <message>
        <source>an order with reference &quot;%1&quot; already exists</source>
        <translation>an order with reference &quot;%1&quot; already exists</translation>
    </message>
    <message>
        <source>cannot save order &quot;%1&quot;</source>
        <translation>cannot save order &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot save order &quot;%1&quot;: no id returned</source>
        <translation>cannot save order &quot;%1&quot;: no id returned</translation>
    </message>
    <message>
        <source>cannot save the lines of order %1</source>
        <translation>cannot save the lines of order %1</translation>
    </message>
    <message>
        <source>cannot save line %1 (%2) of order %3</source>
        <translation>cannot save line %1 (%2) of order %3</translation>
    </message>
    <message>
        <source>cannot read order %1</source>
        <translation>cannot read order %1</translation>
    </message>
    <message>
        <source>no order with id %1</source>
        <translation>no order with id %1</translation>
    </message>
    <message>
        <source>cannot read the lines of order %1</source>
        <translation>cannot read the lines of order %1</translation>
    </message>
    <message>
        <source>cannot look up order &quot;%1&quot;</source>
        <translation>cannot look up order &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot look up Poleepo order %1</source>
        <translation>cannot look up Poleepo order %1</translation>
    </message>
    <message>
        <source>cannot read the orders</source>
        <translation>cannot read the orders</translation>
    </message>
    <message>
        <source>cannot count the orders</source>
        <translation>cannot count the orders</translation>
    </message>
    <message>
        <source>cannot save the Gelato item of line %1</source>
        <translation>cannot save the Gelato item of line %1</translation>
    </message>
    <message>
        <source>no order line with id %1</source>
        <translation>no order line with id %1</translation>
    </message>
    <message>
        <source>cannot read the state of order %1</source>
        <translation>cannot read the state of order %1</translation>
    </message>
    <message>
        <source>cannot change the state of order %1</source>
        <translation>cannot change the state of order %1</translation>
    </message>
    <message>
        <source>cannot delete order %1</source>
        <translation>cannot delete order %1</translation>
    </message>
    <message>
        <source>cannot read the orders&apos; channels</source>
        <translation>cannot read the orders&apos; channels</translation>
    </message>
</context>
<context>
    <name>Bottega::Scheduler</name>
    <message>
        <source>Clean up the API log</source>
        <translation>Clean up the API log</translation>
    </message>
    <message>
        <source>unknown job &quot;%1&quot;; known jobs: %2</source>
        <translation>unknown job &quot;%1&quot;; known jobs: %2</translation>
    </message>
    <message>
        <source>%1 is already running</source>
        <translation>%1 is already running</translation>
    </message>
    <message>
        <source>%1 is already running in another process</source>
        <translation>%1 is already running in another process</translation>
    </message>
    <message>
        <source>the job has nothing to run</source>
        <translation>the job has nothing to run</translation>
    </message>
    <message>
        <source>%1: interval %2 s is out of range 0–%3 s</source>
        <translation>%1: interval %2 s is out of range 0–%3 s</translation>
    </message>
    <message>
        <source>%1 cannot be manual only: its interval must be at least %2 s</source>
        <translation>%1 cannot be manual only: its interval must be at least %2 s</translation>
    </message>
    <message>
        <source>%1: interval %2 s is below the minimum of %3 s</source>
        <translation>%1: interval %2 s is below the minimum of %3 s</translation>
    </message>
    <message>
        <source>Process the webhook queue</source>
        <translation>Process the webhook queue</translation>
    </message>
    <message>
        <source>Clean up the webhook queue</source>
        <translation>Clean up the webhook queue</translation>
    </message>
    <message>
        <source>Reconcile Gelato orders</source>
        <translation>Reconcile Gelato orders</translation>
    </message>
    <message>
        <source>Generate Poleepo product batches</source>
        <translation>Generate Poleepo product batches</translation>
    </message>
    <message>
        <source>Poll Poleepo product batches</source>
        <translation>Poll Poleepo product batches</translation>
    </message>
    <message>
        <source>Import Poleepo orders</source>
        <translation>Import Poleepo orders</translation>
    </message>
    <message>
        <source>Cleaning the API log</source>
        <translation>Cleaning the API log</translation>
    </message>
    <message>
        <source>Generating Poleepo product batches</source>
        <translation>Generating Poleepo product batches</translation>
    </message>
    <message>
        <source>Polling Poleepo product batches</source>
        <translation>Polling Poleepo product batches</translation>
    </message>
    <message>
        <source>Importing Poleepo orders</source>
        <translation>Importing Poleepo orders</translation>
    </message>
    <message>
        <source>Reconciling Gelato orders</source>
        <translation>Reconciling Gelato orders</translation>
    </message>
    <message>
        <source>Cleaning the webhook queue</source>
        <translation>Cleaning the webhook queue</translation>
    </message>
</context>
<context>
    <name>Bottega::SchedulerPage</name>
    <message>
        <source>Run now</source>
        <translation>Run now</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>Change interval…</source>
        <translation>Change interval…</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation>Scheduler</translation>
    </message>
    <message>
        <source>Jobs that run by themselves in the background, here and in &quot;bottega serve&quot;. Two programs sharing the database never run the same job at once.</source>
        <translation>Jobs that run by themselves in the background, here and in &quot;bottega serve&quot;. Two programs sharing the database never run the same job at once.</translation>
    </message>
    <message>
        <source>The scheduler is not running in this window.</source>
        <translation>The scheduler is not running in this window.</translation>
    </message>
    <message>
        <source>Running &quot;%1&quot;…</source>
        <translation>Running &quot;%1&quot;…</translation>
    </message>
    <message>
        <source>&quot;%1&quot; finished.</source>
        <translation>&quot;%1&quot; finished.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; finished: %2</source>
        <translation>&quot;%1&quot; finished: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; failed: %2</source>
        <translation>&quot;%1&quot; failed: %2</translation>
    </message>
    <message>
        <source>the scheduler page is closed</source>
        <translation>the scheduler page is closed</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: %2</source>
        <translation>&quot;%1&quot;: %2</translation>
    </message>
</context>
<context>
    <name>Bottega::SecretChain</name>
    <message>
        <source>no secret store is configured</source>
        <translation>no secret store is configured</translation>
    </message>
    <message>
        <source>no secret store can save secrets (%1: read-only); start a keyring service such as gnome-keyring, or provide the secret as a credential file or BOTTEGA_* variable</source>
        <translation>no secret store can save secrets (%1: read-only); start a keyring service such as gnome-keyring, or provide the secret as a credential file or BOTTEGA_* variable</translation>
    </message>
</context>
<context>
    <name>Bottega::SecretField</name>
    <message>
        <source>Set, in the system keychain</source>
        <translation>Set, in the system keychain</translation>
    </message>
    <message>
        <source>Set, in the credentials directory</source>
        <translation>Set, in the credentials directory</translation>
    </message>
    <message>
        <source>Set, from an environment variable</source>
        <translation>Set, from an environment variable</translation>
    </message>
    <message>
        <source>Set, in memory only</source>
        <translation>Set, in memory only</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Set</translation>
    </message>
    <message>
        <source>Set (%1)</source>
        <translation>Set (%1)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Change…</translation>
    </message>
    <message>
        <source>The secret store cannot be written here; use &quot;bottega secret set %1&quot; or the environment variable instead.</source>
        <translation>The secret store cannot be written here; use &quot;bottega secret set %1&quot; or the environment variable instead.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Type the new value</source>
        <translation>Type the new value</translation>
    </message>
    <message>
        <source>No secret store</source>
        <translation>No secret store</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>Cannot tell whether it is set: %1</source>
        <translation>Cannot tell whether it is set: %1</translation>
    </message>
</context>
<context>
    <name>Bottega::SecretNames</name>
    <message>
        <source>&quot;%1&quot; needs a webhook name after the last dot, as poleepo.webhook-secret.orders</source>
        <translation>&quot;%1&quot; needs a webhook name after the last dot, as poleepo.webhook-secret.orders</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: a webhook name may contain only letters, digits, &apos;-&apos; and &apos;_&apos;</source>
        <translation>&quot;%1&quot;: a webhook name may contain only letters, digits, &apos;-&apos; and &apos;_&apos;</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a secret name; the names are %2 and poleepo.webhook-secret.&lt;webhook-name&gt;</source>
        <translation>&quot;%1&quot; is not a secret name; the names are %2 and poleepo.webhook-secret.&lt;webhook-name&gt;</translation>
    </message>
</context>
<context>
    <name>Bottega::Server</name>
    <message>
        <source>the request body is larger than the limit of %1 bytes</source>
        <translation>the request body is larger than the limit of %1 bytes</translation>
    </message>
    <message>
        <source>the request line is not HTTP/1.1</source>
        <translation>the request line is not HTTP/1.1</translation>
    </message>
    <message>
        <source>the Content-Length header is not a single number</source>
        <translation>the Content-Length header is not a single number</translation>
    </message>
    <message>
        <source>Content-Length and Transfer-Encoding must not come together</source>
        <translation>Content-Length and Transfer-Encoding must not come together</translation>
    </message>
    <message>
        <source>the address is already in use</source>
        <translation>the address is already in use</translation>
    </message>
    <message>
        <source>permission denied (ports below 1024 need administrator rights)</source>
        <translation>permission denied (ports below 1024 need administrator rights)</translation>
    </message>
    <message>
        <source>the address does not belong to this machine</source>
        <translation>the address does not belong to this machine</translation>
    </message>
    <message>
        <source>cannot listen on %1: %2</source>
        <translation>cannot listen on %1: %2</translation>
    </message>
    <message>
        <source>no such path: %1</source>
        <translation>no such path: %1</translation>
    </message>
    <message>
        <source>%1 is not allowed on %2 (allowed: %3)</source>
        <translation>%1 is not allowed on %2 (allowed: %3)</translation>
    </message>
    <message>
        <source>cannot read the file: %1</source>
        <translation>cannot read the file: %1</translation>
    </message>
    <message>
        <source>the client closed the connection before the answer</source>
        <translation>the client closed the connection before the answer</translation>
    </message>
    <message>
        <source>the request was not answered</source>
        <translation>the request was not answered</translation>
    </message>
    <message>
        <source>the request head is too large</source>
        <translation>the request head is too large</translation>
    </message>
    <message>
        <source>the chunked body is not well formed</source>
        <translation>the chunked body is not well formed</translation>
    </message>
</context>
<context>
    <name>Bottega::Settings</name>
    <message>
        <source>Whether Bottega talks to Gelato (products, orders, shipping).</source>
        <translation>Whether Bottega talks to Gelato (products, orders, shipping).</translation>
    </message>
    <message>
        <source>Base URL of the Gelato Order API.</source>
        <translation>Base URL of the Gelato Order API.</translation>
    </message>
    <message>
        <source>Base URL of the Gelato Product API.</source>
        <translation>Base URL of the Gelato Product API.</translation>
    </message>
    <message>
        <source>Base URL of the Gelato E-commerce API (templates, store products).</source>
        <translation>Base URL of the Gelato E-commerce API (templates, store products).</translation>
    </message>
    <message>
        <source>Base URL of the Gelato Shipment API.</source>
        <translation>Base URL of the Gelato Shipment API.</translation>
    </message>
    <message>
        <source>Whether Bottega talks to Poleepo (catalogue, orders, shipping).</source>
        <translation>Whether Bottega talks to Poleepo (catalogue, orders, shipping).</translation>
    </message>
    <message>
        <source>Base URL of the Poleepo API.</source>
        <translation>Base URL of the Poleepo API.</translation>
    </message>
    <message>
        <source>Address (HOST:PORT) the built-in webhook and file server listens on.</source>
        <translation>Address (HOST:PORT) the built-in webhook and file server listens on.</translation>
    </message>
    <message>
        <source>URL at which Gelato and Poleepo reach the built-in server; empty means http://&lt;server.listen&gt;.</source>
        <translation>URL at which Gelato and Poleepo reach the built-in server; empty means http://&lt;server.listen&gt;.</translation>
    </message>
    <message>
        <source>Company name, as on orders and invoices.</source>
        <translation>Company name, as on orders and invoices.</translation>
    </message>
    <message>
        <source>Company billing address.</source>
        <translation>Company billing address.</translation>
    </message>
    <message>
        <source>Send new sales orders to Gelato automatically, without confirming each.</source>
        <translation>Send new sales orders to Gelato automatically, without confirming each.</translation>
    </message>
    <message>
        <source>Days to keep API log entries (1–3650).</source>
        <translation>Days to keep API log entries (1–3650).</translation>
    </message>
    <message>
        <source>Days to keep processed webhook calls (1–3650).</source>
        <translation>Days to keep processed webhook calls (1–3650).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not true or false (also accepted: yes/no, 1/0)</source>
        <translation>&quot;%1&quot; is not true or false (also accepted: yes/no, 1/0)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a whole number</source>
        <translation>&quot;%1&quot; is not a whole number</translation>
    </message>
    <message>
        <source>%1 is out of range %2–%3</source>
        <translation>%1 is out of range %2–%3</translation>
    </message>
    <message>
        <source>a URL is required</source>
        <translation>a URL is required</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid URL: %2</source>
        <translation>&quot;%1&quot; is not a valid URL: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http or https URL</source>
        <translation>&quot;%1&quot; is not an http or https URL</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no host</source>
        <translation>&quot;%1&quot; has no host</translation>
    </message>
    <message>
        <source>%1 is a secret: use `bottega secret set %1`</source>
        <translation>%1 is a secret: use `bottega secret set %1`</translation>
    </message>
    <message>
        <source>unknown setting &quot;%1&quot;; see `bottega config list`</source>
        <translation>unknown setting &quot;%1&quot;; see `bottega config list`</translation>
    </message>
    <message>
        <source>%1: cannot save: the settings file %2 is not a valid INI file; fix or remove it</source>
        <translation>%1: cannot save: the settings file %2 is not a valid INI file; fix or remove it</translation>
    </message>
    <message>
        <source>%1: cannot save: the settings file %2 is not writable</source>
        <translation>%1: cannot save: the settings file %2 is not writable</translation>
    </message>
    <message>
        <source>Entries per Poleepo product batch, parents included (1–1000).</source>
        <translation>Entries per Poleepo product batch, parents included (1–1000).</translation>
    </message>
</context>
<context>
    <name>Bottega::SettingsPage</name>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Revert</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Connections to Gelato and Poleepo, and the built-in server that receives their webhooks.</source>
        <translation>Connections to Gelato and Poleepo, and the built-in server that receives their webhooks.</translation>
    </message>
    <message>
        <source>Gelato</source>
        <translation>Gelato</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>Sync templates from Gelato and send orders to Gelato for printing.</source>
        <translation>Sync templates from Gelato and send orders to Gelato for printing.</translation>
    </message>
    <message>
        <source>Connector:</source>
        <translation>Connector:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API key:</translation>
    </message>
    <message>
        <source>Webhook secret:</source>
        <translation>Webhook secret:</translation>
    </message>
    <message>
        <source>Poleepo</source>
        <translation>Poleepo</translation>
    </message>
    <message>
        <source>Integration active</source>
        <translation>Integration active</translation>
    </message>
    <message>
        <source>Publish products to Poleepo and import its orders.</source>
        <translation>Publish products to Poleepo and import its orders.</translation>
    </message>
    <message>
        <source>Client ID:</source>
        <translation>Client ID:</translation>
    </message>
    <message>
        <source>Client secret:</source>
        <translation>Client secret:</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>Company name:</source>
        <translation>Company name:</translation>
    </message>
    <message>
        <source>Must match the billing entity of your Gelato account, or Gelato refuses orders.</source>
        <translation>Must match the billing entity of your Gelato account, or Gelato refuses orders.</translation>
    </message>
    <message>
        <source>Billing address:</source>
        <translation>Billing address:</translation>
    </message>
    <message>
        <source>Built-in server</source>
        <translation>Built-in server</translation>
    </message>
    <message>
        <source>Address and port to listen on (HOST:PORT). A change applies at the next start.</source>
        <translation>Address and port to listen on (HOST:PORT). A change applies at the next start.</translation>
    </message>
    <message>
        <source>Listen address:</source>
        <translation>Listen address:</translation>
    </message>
    <message>
        <source>The address Gelato and Poleepo use to reach this server, usually an HTTPS reverse proxy. Empty: http:// and the listen address.</source>
        <translation>The address Gelato and Poleepo use to reach this server, usually an HTTPS reverse proxy. Empty: http:// and the listen address.</translation>
    </message>
    <message>
        <source>Public base URL:</source>
        <translation>Public base URL:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Settings are not available in this window.</source>
        <translation>Settings are not available in this window.</translation>
    </message>
    <message>
        <source>Saving secrets…</source>
        <translation>Saving secrets…</translation>
    </message>
    <message>
        <source>Some changes were not saved. The messages under the fields say why.</source>
        <translation>Some changes were not saved. The messages under the fields say why.</translation>
    </message>
    <message>
        <source>Settings saved. Restart Bottega to listen on the new address.</source>
        <translation>Settings saved. Restart Bottega to listen on the new address.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>Listening on %1</translation>
    </message>
    <message>
        <source>Not running: %1</source>
        <translation>Not running: %1</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>Not running</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <source>Connected: Gelato accepted the API key.</source>
        <translation>Connected: Gelato accepted the API key.</translation>
    </message>
    <message>
        <source>Not checked yet: Gelato reports the billing entity with the first order sent to it.</source>
        <translation>Not checked yet: Gelato reports the billing entity with the first order sent to it.</translation>
    </message>
    <message>
        <source>Matches the billing entity Gelato reported on the latest order.</source>
        <translation>Matches the billing entity Gelato reported on the latest order.</translation>
    </message>
    <message>
        <source>Does not match the billing entity Gelato reported, and Gelato refuses orders then: %1</source>
        <translation>Does not match the billing entity Gelato reported, and Gelato refuses orders then: %1</translation>
    </message>
</context>
<context>
    <name>Bottega::ShipWithPoleepo</name>
    <message>
        <source>the order did not come from Poleepo</source>
        <translation>the order did not come from Poleepo</translation>
    </message>
    <message>
        <source>the order is cancelled</source>
        <translation>the order is cancelled</translation>
    </message>
    <message>
        <source>Gelato ships this order (Gelato order %1)</source>
        <translation>Gelato ships this order (Gelato order %1)</translation>
    </message>
    <message>
        <source>not delivered to the shop yet: %1</source>
        <translation>not delivered to the shop yet: %1</translation>
    </message>
    <message>
        <source>already shipped with Poleepo shipping %1</source>
        <translation>already shipped with Poleepo shipping %1</translation>
    </message>
    <message>
        <source>a shipment needs at least one package with a package type</source>
        <translation>a shipment needs at least one package with a package type</translation>
    </message>
    <message>
        <source>package %1: no package type with id %2</source>
        <translation>package %1: no package type with id %2</translation>
    </message>
    <message>
        <source>package %1 (%2): %3</source>
        <translation>package %1 (%2): %3</translation>
    </message>
    <message>
        <source>not a valid package type for Poleepo: %1</source>
        <translation>not a valid package type for Poleepo: %1</translation>
    </message>
    <message>
        <source>cannot ship with Poleepo: %1</source>
        <translation>cannot ship with Poleepo: %1</translation>
    </message>
    <message>
        <source>choose a carrier</source>
        <translation>choose a carrier</translation>
    </message>
    <message>
        <source>choose a pickup address</source>
        <translation>choose a pickup address</translation>
    </message>
    <message>
        <source>Poleepo offers no carrier &quot;%1&quot; (offered: %2)</source>
        <translation>Poleepo offers no carrier &quot;%1&quot; (offered: %2)</translation>
    </message>
    <message>
        <source>Poleepo has no pickup address &quot;%1&quot; (known: %2)</source>
        <translation>Poleepo has no pickup address &quot;%1&quot; (known: %2)</translation>
    </message>
    <message>
        <source>Poleepo shipping %1 was created, but its label was not stored: %2. Ship again to fetch the label.</source>
        <translation>Poleepo shipping %1 was created, but its label was not stored: %2. Ship again to fetch the label.</translation>
    </message>
    <message>
        <source>the answer is not a PDF</source>
        <translation>the answer is not a PDF</translation>
    </message>
    <message>
        <source>the order has no shipping from Ship with Poleepo yet: ship it first</source>
        <translation>the order has no shipping from Ship with Poleepo yet: ship it first</translation>
    </message>
    <message>
        <source>Poleepo shipping %1 was already delivered to the carrier on %2</source>
        <translation>Poleepo shipping %1 was already delivered to the carrier on %2</translation>
    </message>
</context>
<context>
    <name>Bottega::ShipWithPoleepoDialog</name>
    <message>
        <source>Add package</source>
        <translation>Add package</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Request label</source>
        <translation>Request label</translation>
    </message>
    <message>
        <source>Ship %1 with Poleepo</source>
        <translation>Ship %1 with Poleepo</translation>
    </message>
    <message>
        <source>%1 kg, %2×%3×%4 cm</source>
        <translation>%1 kg, %2×%3×%4 cm</translation>
    </message>
    <message>
        <source>%1 (not usable: %2)</source>
        <translation>%1 (not usable: %2)</translation>
    </message>
    <message>
        <source>No package types: add them in Settings</source>
        <translation>No package types: add them in Settings</translation>
    </message>
    <message>
        <source>Poleepo creates the shipping with the carrier and returns its label, which is kept with the order. Every package needs a package type Poleepo knows.</source>
        <translation>Poleepo creates the shipping with the carrier and returns its label, which is kept with the order. Every package needs a package type Poleepo knows.</translation>
    </message>
    <message>
        <source>Pickup address:</source>
        <translation>Pickup address:</translation>
    </message>
    <message>
        <source>Carrier:</source>
        <translation>Carrier:</translation>
    </message>
    <message>
        <source>Package type:</source>
        <translation>Package type:</translation>
    </message>
    <message>
        <source>Packages:</source>
        <translation>Packages:</translation>
    </message>
    <message>
        <source>Shipping with Poleepo is not available here.</source>
        <translation>Shipping with Poleepo is not available here.</translation>
    </message>
    <message>
        <source>Asking Poleepo for its carriers…</source>
        <translation>Asking Poleepo for its carriers…</translation>
    </message>
    <message>
        <source>Package %1: %2</source>
        <translation>Package %1: %2</translation>
    </message>
    <message>
        <source>Asking Poleepo for the label…</source>
        <translation>Asking Poleepo for the label…</translation>
    </message>
</context>
<context>
    <name>Bottega::ShipmentRepository</name>
    <message>
        <source>cannot read the Poleepo shippings</source>
        <translation>cannot read the Poleepo shippings</translation>
    </message>
    <message>
        <source>no shipping with id %1</source>
        <translation>no shipping with id %1</translation>
    </message>
    <message>
        <source>cannot read the parcels of shipping %1</source>
        <translation>cannot read the parcels of shipping %1</translation>
    </message>
    <message>
        <source>cannot save Poleepo shipping %1</source>
        <translation>cannot save Poleepo shipping %1</translation>
    </message>
    <message>
        <source>cannot save shipping %1</source>
        <translation>cannot save shipping %1</translation>
    </message>
    <message>
        <source>cannot read the lines of order %1</source>
        <translation>cannot read the lines of order %1</translation>
    </message>
    <message>
        <source>cannot save the lines of order %1</source>
        <translation>cannot save the lines of order %1</translation>
    </message>
    <message>
        <source>cannot read package type %1</source>
        <translation>cannot read package type %1</translation>
    </message>
</context>
<context>
    <name>Bottega::TemplateSync</name>
    <message>
        <source>a template synchronization is already running</source>
        <translation>a template synchronization is already running</translation>
    </message>
    <message>
        <source>the Gelato template id is empty</source>
        <translation>the Gelato template id is empty</translation>
    </message>
    <message>
        <source>Fetching Gelato template &quot;%1&quot;</source>
        <translation>Fetching Gelato template &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>Gelato template &quot;%1&quot; has no variants</source>
        <translation>Gelato template &quot;%1&quot; has no variants</translation>
    </message>
    <message>
        <source>Gelato template &quot;%1&quot;: variants[%2].productUid is empty</source>
        <translation>Gelato template &quot;%1&quot;: variants[%2].productUid is empty</translation>
    </message>
    <message>
        <source>cannot store Gelato template &quot;%1&quot;: %2</source>
        <translation>cannot store Gelato template &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>Storing &quot;%1&quot;: %2 of %3 variants</source>
        <translation>Storing &quot;%1&quot;: %2 of %3 variants</translation>
    </message>
    <message>
        <source>Synchronizing Gelato template &quot;%1&quot;</source>
        <translation>Synchronizing Gelato template &quot;%1&quot;</translation>
    </message>
    <message numerus="yes">
        <source>&quot;%1&quot;: %n variant(s) created</source>
        <translation>
            <numerusform>&quot;%1&quot;: %n variant created</numerusform>
            <numerusform>&quot;%1&quot;: %n variants created</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bottega::TimeRangeFilter</name>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <source>The time range ends (%1) before it starts (%2): change From or To.</source>
        <translation>The time range ends (%1) before it starts (%2): change From or To.</translation>
    </message>
</context>
<context>
    <name>Bottega::UnsavedChanges</name>
    <message>
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>Save the changes before closing? Discarded changes are lost.</source>
        <translation>Save the changes before closing? Discarded changes are lost.</translation>
    </message>
</context>
<context>
    <name>Bottega::VariantEditorDialog</name>
    <message>
        <source>Published on Poleepo</source>
        <translation>Published on Poleepo</translation>
    </message>
    <message>
        <source>Override from URL…</source>
        <translation>Override from URL…</translation>
    </message>
    <message>
        <source>Override from file…</source>
        <translation>Override from file…</translation>
    </message>
    <message>
        <source>Remove override</source>
        <translation>Remove override</translation>
    </message>
    <message>
        <source>Variant: %1</source>
        <translation>Variant: %1</translation>
    </message>
    <message>
        <source>The Gelato product UID printed for this variant.</source>
        <translation>The Gelato product UID printed for this variant.</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Title:</translation>
    </message>
    <message>
        <source>Product UID:</source>
        <translation>Product UID:</translation>
    </message>
    <message>
        <source>SKU:</source>
        <translation>SKU:</translation>
    </message>
    <message>
        <source>EAN:</source>
        <translation>EAN:</translation>
    </message>
    <message>
        <source>UPC:</source>
        <translation>UPC:</translation>
    </message>
    <message>
        <source>ISBN:</source>
        <translation>ISBN:</translation>
    </message>
    <message>
        <source>MPN:</source>
        <translation>MPN:</translation>
    </message>
    <message>
        <source>Price extra:</source>
        <translation>Price extra:</translation>
    </message>
    <message>
        <source>Quantity:</source>
        <translation>Quantity:</translation>
    </message>
    <message>
        <source>Weight (g):</source>
        <translation>Weight (g):</translation>
    </message>
    <message>
        <source>Print images</source>
        <translation>Print images</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>Placement</translation>
    </message>
    <message>
        <source>Uses</source>
        <translation>Uses</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Its own override</source>
        <translation>Its own override</translation>
    </message>
    <message>
        <source>The product&apos;s default</source>
        <translation>The product&apos;s default</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>Print image for &quot;%1&quot;</source>
        <translation>Print image for &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Print files (*.pdf *.png *.tif *.tiff *.svg *.jpg *.jpeg)</source>
        <translation>Print files (*.pdf *.png *.tif *.tiff *.svg *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Override print image</source>
        <translation>Override print image</translation>
    </message>
    <message>
        <source>URL of the image for &quot;%1&quot; (http or https):</source>
        <translation>URL of the image for &quot;%1&quot; (http or https):</translation>
    </message>
    <message>
        <source>Not on Poleepo yet</source>
        <translation>Not on Poleepo yet</translation>
    </message>
    <message>
        <source>Poleepo product id %1</source>
        <translation>Poleepo product id %1</translation>
    </message>
    <message>
        <source>needs update</source>
        <translation>needs update</translation>
    </message>
    <message>
        <source>last sent %1</source>
        <translation>last sent %1</translation>
    </message>
    <message>
        <source>Sent to Poleepo with the next product batch.</source>
        <translation>Sent to Poleepo with the next product batch.</translation>
    </message>
    <message>
        <source>Remove print image</source>
        <translation>Remove print image</translation>
    </message>
    <message>
        <source>Without its own image this variant has nothing to print on &quot;%1&quot;, so it will be unpublished from Poleepo. Remove the image and unpublish it?</source>
        <translation>Without its own image this variant has nothing to print on &quot;%1&quot;, so it will be unpublished from Poleepo. Remove the image and unpublish it?</translation>
    </message>
</context>
<context>
    <name>Bottega::VariantRepository</name>
    <message>
        <source>cannot save variant %1</source>
        <translation>cannot save variant %1</translation>
    </message>
    <message>
        <source>cannot save variant %1: no id returned</source>
        <translation>cannot save variant %1: no id returned</translation>
    </message>
    <message>
        <source>cannot save the options of variant %1</source>
        <translation>cannot save the options of variant %1</translation>
    </message>
    <message>
        <source>variant %1: the product has no value &quot;%2&quot; for attribute &quot;%3&quot;</source>
        <translation>variant %1: the product has no value &quot;%2&quot; for attribute &quot;%3&quot;</translation>
    </message>
    <message>
        <source>cannot save option %1 of variant %2</source>
        <translation>cannot save option %1 of variant %2</translation>
    </message>
    <message>
        <source>cannot read variant options</source>
        <translation>cannot read variant options</translation>
    </message>
    <message>
        <source>cannot read variant %1</source>
        <translation>cannot read variant %1</translation>
    </message>
    <message>
        <source>no variant with id %1</source>
        <translation>no variant with id %1</translation>
    </message>
    <message>
        <source>cannot read the variants of product %1</source>
        <translation>cannot read the variants of product %1</translation>
    </message>
    <message>
        <source>cannot look up SKU %1</source>
        <translation>cannot look up SKU %1</translation>
    </message>
    <message>
        <source>cannot change &quot;Published on Poleepo&quot;</source>
        <translation>cannot change &quot;Published on Poleepo&quot;</translation>
    </message>
    <message>
        <source>cannot archive variant %1</source>
        <translation>cannot archive variant %1</translation>
    </message>
    <message>
        <source>cannot delete variant %1</source>
        <translation>cannot delete variant %1</translation>
    </message>
    <message>
        <source>variant %1 is on an order and cannot be deleted; archive it instead</source>
        <translation>variant %1 is on an order and cannot be deleted; archive it instead</translation>
    </message>
    <message>
        <source>cannot look up the orders of variant %1</source>
        <translation>cannot look up the orders of variant %1</translation>
    </message>
</context>
<context>
    <name>Bottega::VariantTableModel</name>
    <message>
        <source>No print image for: %1</source>
        <translation>No print image for: %1</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>Missing: %1</source>
        <translation>Missing: %1</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <source>Product UID</source>
        <translation>Product UID</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>EAN</source>
        <translation>EAN</translation>
    </message>
    <message>
        <source>Price extra</source>
        <translation>Price extra</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Print images</source>
        <translation>Print images</translation>
    </message>
    <message>
        <source>On Poleepo</source>
        <translation>On Poleepo</translation>
    </message>
    <message>
        <source>Needs update</source>
        <translation>Needs update</translation>
    </message>
    <message>
        <source>The SKU Poleepo knows this variant by.</source>
        <translation>The SKU Poleepo knows this variant by.</translation>
    </message>
    <message>
        <source>Last sent to Poleepo: %1</source>
        <translation>Last sent to Poleepo: %1</translation>
    </message>
    <message>
        <source>Not sent to Poleepo yet.</source>
        <translation>Not sent to Poleepo yet.</translation>
    </message>
    <message>
        <source>Poleepo product id</source>
        <translation>Poleepo product id</translation>
    </message>
</context>
<context>
    <name>Bottega::WebhookInboxRepository</name>
    <message>
        <source>cannot look for the %1 event %2 in the webhook queue: </source>
        <translation>cannot look for the %1 event %2 in the webhook queue: </translation>
    </message>
    <message>
        <source>cannot store the %1 webhook %2: </source>
        <translation>cannot store the %1 webhook %2: </translation>
    </message>
    <message>
        <source>no id came back</source>
        <translation>no id came back</translation>
    </message>
    <message>
        <source>cannot move the accepted webhook calls into the queue</source>
        <translation>cannot move the accepted webhook calls into the queue</translation>
    </message>
    <message>
        <source>cannot read the webhook inbox</source>
        <translation>cannot read the webhook inbox</translation>
    </message>
</context>
<context>
    <name>Bottega::WebhookIntake</name>
    <message>
        <source>webhook secret not configured</source>
        <translation>webhook secret not configured</translation>
    </message>
    <message>
        <source>gelato webhook: the signature header is missing</source>
        <translation>gelato webhook: the signature header is missing</translation>
    </message>
    <message>
        <source>gelato webhook: the signature is wrong</source>
        <translation>gelato webhook: the signature is wrong</translation>
    </message>
    <message>
        <source>no active Poleepo webhook named %1</source>
        <translation>no active Poleepo webhook named %1</translation>
    </message>
    <message>
        <source>poleepo webhook: the X-Poleepo-Signature header is missing</source>
        <translation>poleepo webhook: the X-Poleepo-Signature header is missing</translation>
    </message>
    <message>
        <source>poleepo webhook: the signature is wrong</source>
        <translation>poleepo webhook: the signature is wrong</translation>
    </message>
    <message>
        <source>webhook body is not a JSON object</source>
        <translation>webhook body is not a JSON object</translation>
    </message>
    <message>
        <source>webhook body has no event</source>
        <translation>webhook body has no event</translation>
    </message>
    <message>
        <source>webhook not stored: %1</source>
        <translation>webhook not stored: %1</translation>
    </message>
    <message>
        <source>the server is stopping</source>
        <translation>the server is stopping</translation>
    </message>
    <message>
        <source>webhook secret not read yet; try again</source>
        <translation>webhook secret not read yet; try again</translation>
    </message>
    <message>
        <source>too many webhook calls waiting to be stored; try again</source>
        <translation>too many webhook calls waiting to be stored; try again</translation>
    </message>
</context>
<context>
    <name>Bottega::WebhookQueuePage</name>
    <message>
        <source>Retry selected</source>
        <translation>Retry selected</translation>
    </message>
    <message>
        <source>Clean up</source>
        <translation>Clean up</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
    <message>
        <source>Calls received from Gelato and Poleepo, with their state and payload.</source>
        <translation>Calls received from Gelato and Poleepo, with their state and payload.</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>Any state</translation>
    </message>
    <message>
        <source>Any source</source>
        <translation>Any source</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Search event id, error, note</source>
        <translation>Search event id, error, note</translation>
    </message>
    <message>
        <source>Removes Done and Ignored calls older than the retention period</source>
        <translation>Removes Done and Ignored calls older than the retention period</translation>
    </message>
    <message>
        <source>Select a call to see its payload.</source>
        <translation>Select a call to see its payload.</translation>
    </message>
    <message>
        <source>The webhook queue is unavailable: no database.</source>
        <translation>The webhook queue is unavailable: no database.</translation>
    </message>
    <message numerus="yes">
        <source>%n webhook call(s) failed: see the Failed ones in the list.</source>
        <translation>
            <numerusform>%n webhook call failed: see the Failed ones in the list.</numerusform>
            <numerusform>%n webhook calls failed: see the Failed ones in the list.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the calls to retry first.</source>
        <translation>Select the calls to retry first.</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) back in the queue.</source>
        <translation>
            <numerusform>%n call back in the queue.</numerusform>
            <numerusform>%n calls back in the queue.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n processed call(s) older than %1 days removed.</source>
        <translation>
            <numerusform>%n processed call older than %1 days removed.</numerusform>
            <numerusform>%n processed calls older than %1 days removed.</numerusform>
        </translation>
    </message>
    <message>
        <source>Bottega</source>
        <translation>Bottega</translation>
    </message>
    <message numerus="yes">
        <source>%n webhook call(s) just failed</source>
        <translation>
            <numerusform>%n webhook call just failed</numerusform>
            <numerusform>%n webhook calls just failed</numerusform>
        </translation>
    </message>
    <message>
        <source>Clean up webhooks</source>
        <translation>Clean up webhooks</translation>
    </message>
    <message numerus="yes">
        <source>Remove the Done and Ignored calls processed more than %n day(s) ago? This cannot be undone.</source>
        <translation>
            <numerusform>Remove the Done and Ignored calls processed more than %n day(s) ago? This cannot be undone.</numerusform>
            <numerusform>Remove the Done and Ignored calls processed more than %n day(s) ago? This cannot be undone.</numerusform>
        </translation>
    </message>
    <message>
        <source>Puts the selected calls back in the queue, to be processed again</source>
        <translation>Puts the selected calls back in the queue, to be processed again</translation>
    </message>
    <message>
        <source>Select one or more calls in the list to retry them</source>
        <translation>Select one or more calls in the list to retry them</translation>
    </message>
    <message>
        <source>Only calls received from this time on</source>
        <translation>Only calls received from this time on</translation>
    </message>
    <message>
        <source>Only calls received before this time</source>
        <translation>Only calls received before this time</translation>
    </message>
</context>
<context>
    <name>Bottega::WebhookQueueRepository</name>
    <message>
        <source>cannot queue the %1 webhook %2</source>
        <translation>cannot queue the %1 webhook %2</translation>
    </message>
    <message>
        <source>cannot read webhook %1</source>
        <translation>cannot read webhook %1</translation>
    </message>
    <message>
        <source>no webhook with id %1 in the queue</source>
        <translation>no webhook with id %1 in the queue</translation>
    </message>
    <message>
        <source>cannot read the webhook queue</source>
        <translation>cannot read the webhook queue</translation>
    </message>
    <message>
        <source>cannot count the webhook queue</source>
        <translation>cannot count the webhook queue</translation>
    </message>
    <message>
        <source>cannot update webhook %1</source>
        <translation>cannot update webhook %1</translation>
    </message>
    <message>
        <source>cannot retry webhooks</source>
        <translation>cannot retry webhooks</translation>
    </message>
    <message>
        <source>cannot release abandoned webhooks</source>
        <translation>cannot release abandoned webhooks</translation>
    </message>
    <message>
        <source>cannot clean up the webhook queue</source>
        <translation>cannot clean up the webhook queue</translation>
    </message>
    <message>
        <source>cannot claim webhooks from the queue</source>
        <translation>cannot claim webhooks from the queue</translation>
    </message>
    <message>
        <source>cannot take webhooks from the queue</source>
        <translation>cannot take webhooks from the queue</translation>
    </message>
    <message>
        <source>some of the webhooks to claim are no longer in the queue</source>
        <translation>some of the webhooks to claim are no longer in the queue</translation>
    </message>
    <message>
        <source>cannot update webhooks %1</source>
        <translation>cannot update webhooks %1</translation>
    </message>
    <message>
        <source>webhooks %1 are not all in the queue</source>
        <translation>webhooks %1 are not all in the queue</translation>
    </message>
</context>
<context>
    <name>Bottega::WebhookRecordDialog</name>
    <message>
        <source>STATUS_ORDER: orders created or changed</source>
        <translation>STATUS_ORDER: orders created or changed</translation>
    </message>
    <message>
        <source>STATUS_SHIPMENT: shipments and tracking</source>
        <translation>STATUS_SHIPMENT: shipments and tracking</translation>
    </message>
    <message>
        <source>Active: calls to this URL are accepted</source>
        <translation>Active: calls to this URL are accepted</translation>
    </message>
    <message>
        <source>Paste this URL into Poleepo&apos;s webhook form:</source>
        <translation>Paste this URL into Poleepo&apos;s webhook form:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Poleepo webhook %1</source>
        <translation>Poleepo webhook %1</translation>
    </message>
    <message>
        <source>New Poleepo webhook</source>
        <translation>New Poleepo webhook</translation>
    </message>
    <message>
        <source>letters, digits, - or _</source>
        <translation>letters, digits, - or _</translation>
    </message>
    <message>
        <source>unchanged; type a new secret to replace it</source>
        <translation>unchanged; type a new secret to replace it</translation>
    </message>
    <message>
        <source>the secret key set in Poleepo</source>
        <translation>the secret key set in Poleepo</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Secret key:</source>
        <translation>Secret key:</translation>
    </message>
    <message>
        <source>Events:</source>
        <translation>Events:</translation>
    </message>
    <message>
        <source>Webhook records are unavailable: no database.</source>
        <translation>Webhook records are unavailable: no database.</translation>
    </message>
    <message>
        <source>Name: use letters, digits, - or _ only, without spaces.</source>
        <translation>Name: use letters, digits, - or _ only, without spaces.</translation>
    </message>
    <message>
        <source>Events: choose at least one.</source>
        <translation>Events: choose at least one.</translation>
    </message>
    <message>
        <source>Secret key: type the key Poleepo signs its calls with.</source>
        <translation>Secret key: type the key Poleepo signs its calls with.</translation>
    </message>
    <message>
        <source>Secret key: no writable secret store (keyring) is available.</source>
        <translation>Secret key: no writable secret store (keyring) is available.</translation>
    </message>
    <message>
        <source>Saving the secret key…</source>
        <translation>Saving the secret key…</translation>
    </message>
    <message>
        <source>Secret key: %1</source>
        <translation>Secret key: %1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>Saved. Set a valid public base URL in Settings to get the full URL.</source>
        <translation>Saved. Set a valid public base URL in Settings to get the full URL.</translation>
    </message>
</context>
<context>
    <name>Bottega::WebhookRecordRepository</name>
    <message>
        <source>a webhook record named &quot;%1&quot; already exists</source>
        <translation>a webhook record named &quot;%1&quot; already exists</translation>
    </message>
    <message>
        <source>cannot save webhook record &quot;%1&quot;</source>
        <translation>cannot save webhook record &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot save webhook record &quot;%1&quot;: no id returned</source>
        <translation>cannot save webhook record &quot;%1&quot;: no id returned</translation>
    </message>
    <message>
        <source>cannot read webhook record %1</source>
        <translation>cannot read webhook record %1</translation>
    </message>
    <message>
        <source>no webhook record with id %1</source>
        <translation>no webhook record with id %1</translation>
    </message>
    <message>
        <source>cannot read webhook record &quot;%1&quot;</source>
        <translation>cannot read webhook record &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot read the webhook records</source>
        <translation>cannot read the webhook records</translation>
    </message>
    <message>
        <source>cannot delete webhook record %1</source>
        <translation>cannot delete webhook record %1</translation>
    </message>
</context>
<context>
    <name>Bottega::WebhookTableModel</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Event ID</source>
        <translation>Event ID</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Error or note</source>
        <translation>Error or note</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>Processing</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Ignored</source>
        <translation>Ignored</translation>
    </message>
</context>
<context>
    <name>Bottega::WindowLauncher</name>
    <message>
        <source>Bottega cannot start</source>
        <translation>Bottega cannot start</translation>
    </message>
    <message>
        <source>the window needs a desktop session (no display found); on a server, run `bottega serve`</source>
        <translation>the window needs a desktop session (no display found); on a server, run `bottega serve`</translation>
    </message>
</context>
<context>
    <name>QCoreApplication</name>
    <message>
        <source>No webhook calls received yet.</source>
        <translation>No webhook calls received yet.</translation>
    </message>
</context>
</TS>
