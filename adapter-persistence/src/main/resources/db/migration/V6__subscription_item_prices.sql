-- A subscription's items now carry their price ("si_...:price_...", comma-separated): overage is billed only for a
-- subscription that has an item on the metered price. Rows stored before know only their item ids ("si_..."), read
-- as items whose price is unknown: such a subscription stops at its quota (never free, unbilled usage) until it is
-- synced again. So that this takes seconds rather than until its next event, each one is queued for a sync in the
-- webhook inbox, as if Stripe had sent customer.subscription.updated: the inbox worker fetches it from Stripe and
-- stores its items with their prices, with the inbox's retries, and operators see it in the admin API as
-- "backfill_<subscription id>".
insert into webhook_event (event_id, type, livemode, object_id, stripe_created, payload, status, attempts, received_at,
                           next_attempt_at)
select 'backfill_' || id, 'customer.subscription.updated', false, id, current_timestamp, '{}', 'RECEIVED', 0,
       current_timestamp, current_timestamp
from subscription
where items is not null and items <> '' and items not like '%:%' and status not in ('CANCELED', 'INCOMPLETE_EXPIRED');
