// <peer-log-review-queue> against the real reference service (see test/browser/support/server-plugin.ts).
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import type { CalloutLog } from '@peerlink/sdk';
import '../../src/log-review-queue/define.js';
import { PEER_THEMES, PeerCalloutLogForm, type PeerLogReviewQueue } from '../../src/index.js';
import { adoptThemeCss, keepDocumentLang, part, query, settle, textOf } from '../helpers.js';
import { clearedDispatch, loaded, tokenFor } from '../callout-log-form/support.js';
import { setup, until, type Setup } from '../request-button/server.js';
import { holdingClient, submitLogFor, submittedLog, supervisorLogs } from './support.js';

const server: Setup = await setup();
const supervisor = tokenFor('supervisor', server.people.supervisor);

async function mount(): Promise<PeerLogReviewQueue> {
  const el = await fixture<PeerLogReviewQueue>(
    html`<peer-log-review-queue base-url=${server.apiUrl} .getToken=${supervisor}></peer-log-review-queue>`,
  );
  await until(() => el.phase === 'ready');
  return el;
}

const item = (el: PeerLogReviewQueue, logId: string): HTMLElement | undefined =>
  el.shadowRoot?.querySelector<HTMLElement>(`[data-log="${logId}"]`)?.closest('li') ?? undefined;

/** The log form the queue opened a log in. */
const openedForm = (el: PeerLogReviewQueue): PeerCalloutLogForm =>
  query(el.shadowRoot ?? el, '[part~="form"]', PeerCalloutLogForm);

const shows = (el: PeerLogReviewQueue, logId: string) => () => item(el, logId) !== undefined;

/** A log submitted with `narrative`, and the queue mounted once it shows it. */
async function mountWith(narrative: string): Promise<{ log: CalloutLog; el: PeerLogReviewQueue }> {
  const log = await submittedLog(server, narrative);
  const el = await mount();
  await until(shows(el, log.id));
  await settle(el);
  return { log, el };
}

