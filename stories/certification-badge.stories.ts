import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Jwks, RuleSet, SpecialistRole } from '@peerlink/sdk';
import { exampleIcrcPeerRecovery, exampleRuleSets } from '@peerlink/sdk/credentials';
import '../packages/elements/src/certification-badge/define.js';
import {
  BADGE_SIZES,
  type BadgeCredential,
  type BadgeSize,
  type BadgeSpecialist,
} from '../packages/elements/src/certification-badge/certification-badge.js';
import { icrcInitialEvidence } from '../packages/sdk/test/fixtures/credentials.js';
import { exampleCredential } from './example-credential.js';

// Canned data only: a fixed time, credentials shaped by the contract, and a credential signed
// once (Ed25519) by an example issuer whose public key set is below. Tests verify credentials
// issued by the real service instead.

interface BadgeArgs {
  size: BadgeSize;
  /** The time the badge is shown at, so every story looks the same on any day. */
  now: string;
  credential?: BadgeCredential;
  ruleSet?: RuleSet;
  ruleSets?: readonly RuleSet[];
  specialist?: BadgeSpecialist;
  forRole?: SpecialistRole;
  signed?: string;
  jwks?: Jwks;
  issuer?: string;
}

const NOW = '2026-06-01T12:00:00Z';

/** Every requirement of the IC&RC example met, continuing education partly done. */
const allMet: BadgeCredential['evidence'] = [
  ...icrcInitialEvidence,
  { requirement: 'ce', value: 10, unit: 'hours', completedOn: '2025-09-12' },
  { requirement: 'ce:ethics', value: 2, unit: 'hours', completedOn: '2026-02-03' },
];

const inProgress: BadgeCredential['evidence'] = [
  { requirement: 'training:advocacy', value: 10, unit: 'hours' },
  { requirement: 'training:mentoring-education', value: 6, unit: 'hours' },
  { requirement: 'experience', value: 320, unit: 'hours' },
  { requirement: 'supervised', value: 12, unit: 'hours' },
  { requirement: 'ethics-code', met: true },
];

const crisisTraining = exampleCredential({
  id: '0b6c6f8e-2d1a-4c4e-8f7a-9d3e2c1b0c02',
  type: 'crisis-response-72h',
  name: '72-hour crisis and response training',
  issuer: { name: 'Springfield Peer Recovery Program' },
  number: 'CR-0077',
  issuedOn: '2025-03-01',
  expiresOn: undefined,
  evidence: [
    { requirement: 'training:crisis-response', value: 72, unit: 'hours' },
    { requirement: 'background-check', met: true },
    { requirement: 'recovery-months', value: 40, unit: 'months' },
  ],
});

const peerRecovery = exampleCredential({ evidence: allMet });

const specialist = (
  credentials: BadgeCredential[],
  roles: SpecialistRole[] = ['crisis-interventionist'],
): BadgeSpecialist => ({
  id: '6f1c1c9e-4d2b-4f7e-9a51-2b7f0d1e0a01',
  displayName: 'Dana R.',
  roles,
  credentials,
});

// The example issuer, its public key, and a second key that did not sign anything shown here.
const ISSUER = 'https://peerlink.example.org/v1/agencies/0b6c6f8e-2d1a-4c4e-8f7a-9d3e2c1b0a00';
const jwks: Jwks = {
  keys: [
    {
      kty: 'OKP',
      crv: 'Ed25519',
      x: 'FGx6gVFF9n9YWFsaoBCjzaVs07kT5ZIJiYFALqX_ksQ',
      kid: 'story-key-1',
      alg: 'EdDSA',
      use: 'sig',
    },
  ],
};
const otherJwks: Jwks = {
  keys: [
    {
      kty: 'OKP',
      crv: 'Ed25519',
      x: 'xiP1cblSjH3jw-_y6JumHsQbGorbbjnfCgwJJqrpfsk',
      kid: 'story-key-1',
      alg: 'EdDSA',
      use: 'sig',
    },
  ],
};

