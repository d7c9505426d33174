// <peer-request-button> against the real reference service (see test/browser/support/server-plugin.ts).
import { expect, fixture } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
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
import { adoptThemeCss, onEnglishPage, part, settle, textOf } from '../helpers.js';
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
const onCallLines = (el: PeerRequestButton): string[] =>
  [...part(el, 'on-call').querySelectorAll('li')].map((li) => textOf(li));

const statusText = (el: PeerRequestButton): string => {
  const status = el.shadowRoot?.querySelector('peer-status');
  return status ? textOf(part(status, 'label')) : '';
};

/** The text of the first element matching `selector` in `el`'s shadow root ('' when absent). */
const shown = (el: PeerRequestButton, selector: string): string => textOf(el.shadowRoot?.querySelector(selector));

const passedLines = (el: PeerRequestButton): string[] =>
  [...(el.shadowRoot?.querySelectorAll('.passed li') ?? [])].map((li) => textOf(li));

/** The call-outs API as the on-call peer `id` uses it from their phone. */
const peerDispatches = (id: string) =>
  dispatchesApi(
    createClientCore({
      baseUrl: server.apiUrl,
      offline: false,
      getToken: async () => (await session('specialist', id)).token,
    }),
  );

async function pressToConfirm(el: PeerRequestButton): Promise<void> {
  part(el, 'button').focus();
  await sendKeys({ press: 'Enter' });
  await until(() => el.phase === 'confirm');
  await settle(el);
}

