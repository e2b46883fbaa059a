-- Durable due work (webhook events, notifications, usage reports) is claimed, completed and retried by one mechanism.
-- Kinds whose items must be in flight one at a time per group (usage reports: one Stripe call per customer) hold the
-- group here while an item is claimed; this replaces usage_report_inflight, whose holds carry over.
create table work_inflight (
    kind       varchar(32)  not null,
    work_group varchar(200) not null,
    work_key   varchar(255) not null,
    held_until timestamp with time zone not null,
    primary key (kind, work_group)
);

insert into work_inflight (kind, work_group, work_key, held_until)
select 'USAGE_REPORT', customer_id, batch_id, held_until from usage_report_inflight;

drop table usage_report_inflight;