/** `credential` above as the example issuer signed it (VC-JWT; valid 2025-01-15 to 2027-01-14). */
const signed =
  'eyJhbGciOiJFZERTQSIsImtpZCI6InN0b3J5LWtleS0xIiwidHlwIjoidmMrand0In0.' +
  'eyJAY29udGV4dCI6WyJodHRwczovL3d3dy53My5vcmcvbnMvY3JlZGVudGlhbHMvdjIiLCJodHRwczovL3B1cmwuaW1zZ2xvYmFsLm9yZy9zcGVjL29iL3YzcDAvY29udGV4dC0zLjAuMy5qc29uIl0sInR5cGUiOlsiVmVyaWZpYWJsZUNyZWRlbnRpYWwiLCJPcGVuQmFkZ2VDcmVkZW50aWFsIl0sImlzc3VlciI6eyJpZCI6Imh0dHBzOi8vcGVlcmxpbmsuZXhhbXBsZS5vcmcvdjEvYWdlbmNpZXMvMGI2YzZmOGUtMmQxYS00YzRlLThmN2EtOWQzZTJjMWIwYTAwIiwidHlwZSI6WyJQcm9maWxlIl0sIm5hbWUiOiJTcHJpbmdmaWVsZCBQZWVyIFJlY292ZXJ5IFByb2dyYW0ifSwidmFsaWRGcm9tIjoiMjAyNS0wMS0xNVQwMDowMDowMFoiLCJ2YWxpZFVudGlsIjoiMjAyNy0wMS0xNFQyMzo1OTo1OVoiLCJjcmVkZW50aWFsU3ViamVjdCI6eyJpZCI6InVybjp1dWlkOjZmMWMxYzllLTRkMmItNGY3ZS05YTUxLTJiN2YwZDFlMGEwMSIsInR5cGUiOlsiQWNoaWV2ZW1lbnRTdWJqZWN0Il0sIm5hbWUiOiJEYW5hIFIuIiwiYWNoaWV2ZW1lbnQiOnsiaWQiOiJ1cm46cGVlcmxpbms6Y3JlZGVudGlhbC10eXBlOnBlZXItcmVjb3ZlcnkiLCJ0eXBlIjpbIkFjaGlldmVtZW50Il0sIm5hbWUiOiJQZWVyIFJlY292ZXJ5IFNwZWNpYWxpc3QiLCJjcml0ZXJpYSI6eyJuYXJyYXRpdmUiOiJSZXF1aXJlbWVudHMgb2YgRXhhbXBsZSBDZXJ0aWZpY2F0aW9uIEJvYXJkIChleGFtcGxlLWljcmMtcGVlci1yZWNvdmVyeSkifX19LCJwZWVybGluayI6eyJjcmVkZW50aWFsVHlwZSI6InBlZXItcmVjb3ZlcnkiLCJudW1iZXIiOiJQUlMtMTA0MiJ9LCJpc3MiOiJodHRwczovL3BlZXJsaW5rLmV4YW1wbGUub3JnL3YxL2FnZW5jaWVzLzBiNmM2ZjhlLTJkMWEtNGM0ZS04ZjdhLTlkM2UyYzFiMGEwMCIsInN1YiI6InVybjp1dWlkOjZmMWMxYzllLTRkMmItNGY3ZS05YTUxLTJiN2YwZDFlMGEwMSIsImp0aSI6InVybjp1dWlkOjBiNmM2ZjhlLTJkMWEtNGM0ZS04ZjdhLTlkM2UyYzFiMGMwMSIsImlhdCI6MTczNjg5OTIwMCwibmJmIjoxNzM2ODk5MjAwLCJleHAiOjE3OTk5NzExOTl9.' +
  'txkyhVxDHHdO_MKC3zo4EIYp1OxKHVaB2WX-v7GnRtNvhtCgo_5Ew_R6AgVhlYI94LMe2jxhG-4G_7FBvgPsAQ';

const toBase64Url = (text: string): string => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (part: string): string => atob(part.replace(/-/g, '+').replace(/_/g, '/'));

/** The signed credential with its number changed after signing (the signature no longer matches). */
function altered(jwt: string): string {
  const [header = '', payload = '', signature = ''] = jwt.split('.');
  const claims = JSON.parse(fromBase64Url(payload)) as Record<string, unknown>;
  return `${header}.${toBase64Url(JSON.stringify({ ...claims, peerlink: { credentialType: 'peer-recovery', number: 'PRS-9999' } }))}.${signature}`;
}

/** The same claims with `alg: none` and no signature. */
const unsigned = (jwt: string): string =>
  `${toBase64Url(JSON.stringify({ alg: 'none', typ: 'vc+jwt' }))}.${jwt.split('.')[1] ?? ''}.`;

const meta = {
  title: 'Elements/Certification badge',
  component: 'peer-certification-badge',
  argTypes: {
    size: { control: 'inline-radio', options: BADGE_SIZES },
    now: { control: 'text' },
    forRole: {
      control: 'select',
      options: ['crisis-interventionist', 'recovery-coach', 'court-peer-specialist', 'reentry-advocate'],
    },
    credential: { control: 'object' },
    specialist: { control: 'object' },
    ruleSet: { control: false },
    ruleSets: { control: false },
    jwks: { control: 'object' },
  },
  args: { size: 'compact', now: NOW, credential: exampleCredential() },
  render: ({
    size,
    now,
    credential: shown,
    ruleSet,
    ruleSets,
    specialist: holder,
    forRole,
    signed: jwt,
    jwks: keys,
    issuer,
  }) =>
    html`<peer-certification-badge
      size=${size}
      now=${now}
      for-role=${ifDefined(forRole)}
      issuer=${ifDefined(issuer)}
      .credential=${shown}
      .ruleSet=${ruleSet}
      .ruleSets=${ruleSets}
      .specialist=${holder}
      .signed=${jwt}
      .jwks=${keys}
    ></peer-certification-badge>`,
} satisfies Meta<BadgeArgs>;

export default meta;
type Story = StoryObj<BadgeArgs>;

