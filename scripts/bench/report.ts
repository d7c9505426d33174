// The program report over a busy program's year: 100,000 call-outs (with logs for most, escalations,
// declines, cancellations) and 50,000 referrals, loaded with bulk SQL, then a year's report by week
// asked over HTTP as a supervisor, 40 times (so the 95th percentile is not the slowest run), and
// the year's de-identified call-out CSV. The service answering runs as its own process, started by
// its CLI on the loaded database (PGlite's folder is handed over once loaded). Goals: ≤ 200 ms on
// PostgreSQL, ≤ 1 s on PGlite, for the report; the CSV's time is printed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sql } from '../../packages/server/src/infra/db/database.js';
import { startedService } from '../../packages/server/test/cli-run.js';
import type { Storage } from '../../packages/server/test/harness.js';
import { ids, postgresUnavailable, startHarness } from '../../packages/server/test/harness.js';

const callouts = 100_000;
const referrals = 50_000;
const runs = 40;
const warmUp = 10;
const yearStart = '2025-01-01T06:00:00Z';

const minute = (column: string) => `${column} * interval '1 minute'`;
const step = (status: string, at: string, extra = '') =>
  `jsonb_build_object('status', '${status}', 'at', ${at}, 'actor', jsonb_build_object('kind', 'system')${extra})`;

/** Call-outs spread over the year: one in 20 cancelled, one in 33 unanswered, one in 7 declined then escalated. */
async function loadCallouts(db: Sql, peers: string[]) {
  await db.query(
    `with s as (
       select i, gen_random_uuid() as id,
              $2::timestamptz + (i::float8 / $3) * interval '365 days' as created,
              (array['county', 'north', 'south', 'east'])[1 + i % 4] as area,
              (array['overdose-nonfatal', 'behavioral-health-crisis', 'overdose-fatal', 'substance-use-crisis', 'welfare-check'])[1 + i % 5] as type,
              case when i % 20 = 0 then 'cancelled' when i % 33 = 0 then 'escalated' else 'cleared' end as status,
              i % 7 = 0 as declined,
              1 + (random() * 25)::int as ack,
              ($4::text[])[1 + i % array_length($4::text[], 1)] as peer
         from generate_series(1, $3) i)
     insert into dispatches (id, agency_id, external_id, status, specialist_id, ack_due_at, doc, created_at, updated_at, version)
     select id, $1, 'BENCH-' || i, status, null, null,
            jsonb_build_object('id', id, 'area', area, 'status', status,
              'callForService', jsonb_build_object('type', type, 'location', jsonb_build_object('address', 'Bench St', 'area', area)),
              'timeline', case status
                when 'cleared' then jsonb_build_array(
                  ${step('requested', 'created')}, ${step('notified', 'created')},
                  ${step('acknowledged', `created + ${minute('ack')}`, ", 'specialistId', peer")},
                  ${step('en-route', `created + ${minute('(ack + 2)')}`)},
                  ${step('on-scene', `created + ${minute('(ack + 18)')}`)},
                  ${step('checked-in', `created + ${minute('(ack + 22)')}`)},
                  ${step('cleared', `created + ${minute('(ack + 95)')}`)})
                  || case when declined then jsonb_build_array(${step('declined', 'created')}, ${step('escalated', 'created')}) else '[]'::jsonb end
                when 'cancelled' then jsonb_build_array(${step('requested', 'created')}, ${step('notified', 'created')}, ${step('cancelled', `created + ${minute('ack')}`)})
                else jsonb_build_array(${step('requested', 'created')}, ${step('notified', 'created')}, ${step('escalated', `created + interval '5 minutes'`)},
                  ${step('notified', `created + interval '5 minutes'`)}, ${step('escalated', `created + interval '10 minutes'`)})
              end),
            created, created, 1
       from s`,
    [ids.agency, yearStart, callouts, `{${peers.join(',')}}`],
  );
  // Logs for four call-outs in five: submitted within hours of clearing, a few returned, people served.
  await db.query(
    `insert into callout_logs (id, agency_id, dispatch_id, specialist_id, status, doc, created_at, updated_at, version)
     select gen_random_uuid(), d.agency_id, d.id, null, 'approved',
            jsonb_build_object('content', jsonb_build_object(
                'outcome', (array['engaged', 'services-declined', 'transported'])[1 + n % 3],
                'peopleServed', jsonb_build_array(jsonb_build_object('role', 'person-in-crisis', 'ageBand', 'unknown', 'count', 1),
                                                  jsonb_build_object('role', 'family-member', 'ageBand', 'unknown', 'count', 1 + n % 3))),
              'submissions', jsonb_build_array(jsonb_build_object('version', 2, 'at', d.created_at + interval '3 hours')),
              'reviews', jsonb_build_array(jsonb_build_object('decision', case when n % 9 = 0 then 'return' else 'approve' end,
                                                              'at', d.created_at + interval '20 hours'))),
            d.created_at, d.created_at, 2
       from (select d.*, row_number() over () as n from dispatches d where d.agency_id = $1 and d.status = 'cleared') d
      where n % 5 <> 0`,
    [ids.agency],
  );
}

