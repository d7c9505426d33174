// <peer-referral-picker> in headless Chromium over synthetic directories of 10,000 and 50,000
// resources, in its local mode: the index build, and keystroke → rendered results, beside the
// same page built with the runner-up library (uFuzzy) behind the picker's local directory.
//
// Keystrokes follow the project's reference figures: 30 words typed a letter at a time (207
// queries), then 20 one-typo queries typed whole. Each keystroke is dispatched as a frame begins
// (from an animation-frame callback), so the frame paints the updated list, and is timed from
// the input event to the first task after that frame: search, the element's update, the
// virtualizer's window rendered and positioned, style, layout and paint — everything but the
// wait for the display's next refresh. Medians of `--runs` page loads. Run:
//   node --conditions=source --import tsx scripts/bench/picker.ts [--runs=3] [--sizes=10000,50000] [--engines=peerlink,ufuzzy]
import type { Plugin } from 'esbuild';
import { bundlePage, launchChromium, machineLoad, ms, root, servePage } from './page-host.js';
import { argument, oneWordTypos, twoWordTypos, typed } from './search-queries.js';

const sizes = argument('sizes', '10000,50000').split(',').map(Number);
const engines = argument('engines', 'peerlink,ufuzzy').split(',');
const runs = Number(argument('runs', '3'));

const typos = [...twoWordTypos.map(([query]) => query), ...oneWordTypos];
/** What is typed, keystroke by keystroke; `fresh` clears the box first (not timed). */
const keystrokes = [
  ...typed.flatMap((word) => Array.from(word, (_, i) => ({ text: word.slice(0, i + 1), fresh: i === 0 }))),
  ...typos.map((text) => ({ text, fresh: true })),
];

/**
 * The runner-up behind the picker's `localDirectory`: uFuzzy in single-error mode over the same
 * text the SDK's index reads, configured as in the Node benchmark. It answers `q` and pages;
 * filters are not implemented (the benchmark presses none).
 */
const ufuzzyDirectory = `
import uFuzzy from '@leeoniya/ufuzzy';
import { isOpenAt } from '@peerlink/sdk';
export function localDirectory(resources) {
  const haystack = resources.map((r) => [r.name, r.organization.name, r.categories.join(' '), r.description].join(' '));
  const uf = new uFuzzy({ intraMode: 1, intraIns: 1, intraSub: 1, intraTrn: 1, intraDel: 1 });
  let last;
  const search = (query = {}, now = new Date()) => {
    const q = (query.q ?? '').trim();
    if (last?.q !== q) {
      let order;
      if (!q) order = resources.map((_, i) => i);
      else {
        const [idxs, info, ranked] = uf.search(haystack, q, 0, 1000);
        // Over 1,000 matches uFuzzy filters without ranking (its infoThresh).
        order = ranked ? ranked.map((i) => info.idx[i]) : [...(idxs ?? [])];
      }
      last = { q, order };
    }
    const offset = query.cursor ? Number(query.cursor) : 0;
    const limit = query.limit ?? 50;
    const items = last.order.slice(offset, offset + limit).map((i) => {
      const resource = resources[i];
      return { resource, score: 1, distanceKm: null, openNow: resource.schedule ? isOpenAt(resource.schedule, now) : null };
    });
    return { items, total: last.order.length, nextCursor: offset + limit < last.order.length ? String(offset + limit) : null };
  };
  return { index: { search, add() {}, remove: () => false, get size() { return resources.length; } }, languages: ['en', 'es'] };
}
`;

/** The page: the picker (as a host loads it) and the measuring code. */
const page = `
import '../../packages/elements/src/referral-picker/define.ts';
import { localDirectory } from '../../packages/elements/src/referral-picker/local-directory.ts';
import { syntheticResources } from '../../packages/server/src/seed/resources.ts';
import { nextTask, quantile, timeKeystrokes } from './page-timing.ts';


window.bench = async ({ size, keystrokes }) => {
  const resources = syntheticResources(size, 1).map((input, i) => ({
    ...input, id: '00000000-0000-4000-8000-' + String(i).padStart(12, '0'), agencyId: '00000000-0000-4000-8000-00000000be00', updatedAt: '2026-11-22T12:00:00Z',
  }));
  const builds = [];
  for (let i = 0; i < 3; i += 1) {
    const started = performance.now();
    localDirectory(resources, {});
    builds.push(performance.now() - started);
  }
  const el = document.createElement('peer-referral-picker');
  el.now = new Date('2026-11-23T15:00:00Z');
  el.style.setProperty('--peer-referral-picker-list-height', '24rem');
  document.body.append(el);
  await el.updateComplete;
  const started = performance.now();
  el.resources = resources;
  const root = el.shadowRoot;
  while (!root.querySelector('.listbox [role="option"] .name')) await nextTask();
  const first = performance.now() - started;
  const input = root.querySelector('#search');
  const listbox = root.querySelector('.listbox');
  let rendered = 0;
  let answered = 0;
  const painted = await timeKeystrokes(el, input, keystrokes, {
    paint: () => listbox.querySelector('[role="option"]')?.getBoundingClientRect(),
    after: () => {
      rendered = Math.max(rendered, listbox.querySelectorAll('[role="option"]').length);
      // What the list shows is this query's answer: the first row is one of its matches.
      if (listbox.querySelector('[role="option"][aria-posinset="1"] .name')) answered += 1;
    },
  });
  el.remove();
  return {
    build: quantile(builds, 0.5),
    first,
    p50: quantile(painted, 0.5),
    p95: quantile(painted, 0.95),
    max: quantile(painted, 1),
    rendered,
    answered,
  };
};
window.benchReady = true;
`;

