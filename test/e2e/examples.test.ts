// The framework example hosts end to end: each Vite build opened in Chromium from the example
// host, under its strict CSP with Trusted Types, against the real service. The React court portal
// shows the assigned peer's certification, verified with the program's published keys; the Vue
// hospital discharge page makes a referral with consent and downloads it as a FHIR R4 Bundle.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CreateCredentialRequest, Credential, Referral, ResourceInput } from '@peerlink/sdk';
import type { HTTPResponse, Page } from 'puppeteer-core';
import { categoryLabel } from '../../packages/elements/src/referral-picker/labels.js';
import { assignedPeer } from '../../examples/court-portal/src/participant.js';
import { personRefSystem, visit } from '../../examples/hospital-discharge/src/discharge.js';
import { demoProgram } from '../../packages/server/src/seed/demo.js';
import { syntheticResources } from '../../packages/server/src/seed/resources.js';
import { insertResource, insertSpecialist } from '../../packages/server/src/domain/store.js';
import { focusIn, startStack, until, type Stack } from './support/stack.js';
import { apiCall, embedToken } from './support/host-api.js';
import { requireChromium } from './support/chromium.js';
import { Teardown } from './support/teardown.js';
import { watchPage, type WatchedPage } from './support/watched-page.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const apps = ['court-portal', 'hospital-discharge'].filter((app) =>
  existsSync(`${root}examples/${app}/vite.config.ts`),
);

/** A page of the example host, watched for what the test must not see. */
interface Watched extends WatchedPage {
  response: HTTPResponse | null;
}

async function open(stack: Stack, path: string): Promise<Watched> {
  const watched = await watchPage(stack.browser);
  await watched.page.setViewport({ width: 1280, height: 900 });
  const response = await watched.page.goto(`${stack.host.url}${path}`, { waitUntil: 'load' });
  return { ...watched, response };
}

/** Everything the page must not have done, checked after the test's steps. */
async function assertClean(watched: Watched): Promise<void> {
  assert.deepEqual(await watched.violations(), [], 'CSP violations');
  assert.deepEqual(watched.errors, [], 'page errors');
  assert.deepEqual(watched.failed, [], 'failed requests');
}

interface Found {
  found: boolean;
  text: string;
  data: Partial<Record<string, string>>;
}

/** The node at a path of selectors, each inside the previous one's shadow root: its text and data attributes. */
function shadowQuery(page: Page, path: readonly string[]): Promise<Found> {
  return page.evaluate((selectors: readonly string[]): Found => {
    let scope: Document | ShadowRoot | null = document;
    let node: Element | null = null;
    for (const selector of selectors) {
      node = scope?.querySelector(selector) ?? null;
      if (!node) return { found: false, text: '', data: {} };
      scope = node.shadowRoot;
    }
    if (!(node instanceof HTMLElement)) return { found: false, text: '', data: {} };
    return {
      found: true,
      text: node.textContent.replace(/\s+/g, ' ').trim(),
      data: Object.fromEntries(Object.entries(node.dataset)),
    };
  }, path);
}

/** Types `text` into the picker's search box and waits for an option naming `name`. */
async function search(page: Page, picker: string, text: string, name: string): Promise<void> {
  await until(async () => (await shadowQuery(page, [picker, '#search'])).found, 15_000, 'the picker’s search box');
  // The result list renders only the rows in view, as a person would scroll to it.
  await page.evaluate((selector: string) => {
    document.querySelector(selector)?.scrollIntoView({ block: 'start' });
  }, picker);
  await focusIn(page, [picker, '#search']);
  await page.keyboard.type(text);
  await until(
    () =>
      page.evaluate(
        (selector: string, wanted: string) =>
          [...(document.querySelector(selector)?.shadowRoot?.querySelectorAll('[part="option"] .name') ?? [])].some(
            (node) => node.textContent.trim() === wanted,
          ),
        picker,
        name,
      ),
    15_000,
    `an option for ${name}`,
  );
}

/**
 * Keyboard only: opens the first result for `name`, fills in the consent form leaving what it
 * shares as it comes, and sends the referral.
 */
