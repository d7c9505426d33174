// <peer-roster> against the real reference service: the list (state, on call now, credential standing), the
// filter, adding, editing, deactivating and reactivating a peer by keyboard, the CSV import (a dry run that
// names every bad line and writes nothing, then the import), failures, and axe in every theme and language.
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { createProgramClient } from '@peerlink/sdk';
import '../../src/roster/define.js';
import type { PeerRoster } from '../../src/index.js';
import { inThemedPage, part, settle, textOf, themedFixture } from '../helpers.js';
import { session, setup, until, type Setup } from '../request-button/server.js';

const server: Setup = await setup();
const supervisorToken = async () => (await session('supervisor', server.people.supervisor)).token;
const api = createProgramClient({ baseUrl: server.apiUrl, getToken: supervisorToken });

/** A name no other test uses (the browser suite shares one agency). */
const unique = (name: string) => `${name} ${Math.random().toString(36).slice(2, 8)}`;

async function roster(getToken = supervisorToken) {
  const el = await fixture<PeerRoster>(
    html`<peer-roster base-url=${server.apiUrl} .getToken=${getToken}></peer-roster>`,
  );
  await until(() => el.shadowRoot?.querySelector('[part~="list"], [part~="empty"], [part~="error"]') !== null);
  await settle(el);
  return el;
}

const rows = (el: PeerRoster) => [...(el.shadowRoot?.querySelectorAll<HTMLElement>('[part~="peer"]') ?? [])];

