// `peerlink-server start` as an operator runs it: settings by flag and environment, and several
// service processes on one PostgreSQL server.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import type { Dispatch } from '@peerlink/sdk';
import postgres from 'postgres';
import { postgresFor } from './harness.js';
import { cli, root, run } from './cli-run.js';
import { keptConnection } from './kept-connection.js';
import { readEvents } from './sse.js';

/** The demo program made by the CLI, and a key of it. */
function seeded(env: Record<string, string>) {
  const seed = run(['seed', '--resources', '10'], env);
  assert.equal(seed.code, 0, seed.stderr);
  const agency = /seeded demo program ([0-9a-f-]{36})/.exec(seed.stdout)?.[1] ?? '';
  const key = run(['keys', 'create', '--agency', agency], env);
  assert.equal(key.code, 0, key.stderr);
  return key.stdout.trim();
}

/** Stops the services this file started and that still run (each with SIGTERM, waiting for its exit). */
const running = new Set<() => Promise<void>>();

/**
 * A fresh database on the PostgreSQL server, dropped after the test once the services started on it
 * have stopped: hooks run in the order they are added, and dropping a database under a service that
 * is stopping can leave it waiting on its connections.
 */
async function postgresAfterServices(t: TestContext): Promise<string | undefined> {
  return postgresFor(t, async () => {
    await Promise.all([...running].map((stop) => stop()));
  });
}

/** Starts the service with its CLI; stopped with SIGTERM after the test. */
async function start(t: TestContext, args: string[], env: Record<string, string>, ready: RegExp) {
  const child = spawn(process.execPath, [...cli, 'start', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    running.delete(stop);
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  running.add(stop);
  t.after(stop);
  const deadline = Date.now() + 180_000;
  while (!ready.test(output) && Date.now() < deadline && child.exitCode === null) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.match(output, ready);
  return () => output;
}

const freePort = () => 20_000 + Math.floor(Math.random() * 20_000);

const incident = (n: number) => ({
  callForService: {
    externalId: `CLI-${String(n)}-${randomUUID().slice(0, 8)}`,
    type: 'overdose-nonfatal',
    location: { address: `${String(n)} Lake St, Lakeside`, area: 'county' },
    receivedAt: new Date().toISOString(),
  },
});

async function session(api: string, key: string, role = 'dispatcher') {
  const response = await fetch(`${api}/v1/embed-sessions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ role, ttlSeconds: 900 }),
  });
  assert.equal(response.status, 201);
  return ((await response.json()) as { token: string }).token;
}

const post = (api: string, token: string, body: unknown) =>
  fetch(`${api}/v1/dispatches`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** Counts each message a webhook receiver is sent, by call-out and message id: one sent twice counts 2. */
async function receiver(t: TestContext) {
  const sent = new Map<string, number>();
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const message = JSON.parse(body) as { id: string; notification: { dispatchId: string } };
      // A delivery sent twice arrives twice with its one id.
      const id = `${message.notification.dispatchId} ${message.id}`;
      sent.set(id, (sent.get(id) ?? 0) + 1);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  );
  return { sent, url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/sms` };
}

/** The demo program on PostgreSQL served by two processes, its texts and e-mails sent to a receiver. */
async function twoProcesses(t: TestContext, url: string) {
  const { sent, url: webhook } = await receiver(t);
  const env = { DATABASE_URL: url };
  const key = seeded(env);
  const port = freePort();
  const output = await start(
    t,
    ['--port', String(port), '--workers', '2', '--rate-limit', '10000'],
    env,
    /runs 2 service processes/,
  );
  const api = `http://127.0.0.1:${String(port)}`;
  // Both processes answer before the load starts.
  for (let n = 0; n < 300 && (output().match(/Press Ctrl-C/g) ?? []).length < 2; n++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal((output().match(/Press Ctrl-C/g) ?? []).length, 2, output());
  const patched = await fetch(`${api}/v1/agency`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      notification: { transport: 'webhook', webhook: { url: webhook, secret: `whsec_${'1'.repeat(40)}` } },
    }),
  });
  assert.equal(patched.status, 200, await patched.text());
  return { api, key, sent };
}

/** Each call-out got `count` messages, none of them twice. */
function assertSentOnce(sent: Map<string, number>, created: Dispatch[], count: number) {
  for (const dispatch of created) {
    const mine = [...sent].filter(([id]) => id.startsWith(dispatch.id));
    assert.equal(mine.length, count, `${dispatch.id}: ${JSON.stringify(mine)}`);
    for (const [id, times] of mine) assert.equal(times, 1, `${id} sent ${String(times)} times`);
  }
}

