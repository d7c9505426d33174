-- Certification rule sets. A change inserts a new version: every version is kept, so a status
-- derived in the past can name the rules it followed. `doc` is the contract's `RuleSetVersion`.
create table rule_sets (
  id uuid not null,
  agency_id uuid not null references agencies (id),
  version int not null,
  doc jsonb not null,
  created_at timestamptz not null,
  primary key (id, version)
);
create index rule_sets_agency on rule_sets (agency_id, id, version desc);

-- A peer role has at most one rule set; assigning the role to another rule set moves it.
create table rule_set_assignments (
  agency_id uuid not null references agencies (id),
  role text not null,
  rule_set_id uuid not null,
  primary key (agency_id, role)
);
create index rule_set_assignments_rule_set on rule_set_assignments (rule_set_id);
