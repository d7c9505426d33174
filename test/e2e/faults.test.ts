// Faults a deployment meets: (a) the network between a page and the service drops at random
// moments and the page reloads while 100 call-outs are submitted through the SDK's IndexedDB
// outbox — nothing may be lost or applied twice; (b) the service is killed with SIGKILL while
// writes stream in and restarted on the same storage (PGlite folder, then PostgreSQL) — every
// acknowledged write must be there, and nothing half-written.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import { Dispatch } from '@peerlink/sdk';
import type { Browser, Page } from 'puppeteer-core';
import {
  createApiKey,
  openDatabase,
  migrate,
  startServer,
  type Database,
  type RunningServer,
} from '../../packages/server/src/index.js';
import { mulberry32 } from '../../packages/server/src/seed/random.js';
import { freshDatabase, postgresUnavailable } from '../../packages/server/test/harness.js';
import { insertOnCallProgram } from '../support/on-call-program.js';
import { launchChromium, requireChromium } from './support/chromium.js';
import { startCuttableProxy, type CuttableProxy } from './support/cuttable-proxy.js';
import { startOutboxHost, type OutboxHost } from './support/outbox-host.js';
import { Teardown } from './support/teardown.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// A run is reproducible from its seed (printed); set FAULTS_SEED to replay one.
const seed = Number(process.env.FAULTS_SEED ?? Date.now() % 1_000_000);
const random = mulberry32(seed);
const between = (low: number, high: number) => low + Math.floor(random() * (high - low));

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** An agency with a primary peer and a supervisor on call, so every call-out writes several rows. */
async function seedProgram(db: Database): Promise<{ agency: string; key: string }> {
  const agency = randomUUID();
  await insertOnCallProgram(
    db,
    { id: agency, name: 'Fault test program' },
    (['primary', 'supervisor'] as const).map((position) => ({
      id: randomUUID(),
      position,
      displayName: `Fault ${position}`,
      contacts: [{ kind: 'email', address: `${position}@example.org` }],
    })),
  );
  return { agency, key: (await createApiKey(db, agency)).key };
}

interface Counts {
  total: number;
  lost: number;
  duplicated: number;
}

