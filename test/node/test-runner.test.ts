// `npm test` on a machine that cannot run a suite must fail fast and say why, never hang.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

function runNodeTests(
  args: string[],
  env: Record<string, string>,
): { status: number | null; output: string; seconds: number } {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['scripts/test/node.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return {
    status: result.status,
    output: result.stdout + result.stderr,
    seconds: (performance.now() - started) / 1000,
  };
}

describe('the Node test runner script', { timeout: 150_000 }, () => {
  it('kills a test file that outlives its time limit and names it as failed', () => {
    const run = runNodeTests(['test/node/fixtures/runner/hangs.ts'], { PEERLINK_TEST_FILE_TIMEOUT: '3' });
    assert.equal(run.status, 1);
    assert.match(run.output, /test\/node\/fixtures\/runner\/hangs\.ts — TIMED OUT after 3 s/);
    assert.match(run.output, /failed files: test\/node\/fixtures\/runner\/hangs\.ts/);
    assert.match(run.output, /ℹ fail 1/);
    assert.ok(run.seconds < 30, `took ${run.seconds.toFixed(1)} s`);
  });

  it('ends an end-to-end suite within seconds, naming what is missing, when there is no Chromium', () => {
    const run = runNodeTests(['test/e2e/dispatch.test.ts'], { CHROME_PATH: '/nonexistent/chromium' });
    assert.equal(run.status, 1);
    assert.match(run.output, /Chromium was not found at \/nonexistent\/chromium/);
    assert.match(run.output, /test\/e2e\/dispatch\.test\.ts — FAILED/);
    assert.ok(run.seconds < 60, `took ${run.seconds.toFixed(1)} s`);
  });
});
