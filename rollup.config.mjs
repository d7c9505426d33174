// Builds every workspace package to ESM (one file per source module, dependencies external),
// the single-file, minified CDN bundle of the elements with the SDK client, and the CDN folder:
// the loader beside one file per element.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

/** Calls `visit` on `node` and on every node below it, depth first (an ESTree from rollup's `this.parse`). */
function visitNodes(node, visit) {
  visit(node);
  for (const value of Object.values(node)) {
    for (const child of Array.isArray(value) ? value : [value])
      if (child && typeof child === 'object' && typeof child.type === 'string') visitNodes(child, visit);
  }
}

/**
 * zod and our schema helpers build schemas at module level; calling them has no side effects.
 * Only calls inside the contract's modules are marked (below): a name-based rule for the whole
 * bundle would also drop statements such as `set.add(x)` anywhere else.
 */
export const pureFunctions = ['z', 'text', 'list', 'set', 'page', 'endpoint', 'csv'];

/**
 * zod/mini builds schemas with calls such as `z.string().check(z.maxLength(9))`. Bundlers cannot
 * tell such calls are free of side effects (and once `z.` is resolved to its functions, name-based
 * hints no longer match), so every schema of a module would stay in a bundle that uses one of
 * them. This marks each `z.…(…)`, `.check(…)` and schema-helper call in the contract as pure, in
 * our bundles and in the published `dist`, so unused schemas drop out.
 */
function pureSchemas() {
  const marked = new Set(['check']);
  return {
    name: 'peerlink-pure-schemas',
    transform(code, id) {
      if (id.startsWith('\0') || !/[\\/]sdk[\\/]src[\\/]schema[\\/]/.test(id)) return null;
      const starts = [];
      visitNodes(this.parse(code), (node) => {
        if (node.type !== 'CallExpression') return;
        const { callee } = node;
        const pure =
          (callee.type === 'MemberExpression' && (marked.has(callee.property.name) || callee.object.name === 'z')) ||
          (callee.type === 'Identifier' && pureFunctions.includes(callee.name));
        if (pure) starts.push(node.start);
      });
      let out = code;
      for (const start of [...new Set(starts)].sort((a, b) => b - a))
        out = `${out.slice(0, start)}/* @__PURE__ */ ${out.slice(start)}`;
      return { code: out, map: null };
    },
  };
}

/**
 * Lit's `css` templates keep the white space and comments they are written with, and terser leaves a
 * template's text alone. In the browser bundles each `css` template of the elements is compacted as CSS
 * reads it the same: comments dropped, each run of white space made one space, none kept beside `{`, `}` or
 * `;` (a `var()` keeps the space after its comma: Chromium keeps it in the value). A part of a template holding
 * a quote or a backslash (a string, an escape) is left as it is. `test/e2e/compact-styles.test.ts` checks
 * that Chromium reads every element's styles the same with it and without.
 */
export function compactStyles() {
  const compact = (text) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};]) ?/g, '$1');
  return {
    name: 'peerlink-compact-styles',
    transform(code, id) {
      if (id.startsWith('\0') || !/[\\/]elements[\\/]src[\\/]/.test(id) || !code.includes('css`')) return null;
      const parts = [];
      visitNodes(this.parse(code), (node) => {
        if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && node.tag.name === 'css')
          parts.push(...node.quasi.quasis.filter((part) => !/['"\\]/.test(part.value.raw)));
      });
      let out = code;
      for (const part of parts.sort((a, b) => b.start - a.start)) {
        if (code.slice(part.start, part.end) !== part.value.raw) continue;
        out = `${out.slice(0, part.start)}${compact(part.value.raw)}${out.slice(part.end)}`;
      }
      return parts.length > 0 ? { code: out, map: null } : null;
    },
  };
}

const typescript = () => esbuild({ target: 'es2022', tsconfig: 'tsconfig.base.json', sourceMap: true, minify: false });

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

/** Modules built only into the CDN folder: the loader loads chunks from beside itself. */
const cdnOnly = new Set(['packages/elements/src/loader.ts']);

function library(pkg) {
  const src = `packages/${pkg}/src`;
  return {
    input: Object.fromEntries(
      sources(src)
        .filter((file) => !cdnOnly.has(file.replaceAll('\\', '/')))
        .map((file) => [relative(src, file).replace(/\.ts$/, ''), file]),
    ),
    external: isBare,
    plugins: [typescript(), pureSchemas()],
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

/** What a browser loads: dependencies included, minified. */
const browser = () => ({
  plugins: [
    nodeResolve({ exportConditions: ['source', 'browser', 'import', 'default'], extensions: ['.ts', '.js'] }),
    typescript(),
    pureSchemas(),
    compactStyles(),
    terser({ format: { comments: false }, compress: { passes: 2 } }),
  ],
  treeshake: { moduleSideEffects: (id) => !/node_modules[\\/](zod|ky)[\\/]/.test(id) },
});

/** Where a browser bundle puts what it loads on first use (verification, IndexedDB's wrapper), beside its entry. */
export const lazyChunkFileNames = 'chunks/[name]-[hash].js';

/** Bundles an entry with everything it imports, minified — what a script-tag host loads. */
export function bundle(input, file) {
  return { input, ...browser(), output: { file, format: 'es', sourcemap: true, inlineDynamicImports: true } };
}

const elementsSrc = 'packages/elements/src';

/** Each element's define module by its tag: the folder `request-button/` holds `<peer-request-button>`. */
export const elementEntries = () =>
  Object.fromEntries(
    readdirSync(elementsSrc)
      .filter(
        (name) => existsSync(join(elementsSrc, name, 'define.ts')) && existsSync(join(elementsSrc, name, `${name}.ts`)),
      )
      .map((name) => [`peer-${name}`, join(elementsSrc, name, 'define.ts')]),
  );

/**
 * The CDN folder beside the loader: one file per element (`peer-<name>.js`, defining it) and the SDK
 * client for the host's own code (`client.js`), each bundled on its own exactly as its ESM entry is,
 * with what it loads on first use under `chunks/`. Elements share no chunk: a chunk shared by several
 * entries holds whatever any of them uses of its modules, and each file of a page is gzipped alone, so
 * a page with one element paid more than that element's ESM entry (decision 0003). Shared by a page,
 * a first-use chunk is the same file for every element (its name is its content's hash).
 */
export function cdnFolder(dir) {
  return Object.entries({ ...elementEntries(), client: `${elementsSrc}/client.ts` }).map(([name, input]) => ({
    input: { [name]: input },
    ...browser(),
    output: { dir, format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: lazyChunkFileNames },
  }));
}

export default [
  ...['sdk', 'elements', 'react', 'server'].filter((pkg) => sources(`packages/${pkg}/src`).length > 0).map(library),
  bundle('packages/elements/src/cdn.ts', 'packages/elements/dist/peerlink.min.js'),
  ...cdnFolder('packages/elements/dist/cdn'),
  bundle('packages/elements/src/loader.ts', 'packages/elements/dist/cdn/loader.js'),
];
