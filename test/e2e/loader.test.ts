// The script-tag loader end to end: pages that add only dist/cdn/loader.js and write `peer-*`
// tags, served by the example host under its strict policy, against the real service in
// Chromium. Each element loads the first time its tag appears (in the document or in a shadow
// root), a page loads only the chunks it shows, and define()'s rules hold.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Dispatch } from '@peerlink/sdk';
import type { Page } from 'puppeteer-core';
import { startExampleHost, type ExampleHost } from '../../packages/server/src/example-host.js';
import { LOADER_BUDGET, requestButtonPageBudget } from '../../scripts/size/cdn.mjs';
import { newCall, startStack, until, type Stack } from './support/stack.js';
import { Teardown } from './support/teardown.js';
import { recordTransfers, totalCodeGzip, totalGzip, type Transfers } from './support/transfer.js';
import { clickIn, watchPage, type WatchedPage } from './support/watched-page.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/loader/', import.meta.url));
const OTHER_ELEMENTS = [
  'peer-callout-log-form',
  'peer-referral-picker',
  'peer-certification-badge',
  'peer-dispatch-card',

  'peer-program-report',
];

type Button = Element & { phase?: string; dispatch?: Dispatch };

/** The files of dist/cdn/ a page fetched, by name (`peer-request-button.js`, `chunks/…`). */
const cdnFiles = async (transfers: Transfers): Promise<string[]> =>
  (await transfers.peerlink()).map((file) => file.path.replace('/peerlink/cdn/', ''));

/** Whether `tag` is defined and the element found by `selectors` (through shadow roots) is upgraded to it. */
function upgraded(page: Page, tag: string, selectors: readonly string[]): Promise<boolean> {
  return page.evaluate(
    (name: string, path: readonly string[]) => {
      let scope: Document | ShadowRoot | null = document;
      let node: Element | null = null;
      for (const selector of path) {
        node = scope?.querySelector(selector) ?? null;
        scope = node?.shadowRoot ?? null;
      }
      const ctor = customElements.get(name);
      return ctor !== undefined && node instanceof ctor;
    },
    tag,
    selectors,
  );
}

/** The CAD console page with the loader, showing `call` first. */
const cadConsoleWithLoader = (hostUrl: string, call: unknown): string =>
  `${hostUrl}/cad-console/index.html?peerlink=loader&call=${encodeURIComponent(JSON.stringify(call))}`;

/** The CAD console's request button for the call shown. */
const CAD_BUTTON = '#detail peer-request-button';

const cadPhase = (page: Page): Promise<string> =>
  page.evaluate((selector: string) => document.querySelector<Button>(selector)?.phase ?? 'missing', CAD_BUTTON);

/** Requests a call-out with the CAD console's button: press it, then confirm. */
async function requestOnCadConsole(page: Page): Promise<void> {
  await until(async () => (await cadPhase(page)) === 'ready', 15_000, 'the request button');
  await clickIn(page, [CAD_BUTTON, '.button']);
  await until(async () => (await cadPhase(page)) === 'confirm', 15_000, 'who is on call');
  await clickIn(page, [CAD_BUTTON, '.button']);
}

