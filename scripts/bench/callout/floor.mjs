// The platform's floor under a call-out, for the call-out bench: node:http and the service's database driver
// alone (postgres.js on a PostgreSQL server, or PGlite in this process), with the service's round trips and
// statements on tables like its own (with fewer indexes), and none of its own work (no framework, no checks of the
// request or the answer, no authentication, no schedule, no signed links, no deliveries). What a call-out costs on
// this machine whatever the service does; the service's figures beside it show what its own work adds.
//
// Each POST (any path) runs, in one transaction, four round trips as a call-out does:
//   1. BEGIN and the idempotency look-up;
//   2. the incident's active call-out, the policy and the schedule's inputs (three reads sent together);
//   3. the people on call;
//   4. six writes (the call-out, its notifications in one multi-row insert, their links, the event with
//      pg_notify, the audit row, the idempotency row) and the COMMIT, sent together;
// then answers 201 with the stored call-out. Prints `listening PORT` once it is ready.
// FLOOR_ROUND_TRIPS=1 runs the same call-out as one statement instead (data-modifying CTEs: the look-ups, the
// six writes and pg_notify in one round trip, atomic as any statement), the least a call-out can cost the
// database; FLOOR_ROUND_TRIPS=0 opens no database and answers each POST with a call-out's answer at once:
// node:http and the load generator alone.
// Usage: DATABASE_URL=… node floor.mjs (PostgreSQL), or PEERLINK_DATA=FOLDER node floor.mjs (PGlite).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

// The drivers the service uses, as the service resolves them (the workspace root does not depend on them).
const resolve = createRequire(new URL('../../../packages/server/package.json', import.meta.url)).resolve;

const schema = [
  `create table floor_dispatches (id uuid primary key, agency_id uuid not null, external_id text not null,
    status text not null, doc jsonb not null, created_at timestamptz not null default now())`,
  `create index floor_dispatches_open on floor_dispatches (agency_id, external_id) where status <> 'closed'`,
  `create table floor_notifications (id uuid primary key, dispatch_id uuid not null, specialist_id uuid not null,
    status text not null, created_at timestamptz not null default now())`,
  `create table floor_links (id uuid primary key, notification_id uuid not null, expires_at timestamptz not null)`,
  `create table floor_events (id bigserial primary key, agency_id uuid not null, doc jsonb not null,
    tx bigint not null default txid_current())`,
  `create table floor_audit (id bigserial primary key, agency_id uuid not null, action text not null,
    subject uuid not null, at timestamptz not null default now())`,
  `create table floor_idempotency (key text primary key, status int not null, body jsonb not null)`,
  `create table floor_policies (agency_id uuid primary key, doc jsonb not null)`,
  `create table floor_peers (id uuid primary key, agency_id uuid not null, area text not null)`,
];

/**
 * One database, as the service's drivers give it: `transaction(work)` runs `work` with `send(text, params)`,
 * which sends a statement at once (pipelined on PostgreSQL, in order on PGlite) and answers its rows, and
 * `commit()`, which sends the COMMIT behind what was sent (the transaction commits after `work` if it did not).
 */
async function open() {
  if (process.env.DATABASE_URL) {
    const { default: postgres } = await import(resolve('postgres'));
    const sql = postgres(process.env.DATABASE_URL, { max: 32, onnotice: () => undefined });
    return {
      statement: (text, params) => sql.unsafe(text, params, { prepare: true }).execute(),
      transaction: async (work) => {
        const tx = await sql.reserve();
        const send = (text, params = []) => tx.unsafe(text, params, { prepare: true }).execute();
        let committed;
        // The COMMIT goes out when `work` asks for it (behind its last writes, in the same flush), or after it.
        const commit = () => (committed ??= send('commit'));
        try {
          const begun = send('begin');
          const result = await work(send, commit);
          await Promise.all([begun, commit()]);
          return result;
        } catch (error) {
          await send('rollback').catch(() => undefined);
          throw error;
        } finally {
          tx.release();
        }
      },
      close: () => sql.end({ timeout: 1 }),
    };
  }
  const { PGlite } = await import(resolve('@electric-sql/pglite'));
  const db = await PGlite.create(process.env.PEERLINK_DATA ?? 'memory://');
  return {
    statement: (text, params) => db.query(text, params).then((r) => r.rows),
    // One connection, statements in order; PGlite commits when `work` returns.
    transaction: (work) =>
      db.transaction((tx) =>
        work(
          (text, params = []) => tx.query(text, params).then((r) => r.rows),
          () => Promise.resolve(),
        ),
      ),
    close: () => db.close(),
  };
}

const roundTrips = Number(process.env.FLOOR_ROUND_TRIPS ?? '4');
const db = roundTrips === 0 ? undefined : await open();
const agency = randomUUID();
await db?.transaction(async (send) => {
  for (const statement of schema) await send(statement);
  await send('insert into floor_policies values ($1, $2::text::jsonb)', [
    agency,
    JSON.stringify({ ackTimeoutSeconds: 120 }),
  ]);
  await send(`insert into floor_peers select gen_random_uuid(), $1, 'county' from generate_series(1, 12)`, [agency]);
});

