-- When a subscription's trial ends, as Stripe reports it (null: no trial): the customer sees it, and the trial's
-- end is announced once by e-mail.
alter table subscription add column trial_end timestamp with time zone;
