-- Every user action that writes to Stripe, recorded before the call: its idempotency key goes with every attempt
-- of that call, and the caller's Idempotency-Key (client_key) finds the action again on a retry.

create table billing_action (
    idempotency_key  varchar(64)  primary key,
    customer_id      varchar(200) not null references customer (id),
    kind             varchar(24)  not null,
    client_key       varchar(255),
    fingerprint      varchar(64)  not null,
    state            varchar(16)  not null,
    result_reference varchar(255),
    result_url       varchar(2048),
    failure          varchar(1000),
    created_at       timestamp with time zone not null,
    completed_at     timestamp with time zone,
    constraint billing_action_client_key_unique unique (customer_id, kind, client_key),
    constraint billing_action_kind_known check (kind in ('CREATE_CUSTOMER', 'CHECKOUT', 'CANCEL', 'RESUME', 'PORTAL')),
    constraint billing_action_state_known check (state in ('PENDING', 'SUCCEEDED', 'FAILED'))
);

create index billing_action_same_request on billing_action (customer_id, kind, fingerprint, created_at);
