// The example credential the certification badge's stories and the React wrapper's tests show: a
// peer recovery certification held by a fictional peer, from a fictional board.
import type { BadgeCredential } from '../packages/elements/src/index.js';

/** The example credential, with `overrides` in place of its fields. */
export const exampleCredential = (overrides: Partial<BadgeCredential> = {}): BadgeCredential => ({
  id: '0b6c6f8e-2d1a-4c4e-8f7a-9d3e2c1b0c01',
  specialistId: '6f1c1c9e-4d2b-4f7e-9a51-2b7f0d1e0a01',
  type: 'peer-recovery',
  name: 'Peer Recovery Specialist',
  issuer: { name: 'Example Certification Board' },
  number: 'PRS-1042',
  issuedOn: '2025-01-15',
  expiresOn: '2027-01-14',
  administrativeStatus: 'active',
  evidence: [],
  ...overrides,
});