describe('<peer-request-button>', function () {
  this.timeout(60_000);
  onEnglishPage();

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
    await peerDispatches(server.people.primary).transition(dispatchId, { to: 'acknowledged' });
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
    // Requested from another console: nothing on this page heard of it.
    const elsewhere = await ownClient().dispatches.create({ callForService: incident });

    // Pressing returns the active call-out (HTTP 200) instead of a second one.
    await pressToConfirm(first);
    part(first, 'button').click();
    await until(() => first.phase === 'active');
    expect(first.dispatch?.id).to.equal(elsewhere.id);

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
    await sendKeys({ press: 'Enter' });
    await until(() => el.phase === 'active');
    await settle(el);
    expect(shown(el, '.holder-now')).to.equal('Notificación actual: primary (Titular)');
    expect(shown(el, '.due')).to.match(/^Se escala dentro de [45] min\.? si nadie confirma$/);
    expect(textOf(part(el, 'escalate'))).to.equal('Escalar ahora');
    expect(textOf(part(el, 'cancel-callout'))).to.equal('Cancelar intervención');
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

  it('paints apart from the page, with its whole focus ring drawn outside it', async () => {
    const el = await mount(newIncident(), true);
    const style = getComputedStyle(el);
    if (CSS.supports('overflow-clip-margin: 1px')) {
      expect(style.contain).to.equal('paint');
      // Past the widest ring the themes draw (3px wide, 2px from the button).
      expect(style.getPropertyValue('overflow-clip-margin')).to.equal('8px');
    }
    await sendKeys({ press: 'Shift' });
    part(el, 'button').focus();
    await settle(el);
    const host = el.getBoundingClientRect();
    const margin = 8;
    const clip = {
      x: Math.floor(host.x) - margin,
      y: Math.floor(host.y) - margin,
      width: Math.ceil(host.width) + 2 * margin,
      height: Math.ceil(host.height) + 2 * margin,
    };
    const png = await executeServerCommand<string, typeof clip>('peerlink-screenshot', clip);
    const image = new Image();
    image.src = `data:image/png;base64,${png}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    const scale = image.width / clip.width;
    // The ring's colour (#0a5fd1) beyond each side of the host's box.
    const ringBeyond = { left: 0, right: 0, top: 0, bottom: 0 };
    for (let y = 0; y < image.height; y += 1) {
      for (let x = 0; x < image.width; x += 1) {
        const at = (y * image.width + x) * 4;
        const [r = 0, g = 0, b = 0] = [data[at], data[at + 1], data[at + 2]];
        if (!(r < 40 && g > 70 && g < 130 && b > 180)) continue;
        const [px, py] = [x / scale + clip.x, y / scale + clip.y];
        if (px < host.left) ringBeyond.left += 1;
        if (px >= host.right) ringBeyond.right += 1;
        if (py < host.top) ringBeyond.top += 1;
        if (py >= host.bottom) ringBeyond.bottom += 1;
      }
    }
    for (const [side, count] of Object.entries(ringBeyond))
      expect(count, `ring beyond the ${side} side`).to.be.above(0);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`is accessible in the ${theme} theme while ready, confirming and active`, async () => {
      const removeTheme = adoptThemeCss();
      try {
        const incident = newIncident();
        const container =
          await fixture<HTMLDivElement>(html`<div data-peer-theme=${theme} style="background: var(--peer-color-surface); color: var(--peer-color-text)">
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

  it('shows who declined, who holds the call-out now and when it escalates; Escalate now and Cancel call-out by keyboard', async () => {
    const el = await mount(newIncident());
    await pressToConfirm(el);
    await sendKeys({ press: 'Enter' });
    await until(() => el.phase === 'active');
    await settle(el);
    const id = el.dispatch?.id ?? '';
    expect(statusText(el)).to.equal('Information: Notified');
    expect(shown(el, '.holder-now')).to.equal('Notified now: primary (Primary)');
    expect(part(el, 'holder').querySelector('[role="status"]')).to.equal(el.shadowRoot?.querySelector('.holder-now'));
    expect(shown(el, '.due')).to.match(/^Escalates in [45] min\. unless acknowledged$/);

    // The primary declines on their phone: the call-out goes to the backup, and the CAD says so.
    await peerDispatches(server.people.primary).transition(id, { to: 'declined' });
    await until(() => el.dispatch?.escalationLevel === 1);
    await settle(el);
    expect(statusText(el)).to.equal('Warning: Escalated');
    expect(el.shadowRoot?.querySelector('peer-status')?.tone).to.equal('warning');
    expect(shown(el, '.holder-now')).to.equal('Notified now: backup (Backup)');
    expect(passedLines(el)).to.deep.equal(['Declined: primary']);
    expect(shown(el, '.due')).to.match(/^Escalates in [45] min\. unless acknowledged$/);

    // The dispatcher does not wait for the backup's timer.
    part(el, 'escalate').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.dispatch?.escalationLevel === 2);
    await settle(el);
    expect(shown(el, '.holder-now')).to.equal('Notified now: supervisor (Supervisor)');
    expect(passedLines(el)).to.deep.equal(['Declined: primary', 'Escalated past: backup']);
    expect(shown(el, '.due')).to.equal('Last level: no further escalation');
    expect(el.shadowRoot?.querySelector('.escalate')).to.equal(null, 'nobody is left to escalate to');

    // The supervisor declines too: nobody is coming, and the CAD says that plainly.
    await peerDispatches(server.people.supervisor).transition(id, { to: 'declined' });
    await until(() => el.dispatch?.specialistId === null);
    await settle(el);
    expect(statusText(el)).to.equal('Critical: Nobody notified');
    expect(shown(el, '.holder-now')).to.equal('Nobody is left on call to notify. Find a peer another way.');
    expect(passedLines(el)).to.deep.equal(['Declined: primary', 'Escalated past: backup', 'Declined: supervisor']);

    // Cancelling asks first; Escape keeps the call-out.
    part(el, 'cancel-callout').focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(el.shadowRoot?.activeElement?.classList.contains('confirm-cancel')).to.equal(true);
    expect(shown(el, '.confirm-cancel')).to.equal('Confirm cancel');
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expect(el.shadowRoot?.activeElement?.classList.contains('cancel-callout')).to.equal(true);
    expect(el.dispatch?.status).to.equal('escalated');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    await sendKeys({ press: 'Enter' });
    await until(() => el.dispatch?.status === 'cancelled');
    await settle(el);
    expect(statusText(el)).to.equal('Cancelled');
    expect(textOf(part(el, 'button'))).to.equal('New request');
    const stored = await ownClient().dispatches.get(id);
    expect(stored.timeline.map((entry) => entry.status)).to.deep.equal([
      'requested',
      'notified',
      'declined',
      'escalated',
      'notified',
      'escalated',
      'notified',
      'declined',
      'escalated',
      'cancelled',
    ]);
  });

  it('names the peer who acknowledged, in every button for the incident, as soon as any of them requests', async () => {
    const incident = newIncident();
    const client = createPeerlinkClient({ baseUrl: server.apiUrl, getToken: dispatcherToken, offline: false });
    const page = await fixture<HTMLDivElement>(html`<div>
      <table><tr><td><peer-request-button compact .client=${client} .incident=${incident}></peer-request-button></td></tr></table>
      <peer-request-button .client=${client} .incident=${incident}></peer-request-button>
    </div>`);
    const [row, detail] = [...page.querySelectorAll('peer-request-button')];
    if (!row || !detail) throw new Error('not rendered');
    await until(() => row.phase === 'ready' && detail.phase === 'ready');

    // The queue row is half-way through its own confirmation when the detail panel requests.
    await pressToConfirm(row);
    await pressToConfirm(detail);
    await sendKeys({ press: 'Enter' });
    await until(() => detail.phase === 'active' && row.phase === 'active');
    await settle(row);
    expect(row.dispatch?.id).to.equal(detail.dispatch?.id);
    expect(row.shadowRoot?.querySelector('.button')).to.equal(null, 'no second request offered');
    expect(statusText(row)).to.equal('Information: Notified');
    expect(textOf(part(row, 'holder'))).to.equal('primary (Primary)');

    await peerDispatches(server.people.primary).transition(detail.dispatch?.id ?? '', { to: 'acknowledged' });
    await until(() => row.dispatch?.status === 'acknowledged' && detail.dispatch?.status === 'acknowledged');
    await settle(row);
    await settle(detail);
    expect(statusText(row)).to.equal('Success: Acknowledged');
    expect(textOf(part(row, 'holder'))).to.equal('primary (Primary)');
    expect(shown(detail, '.holder-now')).to.equal('With primary (Primary)');
    expect(shown(detail, '.due')).to.equal('');
    expect(detail.shadowRoot?.querySelector('.escalate')).to.equal(null);

    // A button put back on the page (a host re-rendering its row) looks the incident up again.
    const cell = row.parentElement;
    const again = document.createElement('peer-request-button');
    again.compact = true;
    again.client = client;
    again.incident = incident;
    row.remove();
    cell?.append(again);
    await until(() => again.phase === 'active');
    expect(again.dispatch?.id).to.equal(detail.dispatch?.id);
  });

  it('leaves the buttons of other incidents, and buttons off the page, as they were when one requests', async () => {
    const [incident, other] = [newIncident(), newIncident()];
    const client = createPeerlinkClient({ baseUrl: server.apiUrl, getToken: dispatcherToken, offline: false });
    const page = await fixture<HTMLDivElement>(html`<div>
      <peer-request-button .client=${client} .incident=${incident}></peer-request-button>
      <peer-request-button .client=${client} .incident=${other}></peer-request-button>
      <peer-request-button .client=${client} .incident=${incident}></peer-request-button>
    </div>`);
    const [asking, elsewhere, away] = [...page.querySelectorAll('peer-request-button')];
    if (!asking || !elsewhere || !away) throw new Error('not rendered');
    await until(() => [asking, elsewhere, away].every((el) => el.phase === 'ready'));
    away.remove();

    await pressToConfirm(asking);
    await sendKeys({ press: 'Enter' });
    await until(() => asking.phase === 'active');
    await settle(asking);
    expect(elsewhere.phase).to.equal('ready');
    expect(elsewhere.dispatch).to.equal(undefined);
    expect(away.dispatch).to.equal(undefined, 'a button off the page hears nothing');

    // The incident a button asks for is read when an announcement comes, not when it joined the page.
    elsewhere.incident = incident;
    await until(() => elsewhere.phase === 'active');
    expect(elsewhere.dispatch?.id).to.equal(asking.dispatch?.id);
  });

  it('fits a narrow table cell on one line while confirming: the names shorten, nothing spills', async () => {
    const page = await fixture<HTMLDivElement>(html`<div style="inline-size: 400px">
      <table style="inline-size: 100%; border-collapse: collapse">
        <tr><td style="padding: 0"><peer-request-button compact base-url=${server.apiUrl} .getToken=${dispatcherToken} .incident=${newIncident()}></peer-request-button></td></tr>
      </table>
    </div>`);
    const el = page.querySelector('peer-request-button');
    const table = page.querySelector('table');
    if (!el || !table) throw new Error('not rendered');
    await until(() => el.phase === 'ready');
    await pressToConfirm(el);
    const cell = el.getBoundingClientRect();
    expect(table.getBoundingClientRect().width).to.be.at.most(400);
    expect(cell.right).to.be.at.most(page.getBoundingClientRect().right + 0.5);
    expect(cell.height).to.be.greaterThan(0).and.at.most(32);
    const names = part(el, 'on-call');
    expect(names.getBoundingClientRect().right).to.be.at.most(page.getBoundingClientRect().right + 0.5);
    // All three are still said: the button is described by the full list.
    expect(part(el, 'button').getAttribute('aria-describedby')).to.contain('on-call');
    expect(onCallLines(el)).to.deep.equal(['Primary: primary', 'Backup: backup', 'Supervisor: supervisor']);
  });
});