describe('CDN loader: elements load on first sight, only the chunks a page shows', { timeout: 180_000 }, () => {
  let stack: Stack;
  let fixtureHost: ExampleHost;
  const teardown = new Teardown();

  before(async () => {
    const loader = `${root}packages/elements/dist/cdn/loader.js`;
    if (!existsSync(loader)) throw new Error(`${loader} is missing: run \`pnpm build\` first (npm test does)`);
    stack = teardown.add('the stack', await startStack(), (started) => started.close());
    // The test pages are plain HTML served like the example pages (same policy, /peerlink/ from dist).
    fixtureHost = teardown.add(
      'the fixture host',
      await startExampleHost({ root: fixtures, apiUrl: stack.server.url, db: stack.server.db, port: 0 }),
      (started) => started.close(),
    );
    await stack.server.db.query('update agencies set allowed_origins = $2::text::text[] where id = $1', [
      stack.people.agency,
      `{"${stack.host.url}","${fixtureHost.url}"}`,
    ]);
  });
  after(() => teardown.run());

  const open = async (url: string): Promise<{ watched: WatchedPage; transfers: Transfers }> => {
    const watched = await watchPage(stack.browser);
    const transfers = recordTransfers(watched.page, new URL(url).origin);
    await watched.page.goto(url, { waitUntil: 'load' });
    return { watched, transfers };
  };

  const assertClean = async (watched: WatchedPage) => {
    assert.deepEqual(await watched.violations(), [], 'CSP violations');
    assert.deepEqual(watched.errors, [], 'page errors');
    assert.deepEqual(watched.failed, [], 'failed requests');
  };

  it('a page with only the loader and <peer-request-button> gets a working button, loading its chunks alone, within budget', async () => {
    const { watched, transfers } = await open(`${fixtureHost.url}/request-button.html`);
    const { page } = watched;
    try {
      await until(
        () => upgraded(page, 'peer-request-button', ['peer-request-button']),
        15_000,
        'the button to be upgraded',
      );
      // The host gives the button its incident and its token source, as a page script would.
      const call = newCall('LOADER');
      await page.evaluate((incident: unknown) => {
        const button = document.querySelector('peer-request-button') as Element & {
          incident?: unknown;
          baseUrl?: string;
          getToken?: unknown;
        };
        return fetch('/host/config.json')
          .then((response) => response.json() as Promise<{ apiUrl: string }>)
          .then(({ apiUrl }) => {
            button.baseUrl = apiUrl;
            button.getToken = () =>
              fetch('/host/session', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: '{"role":"dispatcher"}',
              }).then((response) => response.json());
            button.incident = incident;
          });
      }, call);
      const phase = () =>
        page.evaluate(() => document.querySelector<Button>('peer-request-button')?.phase ?? 'missing');
      await until(async () => (await phase()) === 'ready', 15_000, 'the button to find who is on call');
      await clickIn(page, ['peer-request-button', '.button']);
      await until(async () => (await phase()) === 'confirm', 15_000, 'the confirm step');
      await clickIn(page, ['peer-request-button', '.button']);
      await until(
        async () =>
          (await page.evaluate(() => document.querySelector<Button>('peer-request-button')?.dispatch?.status)) ===
          'notified',
        15_000,
        'the call-out to be notified',
      );
      assert.ok(
        await upgraded(page, 'peer-status', ['peer-request-button', 'peer-status']),
        'the status inside the button is upgraded',
      );

      const files = await cdnFiles(transfers);
      assert.ok(files.includes('loader.js') && files.includes('peer-request-button.js'), files.join(', '));
      for (const other of [...OTHER_ELEMENTS, 'client'])
        assert.ok(!files.includes(`${other}.js`), `${other}.js not loaded: ${files.join(', ')}`);
      assert.equal(new Set(files).size, files.length, `each file once: ${files.join(', ')}`);
      const fetched = await transfers.peerlink();
      const loader = fetched.filter((file) => file.path.endsWith('/cdn/loader.js'));
      const chunks = fetched.filter((file) => !file.path.endsWith('/cdn/loader.js'));
      assert.ok(totalGzip(loader) <= LOADER_BUDGET, `loader ${String(totalGzip(loader))} B`);
      // Held to the button's ESM entry with what it loads on first use (issue 14).
      const { withFirstUse } = await requestButtonPageBudget();
      assert.ok(
        totalCodeGzip(chunks) <= withFirstUse,
        `the button's files ${String(totalCodeGzip(chunks))} B, its ESM entry ${String(withFirstUse)} B`,
      );
      await assertClean(watched);
    } finally {
      await page.close();
    }
  });

  it('upgrades elements added later: in the document, in an open shadow root, and in the shadow root of a host element defined later', async () => {
    const { watched, transfers } = await open(`${fixtureHost.url}/request-button.html`);
    const { page } = watched;
    try {
      await until(() => upgraded(page, 'peer-request-button', ['peer-request-button']), 15_000, 'the first button');
      await page.evaluate(() => {
        document.body.append(document.createElement('peer-certification-badge'));
        const box = document.createElement('div');
        document.body.append(box);
        box.attachShadow({ mode: 'open' }).append(document.createElement('peer-dispatch-card'));
        // A host element on the page before its class is: its shadow root appears when it is defined.
        document.body.append(document.createElement('host-panel'));
      });
      await until(
        () => upgraded(page, 'peer-certification-badge', ['peer-certification-badge']),
        15_000,
        'the badge added later',
      );
      await until(
        () => upgraded(page, 'peer-dispatch-card', ['div', 'peer-dispatch-card']),
        15_000,
        'the card in a shadow root',
      );
      await page.evaluate(() => {
        customElements.define(
          'host-panel',
          class extends HTMLElement {
            constructor() {
              super();
              this.attachShadow({ mode: 'open' }).append(document.createElement('peer-callout-log-form'));
            }
          },
        );
      });
      await until(
        () => upgraded(page, 'peer-callout-log-form', ['host-panel', 'peer-callout-log-form']),
        15_000,
        'the form in a host element defined later',
      );

      const files = await cdnFiles(transfers);
      for (const tag of [
        'peer-request-button',
        'peer-certification-badge',
        'peer-dispatch-card',
        'peer-callout-log-form',
      ]) {
        assert.equal(files.filter((file) => file === `${tag}.js`).length, 1, `${tag}.js once: ${files.join(', ')}`);
      }
      assert.ok(!files.includes('peer-referral-picker.js'), `no picker shown, none loaded: ${files.join(', ')}`);
      await assertClean(watched);
    } finally {
      await page.close();
    }
  });

  it('leaves a tag defined by the same version alone, and warns without loading when another version holds it', async () => {
    for (const [version, warns] of [
      ['0.1.0', false],
      ['0.0.9', true],
    ] as const) {
      const watched = await watchPage(stack.browser);
      const { page } = watched;
      try {
        const transfers = recordTransfers(page, fixtureHost.url);
        // Another copy of Peerlink defined <peer-status> before the loader ran.
        await page.evaluateOnNewDocument((held: string) => {
          customElements.define(
            'peer-status',
            class extends HTMLElement {
              static version = held;
            },
          );
        }, version);
        await page.goto(`${fixtureHost.url}/status.html`, { waitUntil: 'load' });
        await until(async () => (await cdnFiles(transfers)).includes('loader.js'), 15_000, 'the loader');
        await new Promise((resolve) => setTimeout(resolve, 300));
        const files = await cdnFiles(transfers);
        assert.deepEqual(files, ['loader.js'], `version ${version}: nothing but the loader`);
        const warnings = watched.console.filter(
          (entry) => entry.type === 'warn' && entry.text.includes('<peer-status>'),
        );
        if (warns) {
          assert.equal(warnings.length, 1, JSON.stringify(watched.console));
          assert.ok(
            warnings[0]?.text.includes('Peerlink 0.0.9') && warnings[0].text.includes('Peerlink 0.1.0'),
            warnings[0]?.text,
          );
        } else {
          assert.deepEqual(warnings, [], 'no warning for the same version');
        }
        assert.deepEqual(watched.errors, [], 'page errors');
      } finally {
        await page.close();
      }
    }
  });

  it("the CAD console with the loader: a call-out the host's client (client.js) keeps offline shows as queued in the button, another copy of the SDK", async () => {
    const call = newCall('LOADER-QUEUED');
    const watched = await watchPage(stack.browser);
    const { page } = watched;
    try {
      // The service cannot be reached for the request itself: the host's client keeps it in its outbox.
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const toService = request.url().startsWith(stack.server.url) && request.method() === 'POST';
        void (toService && request.url().endsWith('/dispatches')
          ? request.abort('internetdisconnected')
          : request.continue());
      });
      await page.goto(cadConsoleWithLoader(stack.host.url, call), { waitUntil: 'load' });
      await requestOnCadConsole(page);
      // An error of client.js's copy is a PeerQueuedError to the button's copy: queued, not failed.
      await until(async () => (await cadPhase(page)) !== 'sending', 15_000, 'the request to end');
      assert.equal(await cadPhase(page), 'queued');
      assert.deepEqual(watched.errors, [], 'page errors');
    } finally {
      await page.close();
    }
  });

  it('the CAD console with the loader (?peerlink=loader) requests a call-out as with the single file, without the other elements', async () => {
    const call = newCall('LOADER-CAD');
    const { watched, transfers } = await open(cadConsoleWithLoader(stack.host.url, call));
    const { page } = watched;
    try {
      await requestOnCadConsole(page);
      await until(
        async () =>
          (await page.evaluate(
            (selector: string) => document.querySelector<Button>(selector)?.dispatch?.status,
            CAD_BUTTON,
          )) === 'notified',
        15_000,
        'the call-out to be notified',
      );
      const files = await cdnFiles(transfers);
      assert.ok(
        ['loader.js', 'client.js', 'peer-request-button.js'].every((file) => files.includes(file)),
        files.join(', '),
      );
      for (const other of OTHER_ELEMENTS) assert.ok(!files.includes(`${other}.js`), `${other}.js not loaded`);
      assert.ok(
        !(await transfers.peerlink()).some((file) => file.path.endsWith('peerlink.min.js')),
        'the single file is not loaded',
      );
      await assertClean(watched);
    } finally {
      await page.close();
    }
  });
});
