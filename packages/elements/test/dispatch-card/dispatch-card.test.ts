// <peer-dispatch-card> against the real reference service (see test/browser/support/server-plugin.ts).
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { createClientCore, dispatchesApi, type Dispatch, type DispatchStatus } from '@peerlink/sdk';
import '../../src/dispatch-card/define.js';
import type { PeerDispatchCard } from '../../src/index.js';
import { adoptThemeCss, keepDocumentLang, part, settle, textOf } from '../helpers.js';
import { newIncident, session, setup, until, type Setup } from '../request-button/server.js';

const server: Setup = await setup();
const peerToken = async (): Promise<string> => (await session('specialist', server.people.primary)).token;
const dispatcher = dispatchesApi(
  createClientCore({ baseUrl: server.apiUrl, offline: false, getToken: async () => (await session('dispatcher')).token }),
);

/** A new call-out, notified to the primary peer. */
async function newDispatch(withCoordinates = true): Promise<Dispatch> {
  const incident = newIncident('CARD');
  if (!withCoordinates) incident.location = { address: '12 Elm St, Springfield', area: 'county' };
  incident.notes = 'EMS staging at the corner.';
  incident.cautions = ['Dog on premises'];
  const dispatch = await dispatcher.create({ callForService: incident });
  expect(dispatch.status).to.equal('notified');
  return dispatch;
}

async function mount(dispatch: Dispatch, extra: { specialistId?: string } = {}): Promise<PeerDispatchCard> {
  const el = await fixture<PeerDispatchCard>(
    html`<peer-dispatch-card
      base-url=${server.apiUrl}
      .getToken=${peerToken}
      dispatch-id=${dispatch.id}
      specialist-id=${extra.specialistId ?? ''}
    ></peer-dispatch-card>`,
  );
  await until(() => el.dispatch?.id === dispatch.id);
  await settle(el);
  return el;
}

/** The steps offered, by the status each leads to. */
const offered = (el: PeerDispatchCard): string[] =>
  [...(el.shadowRoot?.querySelectorAll<HTMLButtonElement>('.actions [data-to]') ?? [])].map((button) => button.dataset.to ?? '');

const statusLabel = (el: PeerDispatchCard): string => {
  const status = el.shadowRoot?.querySelector('peer-status');
  return status ? textOf(part(status, 'label')) : '';
};

/** Presses a step's button with the keyboard and waits for the status it leads to. */
async function step(el: PeerDispatchCard, to: DispatchStatus): Promise<void> {
  const button = el.shadowRoot?.querySelector<HTMLButtonElement>(`[data-to="${to}"]`);
  if (!button) throw new Error(`no button for ${to}; offered: ${offered(el).join(', ')}`);
  button.focus();
  await sendKeys({ press: 'Enter' });
  await answered(el, to);
}

/**
 * Waits for `to` and for the answer to the press: the watch may show the new status first, and
 * the card takes no other step (buttons `aria-disabled`) until the answer is in.
 */
async function answered(el: PeerDispatchCard, to: DispatchStatus): Promise<void> {
  await until(
    () =>
      el.dispatch?.status === to &&
      el.shadowRoot?.querySelector('[aria-disabled="true"]') === null &&
      el.shadowRoot.activeElement !== null,
  );
  await settle(el);
}

