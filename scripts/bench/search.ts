// Resource search engines on the same synthetic directories, in one run: the SDK's own index
// against minisearch, flexsearch, Orama and uFuzzy (and a plain substring scan as the floor).
// Methodology as in the project's reference figures: 30 words typed a letter at a time (207
// queries) and 20 one-typo queries; typo quality counts the ten two-word typo queries whose
// intended resource is in the top 10. Top 50 results per query. Run:
//   node --conditions=source --import tsx scripts/bench/search.ts [--runs=3] [--sizes=10000,50000]
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import uFuzzy from '@leeoniya/ufuzzy';
import { create, insertMultiple, search as oramaSearch } from '@orama/orama';
import { Charset, Document } from 'flexsearch';
import MiniSearch from 'minisearch';
import { rollup } from 'rollup';
import type { Resource, ResourceCategory } from '@peerlink/sdk';
import { createResourceIndex } from '@peerlink/sdk';
import { categoryLabels } from '../../packages/sdk/src/hsds/extensions.js';
import { mulberry32, syntheticResources } from '../../packages/server/src/seed/index.js';
import { bundle } from '../../rollup.config.mjs';
import { argument, oneWordTypos, twoWordTypos, typed } from './search-queries.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const runs = Number(argument('runs', '3'));
// --only=peerlink,ufuzzy measures just the engines whose names contain those words.
const only = argument('only', '').toLowerCase().split(',').filter(Boolean);
const sizes = argument('sizes', '10000,50000').split(',').map(Number);
const topK = 50;

// ── Queries ─────────────────────────────────────────────────────────────────────────────────

const keystrokes = typed.flatMap((word) => Array.from(word, (_, i) => word.slice(0, i + 1)));
const queries = [...keystrokes, ...twoWordTypos.map(([query]) => query), ...oneWordTypos];

// ── Data ────────────────────────────────────────────────────────────────────────────────────

interface FlatDoc {
  [field: string]: string | number;
  id: number;
  name: string;
  organization: string;
  categories: string;
  description: string;
}

const categoryText = (codes: readonly ResourceCategory[]) =>
  codes.map((code) => `${code} ${categoryLabels[code]}`).join(' ');

/** What the libraries index: the same fields and category names the SDK's index reads. */
const flatten = (resources: readonly Resource[]) =>
  resources.map((r, id): FlatDoc => ({
    id,
    name: r.name,
    organization: r.organization.name,
    categories: categoryText(r.categories),
    description: r.description,
  }));

const haystackOf = (resources: readonly Resource[]) =>
  resources.map((r) => `${r.name} ${r.organization.name} ${categoryText(r.categories)} ${r.description}`);

/** The synthetic directory as a browser receives it: parsed from JSON. */
function directoryOf(count: number): Resource[] {
  const resources = syntheticResources(count, 1).map((input, i): Resource => ({
    ...input,
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    agencyId: 'bench',
    updatedAt: '2026-11-22T12:00:00Z',
  }));
  return JSON.parse(JSON.stringify(resources)) as Resource[];
}

// ── Engines ─────────────────────────────────────────────────────────────────────────────────

type Searcher = (query: string) => number[] | Promise<number[]>;

interface Engine {
  name: string;
  /** The smallest use of the library a browser would load, for its gzip size. */
  entry: string;
  /** From the directory to something searchable; timed as the build, mapping included. */
  build(resources: readonly Resource[]): Searcher | Promise<Searcher>;
}

