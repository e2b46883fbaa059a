-- Every POST honours Idempotency-Key the same way. An execution's key (scoped to the caller, stored as a digest) is
-- kept beside it, only when sent, so the hot path without a key writes nothing more; usage recorded through the API
-- keeps the digest of its request, so the same key with another body is refused instead of answered as a duplicate.
create table execution_request_key (
    request_key  varchar(64)  primary key,
    customer_id  varchar(200) not null,
    execution_id varchar(128) not null,
    created_at   timestamp with time zone not null
);

alter table usage_report add column request_fingerprint varchar(64);