/** Rows per external id among `externalIds`: how many are missing and how many extra rows there are. */
async function countRows(
  db: Database,
  externalIds: readonly string[],
): Promise<Counts & { rows: Map<string, number> }> {
  const rows = await db.query<{ external_id: string; n: string }>(
    'select external_id, count(*)::text as n from dispatches where external_id = any($1::text::text[]) group by external_id',
    [`{${externalIds.join(',')}}`],
  );
  const byId = new Map(rows.map((row) => [row.external_id, Number(row.n)]));
  return {
    total: externalIds.length,
    lost: externalIds.filter((id) => !byId.has(id)).length,
    duplicated: [...byId.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    rows: byId,
  };
}

describe(
  'faults: the network drops and the page reloads during 100 submissions through the outbox',
  { timeout: 120_000 },
  () => {
    let server: RunningServer;
    let proxy: CuttableProxy;
    let host: OutboxHost;
    let browser: Browser;

    const teardown = new Teardown();
    before(async () => {
      requireChromium();
      const dataDir = teardown.add('the data folder', mkdtempSync(join(tmpdir(), 'peerlink-faults-')), (dir) => {
        rmSync(dir, { recursive: true, force: true });
      });
      server = teardown.add('the service', await startServer({ dataDir, config: { tickMs: 200 } }), (started) =>
        started.close(),
      );
      const program = await seedProgram(server.db);
      proxy = teardown.add('the proxy', await startCuttableProxy(server.port), (started) => started.close());
      host = teardown.add(
        'the outbox host',
        await startOutboxHost({ apiUrl: proxy.url, serviceUrl: server.url, apiKey: program.key }),
        (started) => started.close(),
      );
      await server.db.query('update agencies set allowed_origins = $2::text::text[] where id = $1', [
        program.agency,
        `{"${host.url}"}`,
      ]);
      browser = teardown.add('Chromium', await launchChromium(), (launched) => launched.close());
    });

    after(() => teardown.run());

    it('applies each of 100 submissions exactly once', async (t) => {
      const prefix = `FAULT-${String(seed)}-`;
      const ids = Array.from({ length: 100 }, (_, n) => `${prefix}${String(n).padStart(3, '0')}`);
      // What the host sends for each call-out, the same on every try.
      const keys = ids.map(() => randomUUID());
      const receivedAt = ids.map(() => new Date().toISOString());
      const page: Page = await browser.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error instanceof Error ? error.message : String(error)));
      await page.goto(host.url, { waitUntil: 'load' });
      const ready = () => page.waitForFunction(() => document.body.dataset.ready === 'true', { timeout: 15_000 });

      const outcomes = { sent: 0, queued: 0, refused: 0, interrupted: 0 };
      let reloads = 0;
      const chaos = { running: true };
      // Read through a call: the loops below must see the change made after they started.
      const running = () => chaos.running;
      // The network drops now and then, whatever is in flight: mostly for a moment (the SDK's own
      // retries ride it out), sometimes for longer than they last (changes wait in the outbox).
      const cutter = (async () => {
        while (running()) {
          await sleep(between(150, 900));
          if (!running()) break;
          proxy.cut();
          // Every fourth drop at least is a long one, so the outbox is always put to work.
          await sleep(proxy.cuts % 4 === 2 || random() < 0.25 ? between(2500, 4000) : between(80, 600));
          proxy.restore();
        }
      })();
      // The page reloads at moments of its own, mid-submission or mid-replay.
      const reloader = (async () => {
        while (running()) {
          await sleep(between(700, 2200));
          if (!running()) break;
          reloads += 1;
          await page.reload({ waitUntil: 'load' }).catch(() => undefined);
        }
      })();

      try {
        for (const [index, externalId] of ids.entries()) {
          // A submission counts once the SDK has it: sent, or kept in the outbox. Until then the host
          // tries again, with the same key.
          for (;;) {
            try {
              await ready();
              const outcome = await page.evaluate(
                (id: string, key: string, at: string) =>
                  window.outboxTest?.submit(id, key, at) ?? Promise.resolve('not ready'),
                externalId,
                keys[index] ?? '',
                receivedAt[index] ?? '',
              );
              if (outcome === 'sent' || outcome === 'queued') {
                outcomes[outcome] += 1;
                break;
              }
              outcomes.refused += 1;
              t.diagnostic(`${externalId}: ${outcome}`);
            } catch {
              // The page reloaded under the call: nothing was acknowledged.
              outcomes.interrupted += 1;
            }
            await sleep(50);
          }
          await sleep(between(10, 100));
        }
        // The outbox replays under the same faults for a while: replays cut short, pages reloaded
        // mid-replay.
        const started = Date.now();
        while (Date.now() - started < 20_000 && (proxy.cuts < 8 || reloads < 4 || Date.now() - started < 3000)) {
          await ready()
            .then(() => page.evaluate(() => window.outboxTest?.flush()))
            .catch(() => undefined);
          await sleep(200);
        }
      } finally {
        chaos.running = false;
        await Promise.all([cutter, reloader]);
        proxy.restore();
      }

      // Back online: the outbox empties (a reload on the way replays what waits).
      let failed: { key: string; failure?: string }[] = [];
      await until(
        async () => {
          try {
            await ready();
            await page.evaluate(() => window.outboxTest?.flush());
            const pending = (await page.evaluate(() => window.outboxTest?.pending())) ?? [];
            failed = pending.filter((item) => item.failure !== undefined);
            return pending.length === failed.length;
          } catch {
            return false;
          }
        },
        45_000,
        'the outbox to empty',
      );
      await page.close();

      const counts = await countRows(server.db, ids);
      const created = await server.db.query<{ n: string }>(
        "select count(*)::text as n from events e join dispatches d on d.id = e.record_id where e.type = 'dispatch.created' and d.external_id like $1 || '%'",
        [prefix],
      );
      const line = `faults: outbox — total ${String(counts.total)}, lost ${String(counts.lost)}, duplicated ${String(counts.duplicated)}, cuts ${String(proxy.cuts)} (${String(proxy.dropped)} connections dropped open), reloads ${String(reloads)}; sent ${String(outcomes.sent)}, queued ${String(outcomes.queued)}, interrupted by a reload ${String(outcomes.interrupted)}, refused ${String(outcomes.refused)}; seed ${String(seed)}`;
      console.log(line);
      t.diagnostic(line);
      assert.deepEqual(failed, [], 'the service refused nothing the outbox replayed');
      assert.equal(counts.lost, 0, 'lost');
      assert.equal(counts.duplicated, 0, 'duplicated');
      assert.equal(Number(created[0]?.n), ids.length, 'one dispatch.created event per call-out');
      assert.ok(
        proxy.cuts >= 8 && reloads >= 4,
        `the faults happened (cuts ${String(proxy.cuts)}, reloads ${String(reloads)})`,
      );
      assert.ok(outcomes.queued > 0, 'some submissions waited in the outbox');
      assert.deepEqual(pageErrors, [], 'page errors');
    });
  },
);

