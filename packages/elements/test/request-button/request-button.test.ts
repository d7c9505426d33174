// <peer-request-button> against the real reference service (see test/browser/support/server-plugin.ts).
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import {
  createClientCore,
  createPeerlinkClient,
  dispatchesApi,
  memoryStore,
  specialistsApi,
  type CallForServiceInput,
  type Dispatch,
  type Watch,
} from '@peerlink/sdk';
import '../../src/request-button/define.js';
import type { PeerRequestButton } from '../../src/index.js';
import { adoptThemeCss, keepDocumentLang, part, settle, textOf } from '../helpers.js';
import { counts, newIncident, session, setup, until, type Setup } from './server.js';

const server: Setup = await setup();
const dispatcherToken = async (): Promise<string> => (await session('dispatcher')).token;

/**
 * A client of our own, with its outbox in memory and a connection the test can drop: while
 * `link.down`, requests fail the way fetch fails without a network. (Cutting the shared proxy
 * instead would also cut the other test files running at the same time.)
 */
function ownClient(link = { down: false }) {
  const core = createClientCore({
    baseUrl: server.apiUrl,
    getToken: dispatcherToken,
    offline: memoryStore(),
    retries: 0,
    timeoutMs: 3000,
    fetch: (input, init) => (link.down ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init)),
  });
  return { dispatches: dispatchesApi(core), specialists: specialistsApi(core), outbox: core.outbox };
}

async function mount(incident: CallForServiceInput, compact = false): Promise<PeerRequestButton> {
  const el = await fixture<PeerRequestButton>(
    html`<peer-request-button
      base-url=${server.apiUrl}
      .getToken=${dispatcherToken}
      .incident=${incident}
      ?compact=${compact}
    ></peer-request-button>`,
  );
  await until(() => el.phase !== 'checking');
  await settle(el);
  return el;
}

/** Each on-call line, as read. */
const onCallLines = (el: PeerRequestButton): string[] => [...part(el, 'on-call').querySelectorAll('li')].map((li) => textOf(li));

const statusText = (el: PeerRequestButton): string => {
  const status = el.shadowRoot?.querySelector('peer-status');
  return status ? textOf(part(status, 'label')) : '';
};

async function pressToConfirm(el: PeerRequestButton): Promise<void> {
  part(el, 'button').focus();
  await sendKeys({ press: 'Enter' });
  await until(() => el.phase === 'confirm');
  await settle(el);
}

