#!/usr/bin/env node
// `pnpm test`: every check the project has, in order, then one summary line.
// Each step keeps going after a failure so one run shows everything that is wrong.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name) => fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url));

// Runners color their output even when told not to; counts are read from plain text.
const escape = String.fromCharCode(27);
const plain = (text) => text.replaceAll(new RegExp(`${escape}\\[[0-9;]*m`, 'g'), '');

const counted = (pass, fail) => (raw) => {
  const output = plain(raw);
  const passes = [...output.matchAll(pass)].map((m) => Number(m[1]));
  const fails = [...output.matchAll(fail)].map((m) => Number(m[1]));
  return passes.length > 0 ? { passed: passes.at(-1), failed: fails.at(-1) ?? 0 } : undefined;
};

/**
 * The lines that name what failed (Node's runner marks them ✖, the browser runner ❌, the size
 * check OVER), so the summary at the end of a long log says which tests to look at.
 */
const failureLines = (raw) => {
  const lines = plain(raw)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^(✖|❌)\s|^failed files:|^OVER\s/.test(line) && !line.startsWith('✖ failing tests'));
  return [...new Set(lines)].slice(0, 20);
};

const steps = [
  // First: the Node suites drive Chromium too (end to end), not only the browser tests.
  { name: 'chromium', command: process.execPath, args: ['scripts/test/ensure-chromium.mjs'] },
  { name: 'build', command: process.execPath, args: ['scripts/build/build.mjs'] },
  {
    name: 'package hygiene',
    command: process.execPath,
    args: ['scripts/build/check-packages.mjs'],
    count: counted(/packages: (\d+) passed/g, /packages: \d+ passed, (\d+) failed/g),
  },
  { name: 'typecheck', command: bin('tsc'), args: ['-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint', command: bin('eslint'), args: ['--max-warnings', '0', '.'] },
  { name: 'format', command: bin('prettier'), args: ['--check', '.'] },
  { name: 'openapi lint', command: process.execPath, args: ['scripts/build/lint-openapi.mjs'] },
  {
    name: 'node tests',
    command: process.execPath,
    args: ['scripts/test/node.mjs'],
    count: counted(/ℹ pass (\d+)/g, /ℹ fail (\d+)/g),
  },
  {
    name: 'browser tests',
    command: 'sh',
    args: [
      '-c',
      'node scripts/test/ensure-chromium.mjs && node --conditions=source --import tsx node_modules/@web/test-runner/dist/bin.js',
    ],
    count: counted(/(\d+) passed, \d+ failed/g, /\d+ passed, (\d+) failed/g),
  },
  {
    name: 'size budgets',
    command: process.execPath,
    args: ['scripts/size/size.mjs'],
    count: counted(/size: (\d+) passed/g, /size: \d+ passed, (\d+) failed/g),
  },
  {
    name: 'storybook build',
    command: bin('storybook'),
    args: ['build', '-o', 'storybook-static', '--quiet', '--disable-telemetry'],
  },
];

function run(step) {
  return new Promise((resolve) => {
    const started = performance.now();
    let output = '';
    const child = spawn(step.command, step.args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    const forward = (stream, target) =>
      stream.on('data', (chunk) => {
        output += chunk;
        target.write(chunk);
      });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on('error', (error) => {
      output += String(error);
      resolve({ code: 1, output, seconds: 0 });
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output, seconds: (performance.now() - started) / 1000 }));
  });
}

const results = [];
for (const step of steps) {
  console.log(`\n── ${step.name} ──`);
  const { code, output, seconds } = await run(step);
  const counts = step.count?.(output) ?? { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
  // A step that exits non-zero has failed even if its own counts say otherwise.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  results.push({
    name: step.name,
    ok: code === 0,
    seconds,
    ...counts,
    failures: code === 0 ? [] : failureLines(output),
  });
}

console.log('\n── summary ──');
for (const r of results) {
  console.log(
    `${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(16)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds.toFixed(1)} s`,
  );
}
for (const r of results.filter((result) => result.failures.length > 0)) {
  console.log(`\n${r.name} — what failed:\n${r.failures.map((line) => `  ${line}`).join('\n')}`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`summary: ${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
