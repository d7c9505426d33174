// What the court's own case system knows. Everything here is fictional: the participant is a
// pseudonymous reference (never a name), and the assigned peer is the demo program's court peer.
import type { SpecialistRole } from '@peerlink/sdk';

export interface Participant {
  /** The court's pseudonymous reference, also the referral's `personRef`. */
  ref: string;
  program: string;
  phase: { number: number; of: number; name: string };
  /** Days in the current phase. */
  daysInPhase: number;
  nextHearing: Date;
  judge: string;
}

export interface AssignedPeer {
  /** The peer's Peerlink specialist id, recorded when the court assigned them. */
  id: string;
  displayName: string;
  roles: SpecialistRole[];
  /** The role the court relies on them for. */
  courtRole: SpecialistRole;
}

/** The next Thursday (treatment-court docket day) at 09:00 local time, after `now`. */
export function nextDocketDay(now: Date): Date {
  const next = new Date(now);
  next.setHours(9, 0, 0, 0);
  const days = (4 - next.getDay() + 7) % 7;
  next.setDate(next.getDate() + (days === 0 && next <= now ? 7 : days));
  return next;
}

export function participant(now: Date): Participant {
  return {
    ref: 'P-0042',
    program: 'Adult Drug Treatment Court (fictional demo)',
    phase: { number: 2, of: 5, name: 'Stabilization' },
    daysInPhase: 47,
    nextHearing: nextDocketDay(now),
    judge: 'Treatment court docket B',
  };
}

/**
 * Luz M., the demo program's court peer specialist (`pnpm start` seeds her under this id; the
 * end-to-end test creates her under the same id).
 */
export const assignedPeer: AssignedPeer = {
  id: 'aef898b6-60cb-4e4b-bca9-f84cb3ed2d94',
  displayName: 'Luz M.',
  roles: ['crisis-interventionist', 'court-peer-specialist'],
  courtRole: 'court-peer-specialist',
};
