// The credential a VC-JWT carries, read the same way whichever data model it follows: VC Data
// Model 2.0 (the payload is the credential, as Open Badges 3.0 and VC-JOSE-COSE sign it) or 1.1
// (the credential sits in a `vc` claim and names its dates issuanceDate/expirationDate).
import type { JWTPayload } from 'jose';

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/** A JSON-LD value that may be one item or a list of them, as a list. */
export const many = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

const instant = (seconds: unknown): string | undefined =>
  typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : undefined;

const seconds = (date: string): number => Math.floor(Date.parse(date) / 1000);

export interface CarriedCredential {
  id: string | undefined;
  types: unknown[];
  issuer: { id: string; name?: string };
  validFrom: string;
  validUntil: string | undefined;
  /** The first credential subject. */
  subject: Json;
  /** `credentialStatus` entries. */
  status: Json[];
  /** The credential itself, for the parts only some credentials have. */
  document: Json;
}

/**
 * Reads the credential out of verified JWT claims, or says why it is not a verifiable
 * credential. The registered claims restate the credential (iss = issuer.id, jti = id,
 * sub = credentialSubject.id, nbf = validFrom); one that contradicts it is refused.
 */
export function carriedCredential(claims: JWTPayload): CarriedCredential | string {
  const document = isObject(claims.vc) ? claims.vc : claims;
  const issuer = isObject(document.issuer) ? document.issuer : {};
  const issuerId = text(document.issuer) ?? text(issuer.id) ?? text(claims.iss);
  const subject = many(document.credentialSubject).find(isObject) ?? {};
  const validFrom = text(document.validFrom) ?? text(document.issuanceDate) ?? instant(claims.nbf);
  const validUntil = text(document.validUntil) ?? text(document.expirationDate) ?? instant(claims.exp);
  const types = many(document.type);
  if (!types.includes('VerifiableCredential') || !issuerId || !validFrom || Number.isNaN(Date.parse(validFrom))) {
    return 'Not a verifiable credential';
  }
  if (validUntil !== undefined && Number.isNaN(Date.parse(validUntil))) return 'Not a verifiable credential';
  const restated: [string, string | number | undefined, string | number | undefined][] = [
    ['iss', claims.iss, issuerId],
    ['jti', claims.jti, text(document.id)],
    ['sub', claims.sub, text(subject.id)],
    ['nbf', claims.nbf, seconds(validFrom)],
  ];
  for (const [claim, value, field] of restated) {
    if (value !== undefined && field !== undefined && value !== field)
      return `The ${claim} claim does not match the credential`;
  }
  const name = text(issuer.name);
  return {
    id: text(document.id) ?? text(claims.jti),
    types,
    issuer: { id: issuerId, ...(name ? { name } : {}) },
    validFrom,
    validUntil,
    subject,
    // Peerlink's issuer puts its suspension entry in its own extension, since OB 3.0 allows one credentialStatus.
    status: [
      ...many(document.credentialStatus),
      ...(isObject(document.peerlink) ? many(document.peerlink.suspensionStatus) : []),
    ].filter(isObject),
    document,
  };
}
