// The example host serves examples/ at its root under a strict CSP, so the built page lives at
// /court-portal/dist/ (the host sends /court-portal/ there). Workspace packages resolve to their
// TypeScript sources ("source" condition): the page builds without building Peerlink first.
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  base: '/court-portal/dist/',
  plugins: [react()],
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
