-- Reconciliation (issue 12): each customer's reported usage per closed hour, compared with what Stripe's meter summed
-- for that hour. A window is due work like the others (attempts, next_attempt_at, claim, last_error): queued once its
-- hour is closed, compared, and queued again when a report of its hour is sent after the comparison.
create table usage_window (
    window_key         varchar(255) primary key,
    customer_id        varchar(200) not null references customer (id),
    stripe_customer_id varchar(255) not null,
    -- The hour, as whole hours since 1970-01-01T00:00Z (UTC hours, as Stripe groups its summaries).
    window_hour        bigint       not null,
    ours               bigint,
    stripe             bigint,
    result             varchar(24),
    state              varchar(12)  not null,
    attempts           integer      not null default 0,
    next_attempt_at    timestamp with time zone,
    claimed_by         varchar(100),
    claimed_until      timestamp with time zone,
    last_error         varchar(1000),
    queued_at          timestamp with time zone not null,
    checked_at         timestamp with time zone,
    constraint usage_window_one_per_hour unique (customer_id, window_hour),
    constraint usage_window_state_known check (state in ('PENDING', 'CHECKED', 'FAILED')),
    constraint usage_window_result_known check (result is null or result in ('MATCHED', 'MISSING_AT_STRIPE',
        'EXTRA_AT_STRIPE', 'CORRECTED', 'NEEDS_OPERATOR'))
);

create index usage_window_due on usage_window (state, next_attempt_at);
create index usage_window_by_hour on usage_window (window_hour);
-- What a window sums: a customer's reports by their event's time.
create index usage_report_by_customer_time on usage_report (customer_id, event_timestamp);
create index usage_report_by_time on usage_report (event_timestamp);
