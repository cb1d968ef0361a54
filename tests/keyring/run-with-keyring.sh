#!/bin/sh
# Runs a test binary against a real gnome-keyring in a private D-Bus session:
#   run-with-keyring.sh [--no-daemon] <test-binary> [arguments...]
# HOME and the XDG directories point into a temporary directory, so the keyring file is created
# there (unlocked with a fixed password) and removed afterwards; the user's own keyring and session
# bus are never touched.
# --no-daemon: the bus has no keyring and cannot start one on demand (no activatable services);
# the test starts gnome-keyring-daemon itself, to play a keyring that comes up after the app.
set -eu

late=no
if [ "${1:-}" = "--no-daemon" ]; then
    late=yes
    shift
fi
if [ $# -lt 1 ]; then
    echo "usage: $0 [--no-daemon] <test-binary> [arguments...]" >&2
    exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "$0: $tool is not installed (packages dbus and gnome-keyring)" >&2
        exit 1
    fi
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/bottega-keyring.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$scratch/home" "$scratch/data" "$scratch/config" "$scratch/cache" "$scratch/runtime"
chmod 700 "$scratch/runtime"

export HOME="$scratch/home"
export XDG_DATA_HOME="$scratch/data"
export XDG_CONFIG_HOME="$scratch/config"
export XDG_CACHE_HOME="$scratch/cache"
export XDG_RUNTIME_DIR="$scratch/runtime"
# Whatever session the caller has must not leak in: the daemon and the tests see only the new bus.
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL SSH_AUTH_SOCK DISPLAY WAYLAND_DISPLAY || true

# Not exec: the trap above must still remove the scratch directory when the session ends.
if [ "$late" = yes ]; then
    cat >"$scratch/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=$scratch/runtime</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
    BOTTEGA_KEYRING_PASSWORD=pw dbus-run-session --config-file="$scratch/session.conf" -- "$@"
else
    dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$0" "$@"' "$@"
fi
