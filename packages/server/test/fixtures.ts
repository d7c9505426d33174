// Request bodies and records several server tests share.
import type { Specialist } from '@peerlink/sdk';

/** A peer as the tests insert one: an active crisis interventionist who speaks English, with no supervisor. */
export const testPeer = (
  fields: Pick<Specialist, 'id' | 'agencyId' | 'displayName'> & Partial<Specialist>,
): Specialist => ({
  roles: ['crisis-interventionist'],
  languages: ['en'],
  supervisorId: null,
  active: true,
  ...fields,
});

export const completeLog = {
  times: {
    dispatchedAt: '2026-11-22T14:05:00Z',
    arrivedAt: '2026-11-22T14:31:00Z',
    checkedInAt: '2026-11-22T14:33:00Z',
    clearedAt: '2026-11-22T15:40:00Z',
  },
  checkIn: {
    investigatorName: 'Inv. R. Okafor',
    investigatorRole: 'coroner-investigator',
    agencyName: 'County Coroner',
  },
  sceneType: 'private-residence',
  peopleServed: [{ role: 'family-member', ageBand: '41-64', count: 2 }],
  services: {
    support: ['emotional'],
    harmReduction: { naloxoneAdministered: 0, naloxoneLeftBehind: 2, fentanylTestStrips: 5, saferUseSupplies: false },
  },
  referralIds: [],
  transport: { kind: 'none' },
  outcome: 'information-only',
  followUp: { planned: false },
  narrative: 'Offered support to the family after check-in.',
  investigatorNote: 'A neighbor mentioned a blue sedan; passed to the lead investigator.',
};

export const consent = () => ({
  scope: ['share-with-resource', 'share-with-court', 'share-with-care-team'],
  method: 'verbal',
  grantedAt: new Date().toISOString(),
  expiresAt: new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString(),
  part2NoticeAcknowledged: true,
});