/** Waits until `done` holds, or the time is up. */
async function until(done: () => boolean | Promise<boolean>, seconds: number) {
  const deadline = Date.now() + seconds * 1000;
  while (!(await done()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
}

describe('peerlink-server start', () => {
  it('refuses a wrong operator setting with one line naming the flag or variable, and exit 2', () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['--rate-limit', 'fast'], {}, /--rate-limit must be a whole number of requests per second/],
      [['--db-pool', '0'], {}, /--db-pool must be from 1 to 1000 database connections per process, got 0/],
      [[], { PEERLINK_BODY_LIMIT: '10' }, /PEERLINK_BODY_LIMIT must be from 1024 to/],
      [[], { PEERLINK_ACK_TIMEOUT: '1.5' }, /PEERLINK_ACK_TIMEOUT must be a whole number of seconds/],
      [['--workers', '2'], {}, /--workers above 1 needs PostgreSQL \(DATABASE_URL\)/],
      [['--shutdown-timeout', '0'], {}, /--shutdown-timeout must be from 1 to 3600 seconds, got 0/],
      [[], { PEERLINK_KEEP_ALIVE_TIMEOUT: '0' }, /PEERLINK_KEEP_ALIVE_TIMEOUT must be from 1 to 3600 seconds, got 0/],
    ];
    for (const [args, env, message] of cases) {
      const result = run(['start', '--port', '0', ...args], env);
      assert.equal(result.code, 2, `${args.join(' ')} ${JSON.stringify(env)}: ${result.stderr}`);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, message);
    }
  });

  it('exits within --shutdown-timeout, with status 1, when open work cannot finish', async (t) => {
    const url = await postgresAfterServices(t);
    if (!url) return;
    const child = spawn(process.execPath, [...cli, 'start', '--port', '0', '--shutdown-timeout', '2'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    t.after(() => child.kill('SIGKILL'));
    await until(() => output.includes('Press Ctrl-C to stop') || child.exitCode !== null, 120);
    assert.match(output, /Press Ctrl-C to stop/);
    // The service's database connections stop answering (their server processes are paused), so
    // closing them cannot finish.
    const admin = postgres(url, { max: 1, onnotice: () => undefined });
    const backends = (
      await admin<
        { pid: number }[]
      >`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`
    ).map(({ pid }) => pid);
    await admin.end();
    assert.ok(backends.length > 0);
    try {
      for (const pid of backends) process.kill(pid, 'SIGSTOP');
    } catch (error) {
      for (const pid of backends) process.kill(pid, 'SIGCONT');
      t.skip(`cannot pause the database's processes here: ${String(error)}`);
      return;
    }
    let code: number | null;
    let seconds: number;
    try {
      const asked = Date.now();
      child.kill('SIGTERM');
      code = await exited;
      seconds = (Date.now() - asked) / 1000;
    } finally {
      // Before anything else: the database is dropped after the test, which needs them back.
      for (const pid of backends) process.kill(pid, 'SIGCONT');
    }
    assert.equal(code, 1, output);
    assert.ok(seconds >= 2 && seconds < 8, `stopped after ${seconds.toFixed(1)} s`);
    assert.match(output, /did not stop within 2 s \(--shutdown-timeout\); exiting with work unfinished/);
  });

  it('applies the rate limit, body limit, acknowledgement and keep-alive timeouts it is given', async (t) => {
    const data = mkdtempSync(join(tmpdir(), 'peerlink-settings-'));
    t.after(() => {
      rmSync(data, { recursive: true, force: true });
    });
    const env = { PEERLINK_DATA: data, PEERLINK_ACK_TIMEOUT: '90' };
    const key = seeded(env);
    const port = freePort();
    await start(
      t,
      [
        ...['--port', String(port), '--rate-limit', '1', '--rate-limit-burst', '3', '--body-limit', '2048'],
        ...['--keep-alive-timeout', '7'],
      ],
      env,
      /Press Ctrl-C/,
    );
    const api = `http://127.0.0.1:${String(port)}`;
    const token = await session(api, key);
    assert.equal((await keptConnection(api)).keepAlive, 'timeout=7', 'an idle connection is kept 7 s');
    const large = await post(api, token, JSON.stringify({ ...incident(0), note: 'x'.repeat(3000) }));
    assert.equal(large.status, 413, 'the body limit is 2048 bytes');
    const created = await post(api, token, incident(1));
    assert.equal(created.status, 201);
    const dispatch = (await created.json()) as Dispatch;
    const waits = Date.parse(dispatch.ackDueAt ?? '') - Date.parse(dispatch.createdAt);
    assert.equal(waits, 90_000, 'the acknowledgement timeout is 90 s');
    // Sent at once, as a burst: the bucket holds 3 and refills at 1 a second.
    const burst = await Promise.all(Array.from({ length: 8 }, (_, n) => post(api, token, incident(n + 2))));
    const statuses = burst.map((response) => response.status);
    assert.ok(
      statuses.filter((status) => status === 429).length >= 3,
      `a burst of 3 at 1 a second: ${statuses.join(' ')}`,
    );
  });

  it('runs several processes on one PostgreSQL server: each notification sent once, events seen on every process', async (t) => {
    const url = await postgresAfterServices(t);
    if (!url) return;
    const { api, key, sent } = await twoProcesses(t, url);
    const token = await session(api, key);
    // Each stream is a connection of its own; the processes take new connections in turn.
    const streams = await Promise.all([0, 1, 2, 3].map(() => readEvents(api, token)));
    t.after(() => {
      for (const stream of streams) stream.close();
    });
    const created = await Promise.all(
      Array.from({ length: 24 }, async (_, n) => {
        const response = await post(api, token, incident(n));
        assert.equal(response.status, 201);
        return (await response.json()) as Dispatch;
      }),
    );
    // The events arrive in commit order, not in the order of the array: every stream gets every one.
    const seen = (stream: (typeof streams)[number]) =>
      new Set(stream.received.filter((e) => e.type === 'dispatch.created').map((e) => (e.data as { id: string }).id));
    await until(() => streams.every((stream) => seen(stream).size >= created.length), 30);
    for (const stream of streams) {
      assert.deepEqual([...seen(stream)].sort(), created.map((d) => d.id).sort(), 'every stream saw every call-out');
    }
    // Every call-out reaches its primary and the supervisor's copy, by text and e-mail: four messages.
    await until(() => [...sent.values()].reduce((a, b) => a + b, 0) >= created.length * 4, 60);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assertSentOnce(sent, created, 4);
  });

  it('runs several processes on one PostgreSQL server: each escalation fires once', async (t) => {
    const url = await postgresAfterServices(t);
    if (!url) return;
    const { api, key, sent } = await twoProcesses(t, url);
    // The program's supervisor shortens the first level to its least, 30 s; nobody acknowledges.
    const token = await session(api, key);
    // The seeded program's supervisor: the peer others report to.
    const sql = postgres(url, { max: 1, onnotice: () => undefined });
    const [row] = await sql<
      { id: string }[]
    >`select distinct supervisor_id as id from specialists where supervisor_id is not null limit 1`;
    await sql.end();
    const supervisorId = row?.id ?? '';
    const supervisor = await (async () => {
      const response = await fetch(`${api}/v1/embed-sessions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ role: 'supervisor', subjectId: supervisorId }),
      });
      const text = await response.text();
      assert.equal(response.status, 201, text);
      return (JSON.parse(text) as { token: string }).token;
    })();
    const current = await fetch(`${api}/v1/escalation-policy`, { headers: { Authorization: `Bearer ${supervisor}` } });
    const { version } = (await current.json()) as { version: number };
    const policy = await fetch(`${api}/v1/escalation-policy`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${supervisor}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'Primary for 30 s, then backup',
        levels: [
          { targets: [{ kind: 'position', position: 'primary' }], timeoutSeconds: 30 },
          { targets: [{ kind: 'position', position: 'backup' }], timeoutSeconds: 3600 },
        ],
        repeat: 0,
        copies: [],
        expectedVersion: version,
      }),
    });
    assert.equal(policy.status, 200, await policy.text());
    const created = await Promise.all(
      Array.from({ length: 12 }, async (_, n) => {
        const response = await post(api, token, incident(n));
        assert.equal(response.status, 201);
        return (await response.json()) as Dispatch;
      }),
    );
    // Both processes look for timed-out levels every second; each call-out escalates once, to its backup.
    const read = async (id: string) =>
      (await (
        await fetch(`${api}/v1/dispatches/${id}`, { headers: { Authorization: `Bearer ${token}` } })
      ).json()) as Dispatch;
    const escalations = async () =>
      (await Promise.all(created.map(async ({ id }) => (await read(id)).timeline))).map(
        (timeline) => timeline.filter((entry) => entry.status === 'escalated').length,
      );
    await until(async () => (await escalations()).every((count) => count >= 1), 90);
    // Primary and backup, by text and e-mail: four messages.
    await until(() => [...sent.values()].reduce((a, b) => a + b, 0) >= created.length * 4, 60);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.deepEqual(
      await escalations(),
      created.map(() => 1),
      'each call-out escalated once',
    );
    assertSentOnce(sent, created, 4);
  });
});
