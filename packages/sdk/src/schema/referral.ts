import * as z from 'zod/mini';
import { agencyRecord, expectedVersion, listQuery, requiredWhenMovingTo, revision, version } from './fields.js';
import { referralStatuses } from './machines.js';
import { Actor, Id, Timestamp, list, set, text } from './primitives.js';
import { ResourceCategory } from './resource.js';

export const ReferralStatus = z.enum(referralStatuses);
export type ReferralStatus = z.infer<typeof ReferralStatus>;

export const ConsentScope = z.enum([
  /** Share the referral's needs with the receiving resource. */
  'share-with-resource',
  /** Report progress to the court or its staff. */
  'share-with-court',
  /** Share with the person's care team (hospital, clinic). */
  'share-with-care-team',
  /** Let the peer follow up by phone or in person. */
  'peer-follow-up',
]);
export type ConsentScope = z.infer<typeof ConsentScope>;

const consentFields = {
  scope: set(ConsentScope, 4, 1),
  method: z.enum(['verbal', 'written', 'electronic']),
  grantedAt: Timestamp,
  expiresAt: Timestamp,
  /**
   * The person was told that substance-use-disorder records are protected by 42 CFR Part 2
   * and may not be redisclosed without consent.
   */
  part2NoticeAcknowledged: z.literal(true),
  /** Who the person agreed may receive the information, as they were told it (42 CFR 2.31). */
  recipient: z.optional(text(1, 200)),
  /** What the disclosure is for, in the words the person agreed to (42 CFR 2.31). */
  purpose: z.optional(text(1, 500)),
  /** The staff member who witnessed consent given verbally. */
  witnessedBy: z.optional(text(1, 200)),
};

const expiresAfterGrant = z.refine<{ grantedAt: string; expiresAt: string }>(
  (consent) => Date.parse(consent.expiresAt) > Date.parse(consent.grantedAt),
  { message: 'Must be after grantedAt', path: ['expiresAt'] },
);

/** The person's consent, recorded before any detail is disclosed. */
export const ConsentInput = z.strictObject(consentFields).check(expiresAfterGrant);
export type ConsentInput = z.infer<typeof ConsentInput>;

/**
 * Why a consent was revoked: the person asked (orally or in writing, 42 CFR 2.31(a)(6)), their
 * legal representative asked, or it was recorded in error (wrong person, never given).
 */
export const ConsentRevocationReason = z.enum(['person-request', 'representative-request', 'recorded-in-error']);
export type ConsentRevocationReason = z.infer<typeof ConsentRevocationReason>;

export const Consent = z
  .object({
    ...consentFields,
    /** When the consent was revoked; from then on nothing it covered is disclosed. */
    revokedAt: z.nullable(Timestamp),
    /** Who recorded the revocation; set with `revokedAt`. */
    revokedBy: z.optional(Actor),
    revocationReason: z.optional(ConsentRevocationReason),
    recordedBy: Actor,
  })
  .check(expiresAfterGrant);
export type Consent = z.infer<typeof Consent>;

/** A pseudonymous reference the host keeps (a case number, an MRN alias) — never a name. */
export const PersonRef = z
  .string()
  .check(
    z.minLength(3),
    z.maxLength(64),
    z.regex(
      /^[A-Za-z0-9][A-Za-z0-9._:-]*$/,
      'Expected a pseudonymous reference (letters, digits, . _ : -), not a name',
    ),
  );

export const Urgency = z.enum(['routine', 'urgent', 'emergent']);

export const ReferralTimelineEntry = z.object({
  status: ReferralStatus,
  at: Timestamp,
  actor: Actor,
  note: z.optional(text(0, 500)),
  /** What happened besides the status: `consent-revoked` marks the revocation. */
  event: z.optional(z.enum(['consent-revoked'])),
});

export const Referral = z.object({
  ...agencyRecord,
  personRef: PersonRef,
  resourceId: Id,
  needs: set(ResourceCategory, ResourceCategory.options.length, 1),
  urgency: Urgency,
  consent: Consent,
  status: ReferralStatus,
  note: z.optional(text(0, 1000)),
  scheduledAt: z.nullable(Timestamp),
  /** Set when the referral came from a call-out. */
  dispatchId: z.nullable(Id),
  timeline: list(ReferralTimelineEntry, 100),
  ...revision,
});
export type Referral = z.infer<typeof Referral>;

/** Body of `POST /v1/referrals`. Consent comes first: no referral exists without it. */
export const CreateReferralRequest = z.strictObject({
  personRef: PersonRef,
  resourceId: Id,
  needs: set(ResourceCategory, ResourceCategory.options.length, 1),
  urgency: Urgency,
  consent: ConsentInput,
  note: z.optional(text(0, 1000)),
  dispatchId: z.optional(Id),
});
export type CreateReferralRequest = z.infer<typeof CreateReferralRequest>;

/** Body of `POST /v1/referrals/{id}/transitions`. */
export const ReferralTransitionRequest = z
  .strictObject({
    to: ReferralStatus,
    note: z.optional(text(0, 500)),
    scheduledAt: z.optional(Timestamp),
    expectedVersion,
  })
  .check(requiredWhenMovingTo('scheduled', 'scheduledAt', 'Required when scheduling'));
export type ReferralTransitionRequest = z.infer<typeof ReferralTransitionRequest>;

/** Body of `POST /v1/referrals/{id}/consent/revoke`. */
export const RevokeConsentRequest = z.strictObject({
  reason: z.optional(ConsentRevocationReason),
  expectedVersion,
});
export type RevokeConsentRequest = z.infer<typeof RevokeConsentRequest>;

/**
 * The answer to a revocation: the consent as now recorded and where the referral stands, without
 * the referral's details (the revoking role may no longer be allowed to read them).
 */
export const ConsentRevocation = z.object({
  referralId: Id,
  status: ReferralStatus,
  version,
  consent: Consent,
});
export type ConsentRevocation = z.infer<typeof ConsentRevocation>;

export const ReferralListQuery = listQuery({ status: ReferralStatus, personRef: PersonRef, resourceId: Id });
export type ReferralListQuery = z.infer<typeof ReferralListQuery>;
