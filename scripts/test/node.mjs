#!/usr/bin/env node
// Node tests (node's own runner) for the SDK, the server and cross-package Node suites.
// TypeScript runs through tsx; the "source" condition makes @peerlink/* resolve to src.
//
// Each test file runs in a process of its own under a time limit: a file that hangs (a server
// left listening, a browser that never answered) is killed with everything it started, and is
// named as failed, instead of holding the whole run until CI's limit.
//
//   node scripts/test/node.mjs [path-substring …]
//   PEERLINK_TEST_FILE_TIMEOUT=seconds (default 600)   PEERLINK_TEST_CONCURRENCY=n (default 2)
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const roots = ['packages/sdk/test', 'packages/server/test', 'test/node', 'test/e2e'];
const limitSeconds = Number(process.env.PEERLINK_TEST_FILE_TIMEOUT ?? 600);
const concurrency = Math.max(1, Number(process.env.PEERLINK_TEST_CONCURRENCY ?? 2));

function* walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (name.endsWith('.test.ts')) yield path;
  }
}

// Arguments: parts of test file paths, or files to run as they are (the runner's own tests use that).
const args = process.argv.slice(2);
const named = args.filter((arg) => arg.endsWith('.ts') && existsSync(join(root, arg)) && !arg.endsWith('.test.ts'));
const filter = args.filter((arg) => !named.includes(arg));
const files = [
  ...named,
  ...(filter.length === 0 && named.length > 0
    ? []
    : roots
        .flatMap((dir) => [...walk(join(root, dir))])
        .map((file) => relative(root, file))
        .filter((file) => filter.length === 0 || filter.some((part) => file.includes(part)))
        .sort()),
];

if (files.length === 0) {
  console.error('No Node test files found.');
  process.exit(1);
}

const escape = String.fromCharCode(27);
const plain = (text) => text.replaceAll(new RegExp(`${escape}\\[[0-9;]*m`, 'g'), '');
const KINDS = ['tests', 'suites', 'pass', 'fail', 'cancelled', 'skipped', 'todo'];

/** The runner's closing counts (`ℹ pass 12`) of one file's output. */
function countsOf(output) {
  const text = plain(output);
  return Object.fromEntries(KINDS.map((kind) => [kind, Number(new RegExp(`ℹ ${kind} (\\d+)`).exec(text)?.[1] ?? 0)]));
}

const running = new Set();
// Started from inside another test run, a file must still report as a run of its own.
const { NODE_TEST_CONTEXT: _context, ...inherited } = process.env;
const childEnv = { ...inherited, FORCE_COLOR: '0' };

/** Runs one file in its own process group; kills the group when the limit passes. */
function runFile(file) {
  return new Promise((resolve) => {
    const started = performance.now();
    // No --test-force-exit: on Node 20 it can end a run before a file's later suites have run, reporting
    // the shorter count as passed. A file that leaves something open is killed by the time limit instead.
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', '--test', '--test-reporter=spec', file],
      { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: childEnv },
    );
    running.add(child.pid);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    let timedOut = false;
    const kill = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, limitSeconds * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child.pid);
      // Anything the file started and left behind goes with it.
      kill();
      resolve({ file, code, signal, timedOut, output, seconds: (performance.now() - started) / 1000 });
    });
  });
}

// Whoever stops this runner stops the files it is running, and what they started.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const pid of running) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    process.exit(1);
  });
}

console.log(
  `node tests: ${String(files.length)} files, ${String(concurrency)} at a time, at most ${String(limitSeconds)} s each`,
);
const queue = [...files];
const results = [];
async function worker() {
  for (let file = queue.shift(); file; file = queue.shift()) {
    const result = await runFile(file);
    results.push(result);
    const verdict = result.timedOut ? `TIMED OUT after ${String(limitSeconds)} s` : result.code === 0 ? 'ok' : 'FAILED';
    process.stdout.write(`\n── ${file} — ${verdict} (${result.seconds.toFixed(1)} s)\n${result.output}`);
    if (result.timedOut)
      process.stdout.write(`✖ ${file} did not finish within ${String(limitSeconds)} s and was killed\n`);
  }
}
await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));

const total = Object.fromEntries(KINDS.map((kind) => [kind, 0]));
for (const result of results) {
  const counts = countsOf(result.output);
  // A file that died or hung without failing a test of its own counts as one failure.
  if (result.code !== 0 && counts.fail === 0) counts.fail = 1;
  for (const kind of KINDS) total[kind] += counts[kind];
}
const failedFiles = results.filter((result) => result.code !== 0).map((result) => result.file);
const slowest = [...results].sort((a, b) => b.seconds - a.seconds).slice(0, 5);
console.log(`\nslowest: ${slowest.map((r) => `${r.file} ${r.seconds.toFixed(0)} s`).join(', ')}`);
if (failedFiles.length > 0) console.log(`failed files: ${failedFiles.join(', ')}`);
for (const kind of KINDS) console.log(`ℹ ${kind} ${String(total[kind])}`);
process.exit(failedFiles.length === 0 ? 0 : 1);