async function filter(el: PeerRoster, text: string) {
  const box = part(el, 'filter') as HTMLInputElement;
  box.value = text;
  box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await settle(el);
  await until(() => rows(el).length > 0 || el.shadowRoot?.querySelector('[part~="empty"]') !== null);
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

function button(el: PeerRoster, label: string): HTMLButtonElement {
  const found = [...(el.shadowRoot?.querySelectorAll('button') ?? [])].find((candidate) => textOf(candidate) === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
}

async function press(target: HTMLElement) {
  target.focus();
  await sendKeys({ press: 'Enter' });
}

async function chooseFile(el: PeerRoster, csv: string) {
  const input = el.shadowRoot?.querySelector<HTMLInputElement>('#roster-file');
  if (!input) throw new Error('no file input');
  const files = new DataTransfer();
  files.items.add(new File([csv], 'roster.csv', { type: 'text/csv' }));
  input.files = files.files;
  await press(part(el, 'check-import'));
}

describe('<peer-roster>', function () {
  // Each test talks to the real service, which shares the machine with the rest of the suite.
  this.timeout(60_000);
  it('lists peers with their state, who is on call now and their credential standing', async () => {
    const name = unique('Dana Expiring');
    const peer = await api.roster.create({ displayName: name, roles: ['recovery-coach'], languages: ['en', 'es'] });
    const expiresOn = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const response = await fetch(`${server.apiUrl}/v1/credentials`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await supervisorToken()}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
      },
      body: JSON.stringify({
        specialistId: peer.id,
        type: 'peer-recovery',
        name: 'Peer Recovery Specialist',
        issuer: { name: 'Example Board' },
        issuedOn: '2024-01-01',
        expiresOn,
        evidence: [],
      }),
    });
    expect(response.status).to.equal(201);
    const bare = unique('Sam Uncredentialed');
    await api.roster.create({ displayName: bare, roles: ['recovery-coach'], languages: ['en'] });
    const el = await roster();
    await filter(el, name);
    expect(rows(el)).to.have.length(1);
    const row = rows(el)[0];
    if (!row) throw new Error('no row');
    expect(textOf(row.querySelector('[part~="credential"]'))).to.match(/^Credential expires in (19|20) days$/);
    expect(textOf(row)).to.contain('Active').and.to.contain('Languages: en, es').and.to.contain('Recovery coach');
    await filter(el, 'primary');
    const onCall = rows(el).find((candidate) => textOf(candidate.querySelector('.name')) === 'primary');
    // Other test files put the same peer on call in areas of their own at the same time.
    expect(textOf(onCall?.querySelector('[part~="on-call"]'))).to.match(/^On call now: (.+, )?county primary(, |$)/);
    // Other test files give the on-call peers credentials of their own: a peer of this test's has none.
    await filter(el, bare);
    await until(() => rows(el).length === 1);
    expect(textOf(rows(el)[0]?.querySelector('[part~="credential"]'))).to.equal('No credential on file');
  });

  it('adds a peer with contacts by keyboard, edits them, deactivates and reactivates them', async () => {
    const el = await roster();
    const changes: unknown[] = [];
    el.addEventListener('peer-roster-changed', (event) => changes.push(event.detail.kind));
    await press(part(el, 'add'));
    await settle(el);
    const form = part(el, 'peer-form');
    const name = unique('Casey Added');
    const set = (field: string, value: string) => {
      const input = form.querySelector<HTMLInputElement>(`[name="${field}"]`);
      if (!input) throw new Error(`no ${field}`);
      input.value = value;
    };
    set('displayName', name);
    set('languages', 'en, es');
    set('sms', '(312) 555-0199');
    set('email', 'casey.added@example.org');
    await press(part(el, 'save-peer'));
    await until(() => textOf(part(el, 'status')) === `${name} saved.`);
    const saved = (await api.specialists.list({ limit: 200 })).items.find((peer) => peer.displayName === name);
    expect(saved && 'contacts' in saved ? saved.contacts : []).to.deep.equal([
      { kind: 'sms', address: '+13125550199' },
      { kind: 'email', address: 'casey.added@example.org' },
    ]);
    expect(el.value).to.equal(saved?.id);

    await filter(el, name);
    // The filter may still be applying to a long list (other test files add peers too): wait for the row.
    await until(() => [...(el.shadowRoot?.querySelectorAll('button') ?? [])].some((b) => textOf(b) === `Edit ${name}`));
    await press(button(el, `Edit ${name}`));
    await settle(el);
    const languages = part(el, 'peer-form').querySelector<HTMLInputElement>('[name="languages"]');
    if (!languages) throw new Error('no languages');
    languages.value = 'es';
    await press(part(el, 'save-peer'));
    await until(() => rows(el)[0] !== undefined && textOf(rows(el)[0]).includes('Languages: es Crisis'));

    await press(button(el, `Deactivate ${name}`));
    await until(() => textOf(part(el, 'status')) === `${name} deactivated.`);
    await until(() => textOf(rows(el)[0]).includes('Deactivated'));
    await press(button(el, `Reactivate ${name}`));
    await until(() => textOf(part(el, 'status')) === `${name} reactivated.`);
    expect(changes).to.deep.equal(['created', 'updated', 'deactivated', 'reactivated']);
  });

  it('names the field the service refuses when a peer is saved', async () => {
    const el = await roster();
    part(el, 'add').click();
    await settle(el);
    const form = part(el, 'peer-form');
    const nameInput = form.querySelector<HTMLInputElement>('[name="displayName"]');
    const sms = form.querySelector<HTMLInputElement>('[name="sms"]');
    if (!nameInput || !sms) throw new Error('no inputs');
    nameInput.value = unique('Bad Number');
    sms.value = 'not a number';
    part(el, 'save-peer').click();
    await until(() => textOf(part(el, 'status')) === 'Some details are missing or invalid.');
    expect(textOf(el.shadowRoot?.querySelector('#peer-contacts-error'))).to.not.equal('');
  });

  it('shows the dry run’s problems by line and column and writes nothing; a fixed file imports', async () => {
    const first = unique('Avery Import');
    const second = unique('Blair Import');
    const digits = String(Date.now()).slice(-4);
    const bad = [
      'name,phone,email,languages,roles,supervisor,area',
      `${first},+1 312 555 ${digits},,en,recovery-coach,,county`,
      `${second},not-a-phone,,en,recovery-coach,,county`,
    ].join('\n');
    const el = await roster();
    await chooseFile(el, bad);
    await until(() => el.shadowRoot?.querySelector('[part~="import-errors"]') !== null);
    expect(textOf(part(el, 'import'))).to.contain('The file has 1 problems. Nothing was written.');
    const cells = [...part(el, 'import-errors').querySelectorAll('tbody td')].map(textOf);
    expect(cells.slice(0, 2)).to.deep.equal(['3', 'phone']);
    expect(el.shadowRoot?.querySelector('[part~="run-import"]')).to.equal(null);
    const names = async () => (await api.specialists.list({ limit: 200 })).items.map((peer) => peer.displayName);
    expect(await names()).to.not.include(first);

    const fixed = bad.replace('not-a-phone', `+1 312 556 ${digits}`);
    await chooseFile(el, fixed);
    await until(() => el.shadowRoot?.querySelector('[part~="run-import"]') !== null);
    expect(textOf(part(el, 'import'))).to.contain('Ready to import: 2 new, 0 changed, 0 unchanged.');
    expect(await names()).to.not.include(first);
    const phases: boolean[] = [];
    const observer = new MutationObserver(() =>
      phases.push(el.shadowRoot?.querySelector('[part~="progress"]') !== null),
    );
    if (el.shadowRoot) observer.observe(el.shadowRoot, { subtree: true, childList: true });
    await press(part(el, 'run-import'));
    await until(() => textOf(part(el, 'status')).startsWith('Imported: 2 new'));
    observer.disconnect();
    expect(phases).to.include(true, 'the progress bar showed while the import ran');
    expect(await names()).to.include.members([first, second]);
  });

  it('is disabled by its own disabled attribute and by a disabled fieldset around it: nothing can be written', async () => {
    const name = unique('Drew Disabled');
    await api.roster.create({ displayName: name, roles: ['recovery-coach'], languages: ['en'] });
    const fieldset = await fixture<HTMLFieldSetElement>(
      html`<fieldset>
        <legend>Staff</legend>
        <peer-roster base-url=${server.apiUrl} .getToken=${supervisorToken}></peer-roster>
      </fieldset>`,
    );
    const el = fieldset.querySelector('peer-roster');
    if (!el) throw new Error('not rendered');
    await until(() => el.shadowRoot?.querySelector('[part~="list"]') !== null);
    await filter(el, name);
    await until(() => rows(el).length === 1);
    part(el, 'add').click();
    await settle(el);
    const changes: unknown[] = [];
    el.addEventListener('peer-roster-changed', (event) => changes.push(event.detail));
    const writeButtons = () =>
      ['add', 'save-peer', 'check-import', 'edit', 'deactivate'].map((name) => part(el, name) as HTMLButtonElement);
    /** Every button that writes, or opens a form that writes, is `disabled` (once the element has caught up). */
    const buttonsAre = async (disabled: boolean, why: string) => {
      await until(() => writeButtons().every((button) => button.disabled === disabled), 2000).catch(() => undefined);
      expect(writeButtons().map((button) => button.disabled)).to.deep.equal(
        Array.from({ length: 5 }, () => disabled),
        why,
      );
    };
    await buttonsAre(false, 'enabled at first');

    el.disabled = true;
    await buttonsAre(true, 'by its own disabled');
    el.disabled = false;
    await buttonsAre(false, 'enabled again');

    fieldset.disabled = true;
    await buttonsAre(true, 'by the disabled fieldset');
    expect(el.hasAttribute('disabled')).to.equal(false, "the author's attribute is left alone");
    await expect(fieldset).to.be.accessible();
    // Enter in the form's name field submits nothing while its Save button is disabled.
    const nameInput = part(el, 'peer-form').querySelector<HTMLInputElement>('[name="displayName"]');
    if (!nameInput) throw new Error('no name field');
    nameInput.value = unique('Never Saved');
    await press(nameInput);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(changes).to.deep.equal([]);
    expect(textOf(part(el, 'status'))).to.equal('');

    fieldset.disabled = false;
    await buttonsAre(false, 'enabled with the fieldset');
  });

  it('says what failed and offers Retry', async () => {
    const el = await roster(async () => (await session('court-staff')).token);
    expect(textOf(part(el, 'error'))).to.equal('Not allowed. Sign in again or ask an administrator. Retry');
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    for (const lang of ['en', 'es'] as const) {
      it(`is accessible in the ${theme} theme in ${lang}, with the list, the form and an import report`, () =>
        inThemedPage(lang, async () => {
          const container = await themedFixture(
            theme,
            html`<peer-roster base-url=${server.apiUrl} .getToken=${supervisorToken}></peer-roster>`,
          );
          const el = container.querySelector('peer-roster');
          if (!el) throw new Error('not rendered');
          await until(() => el.shadowRoot?.querySelector('[part~="peer"]') !== null);
          part(el, 'add').click();
          await settle(el);
          await chooseFile(el, 'name,phone\nNobody,not-a-phone');
          await until(() => el.shadowRoot?.querySelector('[part~="import-errors"]') !== null);
          await expect(container).to.be.accessible();
        }));
    }
  }
});
