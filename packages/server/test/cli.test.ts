import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startServer } from '../src/index.js';
import { postgresFor } from './harness.js';
import { cli, root, run } from './cli-run.js';

function tempDir(t: { after: (fn: () => void) => void }) {
  const dir = mkdtempSync(join(tmpdir(), 'peerlink-cli-'));
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

describe('peerlink-server CLI', () => {
  it('explains itself with --help and refuses wrong arguments with one line and exit 2', () => {
    const help = run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Commands:[\s\S]*start[\s\S]*seed[\s\S]*keys[\s\S]*agency[\s\S]*migrate/);
    for (const command of ['start', 'seed', 'migrate']) {
      const sub = run([command, '--help']);
      assert.equal(sub.code, 0, command);
      assert.match(sub.stdout, new RegExp(`Usage: peerlink-server ${command}`));
    }
    assert.match(run(['keys', '--help']).stdout, /keys create --agency ID/);
    for (const args of [
      ['bogus'],
      ['keys', 'create'],
      ['keys', 'delete'],
      ['start', '--port', 'abc'],
      ['seed', '--nope'],
      ['keys', 'create', '--agency', 'not-a-uuid'],
    ]) {
      const wrong = run(args);
      assert.equal(wrong.code, 2, args.join(' '));
      assert.equal(wrong.stderr.trim().split('\n').length, 1, `one line for ${args.join(' ')}: ${wrong.stderr}`);
      assert.match(wrong.stderr, /^peerlink-server: /);
    }
  });

  it('migrates, seeds the fictional program once and prints only the key', (t) => {
    const data = tempDir(t);
    assert.match(run(['migrate', '--data', data]).stdout, /applied migrations 1/);
    assert.match(run(['migrate', '--data', data]).stdout, /up to date/);
    const seeded = run(['seed', '--data', data]);
    assert.equal(seeded.code, 0, seeded.stderr);
    const programId =
      /seeded demo program ([0-9a-f-]{36}): 7 agencies, \d+ specialists, \d+ shifts, \d+ credentials, 600 resources/.exec(
        seeded.stdout,
      )?.[1];
    assert.ok(programId, seeded.stdout);
    assert.equal(run(['seed', '--data', data]).code, 2, 'never seeds over data');
    const key = run(['keys', 'create', '--agency', programId], { PEERLINK_DATA: data });
    assert.equal(key.code, 0, key.stderr);
    assert.match(key.stdout, /^plk_[0-9a-f]{12}_[\w-]{43}\n$/);
    assert.equal(run(['keys', 'create', '--agency', '00000000-0000-4000-8000-000000000000', '--data', data]).code, 2);
  });

  it('creates an agency from nothing with its first key, refusing bad settings as the API does', async (t) => {
    const data = tempDir(t);
    const bad = run(['agency', 'create', '--name', 'Harbor Peers', '--timezone', 'Mars/Olympus', '--data', data]);
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /^peerlink-server: invalid agency: timeZone \(--timezone\): Expected an IANA time zone/);
    const badArea = run([
      'agency',
      'create',
      '--name',
      'Harbor Peers',
      '--timezone',
      'UTC',
      '--area',
      'North,',
      '--data',
      data,
    ]);
    assert.equal(badArea.code, 2);
    assert.match(badArea.stderr, /areas\.0 \(--area\)/);

    const made = run([
      'agency',
      'create',
      '--name',
      'Harbor Peer Response',
      '--timezone',
      'America/Chicago',
      '--area',
      'north,south',
      '--data',
      data,
    ]);
    assert.equal(made.code, 0, made.stderr);
    const id = /^agency ([0-9a-f-]{36})$/m.exec(made.stdout)?.[1];
    const key = /^key (plk_[0-9a-f]{12}_[\w-]{43})$/m.exec(made.stdout)?.[1];
    assert.ok(id && key, made.stdout);

    const server = await startServer({ dataDir: data, background: false });
    t.after(() => server.close());
    const settings = await fetch(`${server.url}/v1/agency`, { headers: { Authorization: `Bearer ${key}` } });
    assert.equal(settings.status, 200);
    const body = (await settings.json()) as {
      id: string;
      name: string;
      areas: string[];
      defaultArea: string;
      kind: string;
    };
    assert.deepEqual(
      { id: body.id, name: body.name, areas: body.areas, defaultArea: body.defaultArea, kind: body.kind },
      { id, name: 'Harbor Peer Response', areas: ['north', 'south'], defaultArea: 'north', kind: 'peer-program' },
    );
  });

  it('honors DATABASE_URL', async (t) => {
    const url = await postgresFor(t);
    if (!url) return;
    const seeded = run(['seed', '--resources', '20'], { DATABASE_URL: url });
    assert.equal(seeded.code, 0, seeded.stderr);
    assert.match(seeded.stdout, /20 resources/);
  });

  it('starts the service with the example hosts, seeded on first run, trusting a proxy when told (--trust-proxy, PEERLINK_TRUST_PROXY), and stops cleanly on Ctrl-C keeping its data', async (t) => {
    const data = tempDir(t);
    const start = async (extra: string[] = [], env: Record<string, string> = {}) => {
      const child = spawn(
        process.execPath,
        [
          ...cli,
          'start',
          '--port',
          '0',
          '--examples-port',
          '0',
          '--data',
          data,
          '--examples',
          'examples',
          '--seed-if-empty',
          ...extra,
        ],
        {
          cwd: root,
          env: { ...process.env, DATABASE_URL: '', ...env },
        },
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const deadline = Date.now() + 180_000;
      while (!output.includes('Press Ctrl-C') && Date.now() < deadline && child.exitCode === null)
        await new Promise((r) => setTimeout(r, 100));
      const stop = async () => {
        child.kill('SIGINT');
        const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
        return { code, output };
      };
      return { output: () => output, stop };
    };

    // Behind a trusted proxy, callers are told apart by the address it recorded: one that used up its
    // refused-key attempts leaves another's.
    const trustsProxy = async (api: string) => {
      const from = (address: string) =>
        fetch(`${api}/v1/embed-sessions`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer plk_000000000000_${'a'.repeat(43)}`,
            'Content-Type': 'application/json',
            'X-Forwarded-For': address,
          },
          body: '{"role":"dispatcher"}',
        });
      let status = 401;
      for (let i = 0; i < 40 && status === 401; i++) status = (await from('198.51.100.1')).status;
      assert.equal(status, 429);
      assert.equal((await from('198.51.100.2')).status, 401);
    };

    const first = await start(['--trust-proxy']);
    const api = /Peerlink API\s+(http:\/\/\S+)/.exec(first.output())?.[1];
    const examples = /Example hosts\s+(http:\/\/\S+)\//.exec(first.output())?.[1];
    assert.ok(api && examples, first.output());
    assert.match(first.output(), /seeded the fictional demo program/);
    assert.equal((await fetch(`${api}/health`)).status, 200);
    const page = await fetch(`${examples}/`);
    assert.match(page.headers.get('content-security-policy') ?? '', /require-trusted-types-for 'script'/);
    const session = await fetch(`${examples}/host/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: examples },
      body: '{"role":"dispatcher"}',
    });
    assert.equal(session.status, 201, 'the example host exchanges its key for an embed token');
    // A newcomer reaches the peer's phone view from the console: the demo prints the link a peer's text would carry.
    const { token } = (await session.json()) as { token: string };
    const callout = await fetch(`${api}/v1/dispatches`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        area: 'county',
        callForService: {
          externalId: 'CLI-DEMO-1',
          type: 'overdose-nonfatal',
          location: { address: '12 Lake St, Lakeside', area: 'county' },
          receivedAt: new Date().toISOString(),
        },
      }),
    });
    assert.equal(callout.status, 201, await callout.clone().text());
    const deadline = Date.now() + 30_000;
    while (!/ack=http:\/\/127\.0\.0\.1:\d+\/responder\/\S*#ack=/.test(first.output()) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    assert.match(
      first.output(),
      /\[peerlink notify\].*ack=http:\/\/127\.0\.0\.1:\d+\/responder\/\S*#ack=/,
      'the link to open as the peer',
    );
    await trustsProxy(api);
    const stopped = await first.stop();
    assert.equal(stopped.code, 0);
    assert.match(stopped.output, /stopped cleanly/);

    const second = await start([], { PEERLINK_TRUST_PROXY: '1' });
    assert.doesNotMatch(second.output(), /seeded/, 'the data from the first run is still there');
    const secondApi = /Peerlink API\s+(http:\/\/\S+)/.exec(second.output())?.[1] ?? '';
    await trustsProxy(secondApi);
    assert.equal((await second.stop()).code, 0);
  });
});
