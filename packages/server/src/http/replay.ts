import { CalloutLog } from '@peerlink/sdk';
import type { RequestMeta } from '../domain/audit.js';
import { audit, auditedRecordType } from '../domain/audit.js';
import type { Principal } from '../domain/auth.js';
import { wholeAgency } from '../domain/auth.js';
import { readableLog, redactCalloutLog } from '../domain/callout-logs.js';
import { readableCredential } from '../domain/credentials.js';
import { readableDispatch } from '../domain/dispatches.js';
import { conflict, forbidden } from '../domain/problems.js';
import { readableReferral } from '../domain/referrals.js';
import { readSpecialist } from '../domain/specialists.js';
import type { Sql } from '../infra/db/database.js';

/**
 * The stored answer of a write, replayed for a retry with the same `Idempotency-Key`, as its
 * caller may see it now: the record's read check again (a token of the same person may carry
 * another scope), logs redacted again, and the replay audited.
 */
export async function replayed(
  tx: Sql,
  principal: Principal,
  meta: RequestMeta,
  path: string,
  body: unknown,
): Promise<unknown> {
  if (body === null) {
    throw conflict(
      'The first request with this Idempotency-Key succeeded; its answer held a secret shown once, which is not kept. List the keys to find the one it made.',
    );
  }
  const recordType = auditedRecordType(path);
  if (!recordType) return body;
  // A record's answer carries its id; a consent revocation's names its referral.
  const named = typeof body === 'object' ? (body as { id?: unknown; referralId?: unknown }) : {};
  const id = typeof named.id === 'string' ? named.id : typeof named.referralId === 'string' ? named.referralId : '';
  let answer = body;
  switch (recordType) {
    case 'dispatch':
      await readableDispatch(tx, principal, id);
      break;
    case 'callout-log': {
      if (principal.kind !== 'embed') throw forbidden();
      answer = redactCalloutLog(CalloutLog.parse(body), principal, await readableLog(tx, principal, id));
      break;
    }
    case 'referral':
      if (principal.kind !== 'embed') throw forbidden();
      await readableReferral(tx, principal, id, meta.now);
      break;
    case 'credential':
      await readableCredential(tx, principal, id);
      break;
    case 'specialist':
      // A peer's record holds their contacts. An import's answer names no one record: it is configuration.
      if (principal.kind !== 'embed') throw forbidden();
      if (id === '') wholeAgency(principal);
      else await readSpecialist(tx, principal, id);
      break;
    case 'rotation':
    case 'override':
    case 'escalation-policy':
    case 'rule-set':
      if (principal.kind !== 'embed') throw forbidden();
      wholeAgency(principal);
      break;
    default:
      break;
  }
  await audit(tx, principal, meta, 'replay', recordType, principal.kind === 'api-key' ? principal.keyId : id);
  return answer;
}
