-- Peerlink storage. Each record keeps its contract document in `doc` (jsonb) beside the
-- columns the service filters, sorts and locks on. Runs unchanged on PGlite and PostgreSQL.

create table agencies (
  id uuid primary key,
  name text not null,
  kind text not null,
  program_id uuid references agencies (id),
  time_zone text not null,
  allowed_origins text[] not null default '{}',
  default_area text not null default 'county',
  notification jsonb not null default '{"transport":"console"}',
  created_at timestamptz not null default now()
);

create table api_keys (
  id uuid primary key,
  agency_id uuid not null references agencies (id),
  prefix text not null unique,
  hash text not null,
  label text,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

create table signing_keys (
  kid text primary key,
  agency_id uuid references agencies (id),
  purpose text not null,
  alg text not null,
  private_jwk jsonb not null,
  public_jwk jsonb not null,
  created_at timestamptz not null default now()
);
create unique index signing_keys_one_per_purpose on signing_keys (purpose, coalesce(agency_id, '00000000-0000-0000-0000-000000000000'));

create table specialists (
  id uuid primary key,
  agency_id uuid not null references agencies (id),
  doc jsonb not null,
  supervisor_id uuid,
  active boolean not null default true
);
create index specialists_agency on specialists (agency_id);

create table on_call_shifts (
  id uuid primary key,
  agency_id uuid not null references agencies (id),
  area text not null,
  position text not null,
  specialist_id uuid not null references specialists (id),
  starts_at timestamptz not null,
  ends_at timestamptz not null
);
create index on_call_lookup on on_call_shifts (agency_id, area, position, starts_at, ends_at);

create table dispatches (
  id uuid primary key,
  agency_id uuid not null references agencies (id),
  external_id text not null,
  status text not null,
  specialist_id uuid,
  ack_due_at timestamptz,
  doc jsonb not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version int not null
);
-- One active call-out per incident: pressing the button again finds the existing one.
create unique index dispatches_one_active on dispatches (agency_id, external_id) where status not in ('cleared', 'cancelled');
create index dispatches_agency_created on dispatches (agency_id, created_at desc, id);
create index dispatches_due on dispatches (ack_due_at) where ack_due_at is not null;

create table ack_tokens (
  jti text primary key,
  -- Deferred: a dispatch's links and deliveries are written in its transaction before its row.
  dispatch_id uuid not null references dispatches (id) deferrable initially deferred,
  specialist_id uuid not null,
  expires_at timestamptz not null,
  used_at timestamptz
);

create table callout_logs (
  id uuid primary key,
  agency_id uuid not null references agencies (id),
  dispatch_id uuid not null references dispatches (id),
  specialist_id uuid,
  status text not null,
  doc jsonb not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version int not null
);
create unique index callout_logs_one_per_dispatch on callout_logs (dispatch_id);
create index callout_logs_agency on callout_logs (agency_id, updated_at desc, id);

create table resources (
  id uuid primary key,
  agency_id uuid not null references agencies (id),
  doc jsonb not null,
  updated_at timestamptz not null
);
create index resources_agency on resources (agency_id);

create table referrals (
  id uuid primary key,
  agency_id uuid not null references agencies (id),
  person_ref text not null,
  resource_id uuid not null references resources (id),
  status text not null,
  doc jsonb not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version int not null
);
create index referrals_agency on referrals (agency_id, created_at desc, id);

create table credentials (
  id uuid primary key,
  agency_id uuid not null references agencies (id),
  specialist_id uuid not null references specialists (id),
  doc jsonb not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index credentials_agency on credentials (agency_id, specialist_id);

create table audit_events (
  id uuid primary key,
  agency_id uuid not null,
  at timestamptz not null,
  doc jsonb not null
);
create index audit_agency_at on audit_events (agency_id, at desc, id);

-- The event log behind GET /v1/events: resumable by id, fanned out with NOTIFY.
create table events (
  id bigserial primary key,
  agency_id uuid not null,
  type text not null,
  record_id uuid not null,
  audience jsonb not null,
  data jsonb not null,
  at timestamptz not null
);
create index events_agency_id on events (agency_id, id);

create table idempotency_keys (
  principal text not null,
  key text not null,
  request_hash text not null,
  status int not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (principal, key)
);

-- Notifications are queued in the dispatch's own transaction and sent by a worker, so a
-- failing provider never loses or blocks a call-out.
create table deliveries (
  id uuid primary key,
  agency_id uuid not null references agencies (id),
  dispatch_id uuid not null references dispatches (id) deferrable initially deferred,
  recipient jsonb not null,
  notification jsonb not null,
  status text not null,
  attempts int not null default 0,
  next_attempt_at timestamptz not null,
  last_error text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index deliveries_due on deliveries (next_attempt_at) where status = 'pending';

create table delivery_attempts (
  id bigserial primary key,
  delivery_id uuid not null references deliveries (id),
  at timestamptz not null,
  ok boolean not null,
  detail text not null
);
