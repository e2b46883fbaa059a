-- The reporter forms no report for a customer while one of theirs is unsent: found through this index for each
-- customer with waiting executions, however many reports they had sent before.
create index usage_report_unsent_by_customer on usage_report (state, customer_id);