/** A story of the badge of `credential` in both sizes, compact above full. */
const inBothSizes = (credential: BadgeCredential): Story => ({
  args: { credential },
  render: (args) =>
    html`<div style="display: grid; gap: 0.5rem; justify-items: start">
      ${meta.render({ ...args, size: 'compact' })} ${meta.render({ ...args, size: 'full' })}
    </div>`,
});

/** In force; expires in more than 60 days. */
export const Active = inBothSizes(exampleCredential());

/** Expires within 60 days: "Expires in 23 days". */
export const Expiring = inBothSizes(exampleCredential({ expiresOn: '2026-06-24' }));

/** Past its expiry date. */
export const Expired = inBothSizes(exampleCredential({ expiresOn: '2026-04-30' }));

/** Suspended by the issuer. */
export const Suspended = inBothSizes(exampleCredential({ administrativeStatus: 'suspended' }));

/** Revoked by the issuer. */
export const Revoked = inBothSizes(exampleCredential({ administrativeStatus: 'revoked' }));

/** Not yet issued. */
export const Pending = inBothSizes(exampleCredential({ administrativeStatus: 'pending' }));

/** Measured by the IC&RC example rule set: pending while requirements are unmet, with progress. */
export const RequirementsInProgress: Story = {
  args: { size: 'full', credential: exampleCredential({ evidence: inProgress }), ruleSet: exampleIcrcPeerRecovery },
};

/** Every requirement met; continuing education for the next renewal still due. */
export const RequirementsMet: Story = {
  args: { size: 'full', credential: peerRecovery, ruleSet: exampleIcrcPeerRecovery },
};

/** The signed form checks out against the issuer's key set. */
export const Verified: Story = { args: { credential: peerRecovery, signed, jwks } };
/** Checked against the issuer the host expects, too. */
export const VerifiedFull: Story = {
  args: { size: 'full', credential: peerRecovery, ruleSet: exampleIcrcPeerRecovery, signed, jwks, issuer: ISSUER },
};

/** Only a signed credential: what it says is shown once verified. */
export const SignedOnly: Story = { args: { size: 'full', credential: undefined, signed, jwks } };

/** Changed after signing: the signature no longer matches. */
export const SignatureAltered: Story = { args: { size: 'full', credential: undefined, signed: altered(signed), jwks } };
export const SignatureAlteredCompact: Story = { args: { credential: peerRecovery, signed: altered(signed), jwks } };

/** Signed with a key the issuer does not hold. */
export const WrongKey: Story = { args: { size: 'full', credential: peerRecovery, signed, jwks: otherJwks } };

/** `alg: none`: not signed at all. */
export const Unsigned: Story = { args: { size: 'full', credential: peerRecovery, signed: unsigned(signed), jwks } };

/** Issued by someone other than the issuer the host expects. */
export const WrongIssuer: Story = {
  args: {
    size: 'full',
    credential: peerRecovery,
    signed,
    jwks,
    issuer: 'https://other-program.example.org/v1/agencies/a2',
  },
};

/** Checked after its validity window. */
export const SignatureExpired: Story = {
  args: { size: 'full', now: '2027-02-01T12:00:00Z', credential: peerRecovery, signed, jwks },
};

/** A genuine signature, but over another credential than the one shown. */
export const SignatureOfAnotherCredential: Story = {
  args: { size: 'full', credential: exampleCredential({ number: 'PRS-2000', evidence: allMet }), signed, jwks },
};

/**
 * A full badge checking, under the program's rule sets, whether a peer holding `credentials` (the first
 * one shown) in `roles` may serve as `forRole`.
 */
const checkedFor = (
  forRole: SpecialistRole,
  credentials: [BadgeCredential, ...BadgeCredential[]],
  roles?: SpecialistRole[],
): Partial<BadgeArgs> => ({
  size: 'full',
  credential: credentials[0],
  ruleSets: exampleRuleSets,
  specialist: specialist(credentials, roles),
  forRole,
});

/** Holds what a crisis interventionist needs under the program's rule sets. */
export const Qualified: Story = {
  args: { ...checkedFor('crisis-interventionist', [peerRecovery, crisisTraining]), signed, jwks },
};
export const QualifiedCompact: Story = { args: { ...Qualified.args, size: 'compact' } };

/** Missing the program's 72-hour crisis training, so not qualified as a crisis interventionist. */
export const NotQualified: Story = { args: checkedFor('crisis-interventionist', [peerRecovery]) };
export const NotQualifiedCompact: Story = { args: { ...NotQualified.args, size: 'compact' } };

/** Not assigned the role, and the credential is suspended. */
export const NotQualifiedSeveralReasons: Story = {
  args: checkedFor(
    'crisis-interventionist',
    [{ ...peerRecovery, administrativeStatus: 'suspended' }],
    ['recovery-coach'],
  ),
};

/** Qualified, with its credential about to expire. */
export const QualifiedExpiringSoon: Story = {
  args: checkedFor('recovery-coach', [{ ...peerRecovery, expiresOn: '2026-06-24' }], ['recovery-coach']),
};
