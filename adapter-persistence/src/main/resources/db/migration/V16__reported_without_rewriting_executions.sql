-- The reporter no longer rewrites an execution row when Stripe accepts its report (issue 13: that second rewrite of
-- every billable row competed with the hot path): an execution is reported when the report that took it is sent.
-- Rows marked 'REPORTED' before this version keep that state. Operators and tests read an execution's state here.
create view execution_report as
select e.customer_id, e.execution_id, e.admitted, e.recorded_at, e.report_batch,
       case when e.report_state = 'BATCHED' and r.state = 'SENT' then 'REPORTED' else e.report_state end as report_state
from execution e left join usage_report r on r.batch_id = e.report_batch;
