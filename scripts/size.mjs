#!/usr/bin/env node
// Size budgets: each entry is bundled as a host would load it (minified, dependencies
// included) and gzipped at level 9. Over budget fails; every figure is printed beside its
// budget and beside the floor the mandated libraries cost together.
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { bundle } from '../rollup.config.mjs';

const KB = 1024;
const budgets = [
  // The script-tag file is one file: what loads later is counted in it.
  // Every element with everything it may load later (verification, the virtualized list, the
  // PII detector): far past the 60 KB first aimed for (0003).
  { name: 'CDN bundle: every element + SDK', entry: 'packages/elements/src/cdn.ts', budget: 116 * KB, target: 60 * KB, inline: true },
  // The request button's share of the SDK: it must leave room for Lit and the element itself.
  { name: 'SDK client: dispatch + on-call calls', entry: 'scripts/size-entries/dispatch-client.ts', budget: 24 * KB },
  { name: 'SDK client: every namespace', entry: 'scripts/size-entries/full-client.ts', budget: 30 * KB },
  {
    // The 24 KB aimed for is below what the element, Lit, ky, zod/mini and the client's own
    // code measure together (docs/decisions/0003-bundle-budgets.md); the enforced budget is the
    // measured size with a little headroom, so growth still fails the build. Raised from 37.5 KB
    // for who holds a call-out, its escalation countdown, Escalate now and Cancel (0003).
    name: 'request button entry + SDK client',
    entry: 'packages/elements/src/request-button/define.ts',
    budget: 39.5 * KB,
    target: 24 * KB,
  },
  {
    // Lit, the shared element base and the SDK's rule evaluation alone are 10 KB (0003).
    name: 'certification badge entry (no verification)',
    entry: 'packages/elements/src/certification-badge/define.ts',
    budget: 16.5 * KB,
    target: 10 * KB,
  },
];

/** Gzip size of what loads up front, and of what loads only when used (dynamic imports). */
async function gzipSize(entry, inline = false) {
  const build = await rollup({ ...bundle(entry, 'unused.js'), onwarn: () => undefined });
  const { output } = await build.generate({ format: 'es', inlineDynamicImports: inline });
  await build.close();
  const size = (chunks) => gzipSync(chunks.map((chunk) => chunk.code).join(''), { level: 9 }).length;
  const chunks = output.filter((chunk) => chunk.type === 'chunk');
  const lazy = chunks.filter((chunk) => !chunk.isEntry);
  return { size: size(chunks.filter((chunk) => chunk.isEntry)), lazy: lazy.length > 0 ? size(lazy) : 0 };
}

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const { size: floor } = await gzipSize('scripts/size-floor.ts');
console.log(`floor (Lit + ky + zod/mini, one element and schema): ${kb(floor)}`);

let failed = 0;
let passed = 0;
for (const { name, entry, budget, target, pending, inline } of budgets) {
  if (!existsSync(entry)) {
    console.log(`  pending  ${name}: ${pending ?? `${entry} is missing`}; budget ${kb(budget)}`);
    continue;
  }
  const { size, lazy } = await gzipSize(entry, inline);
  const ok = size <= budget;
  if (ok) passed += 1;
  else failed += 1;
  console.log(`figure: ${name}\t${kb(size)}${lazy ? ` + ${kb(lazy)} on first use` : ''}\tbudget ${kb(budget)}${target ? `, target ${kb(target)}` : ''}${ok ? '' : ' — OVER'}`);
  console.log(
    `  ${ok ? 'ok     ' : 'OVER   '}  ${name}: ${kb(size)} of ${kb(budget)} (${((size / budget) * 100).toFixed(0)}%), ${(size / floor).toFixed(2)}× the floor${lazy ? `; + ${kb(lazy)} loaded on first use` : ''}${target && size > target ? `; target ${kb(target)} not reached` : ''}`,
  );
}
console.log(`size: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
