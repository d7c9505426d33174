// Type tests of the client's public types: `pnpm typecheck` fails when a misuse marked below
// starts to compile, or when a correct use stops compiling.
import type { CalloutLog, Dispatch, OnCallNow, PeerlinkClient, ResourceSearchResult } from '@peerlink/sdk';

export async function typeTests(client: PeerlinkClient, id: string): Promise<unknown[]> {
  const dispatch: Dispatch = await client.dispatches.get(id);
  const onCall: OnCallNow = await client.specialists.onCall({ area: 'north' });
  const results: ResourceSearchResult = await client.resources.search({
    categories: ['detox', 'moud'],
    openNow: true,
    lat: 41.9,
    lon: -87.6,
  });
  const log: CalloutLog = await client.calloutLogs.review(id, {
    decision: 'return',
    comment: 'Add the follow-up date',
  });
  const commented: CalloutLog = await client.calloutLogs.review(id, {
    decision: 'return',
    fieldComments: [{ path: 'followUp.date', comment: 'When?' }],
  });
  const submitted: CalloutLog = await client.calloutLogs.submit(id, {
    keep: [{ field: 'narrative', key: 'person-name:okafor' }],
  });

  // @ts-expect-error a dispatch is not a string
  const wrong: string = await client.dispatches.get(id);
  // @ts-expect-error no such status
  await client.dispatches.transition(id, { to: 'flying' });
  // @ts-expect-error the call for service is required
  await client.dispatches.create({ area: 'north' });
  // @ts-expect-error categories are the contract's, not free text
  await client.resources.search({ categories: ['spa'] });
  await client.referrals.create({
    personRef: 'CASE-1',
    resourceId: id,
    needs: ['detox'],
    urgency: 'routine',
    consent: {
      scope: ['peer-follow-up'],
      method: 'verbal',
      grantedAt: '',
      expiresAt: '',
      // @ts-expect-error consent must acknowledge the Part 2 notice
      part2NoticeAcknowledged: false,
    },
  });
  // @ts-expect-error ids are strings
  await client.referrals.get(42);
  // @ts-expect-error a revocation reason is one of the contract's codes
  await client.referrals.revokeConsent(id, { reason: 'changed-mind' });
  // @ts-expect-error the investigator note is never checked, so nothing in it is kept
  await client.calloutLogs.submit(id, { keep: [{ field: 'investigatorNote', key: 'person-name:roe' }] });
  // @ts-expect-error a field comment needs its comment
  await client.calloutLogs.review(id, { decision: 'return', fieldComments: [{ path: 'narrative' }] });
  return [dispatch, onCall, results, log, commented, submitted, wrong];
}
