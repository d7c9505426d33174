#!/usr/bin/env node
// Size budgets: each entry is bundled as a host would load it (minified, dependencies
// included) and gzipped at level 9. Over budget fails; every figure is printed beside its
// budget and beside the floor the mandated libraries cost together. Then the CDN folder: the
// loader's budget, each element's chunks beside its ESM entry, and, measured in Chromium, what
// the CAD console page transfers with the loader and with the single file.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  LOADER_BUDGET,
  REQUEST_BUTTON_ENTRY,
  cdnEntries,
  entrySize as gzipSize,
  loaderSize,
  requestButtonPageBudget,
} from './cdn.mjs';

const KB = 1024;
const budgets = [
  // The script-tag file is one file: what loads later is counted in it.
  // Every element with everything it may load later (verification, the virtualized list, the
  // PII detector): far past the 60 KB first aimed for (0003). Raised from 116 KB when consent
  // revocation, the OB 3.0 verifier (RS256, VC 1.1, status lists), the dispatcher's escalation view
  // and the phone view's confirmations landed (119.4 KB measured); script-tag hosts that want less
  // load the per-element files through cdn/loader.js. Raised from 125 KB when the program-staff elements
  // (<peer-on-call-schedule>, <peer-roster>) and the program client they use landed (141.2 KB measured, 0003),
  // and to 160 KB with all five program-staff elements and their clients (158.5 KB measured, 0003), then
  // to 162.5 KB with the report's funnel, workload and credential charts and offline overrides (161.0 KB, 0003),
  // then to 164 KB with the console elements' fixes, per-person offline data and suspension checks (163.3 KB, 0003).
  {
    name: 'CDN bundle: every element + SDK',
    entry: 'packages/elements/src/cdn.ts',
    budget: 164 * KB,
    target: 60 * KB,
    inline: true,
  },
  // The request button's share of the SDK: it must leave room for Lit and the element itself.
  { name: 'SDK client: dispatch + on-call calls', entry: 'scripts/size/entries/dispatch-client.ts', budget: 24 * KB },
  { name: 'SDK client: every namespace', entry: 'scripts/size/entries/full-client.ts', budget: 30 * KB },
  {
    // The 24 KB aimed for is below what the element, Lit, ky, zod/mini and the client's own
    // code measure together (docs/decisions/0003-bundle-budgets.md); the enforced budget is the
    // measured size with a little headroom, so growth still fails the build. Raised from 37.5 KB
    // for who holds a call-out, its escalation countdown, Escalate now and Cancel, then from 39.5 KB
    // for the escalation policy a call-out records, then from 40 KB for the client's sign-out, stream-expiry and
    // token-free error fixes (0003).
    name: 'request button entry + SDK client',
    entry: REQUEST_BUTTON_ENTRY,
    budget: 40.5 * KB,
    target: 24 * KB,
  },
  {
    // Lit, the shared element base and the SDK's rule evaluation alone are 10 KB (0003).
    name: 'certification badge entry (no verification)',
    entry: 'packages/elements/src/certification-badge/define.ts',
    budget: 16.5 * KB,
    target: 10 * KB,
  },
  // Program staff elements (0003, issue 16).
  {
    // The queue opens logs in the call-out log form, so it carries the form and its PII guard. Raised
    // from 62 KB for watches that replay the stream's latest events instead of reading a record (0003).
    name: 'log review queue entry (with the log form)',
    entry: 'packages/elements/src/log-review-queue/define.ts',
    budget: 62.5 * KB,
  },
  {
    // Raised from 39 KB with the queue's, for the same watches (0003).
    name: 'directory import entry',
    entry: 'packages/elements/src/directory-import/define.ts',
    budget: 39.5 * KB,
  },
  {
    // Lit, the element base and the SDK client's core are 20.5 KB of it, the report's contract and
    // client 2.5 KB, the charts under 1 KB (decision 0005); 38.1 KB measured, 39.0 KB with the referral
    // funnel, workload and expiring-credential charts (0003).
    name: 'program report entry + SDK client',
    entry: 'packages/elements/src/program-report/define.ts',
    budget: 40 * KB,
  },
];

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const { size: floor } = await gzipSize('scripts/size/floor.ts');
console.log(`floor (Lit + ky + zod/mini, one element and schema): ${kb(floor)}`);

let failed = 0;
let passed = 0;
/** Up-front size of each ESM entry measured below, by entry file. */
const measured = new Map();
/** Prints one result against its budget (and the target first aimed for), and counts it. */
function report(name, size, budget, { target, lazy = 0 } = {}) {
  const ok = size <= budget;
  if (ok) passed += 1;
  else failed += 1;
  console.log(
    `figure: ${name}\t${kb(size)}${lazy ? ` + ${kb(lazy)} on first use` : ''}\tbudget ${kb(budget)}${target ? `, target ${kb(target)}` : ''}${ok ? '' : ' — OVER'}`,
  );
  console.log(
    `  ${ok ? 'ok     ' : 'OVER   '}  ${name}: ${kb(size)} of ${kb(budget)} (${((size / budget) * 100).toFixed(0)}%), ${(size / floor).toFixed(2)}× the floor${lazy ? `; + ${kb(lazy)} loaded on first use` : ''}${target && size > target ? `; target ${kb(target)} not reached` : ''}`,
  );
}

for (const { name, entry, budget, target, pending, inline } of budgets) {
  if (!existsSync(entry)) {
    console.log(`  pending  ${name}: ${pending ?? `${entry} is missing`}; budget ${kb(budget)}`);
    continue;
  }
  const { size, lazy } = await gzipSize(entry, inline);
  measured.set(entry, { size, lazy });
  report(name, size, budget, { target, lazy });
}

// The CDN folder (dist/cdn/): the loader, then each element as a page with the loader gets it.
report('CDN loader (loader.js)', await loaderSize(), LOADER_BUDGET);
const requestButton = measured.get(REQUEST_BUTTON_ENTRY);
for (const { name, files, size, lazy } of await cdnEntries()) {
  if (name === 'peer-request-button' && requestButton) {
    // Up front only: of what may load later the page fetches just the outbox's IndexedDB code
    // (the loader's end-to-end test counts that in Chromium). Held to the ESM entry (issue 14).
    const budget = await requestButtonPageBudget(requestButton);
    report('page with only <peer-request-button> beside the loader: its files up front', size, budget.upFront);
  }
  const esm = measured.get(`packages/elements/src/${name.slice('peer-'.length)}/define.ts`);
  const weigh = (figure) => `${kb(figure.size)}${figure.lazy ? ` + ${kb(figure.lazy)} on first use` : ''}`;
  console.log(
    `figure: CDN ${name === 'client' ? 'client.js (SDK client for host code)' : `<${name}>`} via the loader\t${weigh({ size, lazy })} in ${String(files.length)} files${esm ? `\tESM entry ${weigh(esm)}` : ''}`,
  );
}

// Bytes a browser transfers for the CAD console page, measured in Chromium against the real
// service: needs the build (`pnpm build`), as the page loads dist/.
if (existsSync('packages/elements/dist/cdn/loader.js') && existsSync('packages/elements/dist/peerlink.min.js')) {
  execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', 'scripts/size/transfer.ts'], {
    stdio: 'inherit',
  });
} else {
  console.log('  pending  CAD console transfer: build first (pnpm build), the page loads dist/');
}
console.log(`size: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
