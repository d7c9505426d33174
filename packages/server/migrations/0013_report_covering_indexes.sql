-- The program report reads a year of call-outs, their logs and referrals. These indexes hold every
-- column it reads, so it is answered from them (index-only scans) without visiting the records,
-- whose documents make the tables ten times wider than what the report needs.
create index dispatches_report on dispatches (agency_id, created_at)
  include (id, status, ack_due_at, rpt_area, rpt_call_type, rpt_requesting_agency, rpt_acknowledged_at,
           rpt_acknowledged_by, rpt_on_scene_at, rpt_checked_in_at, rpt_cleared_at, rpt_notified, rpt_declined,
           rpt_escalations);
drop index dispatches_agency_requested;

create index callout_logs_report on callout_logs (dispatch_id)
  include (rpt_submitted_at, rpt_reviewed_at, rpt_returned, rpt_outcome, rpt_served);

create index referrals_report on referrals (agency_id, created_at)
  include (status, rpt_needs, rpt_consent_revoked, rpt_accepted_at, rpt_dispatch_id);
drop index referrals_agency_requested;