describe('<peer-dispatch-card>', function () {
  this.timeout(60_000);
  let restoreLang: () => void;
  beforeEach(() => {
    restoreLang = keepDocumentLang();
    document.documentElement.lang = 'en';
  });
  afterEach(() => {
    restoreLang();
  });

  it('shows what, where and since when, with a map link', async () => {
    const dispatch = await newDispatch();
    const el = await mount(dispatch);
    expect(textOf(part(el, 'heading'))).to.equal('Overdose (non-fatal)');
    expect(statusLabel(el)).to.equal('Information: Notified');
    expect(el.shadowRoot?.querySelector('peer-status')?.live).to.equal(true);
    const link = part(el, 'map-link');
    expect(link.getAttribute('href')).to.match(/^https:\/\/www\.openstreetmap\.org\/\?mlat=39\.7817&mlon=-89\.6501/);
    expect(link.getAttribute('target')).to.equal('_blank');
    expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(textOf(link)).to.equal('200 Main St, Springfield (opens in a new window)');
    const time = part(el, 'requested').querySelector('time');
    expect(time?.getAttribute('datetime')).to.equal(dispatch.timeline[0]?.at);
    expect(textOf(part(el, 'requested'))).to.equal('Requested now');
    expect(textOf(part(el, 'notes'))).to.equal('Notes: EMS staging at the corner.');
    expect(textOf(part(el, 'cautions'))).to.equal('Cautions Dog on premises');

    const noCoordinates = await mount(await newDispatch(false));
    expect(part(noCoordinates, 'map-link').getAttribute('href')).to.equal(
      'https://www.openstreetmap.org/search?query=12%20Elm%20St%2C%20Springfield',
    );
  });

  it('offers exactly the legal steps and walks a call-out to cleared, by keyboard', async () => {
    const el = await mount(await newDispatch());
    const statuses: string[] = [];
    const cleared: Dispatch[] = [];
    el.addEventListener('peer-dispatch-status', (event) => statuses.push(event.detail.status));
    el.addEventListener('peer-dispatch-cleared', (event) => cleared.push(event.detail.dispatch));
    expect(offered(el)).to.deep.equal(['acknowledged', 'declined']);

    await step(el, 'acknowledged');
    expect(offered(el)).to.deep.equal(['en-route']);
    expect(el.shadowRoot?.activeElement?.getAttribute('data-to')).to.equal('en-route', 'focus moves to the next step');
    await step(el, 'en-route');
    expect(offered(el)).to.deep.equal(['on-scene']);
    await step(el, 'on-scene');
    expect(offered(el)).to.deep.equal(['checked-in']);

    // Checking in asks who the lead investigator is; every field is required.
    const checkIn = el.shadowRoot?.querySelector<HTMLButtonElement>('[data-to="checked-in"]');
    checkIn?.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    const form = part(el, 'check-in');
    expect(el.shadowRoot?.activeElement?.id).to.equal('check-in-name');
    const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    submit?.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(el.dispatch?.status).to.equal('on-scene', 'nothing sent without the investigator');
    expect(el.shadowRoot?.activeElement?.id).to.equal('check-in-name');
    expect(textOf(el.shadowRoot?.querySelector('#check-in-name-error'))).to.equal('This field is required.');
    expect(el.shadowRoot?.querySelector('#check-in-name')?.getAttribute('aria-invalid')).to.equal('true');

    await sendKeys({ type: 'Det. Rivera' });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement?.id).to.equal('check-in-role');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'County Sheriff' });
    await sendKeys({ press: 'Enter' });
    await answered(el, 'checked-in');
    expect(el.dispatch?.checkIn).to.deep.equal({ name: 'Det. Rivera', role: 'coroner-investigator', agencyName: 'County Sheriff' });
    expect(offered(el)).to.deep.equal(['engaged', 'cleared']);

    await step(el, 'engaged');
    expect(offered(el)).to.deep.equal(['cleared']);
    await step(el, 'cleared');
    expect(offered(el)).to.deep.equal([]);
    expect(cleared.map((d) => d.status)).to.deep.equal(['cleared']);
    expect(statuses).to.deep.equal(['acknowledged', 'en-route', 'on-scene', 'checked-in', 'engaged', 'cleared']);
  });

  it('follows changes made elsewhere, live', async () => {
    const dispatch = await newDispatch();
    const el = await mount(dispatch);
    await dispatchesApi(createClientCore({ baseUrl: server.apiUrl, offline: false, getToken: peerToken })).transition(dispatch.id, {
      to: 'acknowledged',
    });
    await until(() => el.dispatch?.status === 'acknowledged');
    await settle(el);
    expect(statusLabel(el)).to.equal('Success: Acknowledged');
    expect(offered(el)).to.deep.equal(['en-route']);
  });

  it('offers nothing once the call-out rests with someone else', async () => {
    const dispatch = await newDispatch();
    const el = await mount(dispatch, { specialistId: server.people.primary });
    const decline = el.shadowRoot?.querySelector<HTMLButtonElement>('[data-to="declined"]');
    decline?.focus();
    await sendKeys({ press: 'Enter' });
    // Declining escalates to the backup at once: the card shows it, with nothing for this peer to do.
    await until(() => el.dispatch?.specialistId === server.people.backup);
    await settle(el);
    expect(offered(el)).to.deep.equal([]);
    expect(textOf(el.shadowRoot?.querySelector('.meta:not([part])'))).to.equal('No further steps for you on this call-out.');
  });

  it('offers a supervisor only their steps, never cancelling', async () => {
    const dispatch = await newDispatch();
    const el = await fixture<PeerDispatchCard>(
      html`<peer-dispatch-card
        base-url=${server.apiUrl}
        .getToken=${async () => (await session('supervisor', server.people.supervisor)).token}
        dispatch-id=${dispatch.id}
        responder-role="supervisor"
      ></peer-dispatch-card>`,
    );
    await until(() => el.dispatch !== undefined);
    await settle(el);
    expect(offered(el)).to.deep.equal(['escalated']);
  });

  it('has 44px touch targets and fits 360px', async () => {
    const dispatch = await newDispatch();
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="inline-size: 360px"><peer-dispatch-card base-url=${server.apiUrl} .getToken=${peerToken} dispatch-id=${dispatch.id}></peer-dispatch-card></div>`,
    );
    const el = wrapper.querySelector('peer-dispatch-card');
    if (!el) throw new Error('not rendered');
    await until(() => el.dispatch !== undefined);
    await settle(el);
    const base = part(el, 'base');
    expect(base.scrollWidth).to.be.at.most(base.clientWidth);
    expect(el.getBoundingClientRect().width).to.be.at.most(360);
    for (const button of el.shadowRoot?.querySelectorAll('button') ?? []) {
      expect(button.getBoundingClientRect().height).to.be.at.least(44);
    }
    expect(part(el, 'map-link').getBoundingClientRect().height).to.be.at.least(44);
  });

  it('speaks Spanish', async () => {
    document.documentElement.lang = 'es';
    const el = await mount(await newDispatch());
    expect(textOf(part(el, 'heading'))).to.equal('Sobredosis (no mortal)');
    expect(statusLabel(el)).to.equal('Información: Notificado');
    expect([...part(el, 'actions').querySelectorAll('button')].map((b) => textOf(b))).to.deep.equal(['Confirmar', 'Rechazar']);
  });

  it('shows an error with Retry when the call-out cannot be read', async () => {
    const el = await fixture<PeerDispatchCard>(
      html`<peer-dispatch-card base-url=${server.apiUrl} .getToken=${peerToken} dispatch-id="00000000-0000-4000-8000-000000000000"></peer-dispatch-card>`,
    );
    await until(() => el.shadowRoot?.querySelector('[part="error"]') !== null);
    expect(part(el, 'error').getAttribute('role')).to.equal('alert');
    expect(textOf(part(el, 'retry'))).to.equal('Retry');
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`is accessible in the ${theme} theme, with and without the check-in form`, async () => {
      const removeTheme = adoptThemeCss();
      try {
        const dispatch = await newDispatch();
        const container = await fixture<HTMLDivElement>(html`<div data-peer-theme=${theme} style="background: var(--peer-color-surface)">
          <peer-dispatch-card base-url=${server.apiUrl} .getToken=${peerToken} dispatch-id=${dispatch.id}></peer-dispatch-card>
        </div>`);
        const el = container.querySelector('peer-dispatch-card');
        if (!el) throw new Error('not rendered');
        await until(() => el.dispatch !== undefined);
        await settle(el);
        await expect(container).to.be.accessible();
        await step(el, 'acknowledged');
        await step(el, 'en-route');
        await step(el, 'on-scene');
        el.shadowRoot?.querySelector<HTMLButtonElement>('[data-to="checked-in"]')?.click();
        await settle(el);
        part(el, 'check-in').querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
        await settle(el);
        await expect(container).to.be.accessible();
      } finally {
        removeTheme();
      }
    });
  }
});
