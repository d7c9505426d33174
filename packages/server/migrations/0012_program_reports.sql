-- Program reports. Whether the program's supervisor sees report counts from 1 to 10 as they are
-- (off: they read "<11" for everyone).
alter table agencies add column report_small_counts_for_supervisor boolean not null default false;

-- What the report reads of each record, kept beside its document by PostgreSQL itself, so a year
-- of call-outs is aggregated from narrow, typed columns without reading or parsing the documents.
-- The documents' times are ISO 8601 instants with an offset, so reading one does not depend on the
-- session's time zone: the cast is immutable for them, as generated columns need.
create function peerlink_instant(text) returns timestamptz language sql immutable strict parallel safe as 'select $1::timestamptz';
-- People served by role, summed over a log's role and age-band entries: {"family-member": 2, ...}.
create function peerlink_served(jsonb) returns jsonb language sql immutable parallel safe as 'select coalesce(jsonb_object_agg(role, n), ''{}''::jsonb) from (select e->>''role'' as role, sum((e->>''count'')::int) as n from jsonb_array_elements(coalesce($1, ''[]''::jsonb)) e group by 1) x';
alter table dispatches
  add column rpt_area text generated always as (doc->>'area') stored,
  add column rpt_call_type text generated always as (doc#>>'{callForService,type}') stored,
  add column rpt_requesting_agency text generated always as (doc#>>'{callForService,requestingAgencyId}') stored,
  add column rpt_acknowledged_at timestamptz generated always as (peerlink_instant(jsonb_path_query_first(doc, '$.timeline[*] ? (@.status == "acknowledged").at') #>> '{}')) stored,
  add column rpt_acknowledged_by text generated always as (coalesce(
    jsonb_path_query_first(doc, '$.timeline[*] ? (@.status == "acknowledged").specialistId') #>> '{}',
    jsonb_path_query_first(doc, '$.timeline[*] ? (@.status == "acknowledged").actor.subjectId') #>> '{}')) stored,
  add column rpt_on_scene_at timestamptz generated always as (peerlink_instant(jsonb_path_query_first(doc, '$.timeline[*] ? (@.status == "on-scene").at') #>> '{}')) stored,
  add column rpt_checked_in_at timestamptz generated always as (peerlink_instant(jsonb_path_query_first(doc, '$.timeline[*] ? (@.status == "checked-in").at') #>> '{}')) stored,
  add column rpt_cleared_at timestamptz generated always as (peerlink_instant(jsonb_path_query_first(doc, '$.timeline[*] ? (@.status == "cleared").at') #>> '{}')) stored,
  add column rpt_notified boolean generated always as
    (jsonb_path_exists(doc, '$.timeline[*] ? (@.status == "notified")')) stored,
  add column rpt_declined boolean generated always as
    (jsonb_path_exists(doc, '$.timeline[*] ? (@.status == "declined")')) stored,
  add column rpt_escalations int generated always as
    (jsonb_array_length(jsonb_path_query_array(doc, '$.timeline[*] ? (@.status == "escalated")'))) stored,
  add column rpt_declines int generated always as
    (jsonb_array_length(jsonb_path_query_array(doc, '$.timeline[*] ? (@.status == "declined")'))) stored;
create index dispatches_agency_requested on dispatches (agency_id, created_at);

alter table callout_logs
  add column rpt_submitted_at timestamptz generated always as (peerlink_instant(doc#>>'{submissions,0,at}')) stored,
  add column rpt_reviewed_at timestamptz generated always as (peerlink_instant(doc#>>'{reviews,0,at}')) stored,
  add column rpt_returned boolean generated always as
    (jsonb_path_exists(doc, '$.reviews[*] ? (@.decision == "return")')) stored,
  add column rpt_outcome text generated always as (doc#>>'{content,outcome}') stored,
  add column rpt_served jsonb generated always as (peerlink_served(doc#>'{content,peopleServed}')) stored;

alter table referrals
  add column rpt_dispatch_id uuid generated always as ((doc->>'dispatchId')::uuid) stored,
  add column rpt_needs jsonb generated always as (doc->'needs') stored,
  add column rpt_accepted_at timestamptz generated always as (peerlink_instant(jsonb_path_query_first(doc, '$.timeline[*] ? (@.status == "accepted").at') #>> '{}')) stored,
  add column rpt_consent_revoked boolean generated always as
    (jsonb_path_exists(doc, '$.timeline[*] ? (@.event == "consent-revoked")')) stored;
create index referrals_agency_requested on referrals (agency_id, created_at);