const callOut = (input, key) =>
  db.transaction(async (send, commit) => {
    const [stored] = await send('select status, body from floor_idempotency where key = $1', [key]);
    if (stored) return stored.body;
    const area = input.callForService.location.area ?? 'county';
    const [active, policy] = await Promise.all([
      send(`select id from floor_dispatches where agency_id = $1 and external_id = $2 and status <> 'closed' limit 1`, [
        agency,
        input.callForService.externalId,
      ]),
      send('select doc from floor_policies where agency_id = $1', [agency]),
      send('select id, area from floor_peers where agency_id = $1 and area = $2', [agency, area]),
    ]);
    if (active.length > 0) return { conflict: active[0].id };
    const peers = await send('select id from floor_peers where agency_id = $1 order by id limit 4', [agency]);
    const id = randomUUID();
    const doc = { id, status: 'notified', ...input, policy: policy[0]?.doc, notified: peers.map((p) => p.id) };
    const notifications = peers.map((peer) => ({ id: randomUUID(), dispatch_id: id, specialist_id: peer.id }));
    const expires = new Date(Date.now() + 6e5).toISOString();
    const links = notifications.map((n) => ({ id: randomUUID(), notification_id: n.id, expires_at: expires }));
    await Promise.all([
      send(
        `insert into floor_dispatches (id, agency_id, external_id, status, doc) values ($1, $2, $3, 'notified', $4::text::jsonb)`,
        [id, agency, input.callForService.externalId, JSON.stringify(doc)],
      ),
      send(
        `insert into floor_notifications (id, dispatch_id, specialist_id, status)
         select id, dispatch_id, specialist_id, 'queued' from jsonb_to_recordset($1::text::jsonb)
           as x(id uuid, dispatch_id uuid, specialist_id uuid)`,
        [JSON.stringify(notifications)],
      ),
      send(
        `insert into floor_links select id, notification_id, expires_at from jsonb_to_recordset($1::text::jsonb)
           as x(id uuid, notification_id uuid, expires_at timestamptz)`,
        [JSON.stringify(links)],
      ),
      send(
        `with e as (insert into floor_events (agency_id, doc) values ($1, $2::text::jsonb) returning id)
         select pg_notify('floor_events', id::text) from e`,
        [agency, JSON.stringify({ type: 'dispatch.created', id })],
      ),
      send(`insert into floor_audit (agency_id, action, subject) values ($1, 'dispatch.create', $2)`, [agency, id]),
      send('insert into floor_idempotency values ($1, 201, $2::text::jsonb)', [key, JSON.stringify(doc)]),
      commit(),
    ]);
    return doc;
  });

// The same call-out as one statement: each step a CTE, the writes only when the key is new and the incident has no
// active call-out (as the four round trips decide in the service's code), the answer built from what they return.
const oneStatement = `
  with input as (
    select $1::uuid as agency, $2::text as external_id, $3::text as area, $4::text as key, $5::uuid as id,
      $6::text::jsonb as doc, now() + interval '10 minutes' as expires),
  stored as (select body from floor_idempotency f, input where f.key = input.key),
  active as (
    select d.id from floor_dispatches d, input
    where d.agency_id = input.agency and d.external_id = input.external_id and d.status <> 'closed' limit 1),
  go as (select 1 where not exists (select from stored) and not exists (select from active)),
  policy as (select p.doc from floor_policies p, input where p.agency_id = input.agency),
  peers as (
    select p.id, gen_random_uuid() as notification from floor_peers p, input, go
    where p.agency_id = input.agency and p.area = input.area order by p.id limit 4),
  dispatch as (
    insert into floor_dispatches (id, agency_id, external_id, status, doc)
    select input.id, input.agency, input.external_id, 'notified', input.doc || jsonb_build_object(
      'policy', (select doc from policy), 'notified', (select jsonb_agg(id) from peers))
    from input, go returning doc),
  notifications as (
    insert into floor_notifications (id, dispatch_id, specialist_id, status)
    select peers.notification, input.id, peers.id, 'queued' from peers, input returning id),
  links as (insert into floor_links select gen_random_uuid(), n.id, input.expires from notifications n, input),
  event as (
    insert into floor_events (agency_id, doc)
    select input.agency, jsonb_build_object('type', 'dispatch.created', 'id', input.id) from input, go returning id),
  notified as (select pg_notify('floor_events', id::text) from event),
  audit as (
    insert into floor_audit (agency_id, action, subject) select input.agency, 'dispatch.create', input.id from input, go),
  remembered as (insert into floor_idempotency select input.key, 201, dispatch.doc from input, dispatch)
  select (select body from stored) as stored, (select id from active) as active, (select doc from dispatch) as doc,
    (select count(*) from notified) as notified`;

const callOutAtOnce = async (input, key) => {
  const id = randomUUID();
  const doc = { id, status: 'notified', ...input };
  const area = input.callForService.location.area ?? 'county';
  const [row] = await db.statement(oneStatement, [
    agency,
    input.callForService.externalId,
    area,
    key,
    id,
    JSON.stringify(doc),
  ]);
  return row.stored ?? (row.active ? { conflict: row.active } : row.doc);
};

/** node:http alone: a call-out's answer at once, no database. */
const answerAtOnce = async (input) => ({ id: randomUUID(), status: 'notified', ...input });

const answer = [answerAtOnce, callOutAtOnce][roundTrips] ?? callOut;

const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    answer(JSON.parse(body), String(req.headers['idempotency-key'] ?? randomUUID())).then(
      (doc) => {
        const text = JSON.stringify(doc);
        res.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
      },
      (error) => res.writeHead(500).end(String(error)),
    );
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${String(server.address().port)}`));
process.on('SIGTERM', () => {
  server.close();
  void Promise.resolve(db?.close()).then(() => process.exit(0));
});
