// The example host serves examples/ at its root under a strict CSP, so the built page lives at
// /hospital-discharge/dist/ (the host sends /hospital-discharge/ there). Workspace packages
// resolve to their TypeScript sources ("source" condition): no Peerlink build needed first.
import vue from '@vitejs/plugin-vue';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  base: '/hospital-discharge/dist/',
  plugins: [
    vue({
      // <peer-*> are custom elements, not Vue components.
      template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('peer-') } },
    }),
  ],
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
