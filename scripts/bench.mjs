#!/usr/bin/env node
// `pnpm bench`: every benchmark, each printing its own figures. Goals live here, not in tests.
import { spawnSync } from 'node:child_process';

const benches = [
  ['zod/mini against zod in browser bundles', 'scripts/bench-zod.mjs'],
  ['PII detector on 5,000-character log text', 'scripts/bench-pii.ts'],
  ['resource search: the SDK index against minisearch, flexsearch, Orama, uFuzzy (10k, 50k)', 'scripts/bench-search.ts'],
  ['duty call-out: 200 presses at 50/s in a CAD page → text, e-mail, CAD shows notified', 'scripts/bench-dispatch.ts'],
];
let failed = false;
for (const [title, script] of benches) {
  console.log(`\n── ${title} ──`);
  // TypeScript benchmarks run through tsx with the source condition, as the Node tests do.
  const args = script.endsWith('.ts') ? ['--conditions=source', '--import', 'tsx', script] : [script];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
