-- The program report counts a log in the period and filters of its call-out, and times its
-- submission from the call-out's clearing. It joined every log of a year to its call-out for these
-- five values, and the join cost half the logs' figures. Each log now keeps a copy of them, so the
-- logs are read by period from an index of their own, as the call-outs are. PostgreSQL keeps the
-- copies: when a log is written, from its call-out; when the call-out changes any of them, on its
-- logs (decision 0007).
alter table callout_logs
  add column rpt_requested_at timestamptz,
  add column rpt_area text,
  add column rpt_call_type text,
  add column rpt_requesting_agency text,
  add column rpt_cleared_at timestamptz,
  add column rpt_to_submit float8 generated always as
    (peerlink_minutes(rpt_cleared_at, peerlink_instant(doc#>>'{submissions,0,at}'))) stored;

-- A new log copies its call-out's values. `for share` waits for a change of the call-out that is
-- being made at that moment and reads it once committed, so a log written beside such a change does
-- not keep the values from before it.
create function peerlink_log_copies() returns trigger language plpgsql as $$
begin
  select d.created_at, d.rpt_area, d.rpt_call_type, d.rpt_requesting_agency, d.rpt_cleared_at
    into new.rpt_requested_at, new.rpt_area, new.rpt_call_type, new.rpt_requesting_agency, new.rpt_cleared_at
    from dispatches d where d.id = new.dispatch_id for share;
  return new;
end $$;
create trigger callout_logs_copies before insert on callout_logs
  for each row execute function peerlink_log_copies();
create trigger callout_logs_copies_moved before update on callout_logs
  for each row when (old.dispatch_id is distinct from new.dispatch_id) execute function peerlink_log_copies();

-- A call-out whose copied values change passes them on to its log. Most changes of a call-out touch
-- none of them, and the condition spares those the update.
create function peerlink_dispatch_copies() returns trigger language plpgsql as $$
begin
  update callout_logs
     set rpt_requested_at = new.created_at, rpt_area = new.rpt_area, rpt_call_type = new.rpt_call_type,
         rpt_requesting_agency = new.rpt_requesting_agency, rpt_cleared_at = new.rpt_cleared_at
   where dispatch_id = new.id;
  return null;
end $$;
create trigger dispatches_log_copies after update on dispatches
  for each row when ((old.created_at, old.rpt_area, old.rpt_call_type, old.rpt_requesting_agency, old.rpt_cleared_at)
                     is distinct from (new.created_at, new.rpt_area, new.rpt_call_type, new.rpt_requesting_agency, new.rpt_cleared_at))
  execute function peerlink_dispatch_copies();

update callout_logs l
   set rpt_requested_at = d.created_at, rpt_area = d.rpt_area, rpt_call_type = d.rpt_call_type,
       rpt_requesting_agency = d.rpt_requesting_agency, rpt_cleared_at = d.rpt_cleared_at
  from dispatches d
 where d.id = l.dispatch_id;

-- The logs' report index: by agency and the call-out's request, as the call-outs' (0015).
drop index callout_logs_report;
create index callout_logs_report on callout_logs (agency_id, rpt_requested_at)
  include (rpt_area, rpt_call_type, rpt_requesting_agency, rpt_submitted_at, rpt_to_submit, rpt_to_review,
           rpt_returned, rpt_outcome,
           rpt_served_person_in_crisis, rpt_served_overdose_survivor, rpt_served_family_member, rpt_served_partner, rpt_served_friend, rpt_served_neighbor, rpt_served_witness, rpt_served_bystander, rpt_served_other);