const version = (pkg: string) =>
  (
    JSON.parse(readFileSync(new URL(`../../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version;

const fields = ['name', 'organization', 'categories', 'description'];
const boost = { name: 4, organization: 2, categories: 2, description: 1 };

interface FlexResult {
  id: number | string;
}
interface FlexDocument {
  add(doc: FlatDoc): unknown;
  search(query: string, options: { limit: number; merge: true; suggest?: boolean }): FlexResult[];
}
type FlexDocumentClass = new (options: unknown) => FlexDocument;
const FlexSearchDocument = Document as unknown as FlexDocumentClass;

const flexsearch = (encoder: 'default' | 'LatinSoundex'): Engine => ({
  name: `flexsearch ${version('flexsearch')} Document${encoder === 'default' ? '' : ` (${encoder})`}`,
  entry: `import { Document${encoder === 'default' ? '' : ', Charset'} } from 'flexsearch';
export function run(docs, q) {
  const index = new Document({ document: { id: 'id', index: ${JSON.stringify(fields)} }, tokenize: 'forward'${encoder === 'default' ? '' : ', encoder: Charset.LatinSoundex'} });
  for (const doc of docs) index.add(doc);
  return index.search(q, { limit: 50, merge: true });
}`,
  build(resources) {
    const docs = flatten(resources);
    const index = new FlexSearchDocument({
      document: { id: 'id', index: fields },
      tokenize: 'forward',
      ...(encoder === 'default' ? {} : { encoder: Charset.LatinSoundex }),
    });
    for (const doc of docs) index.add(doc);
    return (query) => index.search(query, { limit: topK, merge: true }).map((hit) => Number(hit.id));
  },
});

const engines: Engine[] = [
  {
    name: 'substring scan (baseline)',
    entry: `export function run(haystack, q) {
  const words = q.toLowerCase().split(/\\s+/).filter(Boolean);
  const out = [];
  for (let i = 0; i < haystack.length && out.length < 50; i++) if (words.every((w) => haystack[i].includes(w))) out.push(i);
  return out;
}`,
    build(resources) {
      const lower = haystackOf(resources).map((text) => text.toLowerCase());
      return (query) => {
        const words = query.toLowerCase().split(/\s+/).filter(Boolean);
        const out: number[] = [];
        for (let i = 0; i < lower.length && out.length < topK; i++)
          if (words.every((word) => (lower[i] ?? '').includes(word))) out.push(i);
        return out;
      };
    },
  },
  {
    name: `minisearch ${version('minisearch')}`,
    entry: `import MiniSearch from 'minisearch';
export function run(docs, q) {
  const index = new MiniSearch({ fields: ${JSON.stringify(fields)} });
  index.addAll(docs);
  return index.search(q, { prefix: true, fuzzy: 0.2, combineWith: 'AND', boost: ${JSON.stringify(boost)} }).slice(0, 50);
}`,
    build(resources) {
      const index = new MiniSearch<FlatDoc>({ fields });
      index.addAll(flatten(resources));
      // fuzzy 0.2: one edit from five letters on, two from ten (its edits are Levenshtein's).
      return (query) =>
        index
          .search(query, { prefix: true, fuzzy: 0.2, combineWith: 'AND', boost })
          .slice(0, topK)
          .map((hit) => Number(hit.id));
    },
  },
  flexsearch('default'),
  flexsearch('LatinSoundex'),
  {
    name: `@orama/orama ${version('@orama/orama')}`,
    entry: `import { create, insertMultiple, search } from '@orama/orama';
export async function run(docs, q) {
  const db = create({ schema: { name: 'string', organization: 'string', categories: 'string', description: 'string' } });
  await insertMultiple(db, docs);
  return search(db, { term: q, tolerance: 1, limit: 50, boost: ${JSON.stringify(boost)} });
}`,
    async build(resources) {
      const docs = flatten(resources);
      const db = create({
        schema: { name: 'string', organization: 'string', categories: 'string', description: 'string' } as const,
      });
      await insertMultiple(
        db,
        docs.map((doc) => ({
          id: String(doc.id),
          name: doc.name,
          organization: doc.organization,
          categories: doc.categories,
          description: doc.description,
        })),
        docs.length,
      );
      return async (query) => {
        const result = await oramaSearch(db, { term: query, tolerance: 1, limit: topK, threshold: 0, boost });
        return result.hits.map((hit) => Number(hit.id));
      };
    },
  },
  {
    name: `@leeoniya/ufuzzy ${version('@leeoniya/ufuzzy')}`,
    entry: `import uFuzzy from '@leeoniya/ufuzzy';
export function run(haystack, q) {
  const uf = new uFuzzy({ intraMode: 1, intraIns: 1, intraSub: 1, intraTrn: 1, intraDel: 1 });
  const [idxs, info, order] = uf.search(haystack, q, 0, 1000);
  return order ? order.slice(0, 50).map((i) => info.idx[i]) : (idxs ?? []).slice(0, 50);
}`,
    build(resources) {
      const haystack = haystackOf(resources);
      // SingleError mode: one substitution, transposition, insertion or deletion per term.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- IntraMode is a declared const enum, absent at run time; 1 is SingleError.
      const uf = new uFuzzy({ intraMode: 1, intraIns: 1, intraSub: 1, intraTrn: 1, intraDel: 1 });
      return (query) => {
        const [idxs, info, order] = uf.search(haystack, query, 0, 1000);
        // Over 1,000 matches, uFuzzy filters without ranking (its infoThresh).
        if (order) return order.slice(0, topK).map((i) => info.idx[i] ?? -1);
        return (idxs ?? []).slice(0, topK);
      };
    },
  },
  {
    name: 'Peerlink createResourceIndex',
    entry: `import { createResourceIndex } from '@peerlink/sdk';
export function run(resources, q) {
  return createResourceIndex(resources).search({ q, limit: 50 });
}`,
    build(resources) {
      const index = createResourceIndex(resources);
      return (query) => index.search({ q: query, limit: topK }).items.map((hit) => Number(hit.resource.id.slice(-12)));
    },
  },
];
const own = engines.at(-1)?.name ?? '';

// ── Measuring ───────────────────────────────────────────────────────────────────────────────

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

const wordsOf = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .split(/[^\p{L}\p{N}]+/u),
  );
/** A resource the typo query means: its name has both intended words. */
const isIntended = (resource: Resource | undefined, intended: readonly string[]) => {
  const name = wordsOf(resource?.name ?? '');
  return intended.every((word) => name.has(word));
};

interface Row {
  engine: string;
  size: number;
  buildMs: number;
  buildCpuMs: number;
  heapMb: number;
  p50: number;
  p95: number;
  typo: number;
  missed: string[];
}

async function measure(engine: Engine, resources: readonly Resource[]): Promise<Row> {
  const builds: number[] = [];
  const cpuTimes: number[] = [];
  // Memory first, from one untimed build between full collections (typed arrays keep their
  // contents outside the JS heap: both count). The timed builds then run as a page would, with
  // no collection forced around them.
  const used = () => {
    gc();
    gc();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  const before = used();
  let searcher: Searcher = await engine.build(resources);
  const heapMb = Math.max(0, used() - before) / 2 ** 20;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    searcher = await engine.build(resources);
    builds.push(performance.now() - started);
    const { user, system } = process.cpuUsage(cpuBefore);
    cpuTimes.push((user + system) / 1000);
  }
  const find = searcher;
  // One untimed pass warms up the JIT; then each query's time is its median over the runs.
  for (const query of queries) await find(query);
  const times = queries.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    for (const [i, query] of queries.entries()) {
      const started = performance.now();
      await find(query);
      times[i]?.push(performance.now() - started);
    }
  }
  const perQuery = times.map(median);
  const missed: string[] = [];
  for (const [query, intended] of twoWordTypos) {
    const top = (await find(query)).slice(0, 10);
    if (!top.some((slot) => isIntended(resources[slot], intended))) missed.push(query);
  }
  const typo = twoWordTypos.length - missed.length;
  return {
    engine: engine.name,
    size: resources.length,
    buildMs: median(builds),
    buildCpuMs: median(cpuTimes),
    heapMb,
    p50: percentile(perQuery, 50),
    p95: percentile(perQuery, 95),
    typo,
    missed,
  };
}

async function gzipBytes(engine: Engine): Promise<number> {
  const id = new URL(`./.bench-entry-${engine.name.replace(/\W+/g, '-')}.js`, import.meta.url).pathname;
  const virtual = {
    name: 'bench-entry',
    resolveId: (source: string) => (source === id ? id : null),
    load: (file: string) => (file === id ? engine.entry : null),
  };
  // The output options are for writing a file; generate() takes its own.
  const { output: _output, ...config } = bundle(id, 'unused.js');
  const build = await rollup({ ...config, plugins: [virtual, ...config.plugins], onwarn: () => undefined });
  const { output } = await build.generate({ format: 'es', inlineDynamicImports: true });
  await build.close();
  return gzipSync(output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join(''), { level: 9 }).length;
}

// ── Run ─────────────────────────────────────────────────────────────────────────────────────

const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
const load = os
  .loadavg()
  .map((value) => value.toFixed(1))
  .join(' ');
console.log(
  `${new Date().toISOString().slice(0, 10)} · Node ${process.version} · ${String(os.cpus().length)} × ${cpu} · load average ${load} · ${String(runs)} runs (medians)`,
);
console.log(
  `${String(queries.length)} queries: ${String(keystrokes.length)} keystrokes of ${String(typed.length)} words + ${String(twoWordTypos.length + oneWordTypos.length)} one-typo; top ${String(topK)}\n`,
);

const gzip = new Map<string, number>();
const measured = engines.filter(
  (engine) => only.length === 0 || only.some((word) => engine.name.toLowerCase().includes(word)),
);
for (const engine of measured) gzip.set(engine.name, await gzipBytes(engine));

const rows: Row[] = [];
for (const size of sizes) {
  const resources = directoryOf(size);
  const absent = twoWordTypos.filter(([, intended]) => !resources.some((r) => isIntended(r, intended)));
  if (absent.length > 0)
    console.log(`note: at ${String(size)}, no resource is meant by ${absent.map(([q]) => `"${q}"`).join(', ')}`);
  for (const engine of measured) {
    rows.push(await measure(engine, resources));
    gc();
  }
}

const fixed = (value: number, digits: number) => value.toFixed(digits);
const grouped = (value: number) => Math.round(value).toLocaleString('en-US');
const ratio = (value: number, base: number | undefined) =>
  base === undefined || base === 0 ? '' : `${(value / base).toFixed(value / base >= 10 ? 0 : 1)}×`;
const header = [
  'engine',
  'N',
  'build ms',
  '×',
  'build CPU ms',
  'memory MB',
  'p50 ms',
  'p95 ms',
  '×',
  'typo',
  'gzip B',
  '×',
];
const table = rows.map((row) => {
  const base = rows.find((other) => other.engine === own && other.size === row.size);
  const bytes = gzip.get(row.engine) ?? 0;
  return [
    row.engine,
    `${String(row.size / 1000)}k`,
    grouped(row.buildMs),
    ratio(row.buildMs, base?.buildMs),
    grouped(row.buildCpuMs),
    fixed(row.heapMb, 0),
    fixed(row.p50, 2),
    fixed(row.p95, 2),
    ratio(row.p95, base?.p95),
    `${String(row.typo)}/10`,
    grouped(bytes),
    ratio(bytes, gzip.get(own)),
  ];
});
const widths = header.map((title, i) => Math.max(title.length, ...table.map((cells) => (cells[i] ?? '').length)));
const line = (cells: readonly string[]) =>
  cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
console.log(line(header));
for (const cells of table) console.log(line(cells));
console.log(
  `\n× = against ${own} at the same N (build, p95) and in gzip size. Build CPU ms is the process's CPU time (GC threads included), less sensitive to other load than the wall clock.`,
);
console.log(
  `load average now ${os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')}`,
);
for (const row of rows.filter((r) => r.missed.length > 0)) {
  console.log(
    `typo misses, ${row.engine} at ${String(row.size / 1000)}k: ${row.missed.map((q) => `"${q}"`).join(', ')}`,
  );
}

// The picker's goal at the largest size.
const largest = Math.max(...sizes);
console.log(`\ngoal at ${grouped(largest)}: typo 10/10, p95 ≤ 16 ms, build ≤ 300 ms`);
for (const row of rows.filter((r) => r.size === largest)) {
  const misses = [
    row.typo < 10 ? `typo ${String(row.typo)}/10` : '',
    row.p95 > 16 ? `p95 ${fixed(row.p95, 1)} ms` : '',
    row.buildMs > 300 ? `build ${grouped(row.buildMs)} ms` : '',
  ].filter(Boolean);
  console.log(
    `  ${misses.length === 0 ? 'meets  ' : 'misses '} ${row.engine}${misses.length ? `: ${misses.join(', ')}` : ''}`,
  );
}

// Headline figures for the summary of `pnpm bench`.
{
  const mine = rows.find((row) => row.engine === own && row.size === largest);
  const libraries = rows.filter(
    (row) => row.size === largest && row.engine !== own && !row.engine.startsWith('substring'),
  );
  const bestTypo = Math.max(...libraries.map((row) => row.typo));
  const fastest = [...libraries].filter((row) => row.typo === 10).sort((a, b) => a.p95 - b.p95)[0];
  const n = `${String(largest / 1000)}k`;
  const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
  if (mine) {
    console.log(
      `figure: resource search p95, ${n} (Node)\t${fixed(mine.p95, 2)} ms\tgoal ≤ 16 ms, ${verdict(mine.p95 <= 16)}${fastest ? `; ${fastest.engine} (10/10 typos) ${fixed(fastest.p95, 2)} ms` : ''}`,
    );
    console.log(
      `figure: resource search index build, ${n} (Node)\t${grouped(mine.buildMs)} ms\tgoal ≤ 300 ms, ${verdict(mine.buildMs <= 300)}; ${grouped(mine.buildCpuMs)} ms CPU`,
    );
    console.log(
      `figure: resource search typo quality, ${n}\t${String(mine.typo)}/10\tgoal 10/10, ${verdict(mine.typo === 10)}; best library ${String(bestTypo)}/10`,
    );
    console.log(
      `figure: resource search module, gzip\t${grouped(gzip.get(own) ?? 0)} B\t${fastest ? `${fastest.engine} ${grouped(gzip.get(fastest.engine) ?? 0)} B` : ''}`,
    );
  }
}

// What a picker asks besides words: filters and a point, at the largest size, with the own index.
{
  const index = createResourceIndex(directoryOf(largest));
  const now = new Date('2026-11-24T16:00:00Z');
  const picker = [
    ...keystrokes.map((q) => ({ q, openNow: true, languages: ['es'], lat: 41.8781, lon: -87.6298, radiusKm: 25 })),
    { categories: ['detox', 'moud'] as ResourceCategory[], medicaid: true, openNow: true },
    { lat: 41.8781, lon: -87.6298 },
    {},
  ];
  for (const query of picker) index.search(query, now);
  const times = picker.map((query) => {
    const samples: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      index.search(query, now);
      samples.push(performance.now() - started);
    }
    return median(samples);
  });
  console.log(
    `\nwith filters (open now, Spanish, 25 km of a point) at ${grouped(largest)}: p50 ${fixed(percentile(times, 50), 2)} ms, p95 ${fixed(percentile(times, 95), 2)} ms, slowest ${fixed(Math.max(...times), 2)} ms`,
  );
}

// The typo and typing-ahead paths read the whole vocabulary; the synthetic directory has only a
// few hundred distinct words, so measure them again over 50,000 invented ones.
{
  const random = mulberry32(7);
  const letters = 'bcdfghjklmnprstvwz';
  const vowels = 'aeiou';
  const pick = (from: string) => from[Math.floor(random() * from.length)] ?? 'a';
  const vocabulary = new Set<string>();
  while (vocabulary.size < 50_000) {
    let word = '';
    const syllables = 2 + Math.floor(random() * 3);
    for (let i = 0; i < syllables; i++) word += pick(letters) + pick(vowels);
    vocabulary.add(word);
  }
  const list = [...vocabulary];
  const resources = directoryOf(10_000).map((r, i) => ({
    ...r,
    description: list.slice((i * 5) % list.length, ((i * 5) % list.length) + 5).join(' '),
  }));
  const index = createResourceIndex(resources);
  const sample = Array.from({ length: 20 }, (_, i) => list[(i * 2_477) % list.length] ?? 'bala');
  const typos = sample.map((word) => `${word.slice(0, 2)}${word[3] ?? ''}${word[2] ?? ''}${word.slice(4)}`);
  const typing = sample.flatMap((word) => Array.from(word, (_, i) => word.slice(0, i + 1)));
  const time = (query: string) => {
    const started = performance.now();
    index.search({ q: query });
    return performance.now() - started;
  };
  for (const query of typing.slice(0, 20)) index.search({ q: `${query}x` });
  const typed = typing.map(time);
  const swapped = typos.map(time);
  const found = typos.filter((query, i) =>
    index.search({ q: query }).items.some((hit) => hit.resource.description.split(' ').includes(sample[i] ?? '')),
  ).length;
  console.log(
    `50,000-word vocabulary (10k resources): typing ${String(typing.length)} keystrokes p50 ${fixed(percentile(typed, 50), 2)} ms, p95 ${fixed(percentile(typed, 95), 2)} ms; ` +
      `${String(typos.length)} swapped-letter words p50 ${fixed(percentile(swapped, 50), 2)} ms, p95 ${fixed(percentile(swapped, 95), 2)} ms, intended word in the top 50 for ${String(found)}/${String(typos.length)}`,
  );
}
