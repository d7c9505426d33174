// React ships only CommonJS, which a browser cannot import. This test-runner plugin serves the
// named packages as ES modules: one esbuild bundle holds them all (so react-dom and the tests share
// one copy of React), and each specifier is a small module re-exporting its names from it.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

const PREFIX = '/__commonjs__/';
const identifier = /^[A-Za-z_$][\w$]*$/;

export function commonjsPackages(specifiers: readonly string[], root: string = process.cwd()) {
  const names = new Map<string, string[]>();
  // Read in a process of its own: loading React here would meet the runner's wrapped console.
  const namesOf = (specifier: string): string[] => {
    let found = names.get(specifier);
    if (!found) {
      const script = `process.stdout.write(JSON.stringify(Object.keys(require(${JSON.stringify(specifier)}))))`;
      const keys = JSON.parse(
        execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }),
      ) as string[];
      found = keys.filter((name) => identifier.test(name) && name !== 'default');
      names.set(specifier, found);
    }
    return found;
  };
  let vendor: Promise<string> | undefined;
  const bundle = () =>
    (vendor ??= build({
      stdin: {
        contents: specifiers
          .map((specifier, index) => `export * as m${String(index)} from ${JSON.stringify(specifier)};`)
          .join('\n'),
        resolveDir: root,
      },
      bundle: true,
      format: 'esm',
      write: false,
      target: 'es2022',
      define: { 'process.env.NODE_ENV': '"development"' },
    }).then((result) => result.outputFiles[0]?.text ?? ''));

  return {
    name: 'peerlink-commonjs',
    resolveImport({ source }: { source: string }): string | undefined {
      return specifiers.includes(source) ? `${PREFIX}${source}.js` : undefined;
    },
    async serve(context: { path: string }): Promise<{ body: string; type: string } | undefined> {
      if (!context.path.startsWith(PREFIX)) return undefined;
      if (context.path === `${PREFIX}vendor.js`) return { body: await bundle(), type: 'js' };
      const index = specifiers.indexOf(context.path.slice(PREFIX.length, -'.js'.length));
      const specifier = specifiers[index];
      if (specifier === undefined) return undefined;
      const exports = namesOf(specifier);
      const body = [
        `import { m${String(index)} as namespace } from '${PREFIX}vendor.js';`,
        'const exported = namespace.default;',
        'export default exported;',
        ...(exports.length > 0 ? [`export const { ${exports.join(', ')} } = exported;`] : []),
      ].join('\n');
      return { body, type: 'js' };
    },
  };
}
