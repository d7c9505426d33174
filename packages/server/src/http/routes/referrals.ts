import { createReferral, getReferral, listReferrals, revokeReferralConsent, transitionReferral } from '@peerlink/sdk';
import * as referrals from '../../domain/referrals.js';
import { readRoute, route } from '../route.js';

export const createReferralRoute = route(createReferral, {
  auth: 'embed-token',
  audit: [
    { action: 'create', recordType: 'consent' },
    { action: 'create', recordType: 'referral' },
  ],
  handler: ({ body, principal, tx, meta }) => referrals.createReferral(tx, principal, body, meta.now),
});

export const listReferralsRoute = readRoute(listReferrals, 'list', 'referral', ({ query, principal, tx, meta }) =>
  referrals.listReferrals(tx, principal, query, meta.now),
);

export const getReferralRoute = route(getReferral, {
  auth: 'embed-token',
  audit: [
    { action: 'read', recordType: 'referral' },
    { action: 'read', recordType: 'consent' },
  ],
  handler: ({ params, principal, tx, meta }) => referrals.readableReferral(tx, principal, params.id, meta.now),
});

export const transitionReferralRoute = route(transitionReferral, {
  auth: 'embed-token',
  audit: [{ action: 'transition', recordType: 'referral' }],
  handler: ({ params, body, principal, tx, meta }) =>
    referrals.transitionReferral(tx, principal, params.id, body, meta.now),
});

export const revokeReferralConsentRoute = route(revokeReferralConsent, {
  auth: 'embed-token',
  audit: [
    { action: 'revoke', recordType: 'consent', recordId: (answer) => answer.referralId },
    // An open referral is cancelled by the revocation; a closed one keeps its status.
    {
      action: 'transition',
      recordType: 'referral',
      recordId: (answer) => answer.referralId,
      when: (_, __, cancelled: boolean | undefined) => cancelled === true,
    },
  ],
  async handler({ params, body, principal, tx, meta }) {
    const { referral, cancelled } = await referrals.revokeConsent(tx, principal, params.id, body, meta.now);
    const { id: referralId, status, version, consent } = referral;
    return { status: 200, body: { referralId, status, version, consent }, facts: cancelled };
  },
});
