-- 10,000 customers on Pro, each linked to Stripe, with an active subscription over the month from yesterday that
-- carries the tier's price and the metered one (as checkout makes it), and its 1,000 included executions used: every
-- execution is overage, billed through the metered price, so every one is also reported to Stripe (the heaviest case
-- for the reporter).
insert into customer (id, email, stripe_customer_id, account_status, version, created_at, updated_at)
select 'bench_' || i, 'bench_' || i || '@example.com', 'cus_bench' || i, 'ACTIVE', 1, now(), now()
from generate_series(1, 10000) i;

insert into subscription (id, customer_id, plan_id, status, current_period_start, current_period_end,
                          cancel_at_period_end, items, stripe_created, observed_at, version, created_at, updated_at)
select 'sub_bench' || i, 'bench_' || i, 'PRO', 'ACTIVE', date_trunc('day', now()) - interval '1 day',
       date_trunc('day', now()) - interval '1 day' + interval '1 month', false,
       'si_bench' || i || ':price_benchPro,si_benchm' || i || ':price_benchMetered',
       date_trunc('day', now()) - interval '1 day', now(), 1, now(), now()
from generate_series(1, 10000) i;

update customer set stripe_subscription_id = 'sub_bench' || substr(id, 7) where id like 'bench\_%';

insert into usage_counter (customer_id, period_start, period_end, used)
select 'bench_' || i, date_trunc('day', now()) - interval '1 day',
       date_trunc('day', now()) - interval '1 day' + interval '1 month', 1000
from generate_series(1, 10000) i;

-- The raw-SQL ceiling's tables.
create table bench_execution (customer_id varchar(200) not null, execution_id varchar(128) not null,
                              primary key (customer_id, execution_id));
create table bench_counter (customer_id varchar(200) primary key, used bigint not null);
insert into bench_counter select 'bench_' || i, 0 from generate_series(1, 10000) i;
analyze customer, subscription, usage_counter, bench_execution, bench_counter;
