// The call-out path measured from outside: the service started by its own CLI as a child process
// (PGlite, then PostgreSQL on a fresh database), a webhook receiver process counting delivered
// notifications, and a load generator in another process (`callout/load.mjs`) driving POST
// /v1/dispatches: one at a time on a warmed service (20 ms apart, then 2 ms apart, from this process over
// node:http), closed loop at saturation (autocannon), open loop on a fixed schedule, a mixed load
// on a fixed schedule (requests timed from when they were due); pgbench inserts one dispatch-shaped row per
// transaction on the same PostgreSQL server in the same run (32 clients for its throughput, one alone for
// what a durable commit costs on its disk); the platform alone (`callout/floor.mjs`: node:http and the storage's
// driver with a call-out's round trips and statements, none of the service's work; then the same call-out as one
// statement; then node:http with no database) is timed on each storage the same way as the service. Prints the
// figures; asserts nothing.
//
// BENCH_SECONDS (10) per phase, BENCH_RATE (50) the open-loop rate, BENCH_MIXED_RATE (500) and
// BENCH_MIXED_SECONDS (60) the mixed load, BENCH_WORKERS ("1,2") the process counts on PostgreSQL,
// BENCH_STORAGE ("PGlite,PostgreSQL") which storages run.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabase, postgresUnavailable } from '../../packages/server/test/harness.js';
import { drive, mixedReads, type LoadResult } from './callout/drive.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const MIXED_RATE = Number(process.env.BENCH_MIXED_RATE ?? 500);
const MIXED_SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 60);
const WORKERS = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);
const CONNECTIONS = 32;
const SEQUENTIAL = 100;

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = (file: string) => fileURLToPath(new URL(`callout/${file}`, import.meta.url));
const cliArgs = ['--conditions=source', '--import', 'tsx', 'packages/server/src/cli.ts'];
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/** A child process whose stdout is watched: `next` waits for a match in what it prints from now on. */
function child(args: string[], env: NodeJS.ProcessEnv = {}) {
  const proc = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'pipe' });
  let out = '';
  const waiters = new Set<() => void>();
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (chunk: string) => {
    out += chunk;
    for (const check of [...waiters]) check();
  });
  proc.stderr.pipe(process.stderr);
  const next = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const from = out.length;
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${String(pattern)}`));
      }, timeoutMs);
      function check() {
        const match = pattern.exec(out.slice(from));
        if (!match) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(match);
      }
      waiters.add(check);
    });
  const stop = async (target: ChildProcess = proc) => {
    if (target.exitCode !== null) return;
    const exited = new Promise((resolve) => target.once('exit', resolve));
    target.kill('SIGTERM');
    await exited;
  };
  return { proc, next, stop };
}

function cli(args: string[], env: NodeJS.ProcessEnv): string {
  const result = spawnSync(process.execPath, [...cliArgs, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`peerlink-server ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

async function json<T>(url: string, init: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${url}: ${String(response.status)} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * A process's CPU time so far (user and system, in seconds) from /proc, where there is one: unlike
 * latency, it barely moves with what else the machine runs.
 */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    const fields =
      readFileSync(`/proc/${String(pid)}/stat`, 'utf8')
        .split(') ')[1]
        ?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks / 100 : undefined;
  } catch {
    return undefined;
  }
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
/** The median and 99th percentile of `times`. */
const percentiles = (times: number[]) => ({ p50: quantile(times, 0.5), p99: quantile(times, 0.99) });

interface RunFigures {
  storage: string;
  saturated: LoadResult;
  open: LoadResult;
  mixed?: LoadResult;
  /** Each of the mixed load's reads alone, saturated (one process only). */
  reads?: LoadResult[];
  idle: { p50: number; p99: number };
  /** One at a time, 2 ms apart. */
  backToBack: { p50: number; p99: number };
  /** The service process's CPU time per call-out one at a time, its deliveries included. */
  cpuMs?: number;
  counts?: { statements: number; roundTrips: number; transactions: number };
  delivered: { delivered: number; dispatches: number };
  created: number;
}