/** Swaps the picker's local directory for the runner-up's, everything else unchanged. */
const runnerUp: Plugin = {
  name: 'runner-up',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /[\\/]local-directory\.(js|ts)$/ }, () => ({
      path: 'ufuzzy-directory',
      namespace: 'bench',
    }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'bench' }, () => ({
      contents: ufuzzyDirectory,
      loader: 'js',
      resolveDir: root,
    }));
  },
};

interface Figures {
  build: number;
  first: number;
  p50: number;
  p95: number;
  max: number;
  rendered: number;
  /** Keystrokes after which the list showed a first row. */
  answered: number;
}

/** Each figure's median over the runs. */
function median(runs: readonly Figures[]): Figures {
  const mid = (pick: (f: Figures) => number) => {
    const values = runs.map(pick).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)] ?? 0;
  };
  return {
    build: mid((f) => f.build),
    first: mid((f) => f.first),
    p50: mid((f) => f.p50),
    p95: mid((f) => f.p95),
    max: mid((f) => f.max),
    rendered: Math.max(...runs.map((f) => f.rendered)),
    answered: mid((f) => f.answered),
  };
}

const names: Record<string, string> = {
  peerlink: 'Peerlink createResourceIndex',
  ufuzzy: '@leeoniya/ufuzzy (runner-up)',
};
const scripts = new Map<string, string>();
for (const engine of engines) {
  scripts.set(engine, await bundlePage(page, 'bench-picker-page.ts', engine === 'ufuzzy' ? [runnerUp] : []));
}

const { server, origin } = await servePage((query) => scripts.get(query.get('engine') ?? 'peerlink') ?? '');

const browser = await launchChromium();
const version = await browser.version();
const rows: [string, number, Figures][] = [];
try {
  for (const size of sizes) {
    for (const engine of engines) {
      const measured: Figures[] = [];
      for (let run = 0; run < runs; run += 1) {
        // A fresh page per run: nothing warmed up by the run before.
        const tab = await browser.newPage();
        await tab.setViewport({ width: 1280, height: 1400 });
        await tab.goto(`${origin}/?engine=${engine}`);
        await tab.waitForFunction('window.benchReady === true');
        measured.push(
          (await tab.evaluate(
            (args) => (window as unknown as { bench: (a: unknown) => Promise<unknown> }).bench(args),
            { size, keystrokes },
          )) as Figures,
        );
        await tab.close();
      }
      rows.push([engine, size, median(measured)]);
    }
  }
} finally {
  await browser.close();
  server.close();
}

console.log(
  `${version}, ${machineLoad()}; ${String(keystrokes.length)} keystroke queries per run, medians of ${String(runs)} runs`,
);
console.log(
  '| library | N | index build ms | resources → first rows ms | keystroke → painted p50 ms | p95 ms | max ms | rows in the DOM | keystrokes with results |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const [engine, size, f] of rows) {
  console.log(
    `| ${names[engine] ?? engine} | ${size.toLocaleString('en')} | ${ms(f.build)} | ${ms(f.first)} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.max)} | ≤ ${String(f.rendered)} | ${String(f.answered)}/${String(keystrokes.length)} |`,
  );
}
const at = (engine: string, size: number) => rows.find((row) => row[0] === engine && row[1] === size)?.[2];
for (const size of sizes) {
  const own = at('peerlink', size);
  const other = at('ufuzzy', size);
  if (!own) continue;
  const n = `${String(size / 1000)}k`;
  const beside = (value: number | undefined) => (value === undefined ? '' : `; uFuzzy ${ms(value)} ms`);
  // Headline lines for the summary of `pnpm bench`.
  console.log(
    `figure: picker keystroke → painted p95, ${n} (Chromium)\t${ms(own.p95)} ms\tgoal ≤ 16 ms${size === 50_000 ? (own.p95 <= 16 ? ', met' : ', NOT met') : ''}${beside(other?.p95)}`,
  );
  console.log(
    `figure: picker index build, ${n} (Chromium)\t${ms(own.build)} ms\tgoal ≤ 300 ms${size === 50_000 ? (own.build <= 300 ? ', met' : ', NOT met') : ''}${beside(other?.build)}`,
  );
}
