-- Agency settings a program changes itself (areas, acknowledgement timeout) and API keys handled as
-- payment APIs handle them: last use, an expiry for a rolled key, and provider keys bound to one resource.
alter table agencies add column areas text[] not null default '{}';
-- Null: the service's default acknowledgement timeout applies.
alter table agencies add column ack_timeout_seconds int;
update agencies set areas = array[default_area] where cardinality(areas) = 0;

alter table api_keys add column last_used_at timestamptz;
alter table api_keys add column expires_at timestamptz;
alter table api_keys add column resource_id uuid references resources (id);
create index api_keys_agency on api_keys (agency_id, created_at desc);
