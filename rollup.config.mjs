// Builds every workspace package to ESM (one file per source module, dependencies external)
// and the single-file, minified CDN bundle of the elements with the SDK client.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

/** zod and our schema helpers build schemas at module level; calling them has no side effects. */
export const pureFunctions = ['z', 'text', 'list', 'set', 'page', 'endpoint', 'csv'];

const typescript = () =>
  esbuild({ target: 'es2022', tsconfig: 'tsconfig.base.json', sourceMap: true, minify: false });

function sources(dir) {
  const files = [];
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sources(path));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

const isBare = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

function library(pkg) {
  const src = `packages/${pkg}/src`;
  return {
    input: Object.fromEntries(sources(src).map((file) => [relative(src, file).replace(/\.ts$/, ''), file])),
    external: isBare,
    plugins: [typescript()],
    treeshake: { manualPureFunctions: pureFunctions },
    output: {
      dir: `packages/${pkg}/dist`,
      format: 'es',
      sourcemap: true,
      preserveModules: true,
      preserveModulesRoot: src,
      entryFileNames: '[name].js',
    },
  };
}

/** Bundles an entry with everything it imports, minified — what a script-tag host loads. */
export function bundle(input, file) {
  return {
    input,
    plugins: [
      nodeResolve({ exportConditions: ['source', 'browser', 'import', 'default'], extensions: ['.ts', '.js'] }),
      typescript(),
      terser({ format: { comments: false }, compress: { passes: 2 } }),
    ],
    treeshake: { manualPureFunctions: pureFunctions, moduleSideEffects: (id) => !/node_modules[\\/](zod|ky)[\\/]/.test(id) },
    output: { file, format: 'es', sourcemap: true },
  };
}

export default [
  ...['sdk', 'elements', 'react', 'server']
    .filter((pkg) => sources(`packages/${pkg}/src`).length > 0)
    .map(library),
  bundle('packages/elements/src/cdn.ts', 'packages/elements/dist/peerlink.min.js'),
];
