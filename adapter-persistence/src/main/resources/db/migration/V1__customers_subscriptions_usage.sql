-- The foundation: customers (the platform's users), our copy of their Stripe subscriptions, and the count of
-- agent executions per customer and billing period. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.

create table customer (
    id                     varchar(200) primary key,       -- the platform's user id (JWT sub)
    email                  varchar(320),
    stripe_customer_id     varchar(255),
    stripe_subscription_id varchar(255),                   -- the subscription that currently decides the plan
    account_status         varchar(16)  not null,
    version                bigint       not null,
    created_at             timestamp with time zone not null,
    updated_at             timestamp with time zone not null,
    constraint customer_stripe_customer_unique unique (stripe_customer_id),
    constraint customer_account_status_known check (account_status in ('ACTIVE', 'SUSPENDED'))
);

create table subscription (
    id                   varchar(255) primary key,         -- Stripe's sub_... id
    customer_id          varchar(200) not null references customer (id),
    plan_id              varchar(16)  not null,
    status               varchar(24)  not null,
    current_period_start timestamp with time zone not null,
    current_period_end   timestamp with time zone not null,
    cancel_at_period_end boolean      not null,
    cancel_at            timestamp with time zone,
    version              bigint       not null,
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    constraint subscription_plan_paid check (plan_id in ('BASIC', 'PRO', 'ENTERPRISE')),
    constraint subscription_status_known check (status in ('INCOMPLETE', 'INCOMPLETE_EXPIRED', 'TRIALING', 'ACTIVE',
        'PAST_DUE', 'CANCELED', 'UNPAID', 'PAUSED')),
    constraint subscription_period_ordered check (current_period_start < current_period_end)
);

create index subscription_by_customer on subscription (customer_id);

create table usage_counter (
    customer_id  varchar(200) not null references customer (id),
    period_start timestamp with time zone not null,
    period_end   timestamp with time zone not null,
    used         bigint not null,
    primary key (customer_id, period_start),
    constraint usage_counter_not_negative check (used >= 0),
    constraint usage_counter_period_ordered check (period_start < period_end)
);
