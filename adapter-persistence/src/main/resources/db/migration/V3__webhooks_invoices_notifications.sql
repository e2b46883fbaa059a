-- Webhooks: Stripe's events stored on arrival (keyed by Stripe's event id, so a redelivery is a no-op) and processed
-- by workers that claim rows for a lease; invoices as Stripe last reported them; notifications queued with the
-- change that caused them (keyed, so each is queued once); and why a customer is suspended.

alter table customer add column suspension_reason varchar(16);
alter table customer add column suspended_at timestamp with time zone;
alter table customer add column suspension_note varchar(500);
alter table customer add column failed_invoice_id varchar(255);
alter table customer add column failed_invoice_subscription varchar(255);
alter table customer add column failed_invoice_created timestamp with time zone;
alter table customer add constraint customer_suspension_consistent
    check ((account_status = 'SUSPENDED') = (suspension_reason is not null));

create table webhook_event (
    event_id        varchar(255) primary key,
    type            varchar(100) not null,
    livemode        boolean      not null,
    api_version     varchar(64),
    object_id       varchar(255),
    invoice_attempt integer,
    stripe_created  timestamp with time zone not null,
    payload         text         not null,
    status          varchar(16)  not null,
    attempts        integer      not null,
    outcome         varchar(2000),
    next_attempt_at timestamp with time zone,
    claimed_by      varchar(100),
    claimed_until   timestamp with time zone,
    received_at     timestamp with time zone not null,
    processed_at    timestamp with time zone,
    constraint webhook_event_status_known check (status in ('RECEIVED', 'PROCESSED', 'RETRYING', 'DEAD'))
);

create index webhook_event_due on webhook_event (status, next_attempt_at);
create index webhook_event_by_object on webhook_event (object_id);

create table invoice (
    id              varchar(255) primary key,
    customer_id     varchar(200) not null references customer (id),
    subscription_id varchar(255),
    status          varchar(24)  not null,
    amount_due      bigint       not null,
    amount_paid     bigint       not null,
    currency        varchar(3)   not null,
    attempt_count   integer      not null,
    stripe_created  timestamp with time zone not null,
    paid_at         timestamp with time zone,
    hosted_url      varchar(2048),
    updated_at      timestamp with time zone not null
);

create index invoice_by_subscription on invoice (subscription_id, status, stripe_created);

create table notification (
    notification_key varchar(255) primary key,
    customer_id      varchar(200) not null references customer (id),
    recipient        varchar(320),
    subject          varchar(255) not null,
    body             varchar(8000) not null,
    status           varchar(16)  not null,
    attempts         integer      not null,
    next_attempt_at  timestamp with time zone,
    claimed_by       varchar(100),
    claimed_until    timestamp with time zone,
    last_error       varchar(1000),
    created_at       timestamp with time zone not null,
    sent_at          timestamp with time zone,
    constraint notification_status_known check (status in ('PENDING', 'SENT', 'FAILED'))
);

create index notification_due on notification (status, next_attempt_at);
