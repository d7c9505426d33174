-- The report's columns (0012, 0015, 0016) are computed by these functions whenever a call-out, a log
-- or a referral is written. As SQL functions, which PostgreSQL could not inline here, each call set up
-- and planned its body again: a third of a call-out's insert on PGlite. In PL/pgSQL the body
-- is planned once per connection. The bodies and so the results are the same, and the values already
-- stored stay as they are.

create or replace function peerlink_instant(text) returns timestamptz language plpgsql immutable strict parallel safe as $$
begin
  return $1::timestamptz;
end $$;

create or replace function peerlink_minutes(timestamptz, timestamptz) returns float8 language plpgsql immutable parallel safe as $$
begin
  return (case when $2 - $1 between interval '-1 day' and interval '1 day' then date_part('epoch', $2 - $1)
               else extract(epoch from $2 - $1)::float8 end / 60);
end $$;

create or replace function peerlink_served(jsonb) returns jsonb language plpgsql immutable parallel safe as $$
begin
  return (select coalesce(jsonb_object_agg(role, n), '{}'::jsonb)
            from (select e->>'role' as role, sum((e->>'count')::int) as n
                    from jsonb_array_elements(coalesce($1, '[]'::jsonb)) e group by 1) x);
end $$;

create or replace function peerlink_needs_mask(jsonb) returns int language plpgsql immutable parallel safe as $$
begin
  return (select coalesce(sum(1 << (i - 1)::int), 0)::int
            from unnest(array['detox', 'treatment', 'moud', 'recovery-residence', 'mutual-aid', 'peer-support',
                              'crisis-stabilization', 'housing', 'employment', 'food', 'transport', 'harm-reduction',
                              'other']) with ordinality c(need, i)
           where $1 ? need);
end $$;
