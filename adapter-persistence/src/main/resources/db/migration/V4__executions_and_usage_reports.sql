-- Metering: every agent execution with the answer it got (so a repeat gets the same answer and counts once),
-- reports to Stripe's Billing Meter as an outbox (a batch's id is the meter event's identifier, fixed before it is
-- sent), and at most one call in flight per customer. Also the items of a subscription, to check that a
-- subscription item belongs to the caller.

alter table subscription add column items varchar(2000);

create table execution (
    customer_id  varchar(200) not null references customer (id),
    execution_id varchar(128) not null,
    period_start timestamp with time zone not null,
    period_end   timestamp with time zone not null,
    quota_limit  bigint,
    admitted     boolean      not null,
    refusal      varchar(24),
    used_after   bigint       not null,
    recorded_at  timestamp with time zone not null,
    report_state varchar(12)  not null,
    report_batch varchar(64),
    primary key (customer_id, execution_id),
    constraint execution_refusal_consistent check (admitted = (refusal is null)),
    constraint execution_report_state_known check (report_state in ('NONE', 'PENDING', 'BATCHED', 'REPORTED'))
);

create index execution_report_queue on execution (report_state, recorded_at);
create index execution_by_batch on execution (report_batch);

create table usage_report (
    batch_id           varchar(64)  primary key,
    customer_id        varchar(200) not null references customer (id),
    stripe_customer_id varchar(255) not null,
    event_value        bigint       not null,
    event_timestamp    timestamp with time zone not null,
    source             varchar(12)  not null,
    state              varchar(12)  not null,
    attempts           integer      not null,
    next_attempt_at    timestamp with time zone,
    claimed_by         varchar(100),
    claimed_until      timestamp with time zone,
    last_error         varchar(1000),
    created_at         timestamp with time zone not null,
    sent_at            timestamp with time zone,
    constraint usage_report_value_positive check (event_value > 0),
    constraint usage_report_source_known check (source in ('EXECUTIONS', 'RECORDED')),
    constraint usage_report_state_known check (state in ('PENDING', 'SENT', 'FAILED'))
);

create index usage_report_due on usage_report (state, next_attempt_at);

-- One Stripe call in flight per customer (and meter): a row while a batch of theirs is being sent.
create table usage_report_inflight (
    customer_id varchar(200) primary key,
    batch_id    varchar(64)  not null,
    held_until  timestamp with time zone not null
);
