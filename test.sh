#!/usr/bin/env bash
# Runs every test of the billing service: unit, adapter (real PostgreSQL, WireMock, GreenMail), architecture and
# end-to-end (the WAR on a real Open Liberty server). It first makes sure the local PostgreSQL is installed and
# running and holds the test role and (fresh) databases, so it works on a fresh machine whatever the local auth method.
#
#   ./test.sh                      # everything (mvn verify)
#   ./test.sh -pl billing-domain   # extra arguments go to Maven
set -euo pipefail
cd "$(dirname "$0")"

scripts/ensure-postgres.sh billing_test billing_e2e

# The browser tests drive Debian's Chromium through its ChromeDriver.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    echo "test.sh: installing Chromium and ChromeDriver from Debian's packages"
    if [ "$(id -u)" -eq 0 ]; then as_root=(); else as_root=(sudo -n); fi
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

exec mvn -B verify "$@"
