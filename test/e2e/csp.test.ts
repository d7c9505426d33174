// Every example page under the strictest policy a host would send: default-src, script-src and
// style-src 'self' and Trusted Types required for scripts (plus connect-src for the service,
// which lives at another origin). Each page is driven into its main states in Chromium against
// the real service; no `securitypolicyviolation` may fire and no console message may speak of
// the policy or of Trusted Types.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CreateCredentialRequest, Dispatch, Role } from '@peerlink/sdk';
import type { Page } from 'puppeteer-core';
import { assignedPeer } from '../../examples/court-portal/src/participant.js';
import { startExampleHost, type ExampleHost } from '../../packages/server/src/example-host.js';
import { demoProgram } from '../../packages/server/src/seed/demo.js';
import { syntheticResources } from '../../packages/server/src/seed/resources.js';
import { insertResource, insertSpecialist } from '../../packages/server/src/domain/store.js';
import { newCall, startStack, until, type Stack } from './support/stack.js';
import { apiCall, embedToken } from './support/host-api.js';
import { startPolicyProxy, type PolicyProxy } from './support/policy-proxy.js';
import { requireChromium } from './support/chromium.js';
import { Teardown } from './support/teardown.js';
import { clickIn, existsIn, fillIn, policyMessages, watchPage, type WatchedPage } from './support/watched-page.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const REQUIRED_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'";
const viteConfig = /^vite\.config\.[cm]?[jt]s$/;

interface ExamplePage {
  name: string;
  path: string;
  kind: 'plain' | 'vite';
}

/**
 * A copy of examples/ with each Vite app built into its own dist/ from the current sources, so
 * this suite never reads (or races) a build another test is writing.
 */
function prepareExamples(target: string): ExamplePage[] {
  const source = join(root, 'examples');
  cpSync(source, target, {
    recursive: true,
    filter: (path) => !/[\\/](?:node_modules|dist)(?:[\\/]|$)/.test(path.slice(source.length)),
  });
  const pages: ExamplePage[] = [];
  for (const name of readdirSync(source).sort()) {
    const folder = join(source, name);
    if (!statSync(folder).isDirectory()) continue;
    if (readdirSync(folder).some((file) => viteConfig.test(file))) {
      execFileSync(
        join(root, 'node_modules/.bin/vite'),
        ['build', `examples/${name}`, '--outDir', join(target, name, 'dist'), '--emptyOutDir', '--logLevel', 'error'],
        { cwd: root, stdio: 'inherit' },
      );
      pages.push({ name, path: `/${name}/dist/`, kind: 'vite' });
    } else if (existsSync(join(folder, 'index.html'))) {
      pages.push({ name, path: `/${name}/index.html`, kind: 'plain' });
    }
  }
  return pages;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until every Peerlink element on the page (and in shadow roots) has finished rendering. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    // No named inner functions: the page gets this function's source alone.
    const peers: Element[] = [];
    const scopes: ParentNode[] = [document];
    for (let scope = scopes.pop(); scope; scope = scopes.pop()) {
      for (const element of scope.querySelectorAll('*')) {
        if (element.localName.startsWith('peer-')) peers.push(element);
        if (element.shadowRoot) scopes.push(element.shadowRoot);
      }
    }
    await Promise.all(
      peers.map(
        (element) => (element as Element & { updateComplete?: Promise<unknown> }).updateComplete ?? Promise.resolve(),
      ),
    );
  });
  await sleep(400);
}

