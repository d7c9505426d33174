-- The on-call schedule: rotations (peers taking turns at a handoff time in the agency's time
-- zone) and overrides (one person covers a range). Rotations are ended, never deleted; overrides
-- are cancelled, never deleted: past schedules keep both.

create table rotations (
  id uuid primary key,
  agency_id uuid not null references agencies (id),
  area text not null,
  position text not null,
  doc jsonb not null,
  version int not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index rotations_agency on rotations (agency_id, area, position);

create table schedule_overrides (
  id uuid primary key,
  agency_id uuid not null references agencies (id),
  area text not null,
  position text not null,
  specialist_id uuid not null references specialists (id),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  doc jsonb not null,
  created_at timestamptz not null,
  cancelled_at timestamptz
);
create index schedule_overrides_lookup on schedule_overrides (agency_id, area, starts_at, ends_at);
