-- Resources an HSDS import has checked and is writing: staged here batch by batch in short
-- transactions (so a single-connection PGlite keeps answering other requests meanwhile), then moved
-- into `resources` by one set-based statement in the transaction that ends the import. No request
-- reads this table; a failed or cancelled import deletes its rows, so nothing half-imported is seen.
create table directory_import_rows (
  import_id uuid not null references directory_imports (id) on delete cascade,
  -- The staging batch the row came in: the ending moves the rows a few batches at a time.
  batch integer not null,
  id uuid not null,
  hsds_id text not null,
  hsds_hash text not null,
  doc jsonb not null,
  primary key (import_id, hsds_id)
);
create index directory_import_rows_batch on directory_import_rows (import_id, batch);
