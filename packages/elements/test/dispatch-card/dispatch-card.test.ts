// <peer-dispatch-card> against the real reference service (see test/browser/support/server-plugin.ts).
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { createClientCore, dispatchesApi, type Dispatch, type DispatchStatus } from '@peerlink/sdk';
import '../../src/dispatch-card/define.js';
import type { PeerDispatchCard } from '../../src/index.js';
import { adoptThemeCss, onEnglishPage, part, settle, textOf } from '../helpers.js';
import { clearedDispatch } from '../callout-log-form/support.js';
import { newIncident, session, setup, until, type Setup } from '../request-button/server.js';

const server: Setup = await setup();
const peerToken = async (): Promise<string> => (await session('specialist', server.people.primary)).token;
const dispatcher = dispatchesApi(
  createClientCore({
    baseUrl: server.apiUrl,
    offline: false,
    getToken: async () => (await session('dispatcher')).token,
  }),
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
  [...(el.shadowRoot?.querySelectorAll<HTMLButtonElement>('.actions [data-to]') ?? [])].map(
    (button) => button.dataset.to ?? '',
  );

const statusLabel = (el: PeerDispatchCard): string => {
  const status = el.shadowRoot?.querySelector('peer-status');
  return status ? textOf(part(status, 'label')) : '';
};

/** The card's visible words for each step offered. */
const actionNames = (el: PeerDispatchCard): string[] =>
  [...(el.shadowRoot?.querySelectorAll('.actions [data-to]') ?? [])].map((button) => textOf(button));

/**
 * Presses a step's button with the keyboard and waits for the status it leads to. Declining and
 * clearing ask once more: the question takes focus, Tab reaches "Yes", Enter sends.
 */
async function step(el: PeerDispatchCard, to: DispatchStatus): Promise<void> {
  const button = el.shadowRoot?.querySelector<HTMLButtonElement>(`[data-to="${to}"]`);
  if (!button) throw new Error(`no button for ${to}; offered: ${offered(el).join(', ')}`);
  button.focus();
  await sendKeys({ press: 'Enter' });
  if (to === 'declined' || to === 'cleared') {
    await settle(el);
    expect(el.shadowRoot?.activeElement?.id).to.equal('confirm-question');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement?.hasAttribute('data-confirm')).to.equal(true);
    await sendKeys({ press: 'Enter' });
  }
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
  onEnglishPage();

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
    expect(actionNames(el)).to.deep.equal(['Acknowledge', 'Decline']);

    await step(el, 'acknowledged');
    expect(offered(el)).to.deep.equal(['en-route']);
    expect(actionNames(el)).to.deep.equal(['Leave for the scene']);
    expect(el.shadowRoot?.activeElement?.getAttribute('data-to')).to.equal('en-route', 'focus moves to the next step');
    await step(el, 'en-route');
    expect(offered(el)).to.deep.equal(['on-scene']);
    expect(actionNames(el)).to.deep.equal(['Arrive on scene']);
    await step(el, 'on-scene');
    expect(offered(el)).to.deep.equal(['checked-in']);
    expect(actionNames(el)).to.deep.equal(['Check in with the investigator']);

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
    expect(el.dispatch?.checkIn).to.deep.equal({
      name: 'Det. Rivera',
      role: 'coroner-investigator',
      agencyName: 'County Sheriff',
    });
    expect(offered(el)).to.deep.equal(['engaged', 'cleared']);
    expect(actionNames(el)).to.deep.equal(['Enter the scene', 'Clear the call-out']);
    // Who the peer checked in with stays on the card.
    expect(textOf(part(el, 'checked-in'))).to.equal(
      'Checked in with Det. Rivera (Coroner investigator, County Sheriff)',
    );

    await step(el, 'engaged');
    expect(offered(el)).to.deep.equal(['cleared']);
    await step(el, 'cleared');
    expect(offered(el)).to.deep.equal([]);
    expect(textOf(part(el, 'checked-in'))).to.equal(
      'Checked in with Det. Rivera (Coroner investigator, County Sheriff)',
    );
    expect(textOf(part(el, 'outcome'))).to.equal('You cleared this call-out. Its call-out log is the last step.');
    expect(cleared.map((d) => d.status)).to.deep.equal(['cleared']);
    expect(statuses).to.deep.equal(['acknowledged', 'en-route', 'on-scene', 'checked-in', 'engaged', 'cleared']);
  });

  it('follows changes made elsewhere, live', async () => {
    const dispatch = await newDispatch();
    const el = await mount(dispatch);
    await dispatchesApi(createClientCore({ baseUrl: server.apiUrl, offline: false, getToken: peerToken })).transition(
      dispatch.id,
      {
        to: 'acknowledged',
      },
    );
    await until(() => el.dispatch?.status === 'acknowledged');
    await settle(el);
    expect(statusLabel(el)).to.equal('Success: Acknowledged');
    expect(offered(el)).to.deep.equal(['en-route']);
  });

  it('asks before declining, then says the peer declined — not the backup’s Notified', async () => {
    const dispatch = await newDispatch();
    const el = await mount(dispatch, { specialistId: server.people.primary });
    const decline = el.shadowRoot?.querySelector<HTMLButtonElement>('[data-to="declined"]');
    decline?.click();
    await settle(el);
    // One tap only asks; nothing is sent until "Yes".
    const confirm = part(el, 'confirm');
    expect(confirm.getAttribute('role')).to.equal('group');
    expect(textOf(el.shadowRoot?.getElementById('confirm-question'))).to.equal(
      'Decline this call-out? It goes to the next person on call at once.',
    );
    expect(offered(el)).to.deep.equal(['declined']);
    expect(actionNames(el)).to.deep.equal(['Yes, decline']);
    expect(
      (
        await dispatchesApi(createClientCore({ baseUrl: server.apiUrl, offline: false, getToken: peerToken })).get(
          dispatch.id,
        )
      ).status,
    ).to.equal('notified');

    // Going back returns to the steps, focus on the Decline button.
    [...confirm.querySelectorAll('button')].find((button) => textOf(button) === 'Go back')?.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(el.shadowRoot?.querySelector('[part~="confirm"]')).to.equal(null);
    expect(el.shadowRoot?.activeElement?.getAttribute('data-to')).to.equal('declined');

    await sendKeys({ press: 'Enter' });
    await settle(el);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    // Declining escalates to the backup at once; this peer's card shows their answer, with nothing left to do.
    await until(() => el.dispatch?.specialistId === server.people.backup);
    await settle(el);
    expect(el.dispatch?.status).to.equal('notified');
    expect(statusLabel(el)).to.equal('Declined');
    expect(offered(el)).to.deep.equal([]);
    expect(textOf(part(el, 'outcome'))).to.equal('You declined this call-out; it went to the next person on call.');
  });

  it('asks before clearing; Go back leaves the call-out as it was', async () => {
    const dispatch = await newDispatch();
    const el = await mount(dispatch, { specialistId: server.people.primary });
    for (const to of ['acknowledged', 'en-route', 'on-scene'] as const) await step(el, to);
    await dispatchesApi(createClientCore({ baseUrl: server.apiUrl, offline: false, getToken: peerToken })).transition(
      dispatch.id,
      {
        to: 'checked-in',
        checkIn: { name: 'Sgt. Lee', role: 'law-enforcement', agencyName: 'City Police' },
      },
    );
    await until(() => el.dispatch?.status === 'checked-in');
    await settle(el);
    el.shadowRoot?.querySelector<HTMLButtonElement>('[data-to="cleared"]')?.click();
    await settle(el);
    expect(textOf(el.shadowRoot?.getElementById('confirm-question'))).to.equal(
      'Clear this call-out? You will have no more steps on it.',
    );
    [...part(el, 'confirm').querySelectorAll('button')].find((button) => textOf(button) === 'Go back')?.click();
    await settle(el);
    expect(el.dispatch?.status).to.equal('checked-in');
    expect(offered(el)).to.deep.equal(['engaged', 'cleared']);
    expect(textOf(part(el, 'checked-in'))).to.equal('Checked in with Sgt. Lee (Law enforcement, City Police)');
  });

  it('offers the call-out log again whenever it opens a call-out this peer cleared', async () => {
    const dispatch = await clearedDispatch();
    const cleared: Dispatch[] = [];
    const el = await fixture<PeerDispatchCard>(
      html`<peer-dispatch-card
        base-url=${server.apiUrl}
        .getToken=${peerToken}
        dispatch-id=${dispatch.id}
        specialist-id=${server.people.primary}
        @peer-dispatch-cleared=${(event: CustomEvent<{ dispatch: Dispatch }>) => cleared.push(event.detail.dispatch)}
      ></peer-dispatch-card>`,
    );
    await until(() => el.dispatch?.id === dispatch.id);
    await settle(el);
    expect(cleared.map((shown) => shown.id)).to.deep.equal([dispatch.id], 'the host is told to show the log');
    expect(textOf(part(el, 'outcome'))).to.equal('You cleared this call-out. Its call-out log is the last step.');
    expect(textOf(part(el, 'checked-in'))).to.equal('Checked in with Det. A. Rivera (Law enforcement, County Sheriff)');

    // Another peer opening it is not asked for a log.
    const other: Dispatch[] = [];
    const backup = await fixture<PeerDispatchCard>(
      html`<peer-dispatch-card
        base-url=${server.apiUrl}
        .getToken=${async () => (await session('specialist', server.people.backup)).token}
        dispatch-id=${dispatch.id}
        specialist-id=${server.people.backup}
        @peer-dispatch-cleared=${(event: CustomEvent<{ dispatch: Dispatch }>) => other.push(event.detail.dispatch)}
      ></peer-dispatch-card>`,
    );
    await until(() => backup.dispatch !== undefined || backup.shadowRoot?.querySelector('[part="error"]') !== null);
    await settle(backup);
    expect(other).to.deep.equal([]);
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
    expect([...part(el, 'actions').querySelectorAll('button')].map((b) => textOf(b))).to.deep.equal([
      'Confirmar',
      'Rechazar',
    ]);
    part(el, 'actions').querySelector<HTMLButtonElement>('[data-to="declined"]')?.click();
    await settle(el);
    expect(textOf(el.shadowRoot?.getElementById('confirm-question'))).to.equal(
      '¿Rechazar esta intervención? Pasa en el acto a la siguiente persona de guardia.',
    );
    expect(actionNames(el)).to.deep.equal(['Sí, rechazar']);
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
        const container =
          await fixture<HTMLDivElement>(html`<div data-peer-theme=${theme} style="background: var(--peer-color-surface)">
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