// ---- (b) kill -9 during a stream of writes ------------------------------------------------------

interface Child {
  url: string;
  process: ChildProcess;
  output: () => string;
}

/** The service as its own process, from the CLI (PGlite in `data`, or `DATABASE_URL`). */
async function startChild(storage: { data: string } | { databaseUrl: string }): Promise<Child> {
  const args = ['--conditions=source', '--import', 'tsx', 'packages/server/src/cli.ts', 'start', '--port', '0'];
  if ('data' in storage) args.push('--data', storage.data);
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, DATABASE_URL: 'databaseUrl' in storage ? storage.databaseUrl : '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (!output.includes('Press Ctrl-C') && Date.now() < deadline && child.exitCode === null) await sleep(50);
  const url = /Peerlink API\s+(http:\/\/\S+)/.exec(output)?.[1];
  if (!url) {
    child.kill('SIGKILL');
    throw new Error(`the service did not start:\n${output}`);
  }
  return { url, process: child, output: () => output };
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) =>
        child.once('exit', () => {
          resolve();
        }),
      );

interface Write {
  externalId: string;
  key: string;
  /** The request, the same on a retry (a key reused with another body is refused). */
  body: string;
  status?: number;
  /** The problem the service answered with, when it refused. */
  answer?: string;
}

/** What storage holds for one call-out: its row, its event, its deliveries and link, its idempotency record. */
async function inspect(db: Database, write: Write): Promise<string> {
  const rows = await db.query<{ id: string; doc: unknown; status: string }>(
    'select id, doc, status from dispatches where external_id = $1',
    [write.externalId],
  );
  if (rows.length === 0) return 'absent';
  if (rows.length > 1) return `${String(rows.length)} rows`;
  const [row] = rows;
  if (!row) return 'absent';
  const doc = z.safeParse(Dispatch, row.doc);
  if (!doc.success || doc.data.id !== row.id || doc.data.status !== row.status)
    return 'a document that does not match its row';
  const [events] = await db.query<{ n: string }>(
    "select count(*)::text as n from events where record_id = $1 and type = 'dispatch.created'",
    [row.id],
  );
  const [deliveries] = await db.query<{ n: string }>(
    'select count(*)::text as n from deliveries where dispatch_id = $1',
    [row.id],
  );
  const [links] = await db.query<{ n: string }>('select count(*)::text as n from ack_tokens where dispatch_id = $1', [
    row.id,
  ]);
  const [keys] = await db.query<{ n: string }>('select count(*)::text as n from idempotency_keys where key = $1', [
    write.key,
  ]);
  // The peer's e-mail and the supervisor's copy, one acknowledgement link, one event, one key.
  const found = {
    events: Number(events?.n),
    deliveries: Number(deliveries?.n),
    links: Number(links?.n),
    keys: Number(keys?.n),
  };
  if (found.events !== 1 || found.deliveries !== 2 || found.links !== 1 || found.keys !== 1)
    return `half-written: ${JSON.stringify(found)}`;
  return 'complete';
}

