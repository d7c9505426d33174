-- The program report computed, for every record of a range at each request, the minutes from a
-- call-out's request to each step (and a log's submission to its review, a referral to its
-- acceptance), read each log's people served role by role out of a JSON object, and tested each
-- referral's needs for every category. All depend on the record alone, so PostgreSQL keeps them
-- beside it as it does the report's other columns (0012), and the covering indexes (0013) carry them
-- instead of what they are computed from.

-- Minutes from one instant to the other, as the report has always computed them: `date_part` gives
-- the float8 directly and exactly as the numeric would under a day apart; from a day apart
-- `extract` answers (docs/decisions/0007-report-queries.md).
create function peerlink_minutes(timestamptz, timestamptz) returns float8 language sql immutable parallel safe as
  'select (case when $2 - $1 between interval ''-1 day'' and interval ''1 day'' then date_part(''epoch'', $2 - $1) else extract(epoch from $2 - $1)::float8 end / 60)';

alter table dispatches
  add column rpt_to_acknowledged float8 generated always as (peerlink_minutes(created_at,
    peerlink_instant(jsonb_path_query_first(doc, '$.timeline[*] ? (@.status == "acknowledged").at') #>> '{}'))) stored,
  add column rpt_to_on_scene float8 generated always as (peerlink_minutes(created_at,
    peerlink_instant(jsonb_path_query_first(doc, '$.timeline[*] ? (@.status == "on-scene").at') #>> '{}'))) stored,
  add column rpt_to_checked_in float8 generated always as (peerlink_minutes(created_at,
    peerlink_instant(jsonb_path_query_first(doc, '$.timeline[*] ? (@.status == "checked-in").at') #>> '{}'))) stored,
  add column rpt_to_cleared float8 generated always as (peerlink_minutes(created_at,
    peerlink_instant(jsonb_path_query_first(doc, '$.timeline[*] ? (@.status == "cleared").at') #>> '{}'))) stored;

-- People served by role (`reportBreakdownKeys.role` of the SDK), one column each: reading nine keys
-- of a JSON object for every log of a year cost more than the rest of the logs' figures.
alter table callout_logs
  add column rpt_to_review float8 generated always as
    (peerlink_minutes(peerlink_instant(doc#>>'{submissions,0,at}'), peerlink_instant(doc#>>'{reviews,0,at}'))) stored,
  add column rpt_served_person_in_crisis int generated always as ((peerlink_served(doc#>'{content,peopleServed}')->>'person-in-crisis')::int) stored,
  add column rpt_served_overdose_survivor int generated always as ((peerlink_served(doc#>'{content,peopleServed}')->>'overdose-survivor')::int) stored,
  add column rpt_served_family_member int generated always as ((peerlink_served(doc#>'{content,peopleServed}')->>'family-member')::int) stored,
  add column rpt_served_partner int generated always as ((peerlink_served(doc#>'{content,peopleServed}')->>'partner')::int) stored,
  add column rpt_served_friend int generated always as ((peerlink_served(doc#>'{content,peopleServed}')->>'friend')::int) stored,
  add column rpt_served_neighbor int generated always as ((peerlink_served(doc#>'{content,peopleServed}')->>'neighbor')::int) stored,
  add column rpt_served_witness int generated always as ((peerlink_served(doc#>'{content,peopleServed}')->>'witness')::int) stored,
  add column rpt_served_bystander int generated always as ((peerlink_served(doc#>'{content,peopleServed}')->>'bystander')::int) stored,
  add column rpt_served_other int generated always as ((peerlink_served(doc#>'{content,peopleServed}')->>'other')::int) stored;

-- The report's indexes: the minutes instead of the steps' times they come from (the cleared time
-- stays, as the time to a log's submission runs from it), the roles' columns instead of the object.
drop index dispatches_report;
create index dispatches_report on dispatches (agency_id, created_at)
  include (id, status, ack_due_at, rpt_area, rpt_call_type, rpt_requesting_agency, rpt_acknowledged_at,
           rpt_acknowledged_by, rpt_cleared_at, rpt_notified, rpt_declined, rpt_escalations,
           rpt_to_acknowledged, rpt_to_on_scene, rpt_to_checked_in, rpt_to_cleared);

drop index callout_logs_report;
create index callout_logs_report on callout_logs (dispatch_id)
  include (rpt_submitted_at, rpt_to_review, rpt_returned, rpt_outcome,
           rpt_served_person_in_crisis, rpt_served_overdose_survivor, rpt_served_family_member, rpt_served_partner, rpt_served_friend, rpt_served_neighbor, rpt_served_witness, rpt_served_bystander, rpt_served_other);

-- A referral's needs among the resource categories (`reportBreakdownKeys.category` of the SDK, in
-- this order) as the bits of one integer: bit i is set when the needs hold category i (`?`, as the
-- report tested them), where thirteen tests of the JSON array per referral cost most of its figures.
create function peerlink_needs_mask(jsonb) returns int language sql immutable parallel safe as
  'select coalesce(sum(1 << (i - 1)::int), 0)::int from unnest(array[''detox'', ''treatment'', ''moud'', ''recovery-residence'', ''mutual-aid'', ''peer-support'', ''crisis-stabilization'', ''housing'', ''employment'', ''food'', ''transport'', ''harm-reduction'', ''other'']) with ordinality c(need, i) where $1 ? need';

alter table referrals
  add column rpt_needs_mask int generated always as (peerlink_needs_mask(doc->'needs')) stored,
  add column rpt_to_accepted float8 generated always as (peerlink_minutes(created_at,
    peerlink_instant(jsonb_path_query_first(doc, '$.timeline[*] ? (@.status == "accepted").at') #>> '{}'))) stored;

drop index referrals_report;
create index referrals_report on referrals (agency_id, created_at)
  include (status, rpt_needs_mask, rpt_consent_revoked, rpt_to_accepted, rpt_dispatch_id);
