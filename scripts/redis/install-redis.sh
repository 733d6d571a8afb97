#!/usr/bin/env bash
# Installs redis-server (the Debian package) when it is missing. The tests and benches that need
# Redis start their own private redis-server on a free port (tests/support/redis-server.ts); this
# script only makes the binary available. Needs root (CI runs as root); otherwise it says what to do.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  redis-server --version
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "redis-server is not installed. Install the Debian package as root:" >&2
  echo "  sudo apt-get install -y redis-server" >&2
  echo "(or put any redis-server 6+ on the PATH)." >&2
  exit 1
fi

apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server
# The package enables a system-wide instance on 6379; the project never uses it, tests start their
# own. Stop it where a service manager runs, so it does not hold memory or the port.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet redis-server 2>/dev/null; then
  systemctl stop redis-server || true
  systemctl disable redis-server >/dev/null 2>&1 || true
fi
redis-server --version
