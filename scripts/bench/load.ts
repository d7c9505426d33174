// The reference service under load, on the PostgreSQL server: dispatch creation throughput (full
// auth, validation, timeline, event log, audit, notification queue) beside pgbench's simple
// insert of a dispatch-shaped row on the same server, then a 60-second mixed load at 500
// requests per second. Prints figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminUrl, ids, postgresUnavailable, startHarness } from '../../packages/server/test/harness.js';
import { syntheticResources } from '../../packages/server/src/seed/index.js';
import { insertResource, setNotificationSettings } from '../../packages/server/src/domain/store.js';

const THROUGHPUT_SECONDS = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 10);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const LOAD_RATE = Number(process.env.BENCH_LOAD_RATE ?? 500);
const CLIENTS = 32;

const why = await postgresUnavailable();
if (why) {
  console.log(`skipped: ${why}`);
  process.exit(0);
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

// Notifications go to a receiver that accepts everything, as a healthy SMS gateway would.
const sink = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(204).end());
});
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));

const harness = await startHarness('postgres', {
  background: true,
  config: { rateLimit: { capacity: 100_000, perSecond: 100_000 } },
});
try {
  const { server } = harness;
  await setNotificationSettings(server.db, ids.agency, {
    transport: 'webhook',
    webhook: {
      url: `http://127.0.0.1:${String((sink.address() as AddressInfo).port)}/sms`,
      secret: 'whsec_bench_0123456789abcdef0123456789abcdef',
    },
  });
  const resources = syntheticResources(500, 7);
  for (const resource of resources) await insertResource(server.db, ids.agency, resource);
  const dispatcher = await harness.token('dispatcher', { ttlSeconds: 900 });
  const staff = await harness.token('court-staff', { ttlSeconds: 900 });
  const headers = (token: string) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });
  let serial = 0;
  const createDispatch = async () => {
    serial += 1;
    const response = await fetch(`${server.url}/v1/dispatches`, {
      method: 'POST',
      headers: { ...headers(dispatcher), 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({
        callForService: {
          externalId: `LOAD-${String(serial)}-${randomUUID().slice(0, 6)}`,
          type: 'overdose-nonfatal',
          location: { address: `${String(serial % 9000)} Main St, Springfield`, area: 'county' },
          receivedAt: new Date().toISOString(),
        },
      }),
    });
    const body = (await response.json()) as { id?: string };
    return { ok: response.status === 201 || response.status === 200, id: body.id };
  };

  // pgbench: one dispatch-shaped row per transaction, 32 clients, on the same server.
  const folder = mkdtempSync(join(tmpdir(), 'peerlink-pgbench-'));
  const databaseUrl = new URL(adminUrl);
  const serverDatabase = await server.db.query<{ name: string }>('select current_database() as name');
  databaseUrl.pathname = `/${serverDatabase[0]?.name ?? 'test'}`;
  await server.db.query(
    'create table if not exists pgbench_dispatch (id uuid primary key, agency_id uuid not null, external_id text not null, status text not null, doc jsonb not null, created_at timestamptz not null)',
  );
  writeFileSync(
    join(folder, 'insert.sql'),
    'insert into pgbench_dispatch values (gen_random_uuid(), gen_random_uuid(), \'CAD-\' || random(), \'notified\', \'{"type":"overdose-nonfatal","address":"1200 W Jefferson St"}\', now());\n',
  );
  const pgbench = spawnSync(
    'pgbench',
    [
      '-n',
      '-c',
      String(CLIENTS),
      '-j',
      '2',
      '-T',
      String(THROUGHPUT_SECONDS),
      '-f',
      join(folder, 'insert.sql'),
      databaseUrl.toString(),
    ],
    { encoding: 'utf8' },
  );
  rmSync(folder, { recursive: true, force: true });
  const pgbenchTps = Number(/tps = ([\d.]+)/.exec(pgbench.stdout)?.[1] ?? Number.NaN);

  // The service: 32 clients creating call-outs back to back.
  let created = 0;
  let failedCreates = 0;
  const createLatency: number[] = [];
  const until = performance.now() + THROUGHPUT_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        const { ok } = await createDispatch().catch(() => ({ ok: false }));
        createLatency.push(performance.now() - started);
        if (ok) created += 1;
        else failedCreates += 1;
      }
    }),
  );
  const serviceTps = created / THROUGHPUT_SECONDS;
  console.log(`| dispatch creation, ${String(CLIENTS)} clients, ${String(THROUGHPUT_SECONDS)} s | value |`);
  console.log('| --- | ---: |');
  console.log(`| pgbench simple insert (same server) | ${pgbenchTps.toFixed(0)} TPS |`);
  console.log(`| Peerlink POST /v1/dispatches | ${serviceTps.toFixed(0)} TPS (${failedCreates.toString()} failed) |`);
  console.log(`| ratio (goal ≥ 0.3) | ${(serviceTps / pgbenchTps).toFixed(2)} |`);
  console.log(
    `| create latency p50 / p99 | ${quantile(createLatency, 0.5).toFixed(1)} / ${quantile(createLatency, 0.99).toFixed(1)} ms |`,
  );
  console.log(
    `figure: dispatch throughput\t${serviceTps.toFixed(0)} TPS\t${(serviceTps / pgbenchTps).toFixed(2)}× pgbench (${pgbenchTps.toFixed(0)} TPS); goal ≥ 0.3×`,
  );

  // Mixed load, open loop: requests start on schedule whether or not earlier ones finished.
  const open: string[] = [];
  for (let i = 0; i < 200; i += 1) {
    const { id } = await createDispatch();
    if (id) open.push(id);
  }
  const words = [
    'detox',
    'recovery',
    'housing',
    'meeting',
    'naloxone',
    'treatment',
    'food',
    'crisis',
    'medication',
    'transport',
  ];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;
  const mix: [number, string, () => Promise<Response>][] = [
    [0.35, 'GET dispatch', () => fetch(`${server.url}/v1/dispatches/${pick(open)}`, { headers: headers(dispatcher) })],
    [0.15, 'GET dispatches', () => fetch(`${server.url}/v1/dispatches?limit=20`, { headers: headers(dispatcher) })],
    [
      0.2,
      'GET resource search',
      () => fetch(`${server.url}/v1/resources/search?q=${pick(words)}&limit=20`, { headers: headers(staff) }),
    ],
    [
      0.1,
      'GET on-call',
      () => fetch(`${server.url}/v1/specialists/on-call?area=county`, { headers: headers(dispatcher) }),
    ],
    [
      0.1,
      'POST dispatch',
      async () => {
        serial += 1;
        return fetch(`${server.url}/v1/dispatches`, {
          method: 'POST',
          headers: { ...headers(dispatcher), 'Idempotency-Key': randomUUID() },
          body: JSON.stringify({
            callForService: {
              externalId: `MIX-${String(serial)}`,
              type: 'welfare-check',
              location: { address: '1 Mixed Way', area: 'county' },
              receivedAt: new Date().toISOString(),
            },
          }),
        });
      },
    ],
    [
      0.1,
      'POST cancel',
      // Any of the open call-outs: one cancelled already answers 409, as a second dispatcher's cancel would.
      () => {
        const id = pick(open);
        return fetch(`${server.url}/v1/dispatches/${id}/transitions`, {
          method: 'POST',
          headers: { ...headers(dispatcher), 'Idempotency-Key': randomUUID() },
          body: JSON.stringify({ to: 'cancelled' }),
        });
      },
    ],
  ];
  const results: { name: string; ms: number; ok: boolean; status?: number }[] = [];
  const pending = new Set<Promise<void>>();
  const started = performance.now();
  const total = LOAD_RATE * LOAD_SECONDS;
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * LOAD_RATE));
      for (; sent < due; sent += 1) {
        let roll = Math.random();
        const chosen = mix.find(([share]) => (roll -= share) < 0) ?? mix.at(-1);
        if (!chosen) break;
        const [, name, request] = chosen;
        const at = performance.now();
        const run = request()
          .then(async (response) => {
            await response.arrayBuffer();
            // A cancel of an already-ended call-out is a correct 409, not an error.
            const expected =
              (name === 'POST cancel' && response.status === 409) ||
              (name === 'GET dispatch' && response.status === 404);
            results.push({ name, ms: performance.now() - at, ok: response.ok || expected, status: response.status });
          })
          .catch(() => {
            results.push({ name, ms: performance.now() - at, ok: false });
          })
          .finally(() => pending.delete(run));
        pending.add(run);
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  const all = results.map((r) => r.ms);
  const errors = results.filter((r) => !r.ok).length;
  console.log(
    `\n| mixed load: ${String(LOAD_RATE)} req/s offered for ${String(LOAD_SECONDS)} s | requests | errors | p50 ms | p99 ms |`,
  );
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [, name] of mix) {
    const mine = results.filter((r) => r.name === name);
    const ms = mine.map((r) => r.ms);
    console.log(
      `| ${name} | ${String(mine.length)} | ${String(mine.filter((r) => !r.ok).length)} | ${quantile(ms, 0.5).toFixed(1)} | ${quantile(ms, 0.99).toFixed(1)} |`,
    );
  }
  console.log(
    `| all (${(results.length / elapsed).toFixed(0)} req/s achieved) | ${String(results.length)} | ${String(errors)} | ${quantile(all, 0.5).toFixed(1)} | ${quantile(all, 0.99).toFixed(1)} |`,
  );
  const causes = new Map<string, number>();
  for (const r of results.filter((x) => !x.ok))
    causes.set(
      `${r.name} ${String(r.status ?? 'network')}`,
      (causes.get(`${r.name} ${String(r.status ?? 'network')}`) ?? 0) + 1,
    );
  if (causes.size > 0) console.log(`errors by kind: ${[...causes].map(([k, n]) => `${k} ×${String(n)}`).join(', ')}`);
  console.log(
    `figure: mixed load ${String(LOAD_RATE)} req/s × ${String(LOAD_SECONDS)} s\t${String(errors)} errors of ${String(results.length)}; p50 ${quantile(all, 0.5).toFixed(1)} ms, p99 ${quantile(all, 0.99).toFixed(1)} ms\t${(results.length / elapsed).toFixed(0)} req/s achieved`,
  );
} finally {
  await harness.close();
  await new Promise<void>((resolve) =>
    sink.close(() => {
      resolve();
    }),
  );
}
