import type { Credential, CredentialStatus } from '../schema/credential.js';

const day = 24 * 60 * 60 * 1000;
/** A credential within this many days of its expiry date is `expiring`. */
export const expiringWithinDays = 60;

/**
 * The status a host sees, from what the issuer recorded and the expiry date. Requirement rule
 * sets refine this in `evaluate()`; this is the part every credential has.
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
  // An expiry date is the last valid day, to its end, wherever the reader is.
  const end = Date.parse(`${credential.expiresOn}T23:59:59.999Z`);
  if (now.getTime() > end) return { status: 'expired', reasons: [`Expired on ${credential.expiresOn}`] };
  const daysLeft = Math.ceil((end - now.getTime()) / day);
  if (daysLeft <= expiringWithinDays) {
    return { status: 'expiring', reasons: [`Expires on ${credential.expiresOn} (in ${String(daysLeft)} days)`] };
  }
  return { status: 'active', reasons: [] };
}
