-- Stale data never overwrites newer data: a subscription and an invoice remember when we asked Stripe for the state
-- they hold (an answer asked for earlier is dropped), and a subscription when Stripe created it (of a customer's two
-- live subscriptions, the first one stays). Rows stored before count as observed at their last update.
alter table subscription add column stripe_created timestamp with time zone;
alter table subscription add column observed_at timestamp with time zone;
update subscription set stripe_created = created_at, observed_at = updated_at;
alter table subscription alter column stripe_created set not null;
alter table subscription alter column observed_at set not null;

alter table invoice add column observed_at timestamp with time zone;
update invoice set observed_at = updated_at;
alter table invoice alter column observed_at set not null;

-- One live subscription per customer: a new checkout expires the customer's earlier sessions at Stripe and records
-- here how each ended; a second subscription that still appears is canceled and refunded, each step a recorded action.
alter table billing_action add column closed_as varchar(16);
alter table billing_action add column closed_at timestamp with time zone;
alter table billing_action add constraint billing_action_closed_as_known check (closed_as in ('EXPIRED', 'COMPLETE'));
alter table billing_action drop constraint billing_action_kind_known;
alter table billing_action add constraint billing_action_kind_known check (kind in ('CREATE_CUSTOMER', 'CHECKOUT', 'CANCEL',
    'RESUME', 'PORTAL', 'CANCEL_DUPLICATE', 'REFUND_DUPLICATE'));
create index billing_action_by_result on billing_action (customer_id, kind, result_reference);

-- Two recorders of one invoice at once (a paid and a failed event on two servers): the second to commit fails on the
-- version and is retried on what the first stored, so an older answer can never overwrite a newer one.
alter table invoice add column version bigint not null default 0;
