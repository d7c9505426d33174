// <peer-referral-picker> referring, against the real reference service: consent gating (nothing
// stored without a valid consent), the whole closed loop followed live, keyboard only from the
// search box to the sent referral, offline through the outbox, Spanish, and axe on every state.
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import {
  PeerNotFoundError,
  createPeerlinkClient,
  type Referral,
  type ReferralStatus,
  type Resource,
} from '@peerlink/sdk';
import '../../src/referral-picker/define.js';
import type { PeerReferralPicker } from '../../src/index.js';
import { textOf } from '../helpers.js';
import { setup, type Setup } from '../request-button/server.js';
import {
  HERE,
  NOW,
  button,
  chip,
  directory,
  insertResources,
  moveReferral,
  names,
  options,
  ownClient,
  pickerSuite,
  searchBox,
  shadow,
  statusLabel,
  storedReferrals,
  tokenFor,
  type,
  uniqueTag,
  until,
} from './support.js';

const server: Setup = await setup();
const tag = uniqueTag();
const stored: Resource[] = await insertResources(directory(tag));
const harbor = stored.find((resource) => resource.name.endsWith('Harbor Light Detox Center'));

let serial = 0;
/** A person reference no other test uses. */
const newPersonRef = () => `CASE-${String(Date.now())}-${String((serial += 1))}`;

type Control = HTMLInputElement | HTMLSelectElement;

/** The consent form's control for a field path. */
function control(el: PeerReferralPicker, path: string): Control {
  const found = shadow(el).querySelector(`#f-${path.replace(/\./g, '-')}`);
  if (!(found instanceof HTMLInputElement || found instanceof HTMLSelectElement))
    throw new Error(`no control for ${path}`);
  return found;
}

/** The message shown beside a field. */
const errorBeside = (el: PeerReferralPicker, path: string): string =>
  textOf(shadow(el).getElementById(`f-${path.replace(/\./g, '-')}-error`));

