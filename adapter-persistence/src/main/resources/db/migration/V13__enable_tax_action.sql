-- An upgrade of a subscription bought before Stripe Tax was turned on first turns it on, as an action of its own.
alter table billing_action drop constraint billing_action_kind_known;
alter table billing_action add constraint billing_action_kind_known check (kind in ('CREATE_CUSTOMER', 'CHECKOUT', 'CANCEL',
    'RESUME', 'PORTAL', 'CANCEL_DUPLICATE', 'REFUND_DUPLICATE', 'UPGRADE', 'CREATE_SCHEDULE', 'SCHEDULE_DOWNGRADE',
    'RELEASE_SCHEDULE', 'ENABLE_TAX'));
