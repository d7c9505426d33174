// <peer-directory-import> against the real reference service (see test/browser/support/server-plugin.ts).
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { createProgramClient, type Resource } from '@peerlink/sdk';
import '../../src/directory-import/define.js';
import { PEER_THEMES, type PeerDirectoryImport } from '../../src/index.js';
import { adoptThemeCss, keepDocumentLang, part, settle, textOf } from '../helpers.js';
import { tokenFor } from '../callout-log-form/support.js';
import { setup, until, type Setup } from '../request-button/server.js';
import { feedName, hsdsFile, hsdsService } from './hsds.js';
import { controlledClient } from './support.js';

const server: Setup = await setup();
const supervisor = tokenFor('supervisor', server.people.supervisor);
const program = createProgramClient({ baseUrl: server.apiUrl, getToken: supervisor, offline: false });

/** Names of the agency's resources a search for `q` finds. */
const found = async (q: string): Promise<string[]> =>
  (await program.resources.search({ q, limit: 50 })).items.map((hit) => hit.resource.name);

async function mount(): Promise<PeerDirectoryImport> {
  const el = await fixture<PeerDirectoryImport>(
    html`<peer-directory-import base-url=${server.apiUrl} .getToken=${supervisor}></peer-directory-import>`,
  );
  await settle(el);
  return el;
}

/** The resource of the agency named `name`, as the service has it now. */
async function resourceNamed(name: string): Promise<Resource> {
  const hit = (await program.resources.search({ q: name, limit: 5 })).items.find((each) => each.resource.name === name);
  if (!hit) throw new Error(`no resource ${name}`);
  return hit.resource;
}

/** Types `text` in the resource search (as one input), and waits for what it finds or for an error. */
async function searchFor(el: PeerDirectoryImport, text: string): Promise<void> {
  const box = part(el, 'resource-search') as HTMLInputElement;
  box.value = text;
  box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await settle(el);
  if (text === '') return;
  await until(() => el.shadowRoot?.querySelector('[part~="resources"], [part~="error"]') !== null);
  await settle(el);
}

/**
 * Services `numbers` of a new feed imported (then `prepare` run), and the element, on a client the test controls,
 * showing what a search for the feed finds.
 */
async function capacityTools(numbers: readonly number[], prepare?: (feed: string) => Promise<unknown>) {
  const feed = feedName();
  await program.directory.importHsds(numbers.map((n) => hsdsService(feed, n)));
  await prepare?.(feed);
  const control = controlledClient(server, supervisor);
  const el = await fixture<PeerDirectoryImport>(
    html`<peer-directory-import .client=${control.client}></peer-directory-import>`,
  );
  await searchFor(el, feed);
  return { feed, el, control };
}

/** The names of the resources the search shows. */
const shownResources = (el: PeerDirectoryImport): string[] =>
  [...(el.shadowRoot?.querySelectorAll('[part~="resource"] .name') ?? [])].map(textOf);

/** The toggle button choosing the resource named `name`. */
function resourceButton(el: PeerDirectoryImport, name: string): HTMLButtonElement {
  const found = [...(el.shadowRoot?.querySelectorAll<HTMLButtonElement>('[part~="resource"]') ?? [])].find(
    (button) => textOf(button.querySelector('.name')) === name,
  );
  if (!found) throw new Error(`no resource button ${name}`);
  return found;
}

/** Chooses the resource named `name`, as its toggle button does. */
async function chooseResource(el: PeerDirectoryImport, name: string): Promise<void> {
  resourceButton(el, name).click();
  await settle(el);
}

/** The capacity form's open beds field. */
function bedsField(el: PeerDirectoryImport): HTMLInputElement {
  const beds = el.shadowRoot?.querySelector<HTMLInputElement>('#capacity-beds');
  if (!beds) throw new Error('no open beds field');
  return beds;
}

async function setBeds(el: PeerDirectoryImport, value: string): Promise<void> {
  const beds = bedsField(el);
  beds.value = value;
  beds.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await settle(el);
}

/** The Retry button of the shown error. */
function retryButton(el: PeerDirectoryImport): HTMLButtonElement {
  const button = part(el, 'error').querySelector('button');
  if (!button) throw new Error('no Retry');
  return button;
}

