-- Text replies to call-outs (`1`/`YES`/`SI`, `2`/`NO`) received through an SMS gateway. The sender's
-- number is kept masked (its last four digits) only: enough to tell replies apart, not to reach anyone.
create table sms_replies (
  id uuid primary key,
  agency_id uuid not null references agencies (id),
  from_masked text not null,
  dispatch_id uuid references dispatches (id),
  outcome text not null,
  -- The text sent back, so a retried message gets the same answer.
  reply text,
  received_at timestamptz not null,
  -- The gateway's message id (Twilio's MessageSid): a retried delivery of one message acts once.
  provider_message_id text
);
create unique index sms_replies_message on sms_replies (agency_id, provider_message_id)
  where provider_message_id is not null;
create index sms_replies_agency on sms_replies (agency_id, received_at desc);

-- "The call-out this number was last texted about": the newest text delivery to an address.
create index deliveries_latest_sms on deliveries (agency_id, (recipient->>'address'), created_at desc)
  where recipient->>'kind' = 'sms';
