-- The resource directory managed through the API: resources imported from HSDS are matched by
-- the HSDS service (and service at location) id, unique per agency, so a second import updates
-- them; `hsds_hash` is the imported content, so an unchanged record is not rewritten. A
-- deactivated resource is hidden from search but kept for the referrals that name it.
alter table resources add column hsds_id text;
alter table resources add column hsds_hash text;
alter table resources add column active boolean not null default true;
create unique index resources_hsds_id on resources (agency_id, hsds_id);

-- An HSDS import job: its progress while it runs and its per-record report once it ends.
create table directory_imports (
  id uuid primary key,
  agency_id uuid not null references agencies (id),
  status text not null,
  dry_run boolean not null,
  processed integer not null default 0,
  total integer,
  written integer not null default 0,
  bytes_read bigint not null default 0,
  bytes_total bigint,
  counts jsonb not null default '{"created":0,"updated":0,"unchanged":0,"error":0}',
  report jsonb not null default '[]',
  failure jsonb,
  created_at timestamptz not null,
  finished_at timestamptz
);
create index directory_imports_agency on directory_imports (agency_id, created_at desc);
