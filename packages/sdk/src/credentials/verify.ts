import { createLocalJWKSet, createRemoteJWKSet, customFetch, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { Jwks } from '../schema/credential.js';
import { statusListBit } from './status-list.js';

export type VerificationFailure =
  | 'malformed'
  | 'unsupported-algorithm'
  | 'unknown-key'
  | 'invalid-signature'
  | 'wrong-issuer'
  | 'expired'
  | 'not-yet-valid'
  | 'revoked'
  | 'status-unavailable';

/** What a verified credential says, in the parts a host shows. */
export interface VerifiedCredential {
  id: string;
  issuer: { id: string; name?: string };
  name: string;
  type: string;
  number?: string;
  subject: { id: string; name?: string };
  validFrom: string;
  validUntil?: string;
}

export type VerificationResult =
  | { valid: true; credential: VerifiedCredential }
  | { valid: false; reason: VerificationFailure; message: string };

export interface VerifyOptions {
  /** The issuer's key set, or where to fetch it. */
  jwks?: Jwks;
  jwksUrl?: string;
  /** The issuer the credential must come from (its `iss`). */
  issuer?: string;
  now?: Date;
  fetch?: typeof fetch;
  /** Skip the revocation check (offline use); the result then does not prove it is unrevoked. */
  skipStatus?: boolean;
}

const algorithms = ['EdDSA', 'ES256'];

const fail = (reason: VerificationFailure, message: string): VerificationResult => ({ valid: false, reason, message });

interface CredentialClaims extends JWTPayload {
  type?: unknown;
  name?: unknown;
  issuer?: { id?: unknown; name?: unknown };
  validFrom?: unknown;
  validUntil?: unknown;
  credentialSubject?: { id?: unknown; name?: unknown; encodedList?: unknown; achievement?: { name?: unknown; identifier?: unknown; type?: unknown } };
  credentialStatus?: { statusListIndex?: unknown; statusListCredential?: unknown; statusPurpose?: unknown };
  peerlink?: { credentialType?: unknown; number?: unknown };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

function keys(options: VerifyOptions): JWTVerifyGetKey | undefined {
  if (options.jwks) return createLocalJWKSet(options.jwks);
  if (options.jwksUrl) {
    return createRemoteJWKSet(new URL(options.jwksUrl), options.fetch ? { [customFetch]: options.fetch } : {});
  }
  return undefined;
}

type Checked = { ok: true; claims: CredentialClaims } | { ok: false; result: VerificationResult };

async function verifyJwt(jwt: string, getKey: JWTVerifyGetKey, options: VerifyOptions): Promise<Checked> {
  const refuse = (reason: VerificationFailure, message: string): Checked => ({ ok: false, result: fail(reason, message) });
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(jwt).alg;
  } catch {
    return refuse('malformed', 'Not a signed credential');
  }
  // `alg: none` and anything else we do not sign with is refused before any key is looked up.
  if (typeof alg !== 'string' || !algorithms.includes(alg)) return refuse('unsupported-algorithm', `Unsupported algorithm ${String(alg)}`);
  try {
    const { payload } = await jwtVerify(jwt, getKey, {
      algorithms,
      currentDate: options.now ?? new Date(),
      ...(options.issuer ? { issuer: options.issuer } : {}),
    });
    return { ok: true, claims: payload };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return refuse('expired', 'The credential has expired');
    if (error instanceof errors.JWTClaimValidationFailed) {
      if (error.claim === 'nbf') return refuse('not-yet-valid', 'The credential is not valid yet');
      if (error.claim === 'iss') return refuse('wrong-issuer', 'The credential comes from another issuer');
      return refuse('malformed', `Claim ${error.claim} is not valid`);
    }
    if (error instanceof errors.JWKSNoMatchingKey) return refuse('unknown-key', "The issuer's keys do not include the signing key");
    if (error instanceof errors.JWSSignatureVerificationFailed) return refuse('invalid-signature', 'The signature does not match: the credential was altered or signed by someone else');
    if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return refuse('malformed', 'Not a well-formed signed credential');
    return refuse('unknown-key', "The issuer's keys could not be read");
  }
}

/**
 * Verifies a Peerlink credential (a W3C Verifiable Credential 2.0 / Open Badges 3.0-shaped
 * VC-JWT): signature against the issuer's key set, issuer, validity window, and revocation through
 * the issuer's signed Bitstring Status List. Never throws for a bad credential: the result says why.
 */
export async function verifyCredential(jwt: string, options: VerifyOptions): Promise<VerificationResult> {
  const getKey = keys(options);
  if (!getKey) return fail('unknown-key', 'Give the issuer key set (jwks) or its URL (jwksUrl)');
  const checked = await verifyJwt(jwt, getKey, options);
  if (!checked.ok) return checked.result;
  const { claims } = checked;

  const now = (options.now ?? new Date()).getTime();
  const validFrom = text(claims.validFrom);
  const validUntil = text(claims.validUntil);
  if (!Array.isArray(claims.type) || !claims.type.includes('VerifiableCredential') || !validFrom) {
    return fail('malformed', 'Not a verifiable credential');
  }
  if (Date.parse(validFrom) > now) return fail('not-yet-valid', 'The credential is not valid yet');
  if (validUntil && Date.parse(validUntil) < now) return fail('expired', 'The credential has expired');

  if (!options.skipStatus && claims.credentialStatus) {
    const index = Number(claims.credentialStatus.statusListIndex);
    const url = text(claims.credentialStatus.statusListCredential);
    if (!url || !Number.isInteger(index)) return fail('malformed', 'The credential status entry is incomplete');
    try {
      const response = await (options.fetch ?? fetch)(url);
      const body = (await response.json()) as { jwt?: unknown };
      const list = typeof body.jwt === 'string' ? await verifyJwt(body.jwt, getKey, { ...options, issuer: claims.iss ?? '' }) : undefined;
      const encodedList = list?.ok ? list.claims.credentialSubject?.encodedList : undefined;
      if (typeof encodedList !== 'string') return fail('status-unavailable', 'The status list could not be verified');
      if (await statusListBit(encodedList, index)) return fail('revoked', 'The issuer has revoked this credential');
    } catch {
      return fail('status-unavailable', 'The status list could not be read');
    }
  }

  const subject = claims.credentialSubject ?? {};
  return {
    valid: true,
    credential: {
      id: text(claims.jti) ?? '',
      issuer: { id: text(claims.iss) ?? '', ...(text(claims.issuer?.name) ? { name: String(claims.issuer?.name) } : {}) },
      name: text(subject.achievement?.name) ?? text(claims.name) ?? '',
      type: text(claims.peerlink?.credentialType) ?? '',
      ...(text(claims.peerlink?.number) ? { number: String(claims.peerlink?.number) } : {}),
      subject: { id: text(subject.id) ?? '', ...(text(subject.name) ? { name: String(subject.name) } : {}) },
      validFrom,
      ...(validUntil ? { validUntil } : {}),
    },
  };
}
