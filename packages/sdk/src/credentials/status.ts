import type { Credential, CredentialStatus } from '../schema/credential.js';
import { daysFrom, todayOf } from './dates.js';

/**
 * How far each status is from a credential in force, `active` first: the order in which the best
 * of several credentials, or the strictest of several judgements of one, is chosen.
 */
export const statusSeverity: Readonly<Record<CredentialStatus, number>> = {
  active: 0,
  expiring: 1,
  pending: 2,
  expired: 3,
  suspended: 4,
  revoked: 5,
};

/** A credential whose expiry date is at most this many days after today is `expiring`. */
export const expiringWithinDays = 60;

/**
 * The status a host sees, from what the issuer recorded and the expiry date. Requirement rule
 * sets refine this in `evaluate()`; this is the part every credential has.
 *
 * An expiry date is the last valid day, to its end. Days are UTC calendar days, so every reader
 * (server, browser, any time zone) derives the same status at the same instant.
 */
export function credentialStatus(
  credential: Pick<Credential, 'administrativeStatus' | 'expiresOn'>,
  now: Date,
): { status: CredentialStatus; reasons: string[] } {
  switch (credential.administrativeStatus) {
    case 'revoked':
      return { status: 'revoked', reasons: ['Revoked by the issuer'] };
    case 'suspended':
      return { status: 'suspended', reasons: ['Suspended by the issuer'] };
    case 'pending':
      return { status: 'pending', reasons: ['Not yet issued'] };
    case 'active':
      break;
  }
  if (!credential.expiresOn) return { status: 'active', reasons: [] };
  const daysLeft = daysFrom(todayOf(now), credential.expiresOn);
  if (daysLeft < 0) return { status: 'expired', reasons: [`Expired on ${credential.expiresOn}`] };
  if (daysLeft <= expiringWithinDays) {
    const when = daysLeft === 0 ? 'today' : daysLeft === 1 ? 'in 1 day' : `in ${String(daysLeft)} days`;
    return { status: 'expiring', reasons: [`Expires on ${credential.expiresOn} (${when})`] };
  }
  return { status: 'active', reasons: [] };
}