/**
 * Call-outs POSTed to `url` one at a time over one kept-alive socket: `oneAtATime(gapMs, label)` sends
 * `SEQUENTIAL` of them, `gapMs` apart, and answers their times. node:http, not fetch: fetch's own work (some
 * 0.8 ms a request on this machine) would be counted as the service's.
 */
function oneByOne(url: string, token: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const postOne = (n: number, label: string) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({
        callForService: {
          externalId: `${label}-${String(n)}-${randomUUID().slice(0, 8)}`,
          type: 'overdose-nonfatal',
          location: { address: `${String(n)} Main St, Springfield`, area: 'county' },
          receivedAt: new Date().toISOString(),
        },
      });
      const headers = {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(body)),
        'Idempotency-Key': randomUUID(),
      };
      request(`${url}/v1/dispatches`, { method: 'POST', agent, headers }, (response) => {
        if (response.statusCode !== 201) reject(new Error(`POST /v1/dispatches: ${String(response.statusCode)}`));
        response.resume().on('end', resolve);
      })
        .on('error', reject)
        .end(body);
    });
  const oneAtATime = async (gapMs: number, label: string) => {
    const times: number[] = [];
    for (let n = 0; n < SEQUENTIAL; n++) {
      const started = performance.now();
      await postOne(n, label);
      times.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
    return times;
  };
  return {
    oneAtATime,
    close: () => {
      agent.destroy();
    },
  };
}