async function referWithDefaults(
  page: Page,
  picker: string,
  name: string,
  personRef: string,
  prefilled = false,
): Promise<void> {
  // A search answer arriving after the key press renders the list anew, with no option active:
  // the key is pressed again then, never while an option is active.
  let pressedAt = 0;
  await until(
    async () => {
      const active = await shadowQuery(page, [picker, '[part="option"][aria-selected="true"] .name']);
      if (active.found) return active.text === name;
      if (Date.now() - pressedAt > 1_500) {
        pressedAt = Date.now();
        await page.keyboard.press('ArrowDown');
      }
      return false;
    },
    15_000,
    'the option to be active',
  );
  await page.keyboard.press('Enter');
  await until(async () => (await shadowQuery(page, [picker, '[part="refer"]'])).found, 5_000, 'the resource’s details');
  await focusIn(page, [picker, '[part="refer"]']);
  await page.keyboard.press('Enter');
  await until(async () => (await shadowQuery(page, [picker, '#f-personRef'])).found, 5_000, 'the consent form');
  if (prefilled) {
    // The host gave the picker the person's reference: the form starts with it.
    const value = await page.evaluate(
      (selector: string) =>
        document.querySelector(selector)?.shadowRoot?.querySelector<HTMLInputElement>('#f-personRef')?.value,
      picker,
    );
    assert.equal(value, personRef, 'the person reference, filled in by the host');
  } else {
    await focusIn(page, [picker, '#f-personRef']);
    await page.keyboard.type(personRef);
  }
  await focusIn(page, [picker, 'input[name="method"][value="written"]']);
  await page.keyboard.press('Space');
  await focusIn(page, [picker, '#f-consent-part2NoticeAcknowledged']);
  await page.keyboard.press('Space');
  await focusIn(page, [picker, '[part="submit"]']);
  await page.keyboard.press('Enter');
}

/** The referral the picker shows is sent, with no error (and so no Retry) beside it. */
async function assertSent(page: Page, picker: string): Promise<void> {
  await until(
    async () => (await shadowQuery(page, [picker, '[part="status"]', '[part~="label"]'])).text.endsWith('Sent'),
    15_000,
    'the referral to be sent',
  );
  assert.equal((await shadowQuery(page, [picker, '[part="error"]'])).found, false, 'no error in the picker');
}

