// The Vite settings the portal examples share. The example host serves examples/ at its root under a
// strict CSP, so a built page lives at /<name>/dist/ (the host sends /<name>/ there). Workspace
// packages resolve to their TypeScript sources ("source" condition): no Peerlink build needed first.
import { defaultClientConditions, defineConfig, type PluginOption, type UserConfig } from 'vite';

/** The Vite config of the example page in examples/<name>/, with its framework's plugin. */
export function examplePage(name: string, plugin: PluginOption): UserConfig {
  return defineConfig({
    base: `/${name}/dist/`,
    plugins: [plugin],
    resolve: { conditions: ['source', ...defaultClientConditions] },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      // Every browser the examples support has modulepreload; the polyfill would be dead code.
      modulePreload: { polyfill: false },
    },
  });
}
