// The CDN folder as a page loads it: the loader, and for each element its file with every chunk
// it imports, each file gzipped on its own (-9) as a CDN serves it. Shared by `pnpm size` and the
// loader's end-to-end test.
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { bundle, cdnFolder, lazyChunkFileNames } from '../../rollup.config.mjs';

const KB = 1024;

/** The loader's budget (issue 14): one small script before any element. */
export const LOADER_BUDGET = 5 * KB;

/** The request button's ESM entry, the figure its page through the loader is held to (issue 14). */
export const REQUEST_BUTTON_ENTRY = 'packages/elements/src/request-button/define.ts';

const gzip = (code) => gzipSync(code, { level: 9 }).length;

async function generate(config) {
  const build = await rollup({ ...config, onwarn: () => undefined });
  const { output } = await build.generate(config.output);
  await build.close();
  return output.filter((chunk) => chunk.type === 'chunk');
}

/** Gzip size of an entry bundled alone, as an ESM host loads it: up front, and what loads on first use. */
export async function entrySize(entry, inlineDynamicImports = false) {
  // Chunks named as in the CDN folder, whose element files are these bundles byte for byte.
  const output = { format: 'es', inlineDynamicImports, chunkFileNames: lazyChunkFileNames };
  const chunks = await generate({ ...bundle(entry, 'unused.js'), output });
  const lazy = chunks.filter((chunk) => !chunk.isEntry);
  const size = (files) => gzip(files.map((chunk) => chunk.code).join(''));
  return { size: size(chunks.filter((chunk) => chunk.isEntry)), lazy: lazy.length > 0 ? size(lazy) : 0 };
}

/**
 * The budget of the page with only `<peer-request-button>` beside the loader: its ESM entry as
 * measured now (issue 14), up front (`pnpm size`), and with what it loads on first use (the
 * outbox's IndexedDB code, which the loader's end-to-end test counts in Chromium).
 */
export async function requestButtonPageBudget(entry = undefined) {
  const { size, lazy } = entry ?? (await entrySize(REQUEST_BUTTON_ENTRY));
  return { upFront: size, withFirstUse: size + lazy };
}

/** Gzip size of the loader as built beside the chunks. */
export async function loaderSize() {
  const [loader] = await generate(bundle('packages/elements/src/loader.ts', 'loader.js'));
  return gzip(loader.code);
}

/**
 * Per entry of the CDN folder (`peer-request-button`, `client`, …): the files a page loads for it
 * up front (static imports followed), their gzip sum, and what loads only on first use.
 */
export async function cdnEntries() {
  const entries = [];
  for (const config of cdnFolder('cdn')) {
    // Without the `//# sourceMappingURL=` line each file ends with, as the ESM entries are measured.
    const chunks = await generate({ ...config, output: { ...config.output, sourcemap: false } });
    const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
    const closure = (file, follow, seen = new Set()) => {
      if (seen.has(file)) return seen;
      seen.add(file);
      for (const next of follow(byFile.get(file))) closure(next, follow, seen);
      return seen;
    };
    const [entry] = chunks.filter((chunk) => chunk.isEntry);
    const upFront = closure(entry.fileName, (c) => c.imports);
    const everything = closure(entry.fileName, (c) => [...c.imports, ...c.dynamicImports]);
    const lazy = [...everything].filter((file) => !upFront.has(file));
    const sum = (files) => [...files].reduce((total, file) => total + gzip(byFile.get(file).code), 0);
    entries.push({ name: entry.name, files: [...upFront], size: sum(upFront), lazy: sum(lazy) });
  }
  return entries;
}
