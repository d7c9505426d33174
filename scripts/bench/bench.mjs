#!/usr/bin/env node
// `pnpm bench`: every benchmark, each printing its own figures, then one table of the headline
// figures (the lines benchmarks print as `figure: <what>\t<value>\t<against>`). Goals live here
// and in the benchmarks' output, not in tests.
import { spawn } from 'node:child_process';

const benches = [
  ['bundle sizes against their budgets', 'scripts/size/size.mjs'],
  ['zod/mini against zod in browser bundles', 'scripts/bench/zod.mjs'],
  ['PII detector on 5,000-character log text', 'scripts/bench/pii.ts'],
  ['on-call schedule: resolving 90 days of 50 peers in 10 areas', 'scripts/bench/schedule.ts'],
  [
    'resource search: the SDK index against minisearch, flexsearch, Orama, uFuzzy (10k, 50k)',
    'scripts/bench/search.ts',
  ],
  [
    '<peer-referral-picker> in Chromium: index build, keystroke → painted results beside uFuzzy (10k, 50k)',
    'scripts/bench/picker.ts',
  ],
  [
    'duty call-out in a CAD page at 50/s, one console among a load generator and one page pressing all → text, e-mail, CAD shows notified',
    'scripts/bench/dispatch.ts',
  ],
  [
    'the service under load on PostgreSQL: throughput beside pgbench, 60 s mixed load at 500 req/s',
    'scripts/bench/load.ts',
  ],
  [
    'the call-out path from outside: the service by its CLI, a load generator in its own process, a webhook receiver, pgbench beside it',
    'scripts/bench/callout-path.ts',
  ],
  ['HSDS directory import: 50,000 services streamed to the service in its own process', 'scripts/bench/import.ts'],
  // Program staff: the on-call schedule and the roster.
  [
    '<peer-on-call-schedule> render (2 weeks × 10 areas × 3 positions) and <peer-roster> filtering (2,000 peers) in Chromium',
    'scripts/bench/staff.ts',
  ],
  [
    'program report: a year by week over 100,000 call-outs and 50,000 referrals, PostgreSQL and PGlite',
    'scripts/bench/report.ts',
  ],
];

function run(script) {
  // TypeScript benchmarks run through tsx with the source condition, as the Node tests do.
  const args = script.endsWith('.ts') ? ['--conditions=source', '--import', 'tsx', script] : [script];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const figures = [];
let failed = false;
for (const [title, script] of benches) {
  console.log(`\n── ${title} ──`);
  const { code, output } = await run(script);
  // An over-budget bundle fails the build in `npm test`; here it is a figure like the others.
  if (code !== 0 && script !== 'scripts/size/size.mjs') failed = true;
  for (const line of output.split('\n')) {
    const match = /^figure: ([^\t]+)\t([^\t]+)(?:\t(.*))?$/.exec(line.trim());
    if (match) figures.push({ what: match[1], value: match[2], against: match[3] ?? '' });
  }
}

console.log('\n── summary ──');
const width = Math.max(...figures.map((f) => f.what.length), 10);
const valueWidth = Math.max(...figures.map((f) => f.value.length), 5);
console.log(`| ${'figure'.padEnd(width)} | ${'value'.padEnd(valueWidth)} | against |`);
console.log(`| ${'-'.repeat(width)} | ${'-'.repeat(valueWidth)} | ------- |`);
for (const f of figures) console.log(`| ${f.what.padEnd(width)} | ${f.value.padEnd(valueWidth)} | ${f.against} |`);
process.exit(failed ? 1 : 0);
