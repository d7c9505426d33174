// Reads a credential's `credentialStatus` entries: the W3C Bitstring Status List (revocation and
// suspension purposes) and 1EdTech's Revocation List Status Method. Any other method is reported as not
// checked, never as a broken credential.
import type { JWTPayload } from 'jose';
import { bitAt, decodeStatusList, statusListLength } from './status-list.js';
import { carriedCredential, isObject, many, text, type Json } from './vc-jwt.js';
import type { VerificationFailure, VerificationWarning } from './outcomes.js';

export type StatusCheck =
  { ok: true; warnings: VerificationWarning[] } | { ok: false; reason: VerificationFailure; message: string };

export interface StatusContext {
  credentialId: string | undefined;
  issuer: string;
  fetch: typeof fetch;
  /** The claims of a status list credential whose signature verifies with the issuer's keys. */
  verifyList: (jwt: string) => Promise<JWTPayload | undefined>;
}

class StatusFailure extends Error {
  constructor(
    readonly reason: VerificationFailure,
    message: string,
  ) {
    super(message);
  }
}

const unavailable = (message: string) => new StatusFailure('status-unavailable', message);

const notChecked = (what: string): VerificationWarning => ({
  code: 'status-method-unsupported',
  message: `The credential's status was not checked: ${what} is not supported`,
});

export async function checkStatus(entries: Json[], context: StatusContext): Promise<StatusCheck> {
  const warnings: VerificationWarning[] = [];
  try {
    for (const entry of entries) {
      const types = many(entry.type);
      if (types.includes('BitstringStatusListEntry')) {
        const skipped = await bitstringStatus(entry, context);
        if (skipped) warnings.push(skipped);
      } else if (types.includes('1EdTechRevocationList')) {
        await revocationList(entry, context);
      } else {
        warnings.push(notChecked(`the status method ${types.map(String).join(', ') || '(no type)'}`));
      }
    }
  } catch (error) {
    if (error instanceof StatusFailure) return { ok: false, reason: error.reason, message: error.message };
    return { ok: false, reason: 'status-unavailable', message: 'The status list could not be read' };
  }
  return { ok: true, warnings };
}

async function fetched(url: string, context: StatusContext, accept: string): Promise<string> {
  // Called detached: a browser's fetch throws when called as a method of another object.
  const get = context.fetch;
  const response = await get(url, { headers: { accept } });
  if (!response.ok) throw unavailable(`The status list could not be read (HTTP ${response.status})`);
  return (await response.text()).trim();
}

/** What a set bit means, for the purposes read: the credential is not valid, for this reason. */
const setBit: Record<string, [VerificationFailure, string]> = {
  revocation: ['revoked', 'The issuer has revoked this credential'],
  suspension: ['suspended', 'The issuer has suspended this credential'],
};

/** W3C Bitstring Status List v1.0, "validate" algorithm, for the revocation and suspension purposes and one bit per credential. */
async function bitstringStatus(entry: Json, context: StatusContext): Promise<VerificationWarning | undefined> {
  const purpose = text(entry.statusPurpose);
  const meaning = purpose ? setBit[purpose] : undefined;
  if (!purpose || !meaning) return notChecked(`the status purpose ${purpose ?? '(none)'}`);
  if (entry.statusSize !== undefined && Number(entry.statusSize) !== 1) return notChecked('a status size other than 1');
  const index =
    typeof entry.statusListIndex === 'string' && /^\d+$/.test(entry.statusListIndex)
      ? Number(entry.statusListIndex)
      : entry.statusListIndex;
  const url = text(entry.statusListCredential);
  if (!url || typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) {
    throw new StatusFailure('malformed', 'The credential status entry is incomplete');
  }
  const body = await fetched(url, context, 'application/vc+jwt, application/json');
  // A VC-JWT as it is, or wrapped as `{ "jwt": … }` (as Peerlink's status list route answered before it served the JWS).
  const wrapped: unknown = body.startsWith('{') ? JSON.parse(body) : undefined;
  const jwt = isObject(wrapped) ? text(wrapped.jwt) : body;
  const claims = jwt ? await context.verifyList(jwt) : undefined;
  if (!claims) throw unavailable('The status list could not be verified');
  const list = carriedCredential(claims);
  if (
    typeof list === 'string' ||
    !list.types.includes('BitstringStatusListCredential') ||
    list.issuer.id !== context.issuer
  ) {
    throw unavailable("The status list is not the issuer's Bitstring Status List");
  }
  // The list states the status as of now, whatever moment the credential is checked at; a
  // minute's grace covers clocks that differ between the issuer and here.
  const now = Date.now();
  if (
    Date.parse(list.validFrom) > now + 60_000 ||
    (list.validUntil !== undefined && Date.parse(list.validUntil) < now - 60_000)
  ) {
    throw unavailable('The status list is out of date');
  }
  const subject = list.subject;
  const encodedList = text(subject.encodedList);
  if (
    !many(subject.type).includes('BitstringStatusList') ||
    !many(subject.statusPurpose).includes(purpose) ||
    !encodedList
  ) {
    throw unavailable(`The status list is not for the purpose ${purpose}`);
  }
  const bits = await decodeStatusList(encodedList);
  if (bits.length * 8 < statusListLength) throw unavailable('The status list is shorter than the specification allows');
  if (index >= bits.length * 8) throw unavailable('The credential is outside the status list');
  if (bitAt(bits, index)) throw new StatusFailure(...meaning);
  return undefined;
}

/** 1EdTech Revocation List Status Method: a JSON list of revoked credential ids at `credentialStatus.id`. */
async function revocationList(entry: Json, context: StatusContext): Promise<void> {
  const url = text(entry.id);
  if (!url || !context.credentialId) throw new StatusFailure('malformed', 'The credential status entry is incomplete');
  const list: unknown = JSON.parse(await fetched(url, context, 'application/json'));
  if (!isObject(list) || !Array.isArray(list.revokedCredentials))
    throw unavailable('The revocation list could not be read');
  const issuer = isObject(list.issuer) ? text(list.issuer.id) : text(list.issuer);
  if (issuer !== undefined && issuer !== context.issuer) throw unavailable("The revocation list is not the issuer's");
  const entries: unknown[] = list.revokedCredentials;
  const revoked = entries.filter(isObject).find((item) => item.id === context.credentialId && item.revoked !== false);
  if (revoked) {
    const why = text(revoked.revocationReason);
    throw new StatusFailure(
      'revoked',
      why ? `The issuer has revoked this credential: ${why}` : 'The issuer has revoked this credential',
    );
  }
}