async function fill(el: PeerReferralPicker, path: string, value: string): Promise<void> {
  const target = control(el, path);
  target.value = value;
  target.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** A checkbox or radio of the form, by its label. */
function choice(el: PeerReferralPicker, label: string): HTMLInputElement {
  const found = [...shadow(el).querySelectorAll('form label')]
    .find((candidate) => textOf(candidate) === label)
    ?.querySelector('input');
  if (!found) throw new Error(`no choice "${label}"`);
  return found;
}

async function click(el: PeerReferralPicker, target: HTMLElement): Promise<void> {
  target.click();
  await el.updateComplete;
}

async function mount(client = ownClient(server), lang = 'en'): Promise<PeerReferralPicker> {
  const el = await fixture<PeerReferralPicker>(
    html`<peer-referral-picker
      lang=${lang}
      style="--peer-referral-picker-list-height: 80rem"
      search-delay="50"
      .client=${client}
      .now=${NOW}
      .near=${HERE}
    ></peer-referral-picker>`,
  );
  await type(el, tag);
  await until(() => names(el).length === 10, 10_000, 'the directory');
  return el;
}

/** Chooses Harbor Light from the results and opens the consent form. */
async function openConsent(el: PeerReferralPicker): Promise<void> {
  const row = options(el).find((option) => textOf(option).includes('Harbor Light'));
  if (!row) throw new Error('Harbor Light is not listed');
  await click(el, row);
  await click(el, button(el, el.lang === 'es' ? 'Derivar…' : 'Refer…'));
  expect(el.phase).to.equal('consent');
}

/** A consent the contract accepts, given in writing. */
async function completeConsent(el: PeerReferralPicker, personRef: string): Promise<void> {
  await fill(el, 'personRef', personRef);
  await click(el, choice(el, 'Signed on paper'));
  await click(el, control(el, 'consent.part2NoticeAcknowledged'));
}

/** Presses Tab until `reached` (at most 20 times): the order of the form as a keyboard meets it. */
async function tabTo(el: PeerReferralPicker, reached: () => boolean): Promise<void> {
  for (let i = 0; i < 20 && !reached(); i += 1) await sendKeys({ press: 'Tab' });
  expect(reached()).to.equal(
    true,
    `reached by Tab (now on ${shadow(el).activeElement?.outerHTML.slice(0, 80) ?? 'nothing'})`,
  );
}

const submit = (el: PeerReferralPicker) =>
  click(el, shadow(el).querySelector<HTMLButtonElement>('[part~="submit"]') ?? button(el, 'Send referral'));

describe('<peer-referral-picker> referrals', function () {
  pickerSuite(this, 2400);

  it('refuses a referral without the notice acknowledged, with a name, or with an expiry in the past — and the service has none', async () => {
    expect(harbor).to.not.equal(undefined);
    const el = await mount();
    await openConsent(el);
    const created: Referral[] = [];
    el.addEventListener('peer-referral-created', (event) => created.push(event.detail.referral));
    // The form starts from the resource.
    expect(control(el, 'consent.recipient').value).to.equal(harbor?.organization.name);
    expect(choice(el, 'Detox').checked).to.equal(true);
    expect(choice(el, 'The referral and its needs, with the receiving service').checked).to.equal(true);
    expect(textOf(shadow(el).querySelector('[part~="notice"]')))
      .to.include('42 CFR part 2')
      .and.include('NOT sufficient');

    // 1. Nothing filled in: every missing piece is listed and shown beside its field.
    await submit(el);
    const summary = shadow(el).querySelector('[part~="error-summary"]');
    expect(shadow(el).activeElement).to.equal(summary, 'the summary takes focus');
    expect(textOf(summary))
      .to.include('Person reference')
      .and.include('How consent was given')
      .and.include('Notice: 42 CFR Part 2');
    expect(errorBeside(el, 'consent.part2NoticeAcknowledged')).to.equal(
      'No referral is sent until the notice is acknowledged.',
    );
    expect(control(el, 'consent.part2NoticeAcknowledged').getAttribute('aria-invalid')).to.equal('true');

    // 2. Everything but the acknowledgement.
    const withoutNotice = newPersonRef();
    await fill(el, 'personRef', withoutNotice);
    await click(el, choice(el, 'Signed on paper'));
    await submit(el);
    expect(el.phase).to.equal('consent');
    expect(textOf(shadow(el).querySelector('[part~="error-summary"]')))
      .to.include('Notice: 42 CFR Part 2')
      .and.not.include('Person reference');

    // 3. A name instead of a pseudonymous reference.
    await click(el, control(el, 'consent.part2NoticeAcknowledged'));
    await fill(el, 'personRef', 'Maria Lopez');
    await submit(el);
    expect(el.phase).to.equal('consent');
    expect(errorBeside(el, 'personRef')).to.equal(
      'Use a pseudonymous reference such as a case number (letters, digits and . _ : -), not a name.',
    );
    expect(control(el, 'personRef').getAttribute('aria-invalid')).to.equal('true');

    // 4. A consent that has already expired.
    const expired = newPersonRef();
    await fill(el, 'personRef', expired);
    await fill(el, 'consent.expiresAt', '2024-01-31');
    await submit(el);
    expect(el.phase).to.equal('consent');
    expect(errorBeside(el, 'consent.expiresAt')).to.equal('Choose a day after today.');
    expect(errorBeside(el, 'personRef')).to.equal('');

    // 5. A verbal consent needs its witness.
    const next = new Date();
    next.setMonth(next.getMonth() + 6);
    await fill(
      el,
      'consent.expiresAt',
      `${String(next.getFullYear())}-${String(next.getMonth() + 1).padStart(2, '0')}-15`,
    );
    await click(el, choice(el, 'Verbally, with a witness'));
    await submit(el);
    expect(errorBeside(el, 'consent.witnessedBy')).to.equal('Say who witnessed the verbal consent.');

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(created).to.deep.equal([]);
    for (const personRef of [withoutNotice, 'Maria Lopez', expired])
      expect(await storedReferrals(personRef)).to.deep.equal([], personRef);

    // Witnessed: now it goes.
    await fill(el, 'consent.witnessedBy', 'R. Park, peer supervisor');
    await submit(el);
    await until(() => el.phase === 'referred' && el.referral?.status === 'sent', 10_000, 'the referral to be sent');
    expect(created).to.have.length(1);
    expect(created[0]?.consent).to.include({
      method: 'verbal',
      witnessedBy: 'R. Park, peer supervisor',
      recipient: harbor?.organization.name,
      part2NoticeAcknowledged: true,
    });
    expect(created[0]?.consent.purpose).to.equal('Referral to services and coordination of care');
    expect(await storedReferrals(expired)).to.deep.equal([{ id: created[0]?.id, status: 'sent' }]);
  });

  it('shows what the service refuses beside the field', async () => {
    // The request is altered on its way, so the real service refuses what the picker let through.
    const el = await mount(
      ownClient(server, undefined, async (input, init) => {
        if (
          input instanceof Request &&
          input.method === 'POST' &&
          new URL(input.url).pathname.endsWith('/v1/referrals')
        ) {
          const body = JSON.parse(await input.clone().text()) as Record<string, unknown>;
          return fetch(new Request(input, { body: JSON.stringify({ ...body, personRef: 'Maria Lopez' }) }));
        }
        return fetch(input, init);
      }),
    );
    await openConsent(el);
    const personRef = newPersonRef();
    await completeConsent(el, personRef);
    const errors: string[] = [];
    el.addEventListener('peer-error', (event) => errors.push(event.detail.error.code));
    await submit(el);
    await until(() => errors.length > 0, 5000, 'the refusal');
    await el.updateComplete;
    expect(el.phase).to.equal('consent');
    expect(errors).to.deep.equal(['validation']);
    expect(textOf(shadow(el).querySelector('[part~="error-summary"]'))).to.include('Person reference');
    expect(errorBeside(el, 'personRef')).to.equal(
      'Use a pseudonymous reference such as a case number (letters, digits and . _ : -), not a name.',
    );
    expect(shadow(el).activeElement).to.equal(shadow(el).querySelector('[part~="error-summary"]'));
    expect(await storedReferrals(personRef)).to.deep.equal([]);
    expect(await storedReferrals('Maria Lopez')).to.deep.equal([]);
    // Changing the field clears the service's complaint about it.
    await fill(el, 'personRef', `${personRef}-b`);
    expect(errorBeside(el, 'personRef')).to.equal('');
  });

  it('follows the referral live through its closed loop, each step with its time', async () => {
    const el = await mount();
    const statuses: ReferralStatus[] = [];
    const values: (readonly string[])[] = [];
    el.addEventListener('peer-referral-status', (event) => statuses.push(event.detail.status));
    el.addEventListener('change', () => values.push(el.value));
    await openConsent(el);
    await completeConsent(el, newPersonRef());
    await submit(el);
    await until(() => el.referral?.status === 'sent', 10_000, 'sent');
    await el.updateComplete;
    expect(statusLabel(el)).to.equal('Information: Sent');
    const chip = shadow(el).querySelector('peer-status');
    expect(chip?.live).to.equal(true);
    expect(chip?.since).to.equal(el.referral?.timeline.at(-1)?.at);
    expect(values).to.deep.equal([[el.referral?.id]]);
    const id = el.referral?.id ?? '';

    await moveReferral(id, 'accepted');
    await until(() => el.referral?.status === 'accepted', 10_000, 'accepted');
    await el.updateComplete;
    expect(statusLabel(el)).to.equal('Success: Accepted');

    await moveReferral(id, 'scheduled', '2026-12-01T15:30:00Z');
    await until(() => el.referral?.status === 'scheduled', 10_000, 'scheduled');
    await el.updateComplete;
    expect(statusLabel(el)).to.equal('Information: Scheduled');
    expect(textOf(shadow(el).querySelector('.panel'))).to.include('Appointment Dec 1, 2026');
    expect(shadow(el).querySelector('peer-status')?.since).to.equal(el.referral?.timeline.at(-1)?.at);

    await moveReferral(id, 'completed');
    await until(() => el.referral?.status === 'completed', 10_000, 'completed');
    await el.updateComplete;
    expect(statusLabel(el)).to.equal('Success: Completed');
    expect(statuses).to.deep.equal(['proposed', 'sent', 'accepted', 'scheduled', 'completed']);

    // Another referral from the same picker adds to its value.
    await click(el, button(el, 'Refer to another resource'));
    expect(el.phase).to.equal('search');
    expect(el.value).to.deep.equal([id]);
  });

  it('shows a declined referral', async () => {
    const el = await mount();
    await openConsent(el);
    await completeConsent(el, newPersonRef());
    await submit(el);
    await until(() => el.referral?.status === 'sent', 10_000, 'sent');
    await moveReferral(el.referral?.id ?? '', 'declined');
    await until(() => el.referral?.status === 'declined', 10_000, 'declined');
    await el.updateComplete;
    expect(statusLabel(el)).to.equal('Critical: Declined');
  });

  for (const role of ['court-staff', 'clinician'] as const) {
    it(`lets ${role} who leave the consent's sharing as it comes send the referral and follow it`, async () => {
      const el = await mount(
        createPeerlinkClient({ baseUrl: server.apiUrl, getToken: tokenFor(role), offline: false }),
      );
      const errors: string[] = [];
      el.addEventListener('peer-error', (event) => errors.push(event.detail.error.message));
      await openConsent(el);
      await completeConsent(el, newPersonRef());
      // As the form comes: shared with the receiving service only, not with the court or the care team.
      expect(choice(el, 'Progress, with the court and its staff').checked).to.equal(false);
      expect(choice(el, 'With the person’s care team (hospital, clinic)').checked).to.equal(false);
      await submit(el);
      await until(() => el.referral?.status === 'sent', 10_000, 'sent');
      await el.updateComplete;
      expect(statusLabel(el)).to.equal('Information: Sent');
      expect(shadow(el).querySelector('[part~="error"]')).to.equal(null);
      expect(errors).to.deep.equal([]);
    });
  }

  it('offers Retry only where trying again can help: not for a referral that is not the caller’s, yes for a lost connection', async () => {
    // Made by court staff; moved on by a clinician of the same program, whom the consent does not cover.
    const own = createPeerlinkClient({ baseUrl: server.apiUrl, getToken: tokenFor('court-staff'), offline: false });
    const stranger = createPeerlinkClient({ baseUrl: server.apiUrl, getToken: tokenFor('clinician'), offline: false });
    const el = await mount({
      resources: own.resources,
      referrals: {
        create: own.referrals.create,
        watch: own.referrals.watch,
        transition: stranger.referrals.transition,
      },
    });
    await openConsent(el);
    await completeConsent(el, newPersonRef());
    await submit(el);
    await until(() => shadow(el).querySelector('[part~="error"]') !== null, 10_000, 'the refusal');
    const refusal = shadow(el).querySelector('[part~="error"]');
    expect(textOf(refusal)).to.equal('Not found, or not yours to see.');
    expect(refusal?.querySelector('button')).to.equal(null);

    const link = { down: false };
    const offline = await mount(ownClient(server, link));
    link.down = true;
    await type(offline, `${tag} harbor`);
    await until(() => shadow(offline).querySelector('[part~="error"]') !== null, 10_000, 'the search to fail');
    const lost = shadow(offline).querySelector('[part~="error"]');
    expect(textOf(lost?.querySelector('button'))).to.equal('Retry');
    link.down = false;
    lost?.querySelector('button')?.click();
    await until(() => names(offline).length === 1, 10_000, 'the search tried again');
  });

  it('works by keyboard alone, from typing to the sent referral', async () => {
    const el = await mount(
      createPeerlinkClient({
        baseUrl: server.apiUrl,
        getToken: tokenFor('specialist', server.people.primary),
        offline: false,
      }),
    );
    await type(el, '');
    searchBox(el).focus();
    await sendKeys({ type: `${tag} detox` });
    await until(() => names(el).length === 1 && names(el)[0]?.includes('Harbor Light') === true, 5000, 'one result');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(shadow(el).activeElement?.id).to.equal('detail-heading');
    await sendKeys({ press: 'Tab' });
    expect(textOf(shadow(el).activeElement)).to.equal('Refer…');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(shadow(el).activeElement).to.equal(control(el, 'personRef'), 'the form starts at the person reference');
    const personRef = newPersonRef();
    await sendKeys({ type: personRef });
    // Recipient and purpose (prefilled), then the four scopes: the second one too.
    await tabTo(el, () => shadow(el).activeElement === control(el, 'consent.purpose'));
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    // The expiry date (a year ahead), then the method: arrow keys choose within the group.
    await tabTo(el, () => shadow(el).activeElement === choice(el, 'Signed on paper'));
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(choice(el, 'Signed electronically').checked).to.equal(true);
    // Past the needs (prefilled), to urgency, then the acknowledgement.
    await tabTo(el, () => shadow(el).activeElement === control(el, 'urgency'));
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement).to.equal(control(el, 'consent.part2NoticeAcknowledged'));
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    expect(textOf(shadow(el).activeElement)).to.equal('Send referral');
    await sendKeys({ press: 'Enter' });
    await until(() => el.referral?.status === 'sent', 10_000, 'sent');
    const [referral] = await storedReferrals(personRef);
    expect(referral?.status).to.equal('sent');
    expect(el.referral?.consent.scope).to.deep.equal(['share-with-resource', 'share-with-court']);
    expect(el.referral?.consent.method).to.equal('electronic');
    expect(el.referral?.urgency).to.equal('urgent');
    await el.updateComplete;
    expect(shadow(el).activeElement?.classList.contains('status')).to.equal(true, 'focus lands on the status');
  });

  it("records the person's revocation after a confirmation, by keyboard, announced — and the service discloses nothing more", async () => {
    const court = createPeerlinkClient({ baseUrl: server.apiUrl, getToken: tokenFor('court-staff'), offline: false });
    const el = await mount(court);
    await openConsent(el);
    const personRef = newPersonRef();
    await completeConsent(el, personRef);
    await click(el, choice(el, 'Progress, with the court and its staff'));
    await submit(el);
    await until(() => el.referral?.status === 'sent', 10_000, 'sent');
    await el.updateComplete;
    const id = el.referral?.id ?? '';
    expect((await court.referrals.get(id)).id).to.equal(id, 'court staff read it while the consent holds');
    const revoke = () => shadow(el).querySelector<HTMLButtonElement>('[part~="revoke"]');
    expect(textOf(revoke())).to.equal('Revoke consent…');
    // The language follows the element's lang (watched, so it takes a moment).
    el.lang = 'es';
    await until(() => textOf(revoke()) === 'Revocar el consentimiento…', 2000, 'Spanish');
    el.lang = 'en';
    await until(() => textOf(revoke()) === 'Revoke consent…', 2000, 'English');

    // The confirmation step: focus on its first control, Escape steps back, nothing sent.
    revoke()?.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const confirm = shadow(el).querySelector('[part~="revoke-confirm"]');
    expect(confirm?.getAttribute('role')).to.equal('group');
    expect(textOf(shadow(el).getElementById(confirm?.getAttribute('aria-labelledby') ?? ''))).to.equal(
      "Revoke the person's consent?",
    );
    expect(shadow(el).activeElement?.id).to.equal('revoke-reason');
    expect(textOf(shadow(el).querySelector('label[for="revoke-reason"]'))).to.equal('Reason');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(shadow(el).querySelector('[part~="revoke-confirm"]')).to.equal(null);
    expect(shadow(el).activeElement).to.equal(revoke());
    expect(el.referral?.consent.revokedAt).to.equal(null);

    // Again, with a reason, then "Revoke consent".
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const reason = shadow(el).querySelector<HTMLSelectElement>('#revoke-reason');
    if (reason) {
      reason.value = 'representative-request';
      reason.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    }
    await sendKeys({ press: 'Tab' });
    expect(textOf(shadow(el).activeElement)).to.equal('Revoke consent');
    await sendKeys({ press: 'Enter' });
    await until(() => el.referral?.consent.revokedAt !== null, 10_000, 'the revocation');
    await el.updateComplete;
    expect(el.referral?.status).to.equal('cancelled');
    expect(el.referral?.consent.revocationReason).to.equal('representative-request');
    expect(statusLabel(el)).to.include('Cancelled');
    const state = shadow(el).querySelector('[part~="consent-state"]');
    expect(textOf(state)).to.match(/^Consent revoked .+\. Nothing more is shared under it\.$/);
    expect(textOf(shadow(el).querySelector('.panel [role="status"]'))).to.equal(textOf(state), 'announced');
    await until(() => shadow(el).activeElement === state, 2000, 'focus on the revoked state');
    expect(revoke()).to.equal(null);
    await expect(el).to.be.accessible();

    // The service: the record is kept and cancelled, and court staff read nothing more.
    expect(await storedReferrals(personRef)).to.deep.equal([{ id, status: 'cancelled' }]);
    let refused: unknown;
    await court.referrals.get(id).catch((error: unknown) => (refused = error));
    expect(refused).to.be.instanceOf(PeerNotFoundError);
    el.lang = 'es';
    await until(
      () => textOf(shadow(el).querySelector('[part~="consent-state"]')).startsWith('Consentimiento revocado'),
      2000,
      'Spanish',
    );
    expect(textOf(shadow(el).querySelector('[part~="consent-state"]'))).to.include('Ya no se comparte nada con él.');
  });

  it('keeps a referral made offline in the outbox, then sends and follows it', async () => {
    const link = { down: false };
    const el = await mount(ownClient(server, link));
    await openConsent(el);
    const personRef = newPersonRef();
    await completeConsent(el, personRef);
    link.down = true;
    await submit(el);
    await until(() => el.phase === 'queued', 5000, 'queued');
    await el.updateComplete;
    expect(statusLabel(el)).to.equal('Warning: Queued — sends when online');
    expect(await storedReferrals(personRef)).to.deep.equal([]);
    link.down = false;
    window.dispatchEvent(new Event('online'));
    await until(() => el.referral?.status === 'sent', 15_000, 'sent after reconnecting');
    await el.updateComplete;
    expect(statusLabel(el)).to.equal('Information: Sent');
    expect((await storedReferrals(personRef)).map((row) => row.status)).to.deep.equal(['sent']);
  });

  it('speaks Spanish', async () => {
    const el = await mount(ownClient(server), 'es');
    expect(textOf(shadow(el).querySelector('label[for="search"]'))).to.equal('Buscar recursos');
    expect(textOf(shadow(el).querySelector('.count'))).to.equal('10 recursos');
    expect([...shadow(el).querySelectorAll('.chip')].map((chip) => textOf(chip))).to.include.members([
      'Desintoxicación',
      'Abierto ahora',
      'Acepta Medicaid',
      'Con plazas',
      'español',
    ]);
    const harborRow = options(el).find((option) => textOf(option).includes('Harbor Light'));
    expect(textOf(harborRow)).to.include('Desintoxicación').and.include('Abierto ahora').and.include('a 0 km');
    await openConsent(el);
    expect(textOf(shadow(el).querySelector('[part~="notice"]'))).to.include('42 CFR parte 2');
    await fill(el, 'personRef', 'María López');
    await submit(el);
    expect(errorBeside(el, 'personRef')).to.equal(
      'Use una referencia seudónima, como un número de caso (letras, cifras y . _ : -), no un nombre.',
    );
    expect(errorBeside(el, 'consent.part2NoticeAcknowledged')).to.equal(
      'No se envía ninguna derivación sin confirmar el aviso.',
    );
  });

  it('finds categories by their Spanish names in the browser’s own index', async () => {
    const el = await fixture<PeerReferralPicker>(
      html`<peer-referral-picker lang="es" .resources=${stored} .now=${NOW}></peer-referral-picker>`,
    );
    await type(el, 'desintoxicacion');
    await until(() => names(el).length === 1, 5000, 'one result');
    expect(names(el)[0]).to.include('Harbor Light Detox Center');
  });

  it('offers peer support as a category of its own, in English and Spanish, and filters by it', async () => {
    const [first] = stored;
    if (!first) throw new Error('no stored resources');
    const warmLine: Resource = {
      ...first,
      id: '00000000-0000-4000-8000-0000000000ff',
      name: 'Eastside Peer Warm Line',
      categories: ['peer-support'],
    };
    for (const [lang, label] of [
      ['en', 'Peer support'],
      ['es', 'Apoyo entre pares'],
    ] as const) {
      const el = await fixture<PeerReferralPicker>(
        html`<peer-referral-picker lang=${lang} .resources=${[...stored, warmLine]} .now=${NOW}></peer-referral-picker>`,
      );
      await until(() => names(el).length > 1, 5000, 'the directory');
      chip(el, label).click();
      await until(() => names(el).length === 1, 5000, `the ${label} chip's one result`);
      expect(names(el)[0]).to.equal('Eastside Peer Warm Line');
    }
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`is accessible in every state (${theme})`, async () => {
      const link = { down: false };
      const el = await mount(ownClient(server, link));
      el.theme = theme;
      await el.updateComplete;
      await expect(el).to.be.accessible();
      // Results with an active option, filters pressed and more filters open.
      searchBox(el).focus();
      await sendKeys({ press: 'ArrowDown' });
      await click(el, button(el, 'More filters'));
      await click(el, button(el, 'Free'));
      await until(() => names(el).length === 6, 5000, 'free resources');
      await expect(el).to.be.accessible();
      // No results.
      await type(el, `${tag} xylophone`);
      await until(() => names(el).length === 0, 5000, 'no results');
      await expect(el).to.be.accessible();
      // Details, after the filters are let go.
      await type(el, tag);
      await until(() => names(el).length === 6, 5000, 'free resources');
      await click(el, button(el, 'Clear filters'));
      await until(() => names(el).length === 10, 5000, 'every resource');
      const row = options(el).find((option) => textOf(option).includes('Harbor Light'));
      if (row) await click(el, row);
      expect(shadow(el).querySelector('[part~="detail"]')).to.not.equal(null);
      await expect(el).to.be.accessible();
      // The consent form.
      await click(el, button(el, 'Refer…'));
      await expect(el).to.be.accessible();
      // Consent errors.
      await submit(el);
      await expect(el).to.be.accessible();
      // Queued, then sent.
      await completeConsent(el, newPersonRef());
      link.down = true;
      await submit(el);
      await until(() => el.phase === 'queued', 5000, 'queued');
      await expect(el).to.be.accessible();
      link.down = false;
      window.dispatchEvent(new Event('online'));
      await until(() => el.referral?.status === 'sent', 15_000, 'sent');
      await expect(el).to.be.accessible();
    });
  }
});