describe('<peer-request-button>', function () {
  this.timeout(60_000);
  let restoreLang: () => void;
  beforeEach(() => {
    restoreLang = keepDocumentLang();
    document.documentElement.lang = 'en';
  });
  afterEach(() => {
    restoreLang();
  });

  it('shows who is on call, requests on Enter and follows the call-out live', async () => {
    const el = await mount(newIncident());
    expect(el.phase).to.equal('ready');
    expect(textOf(part(el, 'button'))).to.equal('Request peer support');
    const requested: Dispatch[] = [];
    const statuses: string[] = [];
    el.addEventListener('peer-dispatch-requested', (event) => requested.push(event.detail.dispatch));
    el.addEventListener('peer-dispatch-status', (event) => statuses.push(event.detail.status));

    await pressToConfirm(el);
    expect(onCallLines(el)).to.deep.equal(['Primary: primary', 'Backup: backup', 'Supervisor: supervisor']);
    expect(textOf(part(el, 'button'))).to.equal('Confirm request');
    expect(el.shadowRoot?.activeElement).to.equal(part(el, 'button'), 'focus stays on the button');

    await sendKeys({ press: 'Enter' });
    await until(() => el.phase === 'active');
    await settle(el);
    expect(requested).to.have.length(1);
    expect(el.dispatch?.status).to.equal('notified');
    expect(statusText(el)).to.equal('Information: Notified');
    expect(statuses).to.deep.equal(['notified']);
    const status = el.shadowRoot?.querySelector('peer-status');
    expect(status?.live).to.equal(true);
    expect(status?.since).to.equal(el.dispatch?.timeline.at(-1)?.at);
    expect(el.shadowRoot?.activeElement?.classList.contains('status')).to.equal(true, 'keyboard focus kept');

    // The peer acknowledges on their phone: the button follows.
    const dispatchId = requested[0]?.id ?? '';
    const peer = dispatchesApi(
      createClientCore({ baseUrl: server.apiUrl, offline: false, getToken: async () => (await session('specialist', server.people.primary)).token }),
    );
    await peer.transition(dispatchId, { to: 'acknowledged' });
    await until(() => el.dispatch?.status === 'acknowledged');
    await settle(el);
    expect(statusText(el)).to.equal('Success: Acknowledged');
    expect(statuses).to.deep.equal(['notified', 'acknowledged']);
  });

  it('goes back to the button on Escape, with nothing requested', async () => {
    const incident = newIncident();
    const el = await mount(incident);
    await pressToConfirm(el);
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expect(el.phase).to.equal('ready');
    expect(el.shadowRoot?.activeElement).to.equal(part(el, 'button'));
    const client = ownClient();
    expect((await client.dispatches.list({ externalId: incident.externalId })).items).to.have.length(0);
  });

  it('cancels with the Cancel button, reached by Tab (given a full client)', async () => {
    const client = createPeerlinkClient({ baseUrl: server.apiUrl, getToken: dispatcherToken, offline: false });
    const el = await fixture<PeerRequestButton>(
      html`<peer-request-button .client=${client} .incident=${newIncident()}></peer-request-button>`,
    );
    await until(() => el.phase === 'ready');
    await pressToConfirm(el);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement).to.equal(part(el, 'cancel'));
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(el.phase).to.equal('ready');
  });

  it('shows the same call-out when the incident is requested again, and on connect', async () => {
    const incident = newIncident();
    const first = await mount(incident);
    const second = await mount(incident);
    expect(second.phase).to.equal('ready');
    await pressToConfirm(first);
    part(first, 'button').click();
    await until(() => first.phase === 'active');

    // `second` never saw the first request: pressing it returns the active call-out (HTTP 200).
    await pressToConfirm(second);
    part(second, 'button').click();
    await until(() => second.phase === 'active');
    expect(second.dispatch?.id).to.equal(first.dispatch?.id);

    // A button connected later shows the active call-out instead of the request button.
    const third = await mount(incident);
    expect(third.phase).to.equal('active');
    expect(third.dispatch?.id).to.equal(first.dispatch?.id);
    expect(third.shadowRoot?.querySelector('.button')).to.equal(null);
  });

  it('shows a request made offline as queued, then the call-out once it is sent', async () => {
    const incident = newIncident();
    const link = { down: false };
    const el = await fixture<PeerRequestButton>(
      html`<peer-request-button .client=${ownClient(link)} .incident=${incident}></peer-request-button>`,
    );
    await until(() => el.phase === 'ready');
    await pressToConfirm(el);
    link.down = true;
    await sendKeys({ press: 'Enter' });
    await until(() => el.phase === 'queued');
    await settle(el);
    expect(statusText(el)).to.equal('Warning: Queued — sends when online');
    expect(await counts(incident.externalId)).to.deep.equal({}, 'nothing reached the service');
    link.down = false;
    window.dispatchEvent(new Event('online'));
    await until(() => el.phase === 'active', 30_000);
    expect(el.dispatch?.callForService.externalId).to.equal(incident.externalId);
    expect(await counts(incident.externalId)).to.deep.equal({ [incident.externalId]: 1 });
  });

  it('shows an error with a Retry button, and retries', async () => {
    let refuse = true;
    const el = await fixture<PeerRequestButton>(
      html`<peer-request-button
        base-url=${server.apiUrl}
        .getToken=${async () => (refuse ? 'not-a-valid-token-at-all' : dispatcherToken())}
        .incident=${newIncident()}
      ></peer-request-button>`,
    );
    const errors: string[] = [];
    el.addEventListener('peer-error', (event) => errors.push(event.detail.error.code));
    await until(() => el.phase === 'error');
    await settle(el);
    expect(part(el, 'error').getAttribute('role')).to.equal('alert');
    expect(textOf(part(el, 'error'))).to.equal('Not allowed. Sign in again or ask an administrator.');
    expect(errors).to.have.length(1);
    refuse = false;
    part(el, 'retry').click();
    await until(() => el.phase === 'ready');
  });

  it('speaks Spanish', async () => {
    document.documentElement.lang = 'es';
    const el = await mount(newIncident());
    expect(textOf(part(el, 'button'))).to.equal('Solicitar apoyo de pares');
    await pressToConfirm(el);
    expect(onCallLines(el)).to.deep.equal(['Titular: primary', 'Suplente: backup', 'Supervisión: supervisor']);
  });

  it('is at most 32px tall when compact, in every state', async () => {
    const el = await mount(newIncident(), true);
    const height = (): number => el.getBoundingClientRect().height;
    expect(height()).to.be.greaterThan(0).and.at.most(32);
    await pressToConfirm(el);
    expect(height()).to.be.greaterThan(0).and.at.most(32);
    part(el, 'button').click();
    await until(() => el.phase === 'active');
    await settle(el);
    expect(height()).to.be.greaterThan(0).and.at.most(32);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`is accessible in the ${theme} theme while ready, confirming and active`, async () => {
      const removeTheme = adoptThemeCss();
      try {
        const incident = newIncident();
        const container = await fixture<HTMLDivElement>(html`<div data-peer-theme=${theme} style="background: var(--peer-color-surface); color: var(--peer-color-text)">
          <peer-request-button base-url=${server.apiUrl} .getToken=${dispatcherToken} .incident=${incident}></peer-request-button>
          <peer-request-button compact base-url=${server.apiUrl} .getToken=${dispatcherToken} .incident=${newIncident()}></peer-request-button>
        </div>`);
        const [el, compact] = [...container.querySelectorAll('peer-request-button')];
        if (!el || !compact) throw new Error('not rendered');
        await until(() => el.phase === 'ready' && compact.phase === 'ready');
        await expect(container).to.be.accessible();
        await pressToConfirm(el);
        await pressToConfirm(compact);
        await expect(container).to.be.accessible();
        part(el, 'button').click();
        await until(() => el.phase === 'active');
        await settle(el);
        await expect(container).to.be.accessible();
      } finally {
        removeTheme();
      }
    });
  }

  it('stops watching the call-out when removed, and watches again when put back', async () => {
    const client = ownClient();
    const watches: Watch<Dispatch>[] = [];
    const watching = {
      ...client,
      dispatches: {
        ...client.dispatches,
        watch: (id: string) => {
          const watch = client.dispatches.watch(id);
          watches.push(watch);
          return watch;
        },
      },
    };
    const el = await fixture<PeerRequestButton>(
      html`<peer-request-button .client=${watching} .incident=${newIncident()}></peer-request-button>`,
    );
    await until(() => el.phase === 'ready');
    await pressToConfirm(el);
    await sendKeys({ press: 'Enter' });
    await until(() => el.phase === 'active');
    expect(watches).to.have.length(1);
    const parent = el.parentElement;
    el.remove();
    await until(() => watches[0]?.mode === 'closed');
    parent?.append(el);
    expect(watches).to.have.length(2);
    expect(watches[1]?.mode).to.not.equal('closed');
  });
});
