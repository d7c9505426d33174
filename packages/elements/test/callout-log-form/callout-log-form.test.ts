// <peer-callout-log-form> against the real reference service (see test/browser/support/server-plugin.ts).
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import {
  calloutLogsApi,
  createClientCore,
  dispatchesApi,
  type CalloutLog,
  type Dispatch,
  type Role,
} from '@peerlink/sdk';
import '../../src/callout-log-form/define.js';
import '../../src/referral-picker/define.js';
import type { CalloutLogClient, PeerCalloutLogForm } from '../../src/index.js';
import { adoptThemeCss, onEnglishPage, part, settle, textOf } from '../helpers.js';
import { setup, until, type Setup } from '../request-button/server.js';
import {
  button,
  clearedDispatch,
  complete,
  control,
  fill,
  loaded,
  nextEvent,
  ownClient,
  storedLogs,
  tokenFor,
} from './support.js';

const server: Setup = await setup();
const author = tokenFor('specialist', server.people.primary);
const supervisor = tokenFor('supervisor', server.people.supervisor);

/** Shown as a datetime-local input shows it, in the browser's time zone. */
const local = (iso: string | undefined): string => {
  const date = new Date(iso ?? '');
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};
const at = (dispatch: Dispatch, status: string): string | undefined =>
  dispatch.timeline.find((entry) => entry.status === status)?.at;

async function mount(
  dispatch: Dispatch,
  options: {
    mode?: 'edit' | 'review' | 'view';
    getToken?: () => Promise<string>;
    client?: CalloutLogClient;
    logId?: string;
  } = {},
): Promise<PeerCalloutLogForm> {
  const el = await fixture<PeerCalloutLogForm>(
    options.client
      ? html`<peer-callout-log-form .client=${options.client} dispatch-id=${dispatch.id} mode=${options.mode ?? 'edit'}></peer-callout-log-form>`
      : html`<peer-callout-log-form
          base-url=${server.apiUrl}
          .getToken=${options.getToken ?? author}
          dispatch-id=${dispatch.id}
          log-id=${options.logId ?? ''}
          mode=${options.mode ?? 'edit'}
        ></peer-callout-log-form>`,
  );
  await loaded(el);
  return el;
}

/** Submits with the form's own button and waits for the service's answer. */
async function submit(el: PeerCalloutLogForm): Promise<CalloutLog> {
  const submitted = nextEvent(el, 'peer-log-submitted');
  part(el, 'submit').click();
  return (await submitted).detail.log;
}

/** A log the author has submitted through the form. */
async function submittedLog(dispatch: Dispatch, note?: string): Promise<CalloutLog> {
  const el = await mount(dispatch);
  await complete(el);
  if (note) await fill(el, 'investigatorNote', note);
  return submit(el);
}

const statusLabel = (el: PeerCalloutLogForm): string => {
  const status = el.shadowRoot?.querySelector('peer-status');
  return status ? textOf(part(status, 'label')) : '';
};
const errorText = (el: PeerCalloutLogForm, path: string): string =>
  textOf(el.shadowRoot?.getElementById(`f-${path.replaceAll('.', '-')}-error`));
const describedBy = (el: PeerCalloutLogForm, path: string): string[] =>
  (control(el, path).getAttribute('aria-describedby') ?? '').split(' ');