async function killDuringWrites(t: TestContext, storage: 'pglite' | 'postgres'): Promise<void> {
  let location: { data: string } | { databaseUrl: string };
  let inspectDb: () => Promise<Database>;
  if (storage === 'pglite') {
    const data = mkdtempSync(join(tmpdir(), 'peerlink-kill-'));
    t.after(() => {
      rmSync(data, { recursive: true, force: true });
    });
    location = { data };
    inspectDb = () => openDatabase({ dataDir: data });
  } else {
    const database = await freshDatabase();
    t.after(() => database.drop());
    location = { databaseUrl: database.url };
    inspectDb = () => openDatabase({ url: database.url, poolSize: 2 });
  }
  // Seeded before the service starts (a PGlite folder has one process at a time).
  const setup = await inspectDb();
  await migrate(setup);
  const program = await seedProgram(setup);
  await setup.close();

  const first = await startChild(location);
  t.after(() => {
    first.process.kill('SIGKILL');
  });
  const session = await fetch(`${first.url}/v1/embed-sessions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${program.key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ role: 'dispatcher' }),
  });
  assert.equal(session.status, 201, `embed session: ${await session.clone().text()}`);
  const { token } = (await session.json()) as { token: string };

  const writes: Write[] = [];
  const prefix = `KILL-${storage}-${String(seed)}-`;
  const send = async (write: Write, url: string): Promise<void> => {
    try {
      const response = await fetch(`${url}/v1/dispatches`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': write.key },
        body: write.body,
      });
      const text = await response.text();
      write.status = response.status;
      if (response.status >= 300) write.answer = text.slice(0, 300);
    } catch {
      // No answer: not acknowledged.
    }
  };
  // Four writers as fast as the service answers; the kill lands after a random number of answers.
  const killAfter = between(40, 90);
  let killed = false;
  const writers = Array.from({ length: 4 }, async () => {
    while (!killed || (first.process.exitCode === null && first.process.signalCode === null)) {
      const externalId = `${prefix}${String(writes.length).padStart(4, '0')}`;
      const body = JSON.stringify({
        callForService: {
          externalId,
          type: 'welfare-check',
          location: { address: '9 Fault Ln', area: 'county' },
          receivedAt: new Date().toISOString(),
        },
      });
      const write: Write = { externalId, key: randomUUID(), body };
      writes.push(write);
      await send(write, first.url);
      if (!killed && writes.filter((w) => w.status !== undefined).length >= killAfter) {
        killed = true;
        first.process.kill('SIGKILL');
      }
    }
  });
  await Promise.all(writers);
  await exited(first.process);

  const acknowledged = writes.filter(
    (write) => write.status !== undefined && write.status >= 200 && write.status < 300,
  );
  const unanswered = writes.filter((write) => write.status === undefined);

  // The restarted service is the first to open the storage after the kill; what it serves now is
  // what survived.
  const second = await startChild(location);
  t.after(() => {
    second.process.kill('SIGKILL');
  });
  const served = new Map<Write, boolean>();
  for (const write of writes) {
    const response = await fetch(`${second.url}/v1/dispatches?externalId=${encodeURIComponent(write.externalId)}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(response.status, 200, `listing ${write.externalId}`);
    const page = (await response.json()) as { items: unknown[] };
    served.set(
      write,
      page.items.some((item) => z.safeParse(Dispatch, item).success),
    );
  }
  const lost = acknowledged.filter((write) => !served.get(write));
  const unansweredStored = unanswered.filter((write) => served.get(write));

  // The host retries what it heard nothing back about, with the same key: each applies once.
  for (const write of unanswered) await send(write, second.url);
  const retried = unanswered.filter((write) => write.status !== undefined && write.status < 300);
  second.process.kill('SIGINT');
  await exited(second.process);

  // Every call-out in storage, the retried ones too, is whole: row, event, deliveries, link, key.
  const db = await inspectDb();
  const states = new Map<Write, string>();
  try {
    for (const write of writes) states.set(write, await inspect(db, write));
  } finally {
    await db.close();
  }
  // Acknowledged and retried writes are stored whole; writes the service refused left nothing.
  const refused = writes.filter((write) => write.status !== undefined && write.status >= 300);
  const broken = writes.filter((write) => states.get(write) !== (refused.includes(write) ? 'absent' : 'complete'));
  const stored = writes.filter((write) => states.get(write) === 'complete');

  const line = `faults: kill -9 on ${storage} — writes sent ${String(writes.length)}, acknowledged ${String(acknowledged.length)}, found after restart ${String(acknowledged.length - lost.length)}, lost ${String(lost.length)}; unanswered at the kill ${String(unanswered.length)} (${String(unansweredStored.length)} had been stored, the rest absent); refused ${String(refused.length)}; after retrying the unanswered ${String(stored.length)} stored once, half-written or duplicated ${String(broken.length)}`;
  console.log(line);
  t.diagnostic(line);
  assert.ok(acknowledged.length >= killAfter, 'writes were acknowledged before the kill');
  assert.deepEqual(
    lost.map((write) => write.externalId),
    [],
    'acknowledged writes lost',
  );
  assert.equal(retried.length, unanswered.length, 'every unanswered write succeeds when retried');
  assert.deepEqual(
    broken.map((write) => `${write.externalId}: ${states.get(write) ?? ''} ${write.answer ?? ''}`),
    [],
    'call-outs missing, duplicated or half-written',
  );
}

describe('faults: SIGKILL during a stream of writes, then a restart on the same storage', { timeout: 180_000 }, () => {
  it('PGlite: every acknowledged write survives, nothing is half-written', async (t) => {
    await killDuringWrites(t, 'pglite');
  });

  it('PostgreSQL: every acknowledged write survives, nothing is half-written', async (t) => {
    const why = await postgresUnavailable();
    if (why) {
      if (process.env.CI) throw new Error(`${why} — the PostgreSQL run must happen in CI`);
      t.skip(why);
      return;
    }
    await killDuringWrites(t, 'postgres');
  });
});
