import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
// Runs under tsx with the "source" condition (see package.json), so TypeScript imports work here.
import { commonjsPackages } from './test/browser/support/commonjs-plugin.ts';
import { chromiumFlags, chromiumPath } from './test/support/chromium-flags.ts';
import { screenshotPlugin } from './test/browser/support/screenshot-plugin.ts';
import { peerlinkServerPlugin } from './test/browser/support/server-plugin.ts';

// Browser tests only: packages/sdk/test and packages/server/test hold Node tests with the same suffix.
export default {
  files: ['packages/elements/test/**/*.test.ts', 'test/browser/**/*.test.ts'],
  // "source" first, so @peerlink/* resolve to their TypeScript sources without a build.
  nodeResolve: { exportConditions: ['source', 'browser', 'import'] },
  // The plugin hands esbuild the file's raw text and does not follow "extends", so it gets the
  // base config, which holds the decorator settings Lit needs.
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.base.json', target: 'es2022' }),
    // React is CommonJS only; the React wrapper tests import it as ES modules through this.
    commonjsPackages(['react', 'react-dom', 'react-dom/client']),
    peerlinkServerPlugin(),
    screenshotPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath,
        headless: true,
        args: ['--headless=new', ...chromiumFlags],
      },
      // One window per page: concurrent pages opened as tabs leave all but one hidden, and a
      // hidden page never runs requestAnimationFrame, which fixtures wait on.
      createPage: ({ context }) => context.newPage({ type: 'window' }),
    }),
  ],
  concurrency: 2,
  // The story suite renders every story six times (themes × languages) and runs axe on each.
  testsFinishTimeout: 600_000,
  staticLogging: true,
  // Static (non-interactive) output: every test by name, then failures and the pass/fail count.
  reporters: [summaryReporter({ flatten: false }), defaultReporter()],
  // A test's own time: several seconds for one with axe when the machine is busy with the rest of the
  // suite (a hang still fails, in 20 s). Tests against the service set their own, longer.
  testFramework: { config: { timeout: 20_000 } },
};