/** One run: data made with the CLI, the service started by it, the load from other processes. */
async function run(storage: 'PGlite' | 'PostgreSQL', receiverPort: number, workers = 1): Promise<RunFigures> {
  const folder = mkdtempSync(join(tmpdir(), 'peerlink-callout-'));
  const database = storage === 'PostgreSQL' ? await freshDatabase() : undefined;
  const env: NodeJS.ProcessEnv = database
    ? { DATABASE_URL: database.url, PEERLINK_DATA: '' }
    : { DATABASE_URL: '', PEERLINK_DATA: join(folder, 'data') };
  let service: ReturnType<typeof child> | undefined;
  try {
    const seeded = cli(['seed', '--resources', '200'], env);
    const agency = /seeded demo program ([0-9a-f-]{36})/.exec(seeded)?.[1] ?? '';
    const apiKey = cli(['keys', 'create', '--agency', agency], env).trim();
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    // BENCH_CPU_PROF=DIR writes the service's CPU profile there when it stops.
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
    service = child(
      [
        ...profile,
        ...cliArgs,
        'start',
        '--port',
        String(port),
        '--rate-limit',
        '1000000',
        '--workers',
        String(workers),
      ],
      { ...env, PEERLINK_COUNT_STATEMENTS: '1' },
    );
    await service.next(workers > 1 ? /runs \d+ service processes/ : /Press Ctrl-C/);
    const url = `http://127.0.0.1:${String(port)}`;
    // Wait until every process answers.
    for (let tries = 0; tries < 100; tries++) {
      const ok = await fetch(`${url}/health`).then(
        (r) => r.status < 500,
        () => false,
      );
      if (ok && tries > (workers > 1 ? 20 : 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const keyHeaders = { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' };
    await json(`${url}/v1/agency`, {
      method: 'PATCH',
      headers: keyHeaders,
      body: JSON.stringify({
        notification: {
          transport: 'webhook',
          webhook: { url: `http://127.0.0.1:${String(receiverPort)}/sms`, secret: `whsec_${'0'.repeat(40)}` },
        },
      }),
    });
    const { token } = await json<{ token: string }>(`${url}/v1/embed-sessions`, {
      method: 'POST',
      headers: { ...keyHeaders, 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ role: 'dispatcher', ttlSeconds: 900 }),
    });
    const before = await json<{ delivered: number; dispatches: number }>(
      `http://127.0.0.1:${String(receiverPort)}/count`,
      {},
    );

    const sequential = oneByOne(url, token);
    const { oneAtATime } = sequential;
    // Warm: the service's code compiled and its caches filled, as in a service that has run a while.
    // Then a pause for their notifications to go out.
    await oneAtATime(5, 'WARM');
    await new Promise((resolve) => setTimeout(resolve, 1500));

    // One call-out at a time on an idle service; the driver's counts around them.
    const countsNow = async () => {
      if (workers > 1) return undefined;
      const line = service?.next(/driver counts: statements (\d+), round trips (\d+), transactions (\d+)/);
      service?.proc.kill('SIGUSR2');
      const m = await line;
      return m ? { statements: Number(m[1]), roundTrips: Number(m[2]), transactions: Number(m[3]) } : undefined;
    };
    const first = await countsNow();
    const cpuBefore = cpuSeconds(service.proc.pid);
    const idle = await oneAtATime(20, 'IDLE');
    const cpuAfter = cpuSeconds(service.proc.pid);
    const second = await countsNow();
    // The same, 2 ms apart: what an idle machine adds (its cores and the database's process wake up for each).
    const backToBack = await oneAtATime(2, 'NEXT');
    sequential.close();
    const counts =
      first && second
        ? {
            statements: (second.statements - first.statements) / SEQUENTIAL,
            roundTrips: (second.roundTrips - first.roundTrips) / SEQUENTIAL,
            transactions: (second.transactions - first.transactions) / SEQUENTIAL,
          }
        : undefined;

    // Each phase starts on a quiet service: the notifications of the one before are all sent first
    // (saturation leaves thousands queued, which a fixed-rate phase would otherwise share the
    // service with).
    const settle = async () => {
      let count = before;
      for (let stable = 0, last = -1; stable < 3;) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        count = await json(`http://127.0.0.1:${String(receiverPort)}/count`, {});
        stable = count.delivered === last ? stable + 1 : 0;
        last = count.delivered;
      }
      return count;
    };
    const saturated = await drive({ url, token, connections: CONNECTIONS, seconds: SECONDS });
    await settle();
    const open = await drive({ url, token, connections: CONNECTIONS, seconds: SECONDS, rate: RATE });
    await settle();
    // What each of the mixed load's reads costs alone, on the data the phases before wrote.
    const reads = [];
    if (workers === 1)
      for (const read of mixedReads)
        reads.push(await drive({ url, token, connections: CONNECTIONS, seconds: SECONDS, read }));
    const mixed =
      workers === 1
        ? await drive({ url, token, connections: 100, seconds: MIXED_SECONDS, rate: MIXED_RATE, mix: 4 })
        : undefined;
    // Answered requests are counted; one in five of the mixed load is a call-out.
    const created = 3 * SEQUENTIAL + saturated.requests + open.requests + Math.round((mixed?.requests ?? 0) / 5);
    const delivered = await settle();
    return {
      storage: workers > 1 ? `${storage}, ${String(workers)} processes` : storage,
      saturated,
      open,
      ...(mixed ? { mixed } : {}),
      ...(reads.length > 0 ? { reads } : {}),
      idle: percentiles(idle),
      backToBack: percentiles(backToBack),
      ...(workers === 1 && cpuBefore !== undefined && cpuAfter !== undefined
        ? { cpuMs: ((cpuAfter - cpuBefore) * 1000) / SEQUENTIAL }
        : {}),
      ...(counts ? { counts } : {}),
      delivered: {
        delivered: delivered.delivered - before.delivered,
        dispatches: delivered.dispatches - before.dispatches,
      },
      created,
    };
  } finally {
    await service?.stop();
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * pgbench on the PostgreSQL server, one dispatch-shaped row per transaction: its throughput with 32 clients, and
 * the latency of one client alone, which is what one durable commit costs on this server's disk (a floor under
 * any call-out on an idle service, since a call-out is answered only once it is committed).
 */
async function pgbench(): Promise<{ tps: number; commitMs: number }> {
  const database = await freshDatabase();
  const folder = mkdtempSync(join(tmpdir(), 'peerlink-pgbench-'));
  try {
    const setup = spawnSync(
      'psql',
      [
        database.url,
        '-qc',
        'create table dispatch_shaped (id uuid primary key, agency_id uuid not null, external_id text not null, status text not null, doc jsonb not null, created_at timestamptz not null)',
      ],
      { encoding: 'utf8' },
    );
    if (setup.status !== 0) throw new Error(setup.stderr);
    writeFileSync(
      join(folder, 'insert.sql'),
      `insert into dispatch_shaped values (gen_random_uuid(), gen_random_uuid(), 'CAD-' || random(), 'notified', '{"type":"overdose-nonfatal","address":"1200 W Jefferson St"}', now());\n`,
    );
    const bench = (clients: number) =>
      spawnSync(
        'pgbench',
        ['-n', '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(SECONDS)].concat([
          '-f',
          join(folder, 'insert.sql'),
          database.url,
        ]),
        { encoding: 'utf8' },
      ).stdout;
    const tps = Number(/tps = ([\d.]+)/.exec(bench(CONNECTIONS))?.[1] ?? Number.NaN);
    const commitMs = Number(/latency average = ([\d.]+) ms/.exec(bench(1))?.[1] ?? Number.NaN);
    return { tps, commitMs };
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await database.drop();
  }
}

/** The platform alone on one storage: one call-out at a time, and saturated. */
interface PlatformFigures {
  idle: { p50: number; p99: number };
  saturated: LoadResult;
}

/**
 * The platform's floor (`callout/floor.mjs`: node:http and the storage's driver with a call-out's round trips and
 * statements, none of the service's own work), on a fresh database of the same PostgreSQL server or on PGlite in a
 * fresh folder: one at a time on a warmed process, 20 ms apart, and saturated with the same load generator as the
 * service. `roundTrips` 1 runs the call-out as one statement; 0, with no storage, opens no database (node:http
 * alone).
 */
async function platformFloor(storage: 'PGlite' | 'PostgreSQL', roundTrips: 1 | 4): Promise<PlatformFigures>;
async function platformFloor(storage: undefined, roundTrips: 0): Promise<PlatformFigures>;
async function platformFloor(storage: 'PGlite' | 'PostgreSQL' | undefined, roundTrips: 0 | 1 | 4) {
  const folder = mkdtempSync(join(tmpdir(), 'peerlink-floor-'));
  const database = storage === 'PostgreSQL' ? await freshDatabase() : undefined;
  const floorProcess = child([here('floor.mjs')], {
    FLOOR_ROUND_TRIPS: String(roundTrips),
    ...(database ? { DATABASE_URL: database.url } : { DATABASE_URL: '', PEERLINK_DATA: join(folder, 'data') }),
  });
  try {
    const url = `http://127.0.0.1:${(await floorProcess.next(/listening (\d+)/))[1] ?? ''}`;
    const sequential = oneByOne(url, '');
    await sequential.oneAtATime(5, 'WARM');
    const idle = await sequential.oneAtATime(20, 'IDLE');
    sequential.close();
    const saturated = await drive({ url, token: '', connections: CONNECTIONS, seconds: SECONDS });
    return { idle: percentiles(idle), saturated };
  } finally {
    await floorProcess.stop();
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  }
}

const receiver = child([here('receiver.mjs')]);
const receiverPort = Number((await receiver.next(/listening (\d+)/))[1]);
const results: RunFigures[] = [];
let floor = Number.NaN;
let commitMs = Number.NaN;
/** The platform's floor by storage: a call-out's four round trips, and the same call-out as one statement. */
const platforms = new Map<string, PlatformFigures>();
const platformsAtOnce = new Map<string, PlatformFigures>();
/** node:http and the load generator alone, no database. */
let httpAlone: PlatformFigures;
try {
  console.log(`load average before: ${load()} (2 cores, shared with other work: figures vary with it)`);
  const storages = process.env.BENCH_STORAGE ?? 'PGlite,PostgreSQL';
  if (storages.includes('PGlite')) {
    results.push(await run('PGlite', receiverPort));
    platforms.set('PGlite', await platformFloor('PGlite', 4));
    platformsAtOnce.set('PGlite', await platformFloor('PGlite', 1));
    console.log(`load average after the PGlite run: ${load()}`);
  }
  const why = await postgresUnavailable();
  if (why) console.log(`PostgreSQL runs skipped: ${why}`);
  else if (storages.includes('PostgreSQL')) {
    ({ tps: floor, commitMs } = await pgbench());
    platforms.set('PostgreSQL', await platformFloor('PostgreSQL', 4));
    platformsAtOnce.set('PostgreSQL', await platformFloor('PostgreSQL', 1));
    for (const workers of WORKERS) {
      results.push(await run('PostgreSQL', receiverPort, workers));
      console.log(`load average after the PostgreSQL run (${String(workers)} processes): ${load()}`);
    }
  }
  httpAlone = await platformFloor(undefined, 0);
} finally {
  await receiver.stop();
}

const ms = (n: number) => `${n.toFixed(0)} ms`;
const ok = (r: LoadResult) => r.requests - r.non2xx - r.errors;
/** How many of the open loop's requests failed, and how: answers by status class, timeouts, other errors. */
function failures(r: LoadResult): string {
  const count = r.non2xx + r.errors + r.timeouts;
  if (count === 0) return '0 errors';
  const kinds = Object.entries(r.statuses)
    .filter(([status, n]) => status !== '2xx' && n > 0)
    .map(([status, n]) => `${String(n)} ${status}`);
  if (r.timeouts > 0) kinds.push(`${String(r.timeouts)} timed out`);
  for (const [code, n] of Object.entries(r.errorCodes ?? {})) kinds.push(`${String(n)} ${code}`);
  return `${String(count)} errors (${kinds.join(', ')})`;
}
console.log(`\n| what | ${results.map((r) => r.storage).join(' | ')} |`);
console.log(`| --- | ${results.map(() => '---:').join(' | ')} |`);
const row = (what: string, cell: (r: RunFigures) => string) => {
  console.log(`| ${what} | ${results.map(cell).join(' | ')} |`);
};
/** `figure` as `text` makes it, or what to say when pgbench did not run (no PostgreSQL run this time). */
const pgbenchOr = (figure: number, text: (n: number) => string): string =>
  Number.isNaN(figure) ? 'not run (no PostgreSQL run)' : text(figure);
/** Answered requests a second. */
const okRate = (r: LoadResult) => ok(r) / r.seconds;
const saturatedRate = (r: RunFigures) => okRate(r.saturated);

row(
  `POST /v1/dispatches, ${String(CONNECTIONS)} connections, saturated, ${String(SECONDS)} s`,
  (r) =>
    `${saturatedRate(r).toFixed(0)}/s (p50 ${ms(r.saturated.p50)}, p99 ${ms(r.saturated.p99)}; ${String(r.saturated.non2xx + r.saturated.errors)} failed)`,
);
row('pgbench, one dispatch-shaped row per transaction, same server', () =>
  pgbenchOr(floor, (n) => `${n.toFixed(0)}/s`),
);
row('ratio service / pgbench', (r) => pgbenchOr(floor, (n) => (saturatedRate(r) / n).toFixed(3)));
/** `text` of the platform's floor under a run's storage, or what to say when it did not run. */
const platformOr = (
  r: RunFigures,
  text: (p: PlatformFigures) => string,
  floors: ReadonlyMap<string, PlatformFigures> = platforms,
): string => {
  const platform = floors.get(r.storage.startsWith('PostgreSQL') ? 'PostgreSQL' : 'PGlite');
  return platform ? text(platform) : 'not run';
};
const saturatedOf = (p: PlatformFigures) =>
  `${okRate(p.saturated).toFixed(0)}/s (p50 ${ms(p.saturated.p50)}, p99 ${ms(p.saturated.p99)})`;
const idleOf = (p: PlatformFigures) => `${p.idle.p50.toFixed(1)} / ${p.idle.p99.toFixed(1)} ms`;
/** The platform's rate and idle p50 under a run's storage, four round trips and one statement, for a figure line. */
const platformBrief = (r: RunFigures, text: (p: PlatformFigures) => string) =>
  `the platform alone ${platformOr(r, text)}, as one statement ${platformOr(r, text, platformsAtOnce)}`;
row(
  `the platform alone (node:http and the driver, a call-out's round trips), ${String(CONNECTIONS)} connections, saturated`,
  (r) => platformOr(r, saturatedOf),
);
row(`the platform alone, the call-out as one statement (one round trip), saturated`, (r) =>
  platformOr(r, saturatedOf, platformsAtOnce),
);
row(`node:http alone (no database: an answer at once), saturated`, () => saturatedOf(httpAlone));
row('ratio service / the platform alone', (r) =>
  platformOr(r, (p) => (saturatedRate(r) / okRate(p.saturated)).toFixed(2)),
);
row(
  `open loop ${String(RATE)}/s, POST p50 / p99`,
  (r) => `${ms(r.open.p50)} / ${ms(r.open.p99)} (${okRate(r.open).toFixed(0)}/s achieved)`,
);
row('one call-out on an idle service, POST p50 / p99', (r) => `${r.idle.p50.toFixed(1)} / ${r.idle.p99.toFixed(1)} ms`);
row('the platform alone, one at a time, 20 ms apart, POST p50 / p99', (r) => platformOr(r, idleOf));
row('the platform alone, one statement, one at a time, POST p50 / p99', (r) => platformOr(r, idleOf, platformsAtOnce));
row('node:http alone, one at a time, POST p50 / p99', () => idleOf(httpAlone));
row(
  'one call-out at a time, 2 ms apart, POST p50 / p99',
  (r) => `${r.backToBack.p50.toFixed(1)} / ${r.backToBack.p99.toFixed(1)} ms`,
);
row('one durable commit alone (pgbench, 1 client, same server)', () =>
  pgbenchOr(commitMs, (n) => `${n.toFixed(2)} ms`),
);
row('service CPU per call-out, one at a time, deliveries included', (r) =>
  r.cpuMs === undefined ? 'not measured' : `${r.cpuMs.toFixed(2)} ms`,
);
row(`mixed load ${String(MIXED_RATE)} req/s (1 POST : 4 GET) for ${String(MIXED_SECONDS)} s`, (r) =>
  r.mixed
    ? `${(r.mixed.requests / r.mixed.seconds).toFixed(0)}/s achieved, p50 ${ms(r.mixed.p50)}, p99 ${ms(r.mixed.p99)}, ${failures(r.mixed)}`
    : 'not run',
);
mixedReads.forEach((read, at) => {
  row(`GET ${read} alone, ${String(CONNECTIONS)} connections, saturated`, (r) => {
    const alone = r.reads?.[at];
    return alone
      ? `${okRate(alone).toFixed(0)}/s (p50 ${ms(alone.p50)}, p99 ${ms(alone.p99)}; ${String(alone.non2xx + alone.errors)} failed)`
      : 'not run';
  });
});
row('statements / round trips / transactions per call-out (driver)', (r) =>
  r.counts
    ? `${r.counts.statements.toFixed(1)} / ${r.counts.roundTrips.toFixed(1)} / ${r.counts.transactions.toFixed(1)}`
    : 'not counted',
);
row(
  'notifications delivered (call-outs reached)',
  (r) => `${String(r.delivered.delivered)} (${String(r.delivered.dispatches)} of ~${String(r.created)} POSTs)`,
);
for (const r of results) {
  console.log(
    `figure: call-out throughput, saturated (${r.storage})\t${saturatedRate(r).toFixed(0)}/s\t${pgbenchOr(floor, (n) => `${(saturatedRate(r) / n).toFixed(3)}× pgbench (${n.toFixed(0)}/s)`)}; goal ≥ 0.1×; ${platformBrief(r, (p) => `${okRate(p.saturated).toFixed(0)}/s`)}`,
  );
  console.log(
    `figure: call-out POST at ${String(RATE)}/s (${r.storage})\tp50 ${ms(r.open.p50)}, p99 ${ms(r.open.p99)}\tgoal ≤ 10 / 25 ms`,
  );
  console.log(
    `figure: one call-out on an idle service, POST p50 (${r.storage})\t${r.idle.p50.toFixed(1)} ms\tgoal ≤ 3 ms; one durable commit alone on the PostgreSQL server: ${pgbenchOr(commitMs, (n) => `${n.toFixed(2)} ms`)}; ${platformBrief(r, (p) => `${p.idle.p50.toFixed(1)} ms`)}`,
  );
}
console.log(`load average at the end: ${load()}`);
