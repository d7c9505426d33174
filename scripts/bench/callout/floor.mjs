// The platform's floor under a call-out, for the call-out bench: node:http and postgres.js alone, with the
// service's round trips and statements on tables like its own, and none of its own work (no framework,
// no checks of the request or the answer, no authentication, no schedule, no signed links, no deliveries).
// What a call-out costs on this machine whatever the service does; the service's figures beside it show what
// its own work adds.
//
// Each POST (any path) runs, on one reserved connection, four round trips as a call-out does:
//   1. BEGIN and the idempotency look-up;
//   2. the incident's active call-out, the policy and the schedule's inputs (three reads sent together);
//   3. the people on call;
//   4. six writes (the call-out, its notifications in one multi-row insert, their links, the event with
//      pg_notify, the audit row, the idempotency row) and the COMMIT, sent together;
// then answers 201 with the stored call-out. Prints `listening PORT` once it is ready.
// Usage: DATABASE_URL=… node floor.mjs
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

// The driver the service uses, as the service resolves it (the workspace root does not depend on it).
const { default: postgres } = await import(
  createRequire(new URL('../../../packages/server/package.json', import.meta.url)).resolve('postgres')
);

const sql = postgres(process.env.DATABASE_URL ?? '', { max: 32, onnotice: () => undefined });
await sql.unsafe(`
  create table if not exists floor_dispatches (id uuid primary key, agency_id uuid not null, external_id text not null,
    status text not null, doc jsonb not null, created_at timestamptz not null default now());
  create index if not exists floor_dispatches_open on floor_dispatches (agency_id, external_id) where status <> 'closed';
  create table if not exists floor_notifications (id uuid primary key, dispatch_id uuid not null, specialist_id uuid not null,
    status text not null, created_at timestamptz not null default now());
  create table if not exists floor_links (id uuid primary key, notification_id uuid not null, expires_at timestamptz not null);
  create table if not exists floor_events (id bigserial primary key, agency_id uuid not null, doc jsonb not null,
    tx bigint not null default txid_current());
  create table if not exists floor_audit (id bigserial primary key, agency_id uuid not null, action text not null,
    subject uuid not null, at timestamptz not null default now());
  create table if not exists floor_idempotency (key text primary key, status int not null, body jsonb not null);
  create table if not exists floor_policies (agency_id uuid primary key, doc jsonb not null);
  create table if not exists floor_peers (id uuid primary key, agency_id uuid not null, area text not null);
`);
const agency = randomUUID();
await sql`insert into floor_policies values (${agency}, ${sql.json({ ackTimeoutSeconds: 120 })})`;
await sql`insert into floor_peers select gen_random_uuid(), ${agency}, 'county' from generate_series(1, 12)`;

async function callOut(input, key) {
  const tx = await sql.reserve();
  try {
    // Statements are sent the moment they are made; awaiting one waits for its answer alone.
    const [, [stored]] = await Promise.all([
      tx`begin`,
      tx`select status, body from floor_idempotency where key = ${key}`,
    ]);
    if (stored) {
      await tx`commit`;
      return stored.body;
    }
    const [active, policy] = await Promise.all([
      tx`select id from floor_dispatches where agency_id = ${agency} and external_id = ${input.callForService.externalId} and status <> 'closed' limit 1`,
      tx`select doc from floor_policies where agency_id = ${agency}`,
      tx`select id, area from floor_peers where agency_id = ${agency} and area = ${input.callForService.location.area ?? 'county'}`,
    ]);
    if (active.length > 0) {
      await tx`commit`;
      return { conflict: active[0].id };
    }
    const peers = await tx`select id from floor_peers where agency_id = ${agency} order by id limit 4`;
    const id = randomUUID();
    const doc = { id, status: 'notified', ...input, policy: policy[0]?.doc, notified: peers.map((p) => p.id) };
    const notifications = peers.map((peer) => ({
      id: randomUUID(),
      dispatch_id: id,
      specialist_id: peer.id,
      status: 'queued',
    }));
    const links = notifications.map((n) => ({
      id: randomUUID(),
      notification_id: n.id,
      expires_at: new Date(Date.now() + 6e5),
    }));
    await Promise.all([
      tx`insert into floor_dispatches (id, agency_id, external_id, status, doc) values (${id}, ${agency}, ${input.callForService.externalId}, 'notified', ${tx.json(doc)})`,
      tx`insert into floor_notifications ${tx(notifications)}`,
      tx`insert into floor_links ${tx(links)}`,
      tx`with e as (insert into floor_events (agency_id, doc) values (${agency}, ${tx.json({ type: 'dispatch.created', id })}) returning id)
         select pg_notify('floor_events', id::text) from e`,
      tx`insert into floor_audit (agency_id, action, subject) values (${agency}, 'dispatch.create', ${id})`,
      tx`insert into floor_idempotency values (${key}, 201, ${tx.json(doc)})`,
      tx`commit`,
    ]);
    return doc;
  } catch (error) {
    await tx`rollback`.catch(() => undefined);
    throw error;
  } finally {
    tx.release();
  }
}

const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    callOut(JSON.parse(body), String(req.headers['idempotency-key'] ?? randomUUID())).then(
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
  void sql.end({ timeout: 1 }).then(() => process.exit(0));
});
