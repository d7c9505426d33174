-- Escalation policies as data: every version an agency saves is kept for good, because each
-- call-out records the version it followed. An agency with no row follows the built-in default.
create table escalation_policies (
  agency_id uuid not null references agencies (id),
  version int not null,
  doc jsonb not null,
  created_at timestamptz not null,
  primary key (agency_id, version)
);
