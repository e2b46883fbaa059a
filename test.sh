#!/usr/bin/env bash
# Runs every test of the billing service: unit, adapter (real PostgreSQL, WireMock), architecture and end-to-end
# (the WAR on a real Open Liberty server). It first makes sure the local PostgreSQL is installed and running and
# holds the test role and databases, so it works on a fresh machine whatever the local auth method.
#
#   ./test.sh                 # everything (mvn verify)
#   ./test.sh -pl billing-domain   # extra arguments go to Maven
set -euo pipefail
cd "$(dirname "$0")"

DB_USER=billing_test
DB_PASSWORD=billing_test
DATABASES=(billing_test billing_e2e)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
as_postgres() { as_root runuser -u postgres -- env PGOPTIONS="-c client_min_messages=warning" "$@"; }

ensure_postgres_installed() {
    if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
        echo "test.sh: installing PostgreSQL from Debian's packages"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
}

ensure_postgres_running() {
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    if ! pg_isready -q -h 127.0.0.1 -p 5432; then
        echo "test.sh: starting PostgreSQL $version"
        as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
    fi
    for _ in $(seq 1 30); do
        pg_isready -q -h 127.0.0.1 -p 5432 && return 0
        sleep 1
    done
    echo "test.sh: PostgreSQL does not answer on 127.0.0.1:5432" >&2
    exit 1
}

ensure_test_role_and_databases() {
    # Through the local socket as the postgres superuser (works with peer and trust); the tests then log in over
    # TCP with this password (works with scram, md5 and trust). Databases start empty on every run.
    as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres <<SQL
DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN
        CREATE ROLE $DB_USER LOGIN;
    END IF;
END \$\$;
ALTER ROLE $DB_USER WITH LOGIN PASSWORD '$DB_PASSWORD';
SQL
    for db in "${DATABASES[@]}"; do
        as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres \
            -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" \
            -c "CREATE DATABASE $db OWNER $DB_USER"
    done
    PGPASSWORD=$DB_PASSWORD psql -q -h 127.0.0.1 -U "$DB_USER" -d "${DATABASES[0]}" -c 'select 1' >/dev/null
}

ensure_postgres_installed
ensure_postgres_running
ensure_test_role_and_databases

exec mvn -B verify "$@"
