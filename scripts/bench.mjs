#!/usr/bin/env node
// `pnpm bench`: every benchmark, each printing its own figures. Goals live here, not in tests.
import { spawnSync } from 'node:child_process';

const benches = [['zod/mini against zod in browser bundles', 'scripts/bench-zod.mjs']];
let failed = false;
for (const [title, script] of benches) {
  console.log(`\n── ${title} ──`);
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
