#!/usr/bin/env bash
# Makes sure the local PostgreSQL is installed and running on 127.0.0.1:5432 and holds the test role with a password
# (so tests log in over TCP whatever the local auth method: trust, peer or scram), then creates each database given
# as an argument afresh, owned by that role.
#
#   scripts/ensure-postgres.sh billing_test billing_e2e
set -euo pipefail

DB_USER=billing_test
DB_PASSWORD=billing_test

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
as_postgres() { as_root runuser -u postgres -- env PGOPTIONS="-c client_min_messages=warning" "$@"; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    echo "ensure-postgres: installing PostgreSQL from Debian's packages"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

version=$(ls /etc/postgresql | sort -V | tail -n 1)
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "ensure-postgres: starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && break
    sleep 1
done
pg_isready -q -h 127.0.0.1 -p 5432 || { echo "ensure-postgres: PostgreSQL does not answer on 127.0.0.1:5432" >&2; exit 1; }

as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres <<SQL
DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN
        CREATE ROLE $DB_USER LOGIN;
    END IF;
END \$\$;
ALTER ROLE $DB_USER WITH LOGIN PASSWORD '$DB_PASSWORD';
SQL
for db in "$@"; do
    as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres \
        -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" \
        -c "CREATE DATABASE $db OWNER $DB_USER"
    PGPASSWORD=$DB_PASSWORD psql -q -h 127.0.0.1 -U "$DB_USER" -d "$db" -c 'select 1' >/dev/null
done
