#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests when /usr/bin/chromium is missing, then prints its version.
#
# Usage: `bash .ci/chromium.sh` (or `source` it). Idempotent: a second run finds the binary and
# only prints the version. `npx playwright install` cannot download a browser on these machines,
# so the tests launch this binary through playwright-core with executablePath /usr/bin/chromium.

_chromiumci_main() {
  local bin=/usr/bin/chromium
  if [ ! -x "$bin" ]; then
    local log
    log="$(mktemp /tmp/chromium-apt.XXXXXX.log)"
    echo "chromium.sh: installing chromium with apt-get (about 30 s; log in $log)" >&2
    # dpkg prints every unpacked package even with -qq: keep that in the log unless it fails.
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$log" 2>&1; then
      echo "chromium.sh: apt-get install failed:" >&2
      tail -n 20 "$log" >&2
      return 1
    fi
    [ -x "$bin" ] || { echo "chromium.sh: no $bin after install" >&2; return 1; }
  fi
  "$bin" --version --no-sandbox 2>/dev/null || { echo "chromium.sh: $bin does not start" >&2; return 1; }
}

_chromiumci_main
_chromiumci_status=$?
unset -f _chromiumci_main
# `return` when sourced, `exit` when run.
(return 0 2>/dev/null) && return "$_chromiumci_status" || exit "$_chromiumci_status"
