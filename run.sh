#!/usr/bin/env bash
# Builds the billing service and runs it on Open Liberty in the foreground (Ctrl+C stops it), on the embedded
# default database (H2 under the server's output directory) unless DB_KIND=postgresql says otherwise.
# On first start it generates a development JWT key pair under liberty/target/dev-jwt; ./token.sh mints tokens
# with it. Every setting is an environment variable (see the README's configuration table).
set -euo pipefail
cd "$(dirname "$0")"

mvn -B -q install -DskipTests -DskipITs

JWT_DIR="$PWD/liberty/target/dev-jwt"
java liberty/src/test/java/com/agentmarket/billing/e2e/DevTokens.java keygen "$JWT_DIR" >/dev/null
export MP_JWT_VERIFY_PUBLICKEY_LOCATION="${MP_JWT_VERIFY_PUBLICKEY_LOCATION:-file://$JWT_DIR/public.pem}"
export MP_JWT_VERIFY_ISSUER="${MP_JWT_VERIFY_ISSUER:-agent-marketplace-dev}"
export MP_JWT_VERIFY_AUDIENCES="${MP_JWT_VERIFY_AUDIENCES:-billing}"

port="${HTTP_PORT:-9080}"
(
    for _ in $(seq 1 300); do
        if curl -fsS -o /dev/null "http://localhost:$port/health/ready" 2>/dev/null; then
            cat <<BANNER

  Billing service ready on http://localhost:$port  (database: ${DB_KIND:-h2})
    plans     curl http://localhost:$port/api/v1/billing/plans
    usage     curl -H "Authorization: Bearer \$(./token.sh user_42)" http://localhost:$port/api/v1/billing/usage
    API docs  http://localhost:$port/openapi/ui/
    health    http://localhost:$port/health/ready
    log       liberty/target/liberty/wlp/usr/servers/billing/logs/messages.log

BANNER
            exit 0
        fi
        sleep 1
    done
    echo "run.sh: the server did not become ready within 5 minutes; see its log" >&2
) &

exec mvn -B -pl liberty liberty:run -DskipITs
