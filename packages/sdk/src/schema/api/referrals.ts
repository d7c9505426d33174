// The `referrals` endpoints: closed-loop referrals and their consent.
import { ById, endpoint } from '../endpoint.js';
import { page } from '../primitives.js';
import {
  ConsentRevocation,
  CreateReferralRequest,
  Referral,
  ReferralListQuery,
  ReferralTransitionRequest,
  RevokeConsentRequest,
} from '../referral.js';

const referrers = ['specialist', 'supervisor', 'court-staff', 'clinician'] as const;

export const createReferral = endpoint({
  operationId: 'createReferral',
  method: 'POST',
  path: '/v1/referrals',
  summary: "Record the person's consent and propose a referral",
  description:
    "Records the person's consent (scope, expiry, 42 CFR Part 2 notice acknowledged) and proposes a referral to a resource. The person is referred to pseudonymously; no name is required.",
  tag: 'referrals',
  roles: referrers,
  body: CreateReferralRequest,
  response: Referral,
  status: 201,
});

export const listReferrals = endpoint({
  operationId: 'listReferrals',
  method: 'GET',
  path: '/v1/referrals',
  summary: 'List referrals',
  description: 'Referrals the caller may see, one page at a time; filter by status, person reference or resource.',
  tag: 'referrals',
  roles: referrers,
  query: ReferralListQuery,
  response: page(Referral),
});

export const getReferral = endpoint({
  operationId: 'getReferral',
  method: 'GET',
  path: '/v1/referrals/{id}',
  summary: 'Read one referral',
  description: 'One referral with its consent and status.',
  tag: 'referrals',
  roles: referrers,
  params: ById,
  response: Referral,
});

export const transitionReferral = endpoint({
  operationId: 'transitionReferral',
  method: 'POST',
  path: '/v1/referrals/{id}/transitions',
  summary: 'Move a referral along its loop (sent, accepted, scheduled, completed…)',
  description:
    'Moves a referral along its closed loop: sent, accepted, scheduled, completed, declined, no-show or cancelled. Transitions its status does not allow are refused.',
  tag: 'referrals',
  roles: referrers,
  params: ById,
  body: ReferralTransitionRequest,
  response: Referral,
});

/**
 * Records that the person revoked their consent. Every role that makes referrals may record it:
 * supervisors, the specialist who recorded the consent, and court staff or clinicians the consent
 * covers (the person may tell whoever they deal with). An open referral is cancelled.
 */
export const revokeReferralConsent = endpoint({
  operationId: 'revokeReferralConsent',
  method: 'POST',
  path: '/v1/referrals/{id}/consent/revoke',
  summary: 'Record that the person revoked their consent: disclosure stops and an open referral is cancelled',
  description:
    'Records a revocation under 42 CFR Part 2: from this moment court staff and clinicians read nothing more of the referral, the FHIR export withholds its details, and an open referral is cancelled. Nothing is deleted: the consent keeps `revokedAt`, `revokedBy` and the reason, and the timeline shows the revocation. Supervisors, the specialist who recorded the consent, and court staff or clinicians the consent covers may record it; revoking twice answers 409.',
  tag: 'referrals',
  roles: referrers,
  params: ById,
  body: RevokeConsentRequest,
  response: ConsentRevocation,
});
