-- The host system (API key) whose embed token made a referral. Court staff and clinicians often
-- act through tokens without a person: the key, signed into the token, is then what names the
-- referrer, so they can follow the referrals they made (see `madeByCaller` in src/referrals.ts).
-- Rows made before this column have none: they stay readable as their consent allows.
alter table referrals add column referrer_host uuid;
