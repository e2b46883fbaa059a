#!/usr/bin/env bash
# Prints a development bearer token for the server started by ./run.sh, signed with its generated key.
#   ./token.sh [SUB] [GROUPS] [EMAIL]     e.g.  ./token.sh user_42   |   ./token.sh ops_1 billing-admin
# SUB defaults to user_42 and GROUPS (comma-separated) to customer. Valid for one hour.
set -euo pipefail
cd "$(dirname "$0")"
exec java liberty/src/test/java/com/agentmarket/billing/e2e/DevTokens.java mint liberty/target/dev-jwt \
    "${1:-user_42}" "${2:-customer}" "${3:-}"
