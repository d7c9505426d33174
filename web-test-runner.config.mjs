import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';

// Browser tests only: packages/sdk/test and packages/server/test hold Node tests with the same suffix.
export default {
  files: ['packages/elements/test/**/*.test.ts', 'test/browser/**/*.test.ts'],
  // "source" first, so @peerlink/* resolve to their TypeScript sources without a build.
  nodeResolve: { exportConditions: ['source', 'browser', 'import'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
      },
    }),
  ],
  concurrency: 2,
  staticLogging: true,
  reporters: [defaultReporter({ reportTestResults: true, reportTestProgress: false }), summaryReporter({ flatten: false })],
  testFramework: { config: { timeout: 5000 } },
};