describe('<peer-log-review-queue>', function () {
  // Each test talks to the real service, which shares the machine with the rest of the suite.
  this.timeout(60_000);
  afterEach(keepDocumentLang());

  it('lists submitted logs oldest first with their call-out facts, never their free text', async function () {
    // Call-outs walked to cleared and logs submitted through the real service: slow on a busy machine.
    this.timeout(30_000);
    const first = await submittedLog(server, 'QUEUE-CANARY-1 she said her name.');
    const second = await submittedLog(server, 'QUEUE-CANARY-2 met at the door.');
    const el = await mount();
    await until(() => shows(el, first.id)() && shows(el, second.id)());
    await settle(el);
    const ids = el.logs.map((log) => log.id);
    expect(ids.indexOf(first.id)).to.be.lessThan(ids.indexOf(second.id), 'the longest waiting first');
    const row = textOf(item(el, first.id));
    expect(row).to.contain('Overdose (non-fatal)');
    expect(row).to.contain('Area county');
    expect(row).to.contain('Peer responded as Primary');
    expect(row).to.match(/Submitted (now|\d+ minutes? ago)/);
    expect(row).to.match(/Cleared \d\d:40/);
    const shown = el.shadowRoot?.textContent ?? '';
    expect(shown).not.to.contain('QUEUE-CANARY');
    expect(shown).not.to.contain('Okafor');
    expect(textOf(part(el, 'count'))).to.match(/^\d+ waiting$/);
  });

  it('shows a log a peer submits while it is open, and announces it', async () => {
    const el = await mount();
    const changed = new Promise<number>((resolve) => {
      el.addEventListener('peer-queue-change', (event) => {
        resolve(event.detail.count);
      });
    });
    const log = await submittedLog(server, 'QUEUE-CANARY-3 arrived live.');
    await until(shows(el, log.id), 10_000);
    expect(await changed).to.be.greaterThan(0);
    expect(textOf(part(el, 'announcer'))).to.match(/A call-out log was submitted for review\. \d+ waiting\./);
  });

  it('opens a log in the review form by keyboard; returned with a comment, it leaves the queue', async function () {
    // Call-outs walked to cleared and logs submitted through the real service: slow on a busy machine.
    this.timeout(30_000);
    const { log, el } = await mountWith('QUEUE-CANARY-4 to return.');
    el.shadowRoot?.querySelector<HTMLButtonElement>(`[data-log="${log.id}"]`)?.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(el.openLogId).to.equal(log.id);
    expect(el.shadowRoot?.activeElement).to.equal(part(el, 'back'));
    const form = openedForm(el);
    expect(form.mode).to.equal('review');
    await loaded(form);
    expect(form.log?.id).to.equal(log.id);
    const comment = form.shadowRoot?.querySelector<HTMLTextAreaElement>('#review-comment');
    if (!comment) throw new Error('no review comment field');
    comment.focus();
    await sendKeys({ type: 'Add who you referred where.' });
    const reviewed = new Promise<string>((resolve) => {
      el.addEventListener('peer-log-reviewed', (event) => {
        resolve(event.detail.decision);
      });
    });
    part(form, 'return').click();
    expect(await reviewed).to.equal('return');
    await settle(el);
    expect(el.openLogId).to.equal(undefined);
    expect(el.logs.some((waiting) => waiting.id === log.id)).to.equal(false);
    expect(textOf(part(el, 'announcer'))).to.match(/^Returned with comments\. \d+ waiting\.$/);
    // Back on the queue, focus is on the heading or the next log, never lost.
    expect(el.shadowRoot?.activeElement).not.to.equal(null);
  });

  it('never brings back a log reviewed elsewhere while its call-out was still being read, nor announces it', async function () {
    // A call-out walked to cleared and a log submitted and approved through the real service.
    this.timeout(30_000);
    const held = holdingClient(server, supervisor);
    const el = await fixture<PeerLogReviewQueue>(
      html`<peer-log-review-queue .client=${held.client}></peer-log-review-queue>`,
    );
    await until(() => el.phase === 'ready');
    const dispatch = await clearedDispatch();
    held.hold(dispatch.id);
    const announcedWith: boolean[] = [];
    const log = await submitLogFor(server, dispatch, 'QUEUE-CANARY-7 reviewed elsewhere.');
    el.addEventListener('peer-queue-change', () => {
      announcedWith.push(el.logs.some((waiting) => waiting.id === log.id));
    });
    // The page with the new log arrived; the queue is reading its call-out.
    await until(held.asked, 10_000);
    await supervisorLogs(server).review(log.id, { decision: 'approve' });
    // The page read after the approval, without the log, is shown first.
    await until(() => held.droppedLater(log.id), 10_000);
    await settle(el);
    expect(el.logs.map((waiting) => waiting.id)).not.to.include(log.id);
    held.release();
    await held.settled();
    await settle(el);
    await settle(el);
    expect(el.logs.map((waiting) => waiting.id)).not.to.include(log.id, 'the older page was dropped');
    expect(shows(el, log.id)()).to.equal(false);
    expect(announcedWith).not.to.include(true, 'the reviewed log was never announced as waiting');
  });

  it('announces a review in the same live region it had before the log was opened', async function () {
    // A call-out walked to cleared and a log submitted through the real service: slow on a busy machine.
    this.timeout(30_000);
    const { log, el } = await mountWith('QUEUE-CANARY-8 to approve.');
    const region = part(el, 'announcer');
    expect(region.getAttribute('role')).to.equal('status');
    el.open(log.id);
    await settle(el);
    expect(part(el, 'announcer')).to.equal(region, 'the live region stays while a log is open');
    const form = openedForm(el);
    await loaded(form);
    part(form, 'approve').click();
    await until(() => el.openLogId === undefined);
    await settle(el);
    expect(part(el, 'announcer')).to.equal(region, 'the live region stays when the queue comes back');
    expect(region.isConnected).to.equal(true);
    expect(textOf(region)).to.match(/^Approved\. \d+ waiting\.$/);
  });

  it('says when it cannot reach Peerlink, and offers Retry', async () => {
    const el = await fixture<PeerLogReviewQueue>(
      html`<peer-log-review-queue base-url="http://127.0.0.1:9" .getToken=${supervisor}></peer-log-review-queue>`,
    );
    await until(() => el.phase === 'failed', 20_000);
    await settle(el);
    expect(textOf(part(el, 'error'))).to.contain('Peerlink could not be reached.');
    expect(textOf(part(el, 'error').querySelector('button'))).to.equal('Retry');
  });

  it('speaks Spanish', async () => {
    document.documentElement.lang = 'es';
    const { log, el } = await mountWith('QUEUE-CANARY-5 en español.');
    expect(textOf(part(el, 'heading'))).to.equal('Registros de salidas pendientes de revisión');
    expect(textOf(item(el, log.id))).to.contain('Sobredosis (no mortal)');
    expect(textOf(item(el, log.id))).to.contain('El par respondió como Principal');
  });

  for (const theme of PEER_THEMES) {
    for (const lang of ['en', 'es'] as const) {
      it(`is accessible in the ${theme} theme in ${lang}: the list, and a log opened`, async () => {
        document.documentElement.lang = lang;
        const removeTheme = adoptThemeCss();
        try {
          await submittedLog(server, 'QUEUE-CANARY-6 for axe.');
          const container = await fixture<HTMLDivElement>(
            html`<div data-peer-theme=${theme} style="background: var(--peer-color-surface); color: var(--peer-color-text)">
              <peer-log-review-queue base-url=${server.apiUrl} .getToken=${supervisor}></peer-log-review-queue>
            </div>`,
          );
          const el = container.querySelector('peer-log-review-queue');
          if (!el) throw new Error('not rendered');
          await until(() => el.phase === 'ready' && el.logs.length > 0);
          await settle(el);
          await expect(container).to.be.accessible();
          const first = el.logs[0];
          if (!first) throw new Error('empty queue');
          el.open(first.id);
          await settle(el);
          await loaded(openedForm(el));
          await settle(el);
          await expect(container).to.be.accessible();
        } finally {
          removeTheme();
        }
      });
    }
  }
});