describe('<peer-callout-log-form>', function () {
  this.timeout(60_000);
  onEnglishPage();

  it('prefills the times and the check-in from the call-out, as editable labelled fields', async () => {
    const dispatch = await clearedDispatch();
    const el = await mount(dispatch);
    expect(control(el, 'times.dispatchedAt').value).to.equal(local(at(dispatch, 'requested')));
    expect(control(el, 'times.arrivedAt').value).to.equal(local(at(dispatch, 'on-scene')));
    expect(control(el, 'times.checkedInAt').value).to.equal(local(at(dispatch, 'checked-in')));
    expect(control(el, 'times.enteredSceneAt').value).to.equal(local(at(dispatch, 'engaged')));
    expect(control(el, 'times.clearedAt').value).to.equal(local(at(dispatch, 'cleared')));
    expect(control(el, 'times.arrivedAt').type).to.equal('datetime-local');
    expect(control(el, 'checkIn.investigatorName').value).to.equal('Det. A. Rivera');
    expect(control(el, 'checkIn.investigatorRole').value).to.equal('law-enforcement');
    expect(control(el, 'checkIn.agencyName').value).to.equal('County Sheriff');
    // Every control has a label that names it.
    for (const path of [
      'times.arrivedAt',
      'checkIn.agencyName',
      'sceneType',
      'outcome',
      'narrative',
      'investigatorNote',
    ]) {
      const labels = control(el, path).labels;
      expect(labels?.length, path).to.equal(1);
    }
    expect(textOf(control(el, 'times.arrivedAt').labels?.[0])).to.equal('Arrived on scene');
    // The value the form carries is the contract's content: the timeline's exact times.
    const value = JSON.parse(el.value) as { times: Record<string, string> };
    expect(value.times.arrivedAt).to.equal(at(dispatch, 'on-scene'));
  });

  it('submits a complete log through the service and shows it read-only', async () => {
    const dispatch = await clearedDispatch();
    const el = await mount(dispatch);
    await complete(el);
    const log = await submit(el);
    expect(log.status).to.equal('submitted');
    expect(log.content.peopleServed).to.deep.equal([{ role: 'family-member', ageBand: '26-40', count: 2 }]);
    expect(log.content.times?.arrivedAt).to.equal(at(dispatch, 'on-scene'));
    await settle(el);
    expect(statusLabel(el)).to.equal('Information: Submitted — waiting for review');
    expect(el.shadowRoot?.querySelector('[part~="submit"]')).to.equal(null, 'a submitted log is not edited');
    expect(await storedLogs(dispatch.id)).to.have.length(1);
  });

  it('keeps the draft through a lost connection and a reload, and sends the submit once when back online', async () => {
    const dispatch = await clearedDispatch();
    const database = `peerlink-test-${dispatch.id}`;
    const firstLink = { down: false };
    const first = await mount(dispatch, { client: ownClient(server, author, database, firstLink) });
    await complete(first, 'Stayed with the family until EMS left.');
    await nextEvent(first, 'peer-log-saved');

    // The connection drops and the tab is closed; a new page starts offline.
    firstLink.down = true;
    first.remove();
    const link = { down: true };
    const client = ownClient(server, author, database, link);
    const el = await mount(dispatch, { client });
    expect(control(el, 'narrative').value).to.equal('Stayed with the family until EMS left.');
    expect(control(el, 'peopleServed.0.count').value).to.equal('2');
    expect(textOf(el.shadowRoot?.querySelector('.meta[role="status"]'))).to.equal(
      'Offline — working from the draft on this device.',
    );

    part(el, 'submit').click();
    await until(() => el.phase === 'queued');
    await settle(el);
    expect(statusLabel(el)).to.equal('Warning: Queued — sends when online');
    expect(await storedLogs(dispatch.id)).to.deep.equal([], 'nothing reached the service');

    // Reloaded again while still offline: the queued submit is remembered.
    el.remove();
    const again = await mount(dispatch, { client });
    expect(again.phase).to.equal('queued');

    const submitted = nextEvent(again, 'peer-log-submitted');
    link.down = false;
    window.dispatchEvent(new Event('online'));
    const log = (await submitted).detail.log;
    expect(log.status).to.equal('submitted');
    expect(log.content.narrative).to.equal('Stayed with the family until EMS left.');
    const stored = await storedLogs(dispatch.id);
    expect(stored.map((row) => row.status)).to.deep.equal(['submitted'], 'exactly one log');
    await until(async () => (await client.drafts.load(`callout-log:${dispatch.id}`)) === undefined);
    await settle(again);
    expect(statusLabel(again)).to.equal('Information: Submitted — waiting for review');
  });

  it('opened again later, brings the draft back and says so; once submitted, shows the log read-only', async () => {
    const dispatch = await clearedDispatch();
    const database = `peerlink-test-reopen-${dispatch.id}`;
    const first = await mount(dispatch, { client: ownClient(server, author, database) });
    expect(first.shadowRoot?.querySelector('[part~="restored"]')).to.equal(null, 'nothing to restore the first time');
    await fill(first, 'narrative', 'Sat with the family on the porch.');
    await nextEvent(first, 'peer-log-saved');
    first.remove();

    // The peer comes back from the notification link hours later, on the same phone.
    const again = await mount(dispatch, { client: ownClient(server, author, database) });
    expect(control(again, 'narrative').value).to.equal('Sat with the family on the porch.');
    const restored = part(again, 'restored');
    expect(restored.getAttribute('role')).to.equal('status');
    expect(textOf(restored)).to.match(/^Your draft from this device is back, as saved at .+\.$/);
    await complete(again, 'Sat with the family on the porch.');
    await submit(again);
    again.remove();

    const later = await mount(dispatch, { client: ownClient(server, author, database) });
    expect(statusLabel(later)).to.equal('Information: Submitted — waiting for review');
    expect(later.shadowRoot?.querySelector('[part~="submit"]')).to.equal(null);
    expect(later.shadowRoot?.querySelector('[part~="restored"]')).to.equal(null);
    expect(textOf(later.shadowRoot?.querySelector('dl.read'))).to.contain('Sat with the family on the porch.');
  });

  it('brings a draft back to the peer who wrote it only, not to the next person on the same browser', async () => {
    const dispatch = await clearedDispatch();
    const database = `peerlink-test-shared-${dispatch.id}`;
    const first = await mount(dispatch, { client: ownClient(server, author, database) });
    await fill(first, 'narrative', 'Sat with the family on the porch.');
    await nextEvent(first, 'peer-log-saved');
    first.remove();

    // The peer's session ends without sign-out; their supervisor opens the call-out on the same browser.
    const next = await mount(dispatch, { client: ownClient(server, supervisor, database) });
    expect(control(next, 'narrative').value).to.equal('');
    expect(next.shadowRoot?.querySelector('[part~="restored"]')).to.equal(null);
    next.remove();

    const back = await mount(dispatch, { client: ownClient(server, author, database) });
    expect(control(back, 'narrative').value).to.equal('Sat with the family on the porch.');
  });

  it('says "(optional)" beside fields to fill, never in the read-only log', async () => {
    const dispatch = await clearedDispatch();
    const el = await mount(dispatch);
    expect(textOf(control(el, 'times.enteredSceneAt').labels?.[0])).to.equal('Entered the scene (optional)');
    expect(textOf(control(el, 'investigatorNote').labels?.[0])).to.equal('Note for the lead investigators (optional)');
    await complete(el);
    await submit(el);
    await settle(el);
    const terms = [...(el.shadowRoot?.querySelectorAll('dl.read dt') ?? [])].map((term) => textOf(term));
    expect(terms).to.include('Entered the scene');
    expect(terms.filter((term) => term.includes('optional'))).to.deep.equal([]);
  });

  it('keeps each checkbox’s words beside its box on a narrow phone', async () => {
    const dispatch = await clearedDispatch();
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="inline-size: 320px"><peer-callout-log-form base-url=${server.apiUrl} .getToken=${author} dispatch-id=${dispatch.id}></peer-callout-log-form></div>`,
    );
    const el = wrapper.querySelector('peer-callout-log-form');
    if (!el) throw new Error('not rendered');
    await loaded(el);
    const boxes = [...(el.shadowRoot?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]') ?? [])];
    expect(boxes.length).to.be.at.least(6);
    for (const box of boxes) {
      const words = box.closest('label')?.querySelector('span') ?? box.labels?.[0];
      if (!words) throw new Error(`no words for ${box.value || box.id}`);
      const [b, w] = [box.getBoundingClientRect(), words.getBoundingClientRect()];
      const name = textOf(words);
      expect(w.left, `${name} starts right of its box`).to.be.at.least(b.right);
      expect(w.top, `${name} starts on its box's line`).to.be.below(b.bottom);
      expect(getComputedStyle(words).fontWeight, `${name} weighs as the others`).to.equal(
        getComputedStyle(boxes[0]?.closest('label')?.querySelector('span') ?? words).fontWeight,
      );
    }
  });

  it('says each date in its own language when the browser speaks another', async () => {
    expect(navigator.language.split('-')[0]).to.equal('en', 'the test browser speaks English');
    const dispatch = await clearedDispatch();
    const english = await mount(dispatch);
    expect(english.shadowRoot?.querySelector('#f-times-arrivedAt-shown')).to.equal(
      null,
      'the control already says it in English',
    );
    english.remove();

    document.documentElement.lang = 'es';
    const el = await mount(dispatch);
    const arrived = at(dispatch, 'on-scene') ?? '';
    const spanish = new Intl.DateTimeFormat('es', { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(arrived),
    );
    expect(textOf(el.shadowRoot?.getElementById('f-times-arrivedAt-shown'))).to.equal(`Fijado: ${spanish}`);
    expect(describedBy(el, 'times.arrivedAt')).to.include('f-times-arrivedAt-shown');
    control(el, 'followUp.date').value = '2026-03-05';
    control(el, 'followUp.date').dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await settle(el);
    expect(textOf(el.shadowRoot?.getElementById('f-followUp-date-shown'))).to.equal('Fijado: 5 mar 2026');
  });

  it('keeps what was typed for one call-out when the form moves to another at once', async () => {
    const [first, second] = [await clearedDispatch(), await clearedDispatch()];
    const client = ownClient(server, author, `peerlink-test-${first.id}`);
    const el = await mount(first, { client });
    await fill(el, 'narrative', 'Notes for the first call-out.');
    el.dispatchId = second.id;
    await until(() => el.phase === 'ready' && control(el, 'narrative').value === '');
    const saved = await client.drafts.load<{ content: { narrative?: string } }>(`callout-log:${first.id}`);
    expect(saved?.content.narrative).to.equal('Notes for the first call-out.');
    expect(await client.drafts.load(`callout-log:${second.id}`)).to.equal(undefined);
  });

  it('goes around the review loop: returned with a field comment, corrected, resubmitted, approved', async () => {
    const dispatch = await clearedDispatch();
    await submittedLog(dispatch);

    // The supervisor returns it with a general comment and one on the arrival time.
    const review = await mount(dispatch, { mode: 'review', getToken: supervisor });
    expect(review.log?.status).to.equal('submitted');
    expect(review.shadowRoot?.querySelector('[part~="submit"]')).to.equal(null);
    const commentButton = review.shadowRoot?.querySelector<HTMLButtonElement>('#f-times-arrivedAt-term + dd button');
    if (!commentButton) throw new Error('no comment button for the arrival time');
    commentButton.click();
    await settle(review);
    expect(commentButton.getAttribute('aria-expanded')).to.equal('true');
    expect(review.shadowRoot?.activeElement?.id).to.equal('f-times-arrivedAt-comment');
    await sendKeys({ type: 'Arrival looks early; check CAD.' });
    // Returning without any comment is refused; here there is a field comment, so it goes.
    const returned = nextEvent(review, 'peer-log-reviewed');
    part(review, 'return').click();
    const decision = (await returned).detail;
    expect(decision.decision).to.equal('return');
    expect(decision.log.status).to.equal('returned');
    expect(decision.log.reviews.at(-1)?.fieldComments).to.deep.equal([
      { path: 'times.arrivedAt', comment: 'Arrival looks early; check CAD.' },
    ]);

    // The peer sees the comment beside the field, and a returned banner.
    const el = await mount(dispatch);
    expect(statusLabel(el)).to.equal('Warning: Returned with comments');
    expect(textOf(part(el, 'returned'))).to.contain('Your supervisor returned this log.');
    expect(textOf(el.shadowRoot?.getElementById('f-times-arrivedAt-comments'))).to.equal(
      'Supervisor: Arrival looks early; check CAD.',
    );
    expect(describedBy(el, 'times.arrivedAt')).to.include('f-times-arrivedAt-comments');
    await fill(el, 'times.arrivedAt', local(at(dispatch, 'checked-in')));
    const resubmitted = await submit(el);
    expect(resubmitted.status).to.equal('submitted');

    // Approved; the history keeps both reviews.
    const again = await mount(dispatch, { mode: 'review', getToken: supervisor });
    const approved = nextEvent(again, 'peer-log-reviewed');
    part(again, 'approve').click();
    const final = (await approved).detail.log;
    expect(final.status).to.equal('approved');
    expect(final.reviews.map((entry) => entry.decision)).to.deep.equal(['return', 'approve']);
    await settle(again);
    expect(statusLabel(again)).to.equal('Success: Approved');
    expect(again.shadowRoot?.querySelectorAll('.history > ol > li')).to.have.length(2);
    expect(again.shadowRoot?.querySelector('[part~="approve"]')).to.equal(null);
  });

  it('refuses to return a log without a comment', async () => {
    const dispatch = await clearedDispatch();
    await submittedLog(dispatch);
    const review = await mount(dispatch, { mode: 'review', getToken: supervisor });
    part(review, 'return').click();
    await settle(review);
    expect(review.shadowRoot?.activeElement?.id).to.equal('review-comment');
    expect(textOf(review.shadowRoot?.getElementById('review-comment-error'))).to.equal(
      'Write a comment, or a comment on a field, to return the log.',
    );
    expect((await storedLogs(dispatch.id))[0]?.status).to.equal('submitted');
  });

  it('gives the investigator note to investigators and supervisors only', async () => {
    const dispatch = await clearedDispatch();
    const log = await submittedLog(dispatch, 'A neighbor says a blue sedan left just before EMS arrived.');
    const read = async (role: Role, subjectId?: string) => {
      const el = await mount(dispatch, { mode: 'view', logId: log.id, getToken: tokenFor(role, subjectId) });
      return el;
    };
    for (const el of [await read('investigator'), await read('supervisor', server.people.supervisor)]) {
      expect(el.log?.content.investigatorNote).to.equal('A neighbor says a blue sedan left just before EMS arrived.');
      expect(textOf(part(el, 'investigator-note'))).to.contain('A neighbor says a blue sedan left');
    }
    for (const el of [await read('dispatcher'), await read('specialist', server.people.backup)]) {
      expect(el.log, 'nothing of the log').to.equal(undefined);
      expect(el.shadowRoot?.querySelector('[part~="investigator-note"]')).to.equal(null);
      expect(part(el, 'error').getAttribute('role')).to.equal('alert');
    }
  });

  it('marks the investigator note visibly and for screen readers', async () => {
    const el = await mount(await clearedDispatch());
    const note = control(el, 'investigatorNote');
    expect(describedBy(el, 'investigatorNote')).to.include('note-mark');
    expect(textOf(el.shadowRoot?.getElementById('note-mark'))).to.contain('Goes to the lead investigators only');
    expect(part(el, 'investigator-note').querySelector('svg[aria-hidden="true"]')).not.to.equal(null);
    expect(note.labels?.[0]?.textContent).to.contain('Note for the lead investigators');
  });

  it('is a form control: FormData carries the content, reset restores it, a disabled fieldset disables it', async () => {
    const dispatch = await clearedDispatch();
    const form = await fixture<HTMLFormElement>(html`<form>
      <fieldset>
        <peer-callout-log-form name="log" base-url=${server.apiUrl} .getToken=${author} dispatch-id=${dispatch.id}></peer-callout-log-form>
      </fieldset>
    </form>`);
    const el = form.querySelector('peer-callout-log-form');
    const fieldset = form.querySelector('fieldset');
    if (!el || !fieldset) throw new Error('not rendered');
    await loaded(el);
    expect(el.form).to.equal(form);
    const submitted = (): { narrative?: string; times?: { arrivedAt?: string } } => {
      const value = new FormData(form).get('log');
      if (typeof value !== 'string') throw new Error('no log in the form data');
      return JSON.parse(value) as { narrative?: string };
    };
    expect(submitted().times?.arrivedAt).to.equal(at(dispatch, 'on-scene'));
    expect(el.checkValidity()).to.equal(false, 'incomplete: scene, outcome');
    expect(form.checkValidity()).to.equal(false);

    await complete(el, 'Walked the family through next steps.');
    expect(submitted().narrative).to.equal('Walked the family through next steps.');
    expect(el.checkValidity()).to.equal(true);
    expect(form.checkValidity()).to.equal(true);

    form.reset();
    await settle(el);
    expect(control(el, 'narrative').value).to.equal('');
    expect(submitted().narrative).to.equal('');
    expect(el.checkValidity()).to.equal(false);

    fieldset.disabled = true;
    await settle(el);
    expect(el.matches(':disabled')).to.equal(true);
    expect(control(el, 'narrative').matches(':disabled')).to.equal(true);
    expect(part(el, 'submit').matches(':disabled')).to.equal(true);
    expect(new FormData(form).has('log')).to.equal(false, 'a disabled control is not submitted');
    fieldset.disabled = false;
    await settle(el);
    expect(control(el, 'narrative').matches(':disabled')).to.equal(false);
  });

  it('takes the referrals a slotted <peer-referral-picker> made into the log, in place of the id list', async () => {
    const dispatch = await clearedDispatch();
    const form = await fixture<HTMLFormElement>(html`<form>
      <peer-callout-log-form name="log" base-url=${server.apiUrl} .getToken=${author} dispatch-id=${dispatch.id}>
        <peer-referral-picker slot="referrals"></peer-referral-picker>
      </peer-callout-log-form>
    </form>`);
    const el = form.querySelector('peer-callout-log-form');
    const picker = form.querySelector('peer-referral-picker');
    if (!el || !picker) throw new Error('not rendered');
    await loaded(el);
    expect(customElements.get('peer-referral-picker'), 'the real picker is on the page').to.not.equal(undefined);
    const referrals = () => {
      const value = new FormData(form).get('log');
      if (typeof value !== 'string') throw new Error('no log in the form data');
      return (JSON.parse(value) as { referralIds?: string[] }).referralIds;
    };
    expect(referrals() ?? []).to.deep.equal([]);
    // What the picker reports after each referral it creates: the ids of all made there.
    const made = [crypto.randomUUID(), crypto.randomUUID()];
    Object.defineProperty(picker, 'value', { configurable: true, get: () => made });
    picker.dispatchEvent(new Event('change', { bubbles: true }));
    await settle(el);
    expect(referrals()).to.deep.equal(made);
  });

  it('shows each possible personal detail beside the narrative, with Redact and Keep', async () => {
    const dispatch = await clearedDispatch();
    const el = await mount(dispatch);
    await complete(el, '');
    control(el, 'narrative').focus();
    await sendKeys({ type: 'Her name is Maria Lopez. I called her sister at 217-555-0143 to come over.' });
    await until(() => (el.shadowRoot?.querySelectorAll('[part~="pii"] li').length ?? 0) === 2);
    await settle(el);
    const items = () =>
      [...(el.shadowRoot?.querySelectorAll('[part~="pii"] li > span:first-child') ?? [])].map((item) => textOf(item));
    expect(items()).to.deep.equal(['Name: “Maria Lopez”', 'Phone number: “217-555-0143”']);

    // Blocked while a finding is neither redacted nor kept.
    part(el, 'submit').click();
    await settle(el);
    expect(el.shadowRoot?.activeElement).to.equal(part(el, 'error-summary'));
    expect(textOf(part(el, 'error-summary'))).to.contain(
      'Narrative: Redact or keep each possible personal detail first.',
    );
    expect(errorText(el, 'narrative')).to.equal('Redact or keep each possible personal detail first.');
    expect(control(el, 'narrative').getAttribute('aria-invalid')).to.equal('true');
    expect(await storedLogs(dispatch.id)).to.deep.equal([]);

    // Redact the phone number; keep the name (a decision the service records).
    const phone = el.shadowRoot
      ?.querySelectorAll<HTMLButtonElement>('[part~="pii"] li')[1]
      ?.querySelector<HTMLButtonElement>('[data-redact]');
    phone?.click();
    await settle(el);
    expect(control(el, 'narrative').value).to.equal(
      'Her name is Maria Lopez. I called her sister at [phone] to come over.',
    );
    expect(items()).to.deep.equal(['Name: “Maria Lopez”']);
    button(el, 'Keep').click();
    await settle(el);
    expect(items()).to.deep.equal(['Name: “Maria Lopez” — Kept']);
    expect(errorText(el, 'narrative')).to.equal('');

    const log = await submit(el);
    expect(log.content.narrative).to.equal('Her name is Maria Lopez. I called her sister at [phone] to come over.');
    expect(log.piiKept.map((kept) => [kept.field, kept.kind])).to.deep.equal([['narrative', 'person-name']]);
  });

  it('puts a refusal from the service beside the field it concerns', async () => {
    const dispatch = await clearedDispatch();
    // A host client that forgets the keep decisions: the service itself refuses the finding.
    const core = createClientCore({ baseUrl: server.apiUrl, getToken: author, offline: false });
    const logs = calloutLogsApi(core);
    const forgetful: CalloutLogClient = {
      calloutLogs: { ...logs, submit: (id, body, call) => logs.submit(id, { ...body, keep: [] }, call) },
      dispatches: dispatchesApi(core),
      drafts: core.drafts,
    };
    const el = await mount(dispatch, { client: forgetful });
    await complete(el, 'Her name is Maria Lopez.');
    await until(() => (el.shadowRoot?.querySelectorAll('[part~="pii"] li').length ?? 0) === 1);
    button(el, 'Keep').click();
    await settle(el);
    const failed = nextEvent(el, 'peer-error');
    part(el, 'submit').click();
    expect((await failed).detail.error.status).to.equal(422);
    await settle(el);
    expect(errorText(el, 'narrative')).to.equal('Redact or keep each possible personal detail first.');
    expect(control(el, 'narrative').getAttribute('aria-invalid')).to.equal('true');
    expect(textOf(part(el, 'error-summary'))).to.contain('Narrative:');
    expect(el.shadowRoot?.activeElement).to.equal(part(el, 'error-summary'));
    expect((await storedLogs(dispatch.id)).map((row) => row.status)).to.deep.equal(['draft'], 'saved, not submitted');
  });

  it('lists what to fix at the top, focuses it, and links each item to its field', async () => {
    const dispatch = await clearedDispatch();
    const el = await mount(dispatch);
    await fill(
      el,
      'times.arrivedAt',
      local(new Date(Date.parse(at(dispatch, 'requested') ?? '') - 3600_000).toISOString()),
    );
    expect(errorText(el, 'sceneType')).to.equal('', 'untouched fields wait for a submit');
    part(el, 'submit').click();
    await settle(el);
    const summary = part(el, 'error-summary');
    expect(summary.getAttribute('role')).to.equal('alert');
    expect(el.shadowRoot?.activeElement).to.equal(summary);
    const links = [...summary.querySelectorAll('a')].map((link) => textOf(link));
    expect(links).to.deep.equal([
      'Arrived on scene: Must not be before “Dispatched”.',
      'Scene type: This field is required.',
      'Outcome: This field is required.',
    ]);
    expect(textOf(summary.querySelector('h3'))).to.equal('Check these fields before submitting (3)');
    expect(errorText(el, 'sceneType')).to.equal('This field is required.');
    expect(control(el, 'sceneType').getAttribute('aria-invalid')).to.equal('true');
    expect(describedBy(el, 'sceneType')).to.include('f-sceneType-error');
    summary.querySelectorAll('a')[1]?.click();
    expect(el.shadowRoot?.activeElement).to.equal(control(el, 'sceneType'));
    expect(await storedLogs(dispatch.id)).to.deep.equal([]);

    // Fixing a field takes it off the list.
    await fill(el, 'sceneType', 'vehicle');
    expect(errorText(el, 'sceneType')).to.equal('');
    expect(part(el, 'error-summary').querySelectorAll('a')).to.have.length(2);
  });

  it('speaks Spanish', async () => {
    document.documentElement.lang = 'es';
    const el = await mount(await clearedDispatch());
    expect(textOf(part(el, 'heading'))).to.equal('Registro de intervención');
    expect(textOf(part(el, 'submit'))).to.equal('Enviar a supervisión');
    expect(textOf(control(el, 'times.arrivedAt').labels?.[0])).to.equal('Llegada al lugar');
    part(el, 'submit').click();
    await settle(el);
    expect(textOf(part(el, 'error-summary').querySelector('h3'))).to.equal('Revisa estos campos antes de enviar (2)');
    expect(errorText(el, 'sceneType')).to.equal('Este campo es obligatorio.');
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`is accessible in the ${theme} theme: editing, errors, findings, queued, returned, review, approved`, async () => {
      const removeTheme = adoptThemeCss();
      const within = (content: unknown) =>
        fixture<HTMLDivElement>(
          html`<div data-peer-theme=${theme} style="background: var(--peer-color-surface); color: var(--peer-color-text)">${content}</div>`,
        );
      const form = async (container: HTMLDivElement): Promise<PeerCalloutLogForm> => {
        const el = container.querySelector('peer-callout-log-form');
        if (!el) throw new Error('not rendered');
        await loaded(el);
        return el;
      };
      try {
        const dispatch = await clearedDispatch();
        const editing = await within(
          html`<peer-callout-log-form base-url=${server.apiUrl} .getToken=${author} dispatch-id=${dispatch.id}></peer-callout-log-form>`,
        );
        const el = await form(editing);
        await expect(editing).to.be.accessible();
        part(el, 'submit').click();
        await fill(el, 'narrative', 'Her name is Maria Lopez; call 217-555-0143.');
        await until(() => (el.shadowRoot?.querySelectorAll('[part~="pii"] li').length ?? 0) === 2);
        await settle(el);
        await expect(editing).to.be.accessible();

        const link = { down: false };
        const queuedDispatch = await clearedDispatch();
        const offline = await within(
          html`<peer-callout-log-form .client=${ownClient(server, author, `peerlink-a11y-${queuedDispatch.id}`, link)} dispatch-id=${queuedDispatch.id}></peer-callout-log-form>`,
        );
        const queued = await form(offline);
        await complete(queued);
        link.down = true;
        part(queued, 'submit').click();
        await until(() => queued.phase === 'queued');
        await settle(queued);
        await expect(offline).to.be.accessible();

        const reviewed = await clearedDispatch();
        await submittedLog(reviewed, 'Witness mentioned a blue sedan.');
        const reviewing = await within(
          html`<peer-callout-log-form mode="review" base-url=${server.apiUrl} .getToken=${supervisor} dispatch-id=${reviewed.id}></peer-callout-log-form>`,
        );
        const review = await form(reviewing);
        review.shadowRoot?.querySelector<HTMLButtonElement>('#f-narrative-term + dd button')?.click();
        await settle(review);
        await expect(reviewing).to.be.accessible();
        await sendKeys({ type: 'Say who you referred where.' });
        const done = nextEvent(review, 'peer-log-reviewed');
        part(review, 'return').click();
        await done;

        const returned = await within(
          html`<peer-callout-log-form base-url=${server.apiUrl} .getToken=${author} dispatch-id=${reviewed.id}></peer-callout-log-form>`,
        );
        const correcting = await form(returned);
        expect(textOf(correcting.shadowRoot?.getElementById('f-narrative-comments'))).to.contain(
          'Say who you referred where.',
        );
        await expect(returned).to.be.accessible();
        await submit(correcting);

        const approving = await within(
          html`<peer-callout-log-form mode="review" base-url=${server.apiUrl} .getToken=${supervisor} dispatch-id=${reviewed.id}></peer-callout-log-form>`,
        );
        const approver = await form(approving);
        const approved = nextEvent(approver, 'peer-log-reviewed');
        part(approver, 'approve').click();
        await approved;
        await settle(approver);
        await expect(approving).to.be.accessible();
      } finally {
        removeTheme();
      }
    });
  }
});
