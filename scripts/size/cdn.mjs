// The CDN folder as a page loads it: the loader, and for each element its chunk with every chunk
// it imports, each file gzipped on its own (-9) as a CDN serves it. Shared by `pnpm size` and the
// loader's end-to-end test.
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { bundle, cdnFolder } from '../../rollup.config.mjs';

const KB = 1024;

/** The loader's budget (issue 14): one small script before any element. */
export const LOADER_BUDGET = 5 * KB;

/**
 * What a page showing only `<peer-request-button>` loads beside the loader: its chunks up front
 * (`pnpm size`), and with the outbox's IndexedDB code the button opens at once (measured in
 * Chromium by the loader's end-to-end test). The aim is the button's ESM entry (36.8 KB up
 * front); a shared chunk carries whatever any element uses of the modules in it, so the enforced
 * figure is the measured one with a little headroom (0003).
 */
export const REQUEST_BUTTON_PAGE_BUDGET = 47 * KB;

const gzip = (code) => gzipSync(code, { level: 9 }).length;

async function generate(config) {
  const build = await rollup({ ...config, onwarn: () => undefined });
  const { output } = await build.generate(config.output);
  await build.close();
  return output.filter((chunk) => chunk.type === 'chunk');
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
  const chunks = await generate(cdnFolder('cdn'));
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const closure = (files, follow) => {
    const seen = new Set();
    const visit = (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const next of follow(byFile.get(file))) visit(next);
    };
    files.forEach(visit);
    return seen;
  };
  return chunks
    .filter((chunk) => chunk.isEntry)
    .map((chunk) => {
      const upFront = closure([chunk.fileName], (c) => c.imports);
      const everything = closure([chunk.fileName], (c) => [...c.imports, ...c.dynamicImports]);
      const lazy = [...everything].filter((file) => !upFront.has(file));
      const sum = (files) => [...files].reduce((total, file) => total + gzip(byFile.get(file).code), 0);
      return { name: chunk.name, files: [...upFront], size: sum(upFront), lazy: sum(lazy) };
    });
}
