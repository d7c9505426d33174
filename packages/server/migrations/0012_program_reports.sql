-- Program reports: whether the program's supervisor sees report counts from 1 to 10 as they are
-- (off: they read "<11" for everyone), and indexes for the report's range scans.
alter table agencies add column report_small_counts_for_supervisor boolean not null default false;
create index referrals_agency_created_at on referrals (agency_id, created_at);
create index callout_logs_dispatch_status on callout_logs (dispatch_id, status);
