-- Plan changes (issue 11). A downgrade waits for the end of the period in a Stripe subscription schedule: the plan it
-- moves to and when are kept with the subscription, so the customer sees it. An upgrade whose payment failed waits
-- as Stripe's pending update until it expires; meanwhile no other change is made.
alter table subscription add column pending_plan_id varchar(16);
alter table subscription add column pending_change_at timestamp with time zone;
alter table subscription add column upgrade_awaiting_payment_until timestamp with time zone;
alter table subscription add constraint subscription_pending_change_whole check (
    (pending_plan_id is null) = (pending_change_at is null));
alter table subscription add constraint subscription_pending_plan_paid check (
    pending_plan_id is null or pending_plan_id in ('BASIC', 'PRO', 'ENTERPRISE'));

-- Each Stripe write of a plan change is an action of its own kind.
alter table billing_action drop constraint billing_action_kind_known;
alter table billing_action add constraint billing_action_kind_known check (kind in ('CREATE_CUSTOMER', 'CHECKOUT', 'CANCEL',
    'RESUME', 'PORTAL', 'CANCEL_DUPLICATE', 'REFUND_DUPLICATE', 'UPGRADE', 'CREATE_SCHEDULE', 'SCHEDULE_DOWNGRADE',
    'RELEASE_SCHEDULE'));
