-- Peers are managed through the API: listed newest first a page at a time, filtered by area (an
-- `area-peers` escalation level reaches every active peer of an area). Rows made before this
-- column keep the areas their document names, if any.
alter table specialists add column areas text[] not null default '{}';
alter table specialists add column created_at timestamptz not null default date_trunc('milliseconds', now());
alter table specialists add column updated_at timestamptz not null default date_trunc('milliseconds', now());
update specialists set areas = array(select jsonb_array_elements_text(doc -> 'areas')) where doc ? 'areas';
create index specialists_agency_created on specialists (agency_id, created_at desc, id desc);
create index specialists_areas on specialists using gin (areas);