/** Referrals over the year, half from a call-out, with every status. */
async function loadReferrals(db: Sql) {
  await db.query(
    `with d as (select id, row_number() over (order by created_at) as n from dispatches where agency_id = $1),
          s as (select i, $3::timestamptz + (i::float8 / $2) * interval '365 days' as created,
                       (array['sent', 'accepted', 'scheduled', 'completed', 'declined', 'no-show', 'cancelled'])[1 + i % 7] as status,
                       (array['detox', 'treatment', 'moud', 'housing', 'recovery-residence', 'mutual-aid'])[1 + i % 6] as need
                  from generate_series(1, $2) i)
     insert into referrals (id, agency_id, person_ref, resource_id, status, doc, created_at, updated_at, version)
     select gen_random_uuid(), $1, 'CASE-' || i, $4, status,
            jsonb_build_object('status', status, 'needs', jsonb_build_array(need),
              'dispatchId', d.id,
              'timeline', jsonb_build_array(jsonb_build_object('status', 'sent', 'at', created))
                || case when status <> 'sent' then jsonb_build_array(jsonb_build_object('status', 'accepted', 'at', created + interval '50 minutes')) else '[]'::jsonb end),
            created, created, 1
       from s left join d on d.n = s.i * 2`,
    [ids.agency, referrals, yearStart, ids.resource],
  );
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

async function bench(storage: Storage, goalMs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'peerlink-report-bench-'));
  const dataDir = join(dir, 'data');
  const harness = await startHarness(storage, {
    ...(storage === 'pglite' ? { dataDir } : {}),
    config: { rateLimit: { capacity: 100_000, perSecond: 100_000 } },
  });
  let harnessOpen = true;
  let service: Awaited<ReturnType<typeof startedService>> | undefined;
  try {
    const { db } = harness.server;
    const started = performance.now();
    await loadCallouts(db, [ids.primary, ids.backup, ids.supervisor, ids.outsider]);
    await loadReferrals(db);
    // Statistics and the visibility map, as autovacuum leaves them after a bulk load, and the
    // loaded pages written out, so the runs do not share the machine with the load's writes.
    await db.query('vacuum analyze');
    await db.query('checkpoint');
    const loaded = performance.now() - started;
    // PGlite serves one process: the loading one lets go of its folder first.
    if (storage === 'pglite') {
      await harness.close();
      harnessOpen = false;
    }
    service = await startedService(['--data', dataDir, '--rate-limit', '100000', '--rate-limit-burst', '100000'], {
      ...process.env,
      DATABASE_URL: harness.databaseUrl ?? '',
    });
    const session = await fetch(`${service.url}/v1/embed-sessions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${harness.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ role: 'supervisor', subjectId: ids.supervisor, ttlSeconds: 900 }),
    });
    if (session.status !== 201) throw new Error(`embed session failed: ${String(session.status)}`);
    const { token } = (await session.json()) as { token: string };
    const url = `${service.url}/v1/reports/program?from=2025-01-01&to=2025-12-31&period=week`;
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < warmUp + runs; i++) {
      const start = performance.now();
      const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`report failed: ${String(response.status)} ${body}`);
      if (i >= warmUp) times.push(performance.now() - start);
      size = body.length;
    }
    const csvStart = performance.now();
    const csv = await fetch(`${service.url}/v1/reports/callouts/csv?from=2025-01-01&to=2025-12-31`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const csvBody = await csv.text();
    if (csv.status !== 200) throw new Error(`call-out CSV failed: ${String(csv.status)} ${csvBody}`);
    const csvMs = performance.now() - csvStart;
    const p50 = quantile(times, 0.5);
    const p95 = quantile(times, 0.95);
    console.log(
      `report (${storage}): loaded ${String(callouts)} call-outs and ${String(referrals)} referrals in ${(loaded / 1000).toFixed(1)} s; a year by week (53 periods, ${(size / 1024).toFixed(0)} KB of JSON) p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms over ${String(runs)} runs`,
    );
    console.log(
      `figure: program report, a year by week, 100k call-outs + 50k referrals (${storage})\tp50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms\tgoal ≤ ${String(goalMs)} ms`,
    );
    console.log(
      `figure: de-identified call-out CSV, a year, 100k call-outs (${storage})\t${csvMs.toFixed(0)} ms, ${(csvBody.length / 1_048_576).toFixed(1)} MB\tno goal`,
    );
    return p95 <= goalMs;
  } finally {
    await service?.stop();
    if (harnessOpen) await harness.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

let met = true;
const why = await postgresUnavailable();
if (why) console.log(`report: PostgreSQL run skipped: ${why}`);
else met = (await bench('postgres', 200)) && met;
met = (await bench('pglite', 1000)) && met;
if (!met) process.exitCode = 1;
