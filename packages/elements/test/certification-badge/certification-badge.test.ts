// <peer-certification-badge>: statuses, dates, checklist, qualification, verification of real
// signatures (WebCrypto Ed25519 here, and credentials issued by the reference service), languages,
// themes and accessibility.
import { expect, fixture } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { html, type TemplateResult } from 'lit';
import type { Credential, CredentialStatus, EmbedSession, RuleSet } from '@peerlink/sdk';
import { exampleIcrcPeerRecovery, exampleProgramCrisisResponse, exampleRuleSets } from '@peerlink/sdk/credentials';
import '../../src/certification-badge/define.js';
import {
  PeerCertificationBadge,
  type BadgeCredential,
  type BadgeSize,
  type BadgeSpecialist,
  type BadgeVerificationResult,
} from '../../src/index.js';
import { icrcInitialEvidence } from '../../../sdk/test/fixtures/credentials.js';
import { exampleCredential as credentialWith } from '../../../../stories/example-credential.js';
import { adoptThemeCss, onEnglishPage, part, query, renderInShadow, textOf } from '../helpers.js';
import { decodeJson, newIssuer, signCredential, tamper, unsigned, type Issuer } from './signing.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const DAY_MS = 86_400_000;
/** The calendar day `offset` days from `from`, as `YYYY-MM-DD`. */
const day = (offset: number, from: Date = NOW): string =>
  new Date(from.getTime() + offset * DAY_MS).toISOString().slice(0, 10);

const SPECIALIST_ID = '6f1c1c9e-4d2b-4f7e-9a51-2b7f0d1e0a01';

/** Evidence meeting every requirement of the IC&RC example, with `ce` hours of continuing education. */
const peerRecoveryEvidence = (ce = 20, ethics = 6): BadgeCredential['evidence'] => [
  ...icrcInitialEvidence,
  { requirement: 'ce', value: ce - ethics, unit: 'hours' },
  { requirement: 'ce:ethics', value: ethics, unit: 'hours' },
];

const crisisEvidence: BadgeCredential['evidence'] = [
  { requirement: 'training:crisis-response', value: 72, unit: 'hours' },
  { requirement: 'background-check', met: true },
  { requirement: 'recovery-months', value: 36, unit: 'months' },
];

/** A credential in each status at NOW, and what the compact badge says for it. */
const CASES: Readonly<Record<CredentialStatus, { credential: BadgeCredential; text: string; es: string }>> = {
  active: { credential: credentialWith(), text: 'Active', es: 'Vigente' },
  expiring: { credential: credentialWith({ expiresOn: day(23) }), text: 'Expires in 23 days', es: 'Vence en 23 días' },
  expired: { credential: credentialWith({ expiresOn: day(-1) }), text: 'Expired', es: 'Vencida' },
  suspended: { credential: credentialWith({ administrativeStatus: 'suspended' }), text: 'Suspended', es: 'Suspendida' },
  revoked: { credential: credentialWith({ administrativeStatus: 'revoked' }), text: 'Revoked', es: 'Revocada' },
  pending: { credential: credentialWith({ administrativeStatus: 'pending' }), text: 'Pending', es: 'Pendiente' },
};
const STATUSES = Object.keys(CASES) as CredentialStatus[];
const SIZES: readonly BadgeSize[] = ['compact', 'full'];

const mount = (
  credential: BadgeCredential,
  size: BadgeSize = 'compact',
  now: Date = NOW,
  ruleSet?: RuleSet,
): Promise<PeerCertificationBadge> =>
  fixture<PeerCertificationBadge>(
    html`<peer-certification-badge .credential=${credential} .ruleSet=${ruleSet} .now=${now} size=${size}></peer-certification-badge>`,
  );

const statusOf = (el: Element): string => textOf(part(el, 'status'));
const verificationOf = (el: Element): string => textOf(part(el, 'verification'));
const has = (el: Element, name: string): boolean => el.shadowRoot?.querySelector(`[part~='${name}']`) !== null;

/** The shape of an icon: its paths and circles, as drawn. */
function shapeOf(icon: Element): string {
  return [...icon.querySelectorAll('path, circle, rect')]
    .map((shape) => shape.getAttribute('d') ?? `${shape.localName}${shape.getAttribute('r') ?? ''}`)
    .join(' ');
}

function iconIn(container: Element): SVGElement {
  const icon = container.querySelector('svg');
  if (!icon) throw new Error('no icon');
  return icon;
}

/** A listener for the template, and the result of the next `peer-credential-verified`. */
function nextVerification(): {
  listener: (event: CustomEvent<{ result: BadgeVerificationResult }>) => void;
  result: Promise<BadgeVerificationResult>;
} {
  let settle: (result: BadgeVerificationResult) => void = () => undefined;
  const result = new Promise<BadgeVerificationResult>((resolve) => {
    settle = resolve;
  });
  return {
    listener: (event) => {
      settle(event.detail.result);
    },
    result,
  };
}

/** Mounts `template`'s badge and waits for its verification to finish. */
async function verified(
  template: (listener: (event: CustomEvent<{ result: BadgeVerificationResult }>) => void) => TemplateResult,
): Promise<{ el: PeerCertificationBadge; result: BadgeVerificationResult }> {
  const next = nextVerification();
  const el = await fixture<PeerCertificationBadge>(template(next.listener));
  const result = await next.result;
  await el.updateComplete;
  return { el, result };
}