const hasError = (el: PeerDirectoryImport) => el.shadowRoot?.querySelector('[part~="error"]') !== null;

/** Chooses `file` in the element's file chooser, as a person does. */
async function choose(el: PeerDirectoryImport, file: File): Promise<void> {
  const input = part(el, 'file') as HTMLInputElement;
  const files = new DataTransfer();
  files.items.add(file);
  input.files = files.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await until(() => el.stage !== 'reading' && el.stage !== 'checking' && el.stage !== 'idle');
  await settle(el);
}

describe('<peer-directory-import>', function () {
  // Each test talks to the real service, which shares the machine with the rest of the suite.
  this.timeout(60_000);
  afterEach(keepDocumentLang());

  it('checks a file first: counts, and each bad record by its place; nothing is written', async () => {
    const feed = feedName();
    const el = await mount();
    const checked = new Promise<number>((resolve) => {
      el.addEventListener('peer-import-checked', (event) => {
        resolve(event.detail.job.counts.error);
      });
    });
    await choose(el, hsdsFile([hsdsService(feed, 1), { ...hsdsService(feed, 2), name: '' }, hsdsService(feed, 3)]));
    expect(await checked).to.equal(1);
    expect(el.stage).to.equal('checked');
    expect(textOf(part(el, 'counts'))).to.match(/^New 2 Changed 0 Unchanged 0 With errors 1 Warnings \d+$/);
    const record = part(el, 'record');
    expect(textOf(record)).to.match(/^Record 1 Service [0-9a-f-]+ Error: 1\.name Expected at least 1 character/);
    expect(el.shadowRoot?.querySelector('[part~="import"]')).to.equal(null, 'nothing to import while one is wrong');
    expect(await found(feed)).to.deep.equal([]);
  });

  it('imports a checked file with progress, then updates a resource’s capacity by keyboard', async () => {
    const feed = feedName();
    const el = await mount();
    await choose(el, hsdsFile([hsdsService(feed, 1), hsdsService(feed, 2), hsdsService(feed, 3)]));
    expect(textOf(part(el, 'import'))).to.equal('Import 3 resources');
    const done = new Promise<number>((resolve) => {
      el.addEventListener('peer-import-done', (event) => {
        resolve(event.detail.job.written);
      });
    });
    part(el, 'import').click();
    await settle(el);
    expect(['importing', 'done']).to.include(el.stage);
    expect(await done).to.equal(3);
    await settle(el);
    expect(textOf(part(el, 'outcome'))).to.equal('Imported: 3 new, 0 changed, 0 unchanged.');
    expect((await found(feed)).length).to.equal(3);

    // Capacity: find one by name, choose it, set open beds, save — all from the keyboard.
    part(el, 'resource-search').focus();
    await sendKeys({ type: `${feed} detox 2` });
    await until(() => el.shadowRoot?.querySelector('[part~="resource"]') !== null);
    await settle(el);
    const choice = [...(el.shadowRoot?.querySelectorAll<HTMLButtonElement>('[part~="resource"]') ?? [])].find(
      (button) => textOf(button).startsWith(`${feed} detox 2`),
    );
    if (!choice) throw new Error('the resource was not found');
    choice.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(choice.getAttribute('aria-pressed')).to.equal('true');
    const beds = el.shadowRoot?.querySelector<HTMLInputElement>('#capacity-beds');
    beds?.focus();
    await sendKeys({ type: '4' });
    const saved = new Promise<number | undefined>((resolve) => {
      el.addEventListener('peer-capacity-saved', (event) => {
        resolve(event.detail.resource.capacity?.openBeds);
      });
    });
    await sendKeys({ press: 'Enter' });
    expect(await saved).to.equal(4);
    await settle(el);
    expect(textOf(part(el, 'capacity-status'))).to.match(/^Saved at .+: 4 open\.$/);
  });

  it('Retry after a failed resource search searches again and writes nothing', async () => {
    const { feed, el, control } = await capacityTools([1, 2]);
    const detox = `${feed} detox 2`;
    const before = (await resourceNamed(detox)).capacity?.openBeds;
    await chooseResource(el, detox);
    await setBeds(el, '9');
    const saves: string[] = [];
    el.addEventListener('peer-capacity-saved', (event) => saves.push(event.detail.resource.id));
    control.link.down = true;
    await searchFor(el, `${feed} recovery`);
    expect(textOf(part(el, 'error'))).to.contain('Peerlink could not be reached.');
    control.link.down = false;
    retryButton(el).click();
    await until(() => !hasError(el) && (shownResources(el).length === 1 || saves.length > 0));
    await settle(el);
    expect(saves).to.deep.equal([], 'Retry saved the chosen resource');
    expect(shownResources(el)).to.deep.equal([`${feed} recovery housing 1`]);
    expect((await resourceNamed(detox)).capacity?.openBeds).to.equal(before);
  });

  it('Retry after a failed capacity save saves it, with the search cleared meanwhile', async () => {
    const { feed, el, control } = await capacityTools([2]);
    const detox = `${feed} detox 2`;
    await chooseResource(el, detox);
    await searchFor(el, '');
    expect(el.shadowRoot?.querySelector('[part~="resources"]')).to.equal(null, 'the results are cleared');
    await setBeds(el, '5');
    let savedBeds: number | null | undefined;
    el.addEventListener('peer-capacity-saved', (event) => {
      savedBeds = event.detail.resource.capacity?.openBeds;
    });
    control.link.down = true;
    part(el, 'save-capacity').click();
    await until(() => hasError(el));
    control.link.down = false;
    retryButton(el).click();
    await until(() => savedBeds !== undefined, 10_000);
    expect(savedBeds).to.equal(5);
    await settle(el);
    expect(hasError(el)).to.equal(false);
    expect(textOf(part(el, 'capacity-status'))).to.match(/^Saved at .+: 5 open\.$/);
    expect((await resourceNamed(detox)).capacity?.openBeds).to.equal(5);
  });

  it('keeps the resource chosen while an earlier save was answered; the next save writes to it', async () => {
    const { feed, el, control } = await capacityTools([1, 2], async (feed) =>
      program.directory.updateCapacity((await resourceNamed(`${feed} detox 2`)).id, { openBeds: 2 }),
    );
    const housing = `${feed} recovery housing 1`;
    const detox = `${feed} detox 2`;
    await chooseResource(el, housing);
    await setBeds(el, '4');
    const saved: Resource[] = [];
    el.addEventListener('peer-capacity-saved', (event) => saved.push(event.detail.resource));
    control.holdSaves();
    part(el, 'save-capacity').click();
    await settle(el);
    // The housing's save is on its way; the supervisor moves on to the detox.
    await chooseResource(el, detox);
    expect(bedsField(el).value).to.equal('2');
    control.release();
    await until(() => saved.length === 1);
    await settle(el);
    expect(saved[0]?.name).to.equal(housing);
    expect(saved[0]?.capacity?.openBeds).to.equal(4);
    expect(resourceButton(el, detox).getAttribute('aria-pressed')).to.equal('true');
    expect(resourceButton(el, housing).getAttribute('aria-pressed')).to.equal('false');
    expect(textOf(part(el, 'capacity-form').querySelector('.title'))).to.equal(`Capacity of ${detox}`);
    expect(bedsField(el).value).to.equal('2', "the detox's own number");
    expect(textOf(part(el, 'capacity-status'))).to.equal('', "the housing's save is not reported as the detox's");
    expect(textOf(resourceButton(el, housing))).to.contain('4 open', 'the list shows what was saved');

    await setBeds(el, '3');
    part(el, 'save-capacity').click();
    await until(() => saved.length === 2);
    expect(saved[1]?.name).to.equal(detox);
    expect((await resourceNamed(housing)).capacity?.openBeds).to.equal(4);
    expect((await resourceNamed(detox)).capacity?.openBeds).to.equal(3);
  });

  it('cancels a running import: the bar shows it, and nothing is written', async function () {
    // 12,000 services: long enough to be cancelled while it runs, on a quiet machine too (4,000 could finish
    // before the first progress read).
    this.timeout(180_000);
    const feed = feedName();
    const services = Array.from({ length: 12_000 }, (_, n) => hsdsService(feed, n));
    const el = await mount();
    await choose(el, hsdsFile(services, 'large.json'));
    expect(textOf(part(el, 'import'))).to.equal('Import 12,000 resources');
    part(el, 'import').click();
    await until(() => el.job !== undefined || el.stage === 'done', 30_000);
    await settle(el);
    expect(el.stage).to.equal('importing', 'the import still runs when its progress is first read');
    expect(part(el, 'progress').localName).to.equal('progress');
    expect(textOf(part(el, 'progress-label'))).to.match(/Checking records: [\d,]+ read|Writing/);
    const cancelled = new Promise<string>((resolve) => {
      el.addEventListener('peer-import-cancelled', (event) => {
        resolve(event.detail.id);
      });
    });
    part(el, 'cancel').click();
    // On PGlite the import's write holds the only connection: a cancel that waited behind other test files'
    // requests until the write began reaches the service after it finished. The element then says so; the
    // server's own tests prove the rollback on both storages.
    const outcome = await Promise.race([
      cancelled.then(() => 'cancelled' as const),
      until(() => el.stage === 'done', 170_000).then(
        () => 'done' as const,
        () => 'neither' as const,
      ),
    ]);
    await settle(el);
    if (outcome === 'done') {
      await until(() => textOf(el.shadowRoot?.querySelector('.note[role="status"]')).length > 0);
      expect(textOf(el.shadowRoot?.querySelector('.note[role="status"]'))).to.equal(
        'The import had already finished writing when the cancel arrived.',
      );
      return;
    }
    await until(() => el.stage === 'cancelled');
    await settle(el);
    expect(textOf(part(el, 'outcome'))).to.equal('Import cancelled. Nothing was written.');
    expect(el.job?.status).to.equal('cancelled');
    expect(await found(feed)).to.deep.equal([]);
  });

  it('says a file is not JSON, and when Peerlink cannot be reached', async () => {
    const el = await mount();
    await choose(el, new File(['name,phone\n'], 'roster.csv', { type: 'text/csv' }));
    expect(el.stage).to.equal('failed');
    expect(textOf(part(el, 'error'))).to.equal('This file is not JSON. Choose an HSDS 3.0 JSON file.');

    const away = await fixture<PeerDirectoryImport>(
      html`<peer-directory-import base-url="http://127.0.0.1:9" .getToken=${supervisor}></peer-directory-import>`,
    );
    await choose(away, hsdsFile([hsdsService(feedName(), 1)]));
    expect(textOf(part(away, 'error'))).to.contain('Peerlink could not be reached.');
    expect(textOf(part(away, 'error').querySelector('button'))).to.equal('Retry');
  });

  it('speaks Spanish', async () => {
    document.documentElement.lang = 'es';
    const el = await mount();
    expect(textOf(part(el, 'heading'))).to.equal('Directorio de recursos');
    await choose(el, hsdsFile([hsdsService(feedName(), 1)]));
    expect(textOf(part(el, 'import'))).to.equal('Importar 1 recursos');
    expect(textOf(part(el, 'counts'))).to.contain('Nuevos 1');
  });

  for (const theme of PEER_THEMES) {
    for (const lang of ['en', 'es'] as const) {
      it(`is accessible in the ${theme} theme in ${lang}: empty, a report with errors, capacity`, async () => {
        document.documentElement.lang = lang;
        const removeTheme = adoptThemeCss();
        try {
          const feed = feedName();
          const container = await fixture<HTMLDivElement>(
            html`<div data-peer-theme=${theme} style="background: var(--peer-color-surface); color: var(--peer-color-text)">
              <peer-directory-import base-url=${server.apiUrl} .getToken=${supervisor}></peer-directory-import>
            </div>`,
          );
          const el = container.querySelector('peer-directory-import');
          if (!el) throw new Error('not rendered');
          await settle(el);
          await expect(container).to.be.accessible();
          await choose(el, hsdsFile([hsdsService(feed, 1), { ...hsdsService(feed, 2), name: '' }]));
          await expect(container).to.be.accessible();
          await program.directory.importHsds([hsdsService(feed, 3)]);
          part(el, 'resource-search').focus();
          await sendKeys({ type: feed });
          await until(() => el.shadowRoot?.querySelector('[part~="resource"]') !== null);
          el.shadowRoot?.querySelector<HTMLButtonElement>('[part~="resource"]')?.click();
          await settle(el);
          await expect(container).to.be.accessible();
        } finally {
          removeTheme();
        }
      });
    }
  }
});