describe(
  'CSP: every example page under the strict policy, driven through its main states',
  { timeout: 180_000 },
  () => {
    let stack: Stack;
    let host: ExampleHost;
    /** The example host behind a proxy that sends the strict policy: where the browser goes. */
    let site: PolicyProxy;
    let copy: string;
    let pages: ExamplePage[] = [];
    let policy = '';
    const results: string[] = [];

    /** An embed token from the example host, as the pages get theirs. */
    const token = (role: Role, subjectId?: string) => embedToken(host.url, role, subjectId);
    const api = <T>(bearer: string, path: string, body: unknown) =>
      apiCall<T>(stack.server.url, bearer, 'POST', path, body);

    /** What each page is put through, beyond loading; pages without a driver are loaded and settled. */
    const drivers: Record<string, (page: Page) => Promise<string[]>> = {
      'cad-console': async (page) => {
        const call = newCall('CSP');
        await page.goto(`${site.url}/cad-console/index.html?call=${encodeURIComponent(JSON.stringify(call))}`, {
          waitUntil: 'load',
        });
        const button = '#detail peer-request-button';
        const phase = () =>
          page.evaluate(
            (selector: string) => document.querySelector<Element & { phase?: string }>(selector)?.phase ?? 'missing',
            button,
          );
        const status = () =>
          page.evaluate(
            (selector: string) => document.querySelector<Element & { dispatch?: Dispatch }>(selector)?.dispatch?.status,
            button,
          );
        await until(async () => (await phase()) === 'ready', 15_000, 'the request button');
        await clickIn(page, [button, '.button']);
        await until(async () => (await phase()) === 'confirm', 15_000, 'who is on call');
        await clickIn(page, [button, '.button']);
        await until(async () => (await status()) === 'notified', 15_000, 'the call-out to be notified');
        await page.select('#theme', 'high-contrast');
        await page.select('#lang', 'es');
        await page.click('#new-call');
        await settled(page);
        return [
          'incident queue',
          'on call shown',
          'call-out requested and followed live',
          'high-contrast theme',
          'Spanish',
          'new call',
        ];
      },
      responder: async (page) => {
        const dispatch = await api<Dispatch>(await token('dispatcher'), '/v1/dispatches', {
          callForService: newCall('CSP-PHONE'),
        });
        await page.goto(`${site.url}/responder/?dispatch=${dispatch.id}&specialist=${stack.people.primary}`, {
          waitUntil: 'load',
        });
        const card = 'peer-dispatch-card';
        const status = () =>
          page.evaluate(
            () => document.querySelector<Element & { dispatch?: Dispatch }>('peer-dispatch-card')?.dispatch?.status,
          );
        // Each step once the card shows the one before (a press while a step is under way is ignored).
        const press = async (to: string) => {
          await until(() => existsIn(page, [card, `[data-to="${to}"]`]), 15_000, `a "${to}" button`);
          await clickIn(page, [card, `[data-to="${to}"]`]);
          // Clearing asks once more.
          if (to === 'cleared') {
            await until(
              () => existsIn(page, [card, '[part~="confirm"] [data-confirm]']),
              15_000,
              'the question before clearing',
            );
            await clickIn(page, [card, '[part~="confirm"] [data-confirm]']);
          }
          if (to !== 'checked-in') await until(async () => (await status()) === to, 15_000, `the card to show ${to}`);
        };
        for (const to of ['acknowledged', 'en-route', 'on-scene', 'checked-in']) await press(to);
        await until(() => existsIn(page, [card, '#check-in-name']), 15_000, 'the check-in form');
        await fillIn(page, [card, '#check-in-name'], 'Det. A. Rivera');
        await fillIn(page, [card, '#check-in-role'], 'law-enforcement');
        await fillIn(page, [card, '#check-in-agency'], 'County Sheriff');
        await clickIn(page, [card, '[part~="check-in"] button[type="submit"]']);
        await until(async () => (await status()) === 'checked-in', 15_000, 'the card to show checked-in');
        for (const to of ['engaged', 'cleared']) await press(to);
        const form = 'peer-callout-log-form';
        await until(() => existsIn(page, [form, '[data-path="narrative"]']), 15_000, 'the call-out log form');
        // A name and a phone number: the PII guard lists them with Redact and Keep.
        await fillIn(page, [form, '[data-path="narrative"]'], 'Talked with Maria Lopez at 217-555-0143 about detox.');
        await until(() => existsIn(page, [form, '[part~="pii"] [data-redact]']), 15_000, 'the PII findings');
        await clickIn(page, [form, '[part~="pii"] [data-redact]']);
        // Long enough for the draft to be saved on the device.
        await sleep(1500);
        await page.select('#language', 'es');
        await settled(page);
        return [
          'call-out card',
          'every step to cleared',
          'check-in form',
          'call-out log form',
          'PII findings',
          'redaction',
          'draft saved',
          'Spanish',
        ];
      },
      'court-portal': async (page) => {
        // The demo program's court peer with the credentials the program issues, as examples.test.ts sets up.
        const demo = demoProgram({ now: new Date() });
        const luz = demo.specialists.find((specialist) => specialist.id === assignedPeer.id);
        assert.ok(luz, 'the court portal names the demo program’s court peer');
        await insertSpecialist(stack.server.db, { ...luz, agencyId: stack.people.agency, supervisorId: null });
        const supervisor = await token('supervisor', stack.people.supervisor);
        for (const credential of demo.credentials.filter((entry) => entry.request.specialistId === luz.id)) {
          await api(supervisor, '/v1/credentials', credential.request satisfies CreateCredentialRequest);
        }
        await page.goto(`${site.url}/court-portal/dist/`, { waitUntil: 'load' });
        await until(
          () =>
            page.evaluate(
              () =>
                (
                  document
                    .querySelector('#peer-badge')
                    ?.shadowRoot?.querySelector('[part~="verification"]') as HTMLElement | null
                )?.dataset.outcome === 'valid',
            ),
          20_000,
          'the signature to verify',
        );
        await settled(page);
        return ['participant', 'certification badge', 'signature verified'];
      },
      'hospital-discharge': async (page) => {
        const directory = syntheticResources(12, 7);
        for (const resource of directory) await insertResource(stack.server.db, stack.people.agency, resource);
        await page.goto(`${site.url}/hospital-discharge/dist/`, { waitUntil: 'load' });
        const picker = 'peer-referral-picker';
        await until(() => existsIn(page, [picker, '#search']), 15_000, 'the referral picker');
        // The result list renders only the rows in view, as a person would scroll to it.
        await page.evaluate((selector: string) => {
          document.querySelector(selector)?.scrollIntoView({ block: 'start' });
        }, picker);
        await fillIn(page, [picker, '#search'], directory[0]?.name ?? 'detox');
        // The virtualized list renders the rows in view: bring it there once it has some.
        await until(
          () =>
            page.evaluate((selector: string) => {
              const list = document.querySelector(selector)?.shadowRoot?.querySelector('[part~="listbox"]');
              list?.scrollIntoView({ block: 'center' });
              return Boolean(list?.querySelector('[part~="option"]'));
            }, picker),
          15_000,
          'search results',
        );
        await clickIn(page, [picker, '[part~="option"]']);
        await until(() => existsIn(page, [picker, '[part~="refer"]']), 15_000, 'the resource’s details');
        await clickIn(page, [picker, '[part~="refer"]']);
        await until(() => existsIn(page, [picker, '[part~="consent"]']), 15_000, 'the consent form');
        await settled(page);
        return ['discharge page', 'resource search results', 'resource details', 'consent form with the Part 2 notice'];
      },
    };

    const teardown = new Teardown();
    before(async () => {
      requireChromium();
      teardown.add('the results', results, (lines) => {
        for (const line of lines) console.log(line);
      });
      copy = teardown.add('the copied examples', mkdtempSync(join(tmpdir(), 'peerlink-csp-')), (dir) => {
        rmSync(dir, { recursive: true, force: true });
      });
      pages = prepareExamples(copy);
      stack = teardown.add('the stack', await startStack(), (started) => started.close());
      host = teardown.add(
        'the copied example host',
        await startExampleHost({ root: copy, apiUrl: stack.server.url, db: stack.server.db, port: 0 }),
        (started) => started.close(),
      );
      // The strict policy word for word, plus where the service is: it lives at another origin, and
      // under default-src 'self' alone a page could not reach it at all.
      policy = `${REQUIRED_POLICY}; connect-src 'self' ${new URL(stack.server.url).origin}`;
      site = teardown.add('the policy proxy', await startPolicyProxy(host.url, policy), (started) => started.close());
      await stack.server.db.query('update agencies set allowed_origins = $2::text::text[] where id = $1', [
        stack.people.agency,
        `{"${stack.host.url}","${site.url}"}`,
      ]);
      stack.server.config.responderUrl = `${site.url}/responder/`;
    });

    after(() => teardown.run());

    it('finds the example pages, the built Vite apps among them', () => {
      assert.ok(
        pages.some((page) => page.name === 'cad-console'),
        'the CAD console',
      );
      assert.ok(
        pages.some((page) => page.name === 'responder'),
        'the responder view',
      );
      assert.ok(
        pages.some((page) => page.kind === 'vite'),
        'at least one Vite app',
      );
    });

    it('the example host’s own policy holds every directive of the strict policy, word for word', async () => {
      for (const page of pages) {
        const response = await fetch(`${host.url}${page.path}`);
        assert.equal(response.status, 200, page.path);
        const sent = (response.headers.get('content-security-policy') ?? '')
          .split(';')
          .map((directive) => directive.trim());
        for (const directive of REQUIRED_POLICY.split(';').map((part) => part.trim())) {
          assert.ok(sent.includes(directive), `${page.path} sends ${directive}`);
        }
      }
    });

    // One test per page found when this file loads; a page added later is picked up the same way.
    const found = readdirSync(join(root, 'examples'))
      .filter((name) => statSync(join(root, 'examples', name)).isDirectory())
      .filter((name) =>
        readdirSync(join(root, 'examples', name)).some((file) => viteConfig.test(file) || file === 'index.html'),
      )
      .sort();
    for (const name of found) {
      it(`${name}: no violation and no policy message in its main states`, async (t) => {
        const page = pages.find((candidate) => candidate.name === name);
        assert.ok(page, `${name} was prepared`);
        const watched: WatchedPage = await watchPage(stack.browser);
        try {
          const drive = drivers[name];
          let states: string[] = [];
          let stopped: unknown;
          try {
            if (drive) {
              states = await drive(watched.page);
            } else {
              await watched.page.goto(`${site.url}${page.path}`, { waitUntil: 'load' });
              await settled(watched.page);
              states = ['loaded'];
            }
          } catch (error) {
            // What the page reported says why a step never came; the step's error is thrown after.
            stopped = error;
          }
          const violations = await watched.violations();
          const messages = policyMessages(watched.console);
          if (stopped) {
            t.diagnostic(
              `violations: ${JSON.stringify(violations)}; console: ${JSON.stringify(watched.console.slice(0, 10))}; errors: ${JSON.stringify(watched.errors)}`,
            );
            throw stopped instanceof Error ? stopped : new Error('the page could not be driven', { cause: stopped });
          }
          const line = `csp: ${name.padEnd(20)} violations ${String(violations.length)}, policy console messages ${String(messages.length)}, page errors ${String(watched.errors.length)}, failed requests ${String(watched.failed.length)} — ${states.join(', ')}`;
          results.push(line);
          t.diagnostic(line);
          assert.ok(
            watched.policies.length > 0 && watched.policies.every((sent) => sent === policy),
            `every document arrived under the strict policy (${JSON.stringify(watched.policies)})`,
          );
          assert.deepEqual(violations, [], 'securitypolicyviolation events');
          assert.deepEqual(messages, [], 'console messages about CSP or Trusted Types');
          assert.deepEqual(watched.errors, [], 'page errors');
          assert.deepEqual(watched.failed, [], 'failed requests');
        } finally {
          await watched.page.close();
        }
      });
    }
  },
);
