-- Reconciliation, after review: when a window's figures were read (a report sent after that reopens it; the due-work
-- mechanism's checked_at is when the comparison was recorded, which is later), and indexes for the statements every
-- poll runs: reports by when they were sent, windows by outcome.
alter table usage_window add column compared_at timestamp with time zone;
update usage_window set compared_at = checked_at;
create index usage_report_by_sent on usage_report (sent_at);
create index usage_window_by_result on usage_window (result, window_hour);
