-- The machine's ceiling for the hot path's database work, in raw SQL: one transaction is an idempotent insert of
-- the execution plus the quota counter's conditional increment, for a random one of 10,000 customers.
\set c random(1, 10000)
\set r random(1, 1000000000000)
BEGIN;
INSERT INTO bench_execution (customer_id, execution_id) VALUES ('bench_' || :c, 'pg-' || :client_id || '-' || :r)
    ON CONFLICT DO NOTHING;
UPDATE bench_counter SET used = used + 1 WHERE customer_id = 'bench_' || :c AND used < 1000000000;
END;
