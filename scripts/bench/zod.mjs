#!/usr/bin/env node
// Measures what the contract costs a browser with zod/mini (what Peerlink ships) against the
// same code on the full zod API: both bundles are built from the same sources, the second with
// `zod/mini` resolved to `zod`. Prints gzip -9 sizes of minified bundles.
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { bundle } from '../../rollup.config.mjs';

const toFullZod = {
  name: 'zod-mini-to-full',
  resolveId(source) {
    return source === 'zod/mini'
      ? this.resolve('zod', new URL('../../packages/sdk/src/index.ts', import.meta.url).pathname)
      : null;
  },
};

async function size(entry, plugins = []) {
  const config = bundle(entry, 'unused.js');
  const build = await rollup({ ...config, plugins: [...plugins, ...config.plugins], onwarn: () => undefined });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  return gzipSync(output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join(''), { level: 9 }).length;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const entries = [
  ['SDK client: dispatch + on-call calls', 'scripts/size/entries/dispatch-client.ts'],
  ['SDK client: every namespace', 'scripts/size/entries/full-client.ts'],
  ['whole SDK (every schema, client)', 'packages/sdk/src/index.ts'],
];
console.log('entry'.padEnd(36), 'zod/mini'.padStart(10), 'zod'.padStart(10), 'ratio'.padStart(7));
for (const [name, entry] of entries) {
  const mini = await size(entry);
  const full = await size(entry, [toFullZod]);
  console.log(
    name.padEnd(36),
    kb(mini).padStart(10),
    kb(full).padStart(10),
    `${(full / mini).toFixed(2)}×`.padStart(7),
  );
}
