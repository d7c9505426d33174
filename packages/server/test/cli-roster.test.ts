import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { postgresFor } from './harness.js';
import { run as runCli } from './cli-run.js';

const sample = fileURLToPath(new URL('fixtures/roster.csv', import.meta.url));

const run = (args: string[], env: Record<string, string>) => runCli(args, env, 180_000);

/** Seeds an empty store with the demo program (no resources) and answers its agency id. */
function program(env: Record<string, string>): string {
  const seeded = run(['seed', '--resources', '0'], env);
  assert.equal(seeded.code, 0, seeded.stderr);
  const id = /seeded demo program ([0-9a-f-]{36})/.exec(seeded.stdout)?.[1];
  assert.ok(id, seeded.stdout);
  return id;
}

function checkImport(env: Record<string, string>, dir: string) {
  const agency = program(env);
  const dry = run(['import', 'roster', sample, '--agency', agency, '--dry-run'], env);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /line 2 +created +Riley Example/);
  assert.match(dry.stdout, /dry run, nothing written: would create 4, updated 0, unchanged 0/);

  const real = run(['import', 'roster', sample, '--agency', agency], env);
  assert.equal(real.code, 0, real.stderr);
  assert.match(real.stdout, /imported: created 4, updated 0, unchanged 0/, 'the dry run wrote nothing');
  const again = run(['import', 'roster', sample, '--agency', agency], env);
  assert.match(again.stdout, /created 0, updated 0, unchanged 4/);

  const bad = join(dir, 'bad.csv');
  writeFileSync(
    bad,
    'name,phone,email,roles\nGood Row,312 555 0120,good.row@example.org,recovery-coach\nBad Row,555-01,bad@,astronaut\n',
  );
  const refused = run(['import', 'roster', bad, '--agency', agency], env);
  assert.equal(refused.code, 1);
  assert.deepEqual(refused.stderr.trim().split('\n').slice(0, 3), [
    'line 3, column phone: Expected a phone number with its country code, such as +1 312 555 0100',
    'line 3, column email: Expected an e-mail address such as name@example.org',
    'line 3, column roles: Expected roles among crisis-interventionist, recovery-coach, court-peer-specialist, reentry-advocate, supervisor',
  ]);
  const good = join(dir, 'good.csv');
  writeFileSync(good, 'name,phone,email,roles\nGood Row,312 555 0120,good.row@example.org,recovery-coach\n');
  const after = run(['import', 'roster', good, '--agency', agency, '--dry-run'], env);
  assert.match(after.stdout, /would create 1, updated 0/, 'the good row of the refused file was not written');

  assert.equal(run(['import', 'roster', sample, '--agency', '00000000-0000-4000-8000-000000000000'], env).code, 2);
  assert.equal(run(['import', 'roster', join(dir, 'missing.csv'), '--agency', agency], env).code, 2);
  assert.equal(run(['import', 'people', sample, '--agency', agency], env).code, 2);
  assert.equal(run(['import', 'roster', '--agency', agency], env).code, 2);
}

describe('peerlink-server import roster', () => {
  it('dry-runs, imports all or nothing and prints every bad row by line and column (PGlite)', (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'peerlink-roster-'));
    t.after(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    checkImport({ PEERLINK_DATA: join(dir, 'data') }, dir);
  });

  it('does the same on PostgreSQL', async (t) => {
    const url = await postgresFor(t);
    if (!url) return;
    const dir = mkdtempSync(join(tmpdir(), 'peerlink-roster-'));
    t.after(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    checkImport({ DATABASE_URL: url }, dir);
  });
});