describe('<peer-certification-badge>', () => {
  let issuer: Issuer;
  let jwt: string;

  before(async () => {
    issuer = await newIssuer();
    jwt = await signCredential(issuer);
  });
  onEnglishPage();

  it('is defined as PeerCertificationBadge', () => {
    expect(document.createElement('peer-certification-badge')).to.be.instanceOf(PeerCertificationBadge);
  });

  describe('status', () => {
    for (const status of STATUSES) {
      for (const size of SIZES) {
        it(`shows ${status} as an icon and as text (${size})`, async () => {
          const el = await mount(CASES[status].credential, size);
          const shown = part(el, 'status');
          expect(shown.dataset.status).to.equal(status);
          expect(statusOf(el)).to.equal(CASES[status].text);
          const icon = iconIn(shown);
          expect(icon.getAttribute('aria-hidden')).to.equal('true');
          expect(shapeOf(icon)).to.not.equal('');
        });
      }
    }

    it('draws a different icon shape for every status', async () => {
      const shapes = new Set<string>();
      for (const status of STATUSES) shapes.add(shapeOf(iconIn(part(await mount(CASES[status].credential), 'status'))));
      expect(shapes.size).to.equal(STATUSES.length);
    });

    it('is expiring from 60 days before the expiry date, active before that', async () => {
      expect(statusOf(await mount(credentialWith({ expiresOn: day(61) })))).to.equal('Active');
      expect(statusOf(await mount(credentialWith({ expiresOn: day(60) })))).to.equal('Expires in 60 days');
      expect(statusOf(await mount(credentialWith({ expiresOn: day(1) })))).to.equal('Expires tomorrow');
      expect(statusOf(await mount(credentialWith({ expiresOn: day(0) })))).to.equal('Expires today');
      expect(statusOf(await mount(credentialWith({ expiresOn: day(-1) })))).to.equal('Expired');
    });

    it('counts days across a leap day', async () => {
      const leapYear = new Date('2024-02-28T12:00:00Z');
      expect(statusOf(await mount(credentialWith({ expiresOn: '2024-03-01' }), 'compact', leapYear))).to.equal(
        'Expires in 2 days',
      );
      const commonYear = new Date('2023-02-28T12:00:00Z');
      expect(statusOf(await mount(credentialWith({ expiresOn: '2023-03-01' }), 'compact', commonYear))).to.equal(
        'Expires tomorrow',
      );
      // The expiry date is valid to its end, in UTC, whatever the reader's zone.
      expect(
        statusOf(await mount(credentialWith({ expiresOn: '2024-02-29' }), 'compact', new Date('2024-02-29T23:59:59Z'))),
      ).to.equal('Expires today');
      expect(
        statusOf(await mount(credentialWith({ expiresOn: '2024-02-29' }), 'compact', new Date('2024-03-01T00:00:00Z'))),
      ).to.equal('Expired');
    });

    it('shows the dates as the issuer wrote them, a leap day included', async () => {
      const el = await mount(
        credentialWith({ issuedOn: '2024-02-29', expiresOn: '2026-02-28' }),
        'full',
        new Date('2025-06-01T00:00:00Z'),
      );
      const details = part(el, 'details');
      const times = [...details.querySelectorAll('time')];
      expect(times.map((time) => time.getAttribute('datetime'))).to.deep.equal(['2024-02-29', '2026-02-28']);
      expect(times.map((time) => textOf(time))).to.deep.equal(['Feb 29, 2024', 'Feb 28, 2026']);
      expect(textOf(details)).to.include('Issuer Example Certification Board').and.include('Number PRS-1042');
    });

    it('takes the renewal date from the rule set when the credential records no expiry', async () => {
      // Issued on a leap day with a 24-month cycle: due on Feb 28, two years on (clamped).
      const credential = credentialWith({
        issuedOn: '2024-02-29',
        expiresOn: undefined,
        evidence: peerRecoveryEvidence(),
      });
      const lastDay = await mount(credential, 'full', new Date('2026-02-28T23:59:59Z'), exampleIcrcPeerRecovery);
      expect(statusOf(lastDay)).to.equal('Expires today');
      expect(textOf(part(lastDay, 'details'))).to.include('Expires Feb 28, 2026');
      const dayAfter = await mount(credential, 'full', new Date('2026-03-01T00:00:00Z'), exampleIcrcPeerRecovery);
      expect(statusOf(dayAfter)).to.equal('Expired');
      expect(
        statusOf(await mount(credential, 'compact', new Date('2025-12-29T12:00:00Z'), exampleIcrcPeerRecovery)),
      ).to.equal('Active');
      expect(
        statusOf(await mount(credential, 'compact', new Date('2025-12-30T12:00:00Z'), exampleIcrcPeerRecovery)),
      ).to.equal('Expires in 60 days');
    });

    it('says "Does not expire" for a credential without expiry or renewal', async () => {
      const el = await mount(credentialWith({ expiresOn: undefined }), 'full');
      expect(statusOf(el)).to.equal('Active');
      expect(textOf(part(el, 'details'))).to.include('Expires Does not expire');
    });

    it('follows `now` given as an attribute', async () => {
      const el = await fixture<PeerCertificationBadge>(
        html`<peer-certification-badge now="2027-01-10T08:00:00Z" .credential=${credentialWith()}></peer-certification-badge>`,
      );
      expect(statusOf(el)).to.equal('Expires in 4 days');
      el.setAttribute('now', '2027-01-15T00:00:00Z');
      await el.updateComplete;
      expect(statusOf(el)).to.equal('Expired');
    });

    it('shows only the display name and number of the holder, nothing else of theirs', async () => {
      const specialist: BadgeSpecialist = {
        id: SPECIALIST_ID,
        displayName: 'Dana R.',
        roles: ['recovery-coach'],
        credentials: [],
      };
      const el = await fixture<PeerCertificationBadge>(
        html`<peer-certification-badge size="full" .now=${NOW} .credential=${credentialWith()} .specialist=${specialist}></peer-certification-badge>`,
      );
      expect(textOf(part(el, 'holder'))).to.equal('Dana R.');
      expect(textOf(part(el, 'name'))).to.equal('Peer Recovery Specialist');
      const text = textOf(el.shadowRoot);
      expect(text).to.not.include(SPECIALIST_ID);
      expect(text).to.not.include('0b6c6f8e');
    });
  });

  describe('requirements', () => {
    it('lists each requirement as met or not, with progress, and continuing education for renewal', async () => {
      const evidence: BadgeCredential['evidence'] = [
        { requirement: 'training:advocacy', value: 10, unit: 'hours' },
        { requirement: 'training:mentoring-education', value: 4, unit: 'hours' },
        { requirement: 'experience', value: 320, unit: 'hours' },
        { requirement: 'exam', met: true },
        { requirement: 'ce', value: 10, unit: 'hours', completedOn: '2025-03-01' },
        { requirement: 'ce:ethics', value: 2, unit: 'hours', completedOn: '2025-04-01' },
      ];
      const el = await mount(credentialWith({ evidence }), 'full', NOW, exampleIcrcPeerRecovery);
      expect(statusOf(el)).to.equal('Pending');
      const items = [...part(el, 'checklist').querySelectorAll('li')];
      const lines = items.map((item) => textOf(item));
      expect(lines).to.deep.equal([
        'Met: Training: advocacy 10 of 10 hours',
        'Not met: Training: mentoring and education 4 of 10 hours',
        'Not met: Training: recovery and wellness support 0 of 10 hours',
        'Not met: Training: ethical responsibility 0 of 16 hours',
        'Not met: Peer recovery experience (paid or volunteer) 320 of 500 hours',
        'Not met: Supervised hours 0 of 25 hours',
        'Not met: Signed code of ethics',
        'Met: Peer recovery exam',
        'Not met: Continuing education by Jan 14, 2027 12 of 20 hours',
        'Not met: Continuing education in ethics by Jan 14, 2027 2 of 6 hours',
      ]);
      // Met and unmet differ in shape too, and the bars show the same progress.
      expect(shapeOf(iconIn(items[0] ?? el))).to.not.equal(shapeOf(iconIn(items[1] ?? el)));
      const bar = query(items[4] ?? el, 'progress', HTMLProgressElement);
      expect([bar.value, bar.max]).to.deep.equal([320, 500]);
      expect(textOf(part(el, 'checklist')))
        .to.include(exampleIcrcPeerRecovery.name)
        .and.include('not a legal source');
    });

    it('is active once every requirement is met, with continuing education still due', async () => {
      const el = await mount(
        credentialWith({ evidence: peerRecoveryEvidence(12, 2) }),
        'full',
        NOW,
        exampleIcrcPeerRecovery,
      );
      expect(statusOf(el)).to.equal('Active');
      const lines = [...part(el, 'checklist').querySelectorAll('li')].map((item) => textOf(item));
      expect(lines.slice(-2)).to.deep.equal([
        'Not met: Continuing education by Jan 14, 2027 12 of 20 hours',
        'Not met: Continuing education in ethics by Jan 14, 2027 2 of 6 hours',
      ]);
      expect(lines.slice(0, -2).every((line) => line.startsWith('Met: '))).to.equal(true);
    });

    it('says when the rule set is for another credential type', async () => {
      const el = await mount(
        credentialWith({ evidence: peerRecoveryEvidence() }),
        'full',
        NOW,
        exampleProgramCrisisResponse,
      );
      expect(statusOf(el)).to.equal('Pending');
      expect(textOf(part(el, 'checklist'))).to.include(
        'These requirements are for crisis-response-72h credentials, not peer-recovery.',
      );
    });

    it('finds the rule set for the credential among the program rule sets', async () => {
      const el = await fixture<PeerCertificationBadge>(
        html`<peer-certification-badge
          size="full"
          .now=${NOW}
          .ruleSets=${exampleRuleSets}
          .credential=${credentialWith({ type: 'crisis-response-72h', name: '72-hour crisis training', evidence: crisisEvidence.slice(0, 2) })}
        ></peer-certification-badge>`,
      );
      expect(statusOf(el)).to.equal('Pending');
      expect(textOf(part(el, 'checklist'))).to.include('Not met: Time in recovery 0 of 24 months');
    });

    it('measures a credential read from the service by the rule set it was evaluated with', async () => {
      const ruleSetId = '3d0f8c1a-5b2e-4c7d-9e6f-0a1b2c3d4e05';
      const evaluatedWith = (version: number, rules: RuleSet) => ({ ruleSetId, version, rules });
      const credential = credentialWith({ evidence: peerRecoveryEvidence() });
      const v1 = await mount({ ...credential, evaluatedWith: evaluatedWith(1, exampleIcrcPeerRecovery) }, 'full');
      expect(statusOf(v1)).to.equal('Active');
      expect(textOf(part(v1, 'checklist'))).to.include(exampleIcrcPeerRecovery.name);

      // Version 2 asks for an ethics training the credential does not have: pending, as the service says.
      const stricter: RuleSet = {
        ...exampleIcrcPeerRecovery,
        name: 'Peer Recovery (version 2)',
        requirements: [...exampleIcrcPeerRecovery.requirements, { kind: 'background-check' }],
      };
      const v2 = await mount({ ...credential, evaluatedWith: evaluatedWith(2, stricter) }, 'full');
      expect(statusOf(v2)).to.equal('Pending');
      expect(textOf(part(v2, 'checklist'))).to.include('Not met: Background check');

      // A rule set the host gives still wins.
      const given = await mount(
        { ...credential, evaluatedWith: evaluatedWith(2, stricter) },
        'full',
        NOW,
        exampleIcrcPeerRecovery,
      );
      expect(statusOf(given)).to.equal('Active');
    });

    it('qualifies a specialist by the rule sets the service evaluated their credentials with', async () => {
      const stricter: RuleSet = { ...exampleIcrcPeerRecovery, requirements: [{ kind: 'background-check' }] };
      const evaluatedWith = { ruleSetId: '3d0f8c1a-5b2e-4c7d-9e6f-0a1b2c3d4e05', version: 4, rules: stricter };
      const specialist: BadgeSpecialist = {
        id: SPECIALIST_ID,
        displayName: 'Dana R.',
        roles: ['recovery-coach'],
        credentials: [credentialWith({ evaluatedWith })],
      };
      const el = await fixture<PeerCertificationBadge>(
        html`<peer-certification-badge size="full" .now=${NOW} .specialist=${specialist} for-role="recovery-coach"></peer-certification-badge>`,
      );
      expect(part(el, 'qualification').getAttribute('data-qualified')).to.equal('false');
    });
  });

  describe('qualification', () => {
    const holder = (roles: BadgeSpecialist['roles'], credentials: BadgeCredential[]): BadgeSpecialist => ({
      id: SPECIALIST_ID,
      displayName: 'Dana R.',
      roles,
      credentials,
    });
    const peerRecovery = credentialWith({ evidence: peerRecoveryEvidence() });
    const crisis = credentialWith({
      id: '0b6c6f8e-2d1a-4c4e-8f7a-9d3e2c1b0c02',
      type: 'crisis-response-72h',
      name: '72-hour crisis training',
      number: 'CR-77',
      evidence: crisisEvidence,
    });

    const qualify = (
      specialist: BadgeSpecialist,
      role: string,
      size: BadgeSize = 'full',
      credential?: BadgeCredential,
    ) =>
      fixture<PeerCertificationBadge>(
        html`<peer-certification-badge
          size=${size}
          for-role=${role}
          .now=${NOW}
          .ruleSets=${exampleRuleSets}
          .specialist=${specialist}
          .credential=${credential}
        ></peer-certification-badge>`,
      );

    it('says the specialist is qualified for the role', async () => {
      const el = await qualify(
        holder(['crisis-interventionist'], [peerRecovery, crisis]),
        'crisis-interventionist',
        'full',
        peerRecovery,
      );
      expect(part(el, 'qualification').dataset.qualified).to.equal('true');
      expect(textOf(part(el, 'qualification'))).to.equal('Qualified for Crisis interventionist');
      expect(has(el, 'reasons')).to.equal(false);
      const compact = await qualify(
        holder(['crisis-interventionist'], [peerRecovery, crisis]),
        'crisis-interventionist',
        'compact',
        peerRecovery,
      );
      // Compact shows "Qualified"; the role is there for screen readers.
      expect(textOf(part(compact, 'qualification'))).to.equal('Qualified for Crisis interventionist');
      expect(textOf(part(compact, 'qualification').querySelector('.visually-hidden'))).to.equal(
        'for Crisis interventionist',
      );
    });

    it('says why the specialist is not qualified', async () => {
      const el = await qualify(holder(['crisis-interventionist'], [peerRecovery]), 'crisis-interventionist');
      expect(part(el, 'qualification').dataset.qualified).to.equal('false');
      expect(textOf(part(el, 'qualification').querySelector('.line'))).to.equal(
        'Not qualified for Crisis interventionist',
      );
      expect([...part(el, 'reasons').querySelectorAll('li')].map((li) => textOf(li))).to.deep.equal([
        '72-hour crisis and response training (example program requirement): none held',
      ]);

      const suspended = await qualify(
        holder(['recovery-coach'], [{ ...peerRecovery, administrativeStatus: 'suspended' }]),
        'crisis-interventionist',
      );
      expect([...part(suspended, 'reasons').querySelectorAll('li')].map((li) => textOf(li))).to.deep.equal([
        'Not assigned the Crisis interventionist role',
        'Peer Recovery Specialist: suspended',
        '72-hour crisis and response training (example program requirement): none held',
      ]);
    });

    it('warns of a credential about to expire while still qualified', async () => {
      const el = await qualify(holder(['recovery-coach'], [{ ...peerRecovery, expiresOn: day(10) }]), 'recovery-coach');
      expect(textOf(part(el, 'qualification').querySelector('.line'))).to.equal('Qualified for Recovery coach');
      expect(textOf(part(el, 'reasons'))).to.equal('Peer Recovery Specialist: expires in 10 days');
    });

    it('shows the qualification in a compact badge with a shape of its own', async () => {
      const yes = await qualify(holder(['recovery-coach'], [peerRecovery]), 'recovery-coach', 'compact');
      const no = await qualify(holder([], [peerRecovery]), 'recovery-coach', 'compact');
      expect(textOf(part(no, 'qualification'))).to.equal('Not qualified for Recovery coach');
      expect(shapeOf(iconIn(part(yes, 'qualification')))).to.not.equal(shapeOf(iconIn(part(no, 'qualification'))));
      // Without a credential of its own, the compact badge shows only the qualification.
      expect(has(no, 'status')).to.equal(false);
    });
  });

  describe('verification', () => {
    const badge = (
      signed: string,
      options: { credential?: BadgeCredential; size?: BadgeSize; now?: Date; issuerId?: string; keys?: Issuer } = {},
    ) =>
      verified(
        (listener) => html`<peer-certification-badge
          size=${options.size ?? 'full'}
          .now=${options.now ?? NOW}
          .credential=${options.credential}
          .signed=${signed}
          .jwks=${(options.keys ?? issuer).jwks}
          .issuer=${options.issuerId}
          @peer-credential-verified=${listener}
        ></peer-certification-badge>`,
      );

    it('verifies a genuinely signed credential and names its issuer', async () => {
      const { el, result } = await badge(jwt, { credential: credentialWith() });
      expect(result.valid).to.equal(true);
      expect(el.verificationResult).to.deep.equal(result);
      expect(part(el, 'verification').dataset.outcome).to.equal('valid');
      expect(verificationOf(el)).to.equal('Verified: signed by Example Certification Board');
      const compact = await badge(jwt, { credential: credentialWith(), size: 'compact' });
      expect(verificationOf(compact.el)).to.equal('Verified');
      expect(statusOf(compact.el)).to.equal('Active');
    });

    it('shows what a signed credential alone says: holder, name, issuer, number, dates', async () => {
      const { el } = await badge(jwt);
      expect(textOf(part(el, 'holder'))).to.equal('Dana R.');
      expect(textOf(part(el, 'name'))).to.equal('Peer Recovery Specialist');
      expect(textOf(part(el, 'details'))).to.equal(
        'Issuer Example Certification Board Number PRS-1042 Issued Jan 15, 2025 Expires Jan 14, 2027',
      );
      expect(statusOf(el)).to.equal('Active');
    });

    const failures: readonly {
      name: string;
      signed: () => Promise<string> | string;
      options?: () => Promise<Parameters<typeof badge>[1]> | Parameters<typeof badge>[1];
      reason: string;
      words: string;
    }[] = [
      {
        name: 'a tampered payload',
        signed: () =>
          tamper(jwt, (payload) => ({ ...payload, peerlink: { credentialType: 'peer-recovery', number: 'PRS-9999' } })),
        reason: 'invalid-signature',
        words: 'bad signature: the credential was altered or signed by someone else',
      },
      {
        name: 'a key the issuer does not hold (same key id)',
        signed: () => jwt,
        options: async () => ({ keys: await newIssuer() }),
        reason: 'invalid-signature',
        words: 'bad signature: the credential was altered or signed by someone else',
      },
      {
        name: 'an unknown key id',
        signed: () => jwt,
        options: async () => ({ keys: await newIssuer(undefined, undefined, 'another-key') }),
        reason: 'unknown-key',
        words: 'the issuer’s keys do not include the signing key, or could not be read',
      },
      {
        name: 'an expired credential',
        signed: () => jwt,
        options: () => ({ now: new Date('2027-01-15T00:00:01Z') }),
        reason: 'expired',
        words: 'the signed credential has expired',
      },
      {
        name: 'a credential not yet valid',
        signed: () => jwt,
        options: () => ({ now: new Date('2025-01-14T23:00:00Z') }),
        reason: 'not-yet-valid',
        words: 'the signed credential is not valid yet',
      },
      {
        name: 'alg: none',
        signed: () => unsigned(jwt),
        reason: 'unsupported-algorithm',
        words: 'unsigned, or signed with an algorithm that is not accepted',
      },
      {
        name: 'a malformed token',
        signed: () => 'not.a-jwt',
        reason: 'malformed',
        words: 'not a well-formed signed credential',
      },
      {
        name: 'another issuer than expected',
        signed: () => jwt,
        options: () => ({ issuerId: 'https://other-board.example/v1/agencies/a2' }),
        reason: 'wrong-issuer',
        words: 'issued by someone other than the expected issuer',
      },
      {
        name: 'a genuine signature over another credential',
        signed: () => jwt,
        options: () => ({ credential: credentialWith({ number: 'PRS-2000' }) }),
        reason: 'mismatch',
        words: 'the signed credential is a different credential',
      },
    ];

    for (const failure of failures) {
      it(`refuses ${failure.name} and says why`, async () => {
        const { el, result } = await badge(await failure.signed(), {
          credential: credentialWith(),
          ...(await failure.options?.()),
        });
        expect(result.valid).to.equal(false);
        expect(result.valid ? '' : result.reason).to.equal(failure.reason);
        expect(part(el, 'verification').dataset.outcome).to.equal(failure.reason);
        expect(verificationOf(el)).to.equal(`Not verified: ${failure.words}`);
        const compact = await badge(await failure.signed(), {
          credential: credentialWith(),
          size: 'compact',
          ...(await failure.options?.()),
        });
        expect(verificationOf(compact.el)).to.equal('Not verified');
      });
    }

    it('takes nothing from a genuine signature over another credential', async () => {
      const { el } = await badge(jwt, { credential: credentialWith({ number: 'PRS-2000' }) });
      expect(has(el, 'holder')).to.equal(false);
      expect(textOf(part(el, 'details')))
        .to.include('Number PRS-2000')
        .and.not.include('PRS-1042');
    });

    it('draws verified and not verified in different shapes', async () => {
      const good = await badge(jwt, { size: 'compact' });
      const bad = await badge(unsigned(jwt), { size: 'compact' });
      expect(shapeOf(iconIn(part(good.el, 'verification')))).to.not.equal(
        shapeOf(iconIn(part(bad.el, 'verification'))),
      );
    });

    it('announces the outcome politely, in the node that said "Verifying…"', async () => {
      const next = nextVerification();
      const el = await fixture<PeerCertificationBadge>(
        html`<peer-certification-badge .now=${NOW} .jwks=${issuer.jwks} .signed=${jwt} @peer-credential-verified=${next.listener}></peer-certification-badge>`,
      );
      const region = part(el, 'verification');
      expect(region.getAttribute('role')).to.equal('status');
      expect(textOf(region)).to.equal('Verifying…');
      await next.result;
      await el.updateComplete;
      expect(part(el, 'verification')).to.equal(region);
      expect(textOf(region)).to.equal('Verified');
    });

    it('reports a missing key set as peer-error and in words', async () => {
      const errors: unknown[] = [];
      const el = await fixture<PeerCertificationBadge>(
        html`<peer-certification-badge
          size="full"
          .now=${NOW}
          .signed=${jwt}
          @peer-error=${(event: CustomEvent<{ error: unknown }>) => {
            errors.push(event.detail.error);
          }}
        ></peer-certification-badge>`,
      );
      expect(errors).to.deep.equal([
        { code: 'validation', message: 'Give jwks or jwks-url to verify the signed credential' },
      ]);
      expect(verificationOf(el)).to.equal('Not verified: no issuer keys were given to check it with');
    });

    it('keeps only the answer for the latest signed credential', async () => {
      const results: BadgeVerificationResult[] = [];
      const el = await fixture<PeerCertificationBadge>(
        html`<peer-certification-badge
          .now=${NOW}
          .jwks=${issuer.jwks}
          .signed=${jwt}
          @peer-credential-verified=${(event: CustomEvent<{ result: BadgeVerificationResult }>) => {
            results.push(event.detail.result);
          }}
        ></peer-certification-badge>`,
      );
      // The signature check of the first is still running (WebCrypto answers in a later task)
      // when it is replaced by one refused at once.
      el.signed = unsigned(jwt);
      const latest = await el.verify();
      expect(latest?.valid).to.equal(false);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await el.updateComplete;
      // One answer: the first was overtaken before it finished, and is neither shown nor reported.
      expect(results.map((result) => result.valid)).to.deep.equal([false]);
      expect(verificationOf(el)).to.equal('Not verified');
    });

    it('shows nothing about verification without a signed credential', async () => {
      const el = await mount(credentialWith(), 'full');
      expect(has(el, 'verification')).to.equal(false);
      expect(el.verificationResult).to.equal(undefined);
    });

    it('loads the verifier (jose) only once a signed credential is given', async () => {
      // A page of its own: this test page has loaded the verifier already.
      const page = `<!doctype html><html lang="en"><body><script type="module">import '/packages/elements/src/certification-badge/define.ts';</script></body></html>`;
      let onLoad: () => void = () => undefined;
      const loaded = new Promise<void>((resolve) => {
        onLoad = resolve;
      });
      const frame = await fixture<HTMLIFrameElement>(
        html`<iframe title="isolated page" srcdoc=${page} @load=${() => {
          onLoad();
        }}></iframe>`,
      );
      await loaded;
      const win = frame.contentWindow;
      const doc = frame.contentDocument;
      if (!win || !doc) throw new Error('no frame document');
      await win.customElements.whenDefined('peer-certification-badge');
      const modules = () => win.performance.getEntriesByType('resource').map((entry) => entry.name);

      const el = doc.createElement('peer-certification-badge');
      el.credential = credentialWith();
      el.now = NOW;
      doc.body.append(el);
      await el.updateComplete;
      expect(statusOf(el)).to.equal('Active');
      expect(modules().some((name) => name.includes('/certification-badge/certification-badge.'))).to.equal(true);
      expect(modules().filter((name) => name.includes('/jose/'))).to.deep.equal([]);

      const done = new Promise<BadgeVerificationResult>((resolve) => {
        el.addEventListener(
          'peer-credential-verified',
          (event) => {
            resolve(event.detail.result);
          },
          { once: true },
        );
      });
      el.jwks = issuer.jwks;
      el.signed = jwt;
      expect((await done).valid).to.equal(true);
      expect(modules().some((name) => name.includes('/jose/'))).to.equal(true);
    });

    describe('credentials issued by the reference service', () => {
      interface Setup {
        apiUrl: string;
        people: { agency: string; primary: string; supervisor: string };
      }
      let server: Setup;
      let token: string;
      before(async () => {
        server = await executeServerCommand<Setup, { origin: string }>('peerlink:setup', { origin: location.origin });
        const session = await executeServerCommand<EmbedSession, { role: string; subjectId: string }>(
          'peerlink:token',
          {
            role: 'supervisor',
            subjectId: server.people.supervisor,
          },
        );
        token = session.token;
      });

      const call = async (path: string, body: unknown): Promise<Credential> => {
        const response = await fetch(`${server.apiUrl}${path}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(response.ok, `${path}: ${String(response.status)}`).to.equal(true);
        return (await response.json()) as Credential;
      };
      /** Issues a peer recovery credential to the primary peer, issued 30 days ago, with `fields` on top. */
      const issue = (fields: Record<string, unknown> = {}) =>
        call('/v1/credentials', {
          specialistId: server.people.primary,
          type: 'peer-recovery',
          name: 'Peer Recovery Specialist',
          issuer: { name: 'Example Certification Board' },
          issuedOn: day(-30, new Date()),
          evidence: [],
          ...fields,
        });

      it('verifies one through the issuer’s key set URL, shows it suspended while the issuer suspends it, and revoked once revoked', async () => {
        const credential = await issue({ number: `PRS-${String(Date.now())}`, expiresOn: day(300, new Date()) });
        const signed = credential.jwt ?? '';
        const iss = String(decodeJson(signed.split('.')[1] ?? '').iss);
        const { el, result } = await verified(
          (listener) => html`<peer-certification-badge
            size="full"
            .credential=${credential}
            .signed=${signed}
            jwks-url=${`${iss}/jwks.json`}
            issuer=${iss}
            @peer-credential-verified=${listener}
          ></peer-certification-badge>`,
        );
        expect(result.valid, JSON.stringify(result)).to.equal(true);
        expect(verificationOf(el)).to.equal('Verified: signed by Browser test program');
        expect(statusOf(el)).to.equal('Active');

        el.credential = await call(`/v1/credentials/${credential.id}/status`, { administrativeStatus: 'suspended' });
        const suspended = await el.verify();
        await el.updateComplete;
        expect(suspended?.valid ? '' : suspended?.reason).to.equal('suspended');
        expect(verificationOf(el)).to.equal('Not verified: suspended by the issuer');
        expect(statusOf(el)).to.equal('Suspended');
        el.credential = await call(`/v1/credentials/${credential.id}/status`, { administrativeStatus: 'active' });
        expect((await el.verify())?.valid).to.equal(true);

        const revoked = await call(`/v1/credentials/${credential.id}/status`, { administrativeStatus: 'revoked' });
        el.credential = revoked;
        const again = await el.verify();
        await el.updateComplete;
        expect(again?.valid ? '' : again?.reason).to.equal('revoked');
        expect(verificationOf(el)).to.equal('Not verified: revoked by the issuer');
        expect(statusOf(el)).to.equal('Revoked');
      });

      for (const [administrativeStatus, shown] of [
        ['revoked', 'Revoked'],
        ['suspended', 'Suspended'],
      ] as const) {
        it(`shows a signed credential alone as ${administrativeStatus} when its issuer made it so`, async () => {
          const credential = await issue();
          await call(`/v1/credentials/${credential.id}/status`, { administrativeStatus });
          const signed = credential.jwt ?? '';
          const iss = String(decodeJson(signed.split('.')[1] ?? '').iss);
          const { el } = await verified(
            (listener) =>
              html`<peer-certification-badge .signed=${signed} jwks-url=${`${iss}/jwks.json`} @peer-credential-verified=${listener}></peer-certification-badge>`,
          );
          expect(statusOf(el)).to.equal(shown);
          expect(verificationOf(el)).to.equal('Not verified');
        });
      }
    });
  });

  describe('languages', () => {
    it('speaks Spanish when an ancestor across a shadow root says lang="es"', async () => {
      const outer = await fixture<HTMLDivElement>(html`<div lang="es"></div>`);
      const root = renderInShadow(
        outer,
        html`<peer-certification-badge size="full" .now=${NOW} .credential=${credentialWith({ issuedOn: '2024-02-29', expiresOn: day(23) })}></peer-certification-badge>`,
      );
      const el = query(root, 'peer-certification-badge', PeerCertificationBadge);
      await el.updateComplete;
      expect(statusOf(el)).to.equal('Vence en 23 días');
      expect(textOf(part(el, 'details'))).to.equal(
        'Emisor Example Certification Board Número PRS-1042 Emitida 29 feb 2024 Vence 24 jun 2026',
      );
    });

    for (const status of STATUSES) {
      it(`names ${status} in Spanish`, async () => {
        document.documentElement.lang = 'es-MX';
        expect(statusOf(await mount(CASES[status].credential))).to.equal(CASES[status].es);
      });
    }

    it('says the checklist, verification and qualification in Spanish', async () => {
      document.documentElement.lang = 'es';
      const specialist: BadgeSpecialist = {
        id: SPECIALIST_ID,
        displayName: 'Dana R.',
        roles: ['recovery-coach'],
        credentials: [],
      };
      const { el } = await verified(
        (listener) => html`<peer-certification-badge
          size="full"
          for-role="crisis-interventionist"
          .now=${NOW}
          .ruleSets=${exampleRuleSets}
          .specialist=${specialist}
          .credential=${credentialWith({ evidence: peerRecoveryEvidence(12, 2) })}
          .signed=${jwt}
          .jwks=${issuer.jwks}
          @peer-credential-verified=${listener}
        ></peer-certification-badge>`,
      );
      expect(verificationOf(el)).to.equal('Verificada: firmada por Example Certification Board');
      expect(textOf(part(el, 'qualification').querySelector('.line'))).to.equal(
        'No cumple los requisitos para Intervención en crisis',
      );
      expect(textOf(part(el, 'reasons'))).to.include('No tiene asignado el rol Intervención en crisis');
      expect(textOf(part(el, 'checklist')))
        .to.include('Cumplido: Training: advocacy 10 de 10 horas')
        .and.include('No cumplido: Formación continua en ética antes del 14 ene 2027 2 de 6 horas');
      const tampered = await verified(
        (listener) => html`<peer-certification-badge
          size="full"
          .now=${NOW}
          .signed=${unsigned(jwt)}
          .jwks=${issuer.jwks}
          @peer-credential-verified=${listener}
        ></peer-certification-badge>`,
      );
      expect(verificationOf(tampered.el)).to.equal('No verificada: sin firma, o firmada con un algoritmo no admitido');
    });
  });

  describe('themes and layout', () => {
    const specialist = (): BadgeSpecialist => ({
      id: SPECIALIST_ID,
      displayName: 'Dana R.',
      roles: ['crisis-interventionist'],
      credentials: [credentialWith({ evidence: peerRecoveryEvidence() })],
    });

    /** Every status, qualification and a finished verification, in both sizes. */
    async function board(theme: string): Promise<HTMLElement> {
      const good = nextVerification();
      const bad = nextVerification();
      const container = await fixture<HTMLDivElement>(html`<div data-peer-theme=${theme}>
        ${SIZES.map(
          (size) => html`${STATUSES.map(
            (status) =>
              html`<peer-certification-badge size=${size} .now=${NOW} .credential=${CASES[status].credential}></peer-certification-badge>`,
          )}
            <peer-certification-badge
              size=${size}
              for-role="crisis-interventionist"
              .now=${NOW}
              .ruleSets=${exampleRuleSets}
              .specialist=${specialist()}
              .credential=${credentialWith({ evidence: peerRecoveryEvidence(12, 2) })}
              .signed=${jwt}
              .jwks=${issuer.jwks}
              @peer-credential-verified=${size === 'full' ? good.listener : () => undefined}
            ></peer-certification-badge>
            <peer-certification-badge
              size=${size}
              theme=${theme}
              .now=${NOW}
              .signed=${unsigned(jwt)}
              .jwks=${issuer.jwks}
              @peer-credential-verified=${size === 'full' ? bad.listener : () => undefined}
            ></peer-certification-badge>`,
        )}
      </div>`);
      await Promise.all([good.result, bad.result]);
      for (const el of container.querySelectorAll('peer-certification-badge')) await el.updateComplete;
      return container;
    }

    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      it(`is accessible in the ${theme} theme, compact and full`, async () => {
        const removeTheme = adoptThemeCss();
        try {
          const container = await board(theme);
          expect(container.querySelectorAll('peer-certification-badge[size="full"]').length).to.equal(
            STATUSES.length + 2,
          );
          await expect(container).to.be.accessible();
        } finally {
          removeTheme();
        }
      });
    }

    it('is at most 32px tall when compact, with status, verification and qualification', async () => {
      const { el } = await verified(
        (listener) => html`<peer-certification-badge
          for-role="crisis-interventionist"
          .now=${NOW}
          .ruleSets=${exampleRuleSets}
          .specialist=${specialist()}
          .credential=${credentialWith({ expiresOn: day(23), evidence: peerRecoveryEvidence() })}
          .signed=${jwt}
          .jwks=${issuer.jwks}
          @peer-credential-verified=${listener}
        ></peer-certification-badge>`,
      );
      expect(has(el, 'status') && has(el, 'verification') && has(el, 'qualification')).to.equal(true);
      const height = el.getBoundingClientRect().height;
      expect(height).to.be.greaterThan(0).and.at.most(32);
      const full = await mount(credentialWith(), 'full');
      expect(full.getBoundingClientRect().height).to.be.greaterThan(height);
    });

    it('fits a roster row without wrapping', async () => {
      const row = await fixture<HTMLDivElement>(
        html`<div style="inline-size: 14rem"><peer-certification-badge .now=${NOW} .credential=${CASES.expiring.credential}></peer-certification-badge></div>`,
      );
      const el = query(row, 'peer-certification-badge', PeerCertificationBadge);
      await el.updateComplete;
      expect(el.getBoundingClientRect().height).to.be.at.most(32);
    });
  });
});