describe('framework example hosts in Chromium under the example host’s CSP', { timeout: 180_000 }, () => {
  let stack: Stack;
  /** Resources in the stack's program, as a directory import would store them. */
  const directory: ResourceInput[] = syntheticResources(40, 11);
  const teardown = new Teardown();
  before(async () => {
    requireChromium();
    // The pages are built from the current sources, as `pnpm build` does for `npm start`.
    for (const app of apps)
      execFileSync(`${root}node_modules/.bin/vite`, ['build', `examples/${app}`, '--logLevel', 'error'], {
        cwd: root,
        stdio: 'inherit',
      });
    stack = teardown.add('the stack', await startStack(), (started) => started.close());
    for (const resource of directory) await insertResource(stack.server.db, stack.people.agency, resource);
  });
  after(() => teardown.run());

  it('introduces every page and who it is for, in one fictional county, and sends a Vite app’s folder to its build', async () => {
    const response = await fetch(`${stack.host.url}/`);
    const index = await response.text();
    for (const audience of ['For dispatchers', 'For peers', 'For court staff', 'For clinicians'])
      assert.ok(index.includes(audience), audience);
    for (const place of ['Lakeside County ECC', 'Lakeside County Treatment Court', 'Lakeside General Hospital'])
      assert.ok(index.includes(place), place);
    // How a newcomer opens the peer's phone view under `npm start`.
    assert.match(index, /ack=http:\/\/…\/responder\//);
    const styles = await fetch(`${stack.host.url}/index.css`);
    assert.equal(styles.status, 200);
    assert.match(styles.headers.get('content-type') ?? '', /text\/css/);
    assert.ok(index.includes('href="/cad-console/"'), 'the CAD console is linked');
    for (const app of apps) {
      assert.ok(index.includes(`href="/${app}/"`), `${app} linked by its folder`);
      const folder = await fetch(`${stack.host.url}/${app}/`, { redirect: 'manual' });
      assert.equal(folder.status, 302);
      assert.equal(folder.headers.get('location'), `/${app}/dist/`);
    }
  });

  it('court portal (React): the assigned peer’s certification, active, qualified and verified; the referral picker finds a resource', async () => {
    // The demo program's court peer, as `pnpm start` seeds her, with credentials the program
    // issues (and signs) through the API.
    const demo = demoProgram({ now: new Date() });
    const luz = demo.specialists.find((specialist) => specialist.id === assignedPeer.id);
    assert.ok(luz, 'the court portal names the demo program’s court peer');
    await insertSpecialist(stack.server.db, { ...luz, agencyId: stack.people.agency, supervisorId: null });
    const supervisor = await embedToken(stack.host.url, 'supervisor', stack.people.supervisor);
    const issued: Credential[] = [];
    for (const credential of demo.credentials.filter((entry) => entry.request.specialistId === luz.id)) {
      issued.push(
        await apiCall<Credential>(
          stack.server.url,
          supervisor,
          'POST',
          '/v1/credentials',
          credential.request satisfies CreateCredentialRequest,
        ),
      );
    }
    assert.ok(
      issued.every((credential) => typeof credential.jwt === 'string'),
      'the service signs what it issues',
    );

    const portal = await open(stack, '/court-portal/');
    assert.match(portal.response?.headers()['content-security-policy'] ?? '', /require-trusted-types-for 'script'/);
    assert.equal(new URL(portal.page.url()).pathname, '/court-portal/dist/');

    const badge = ['#peer-badge'];
    await until(
      async () => (await shadowQuery(portal.page, [...badge, '[part="verification"]'])).data.outcome === 'valid',
      20_000,
      'the signature to verify',
    );
    assert.equal(
      await portal.page.evaluate(
        () =>
          document.querySelector('#peer-badge') instanceof (customElements.get('peer-certification-badge') ?? Object),
      ),
      true,
      'the badge is the real custom element',
    );
    assert.equal((await shadowQuery(portal.page, [...badge, '[part="holder"]'])).text, 'Luz M.');
    const status = await shadowQuery(portal.page, [...badge, '[part="status"]']);
    assert.equal(status.data.status, 'active');
    assert.match(status.text, /Active/);
    assert.match((await shadowQuery(portal.page, [...badge, '[part="verification"]'])).text, /Verified/);
    assert.match((await shadowQuery(portal.page, [...badge, '[part="qualification"]'])).text, /Qualified/);
    // The React host heard the element's typed event through onPeerCredentialVerified.
    await until(
      async () => (await shadowQuery(portal.page, ['#verification-note'])).text.includes('Signature checked'),
      5_000,
      'the host’s note',
    );
    assert.match((await shadowQuery(portal.page, ['#participant-title'])).text, /P-0042/);

    // The referral picker, rendered by <PeerReferralPicker> with the page's client as a property,
    // searches the program's directory with the court-staff token.
    assert.deepEqual(
      await portal.page.evaluate(() => {
        const picker = document.querySelector<HTMLElement & { client?: unknown }>('#picker');
        return [
          picker instanceof (customElements.get('peer-referral-picker') ?? Object),
          typeof picker?.client,
          picker?.hasAttribute('client'),
        ];
      }),
      [true, 'object', false],
    );
    const wanted = directory.find((resource) => resource.categories.includes('treatment')) ?? directory[1];
    assert.ok(wanted, 'a resource to find');
    await search(portal.page, '#picker', wanted.name, wanted.name);

    // Court staff refer with the consent as it comes (shared with the receiving service only) and
    // follow the referral they made; the page lists it in words.
    await referWithDefaults(portal.page, '#picker', wanted.name, 'P-0042');
    await assertSent(portal.page, '#picker');
    await until(
      async () => (await shadowQuery(portal.page, ['#referrals li'])).text.endsWith('— Sent'),
      10_000,
      'the host’s list to say Sent',
    );
    const listed = await shadowQuery(portal.page, ['#referrals li']);
    assert.equal(listed.text, `${wanted.categories.map((code) => categoryLabel(code, 'en')).join(', ')} — Sent`);
    const stored = await apiCall<Referral>(
      stack.server.url,
      await embedToken(stack.host.url, 'court-staff'),
      'GET',
      `/v1/referrals/${listed.data.referralId ?? ''}`,
    );
    assert.deepEqual(stored.consent.scope, ['share-with-resource']);

    await assertClean(portal);
  });
  it('hospital discharge (Vue): a referral with consent through the picker, then the FHIR bundle it downloads', async () => {
    const target = directory.find((resource) => resource.categories.includes('moud')) ?? directory[0];
    assert.ok(target, 'a resource to refer to');
    const downloads = mkdtempSync(join(tmpdir(), 'peerlink-downloads-'));
    try {
      const discharge = await open(stack, '/hospital-discharge/');
      assert.match(
        discharge.response?.headers()['content-security-policy'] ?? '',
        /require-trusted-types-for 'script'/,
      );
      const cdp = await discharge.page.createCDPSession();
      await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });

      // Keyboard only: find the resource, open it, fill the consent form leaving its sharing as it comes, send.
      const picker = '#picker';
      await search(discharge.page, picker, target.name, target.name);
      await referWithDefaults(discharge.page, picker, target.name, visit.ref, true);
      await assertSent(discharge.page, picker);

      // The Vue host heard peer-referral-created and lists the referral.
      await until(
        async () => (await shadowQuery(discharge.page, ['#referrals li'])).found,
        15_000,
        'the referral in the host’s list',
      );
      const referralId = (await shadowQuery(discharge.page, ['#referrals li'])).data.referralId ?? '';
      const clinician = await embedToken(stack.host.url, 'clinician');
      const stored = await apiCall<Referral>(stack.server.url, clinician, 'GET', `/v1/referrals/${referralId}`);
      assert.equal(stored.personRef, visit.ref);
      assert.equal(stored.consent.part2NoticeAcknowledged, true);
      assert.equal(stored.consent.method, 'written');
      // Shared with the receiving service only: the clinicians who made it still follow it, the host's list in words.
      assert.deepEqual(stored.consent.scope, ['share-with-resource']);
      await until(
        async () => (await shadowQuery(discharge.page, ['#referrals li'])).text === `${target.name} — Sent, Routine`,
        10_000,
        'the host’s list in words',
      );

      await focusIn(discharge.page, ['#download']);
      await discharge.page.keyboard.press('Enter');
      const fileName = `${visit.ref}-referrals.fhir.json`;
      // The file shows in the folder before Chromium has written it all: wait for the whole document.
      const downloaded = () => {
        if (!readdirSync(downloads).includes(fileName)) return undefined;
        try {
          return JSON.parse(readFileSync(join(downloads, fileName), 'utf8')) as unknown;
        } catch {
          return undefined;
        }
      };
      let read: unknown;
      await until(() => (read = downloaded()) !== undefined, 10_000, 'the downloaded bundle');
      const bundle = read as {
        resourceType: string;
        type: string;
        entry?: {
          fullUrl: string;
          resource: {
            resourceType: string;
            status?: string;
            for?: { display?: string; identifier?: { system?: string; value?: string } };
          };
        }[];
      };
      assert.equal(bundle.resourceType, 'Bundle');
      assert.equal(bundle.type, 'transaction');
      const types = (bundle.entry ?? []).map((entry) => entry.resource.resourceType);
      for (const type of ['ServiceRequest', 'Task', 'Consent'])
        assert.ok(types.includes(type), `the bundle holds a ${type}`);
      assert.ok(!types.includes('Patient'), 'no Patient record: the person is only a reference');
      const task = bundle.entry?.find((entry) => entry.resource.resourceType === 'Task')?.resource;
      assert.deepEqual(
        task?.for?.identifier,
        { system: personRefSystem, value: visit.ref },
        'the person as the hospital’s reference',
      );
      assert.equal(task.for.display, undefined, 'and by no name');
      assert.ok(['draft', 'requested'].includes(task.status ?? ''), `task status ${task.status ?? '(none)'}`);
      assert.ok(JSON.stringify(bundle).includes(referralId), 'the records carry the referral’s id');
      assert.match(
        (await shadowQuery(discharge.page, ['#export-status'])).text,
        /ServiceRequest.*Task.*Consent|Consent.*ServiceRequest.*Task/,
      );

      await assertClean(discharge);
    } finally {
      rmSync(downloads, { recursive: true, force: true });
    }
  });
});
