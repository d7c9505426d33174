-- Resuming an event stream after an event E replayed only the events with a larger id. Ids are
-- taken when an event is written, and transactions commit in any order: an event with a smaller id
-- that committed after E was sent was never replayed. Each event now keeps its transaction (`tx`)
-- and the oldest transaction still running when it was written (`horizon`). A transaction older
-- than E's horizon had ended before E was written, so its events were sent before E; resuming
-- after E replays the events with a larger id and those of transactions from E's horizon on.
-- Events written before this migration have neither, and resume by id alone, as before.
alter table events
  add column tx xid8,
  add column horizon xid8;
alter table events
  alter column tx set default pg_current_xact_id(),
  alter column horizon set default pg_snapshot_xmin(pg_current_snapshot());
create index events_agency_tx on events (agency_id, tx);
