import { createLocalJWKSet, createRemoteJWKSet, customFetch, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { JSONWebKeySet, JWTPayload, JWTVerifyGetKey } from 'jose';
import type { Jwks } from '../schema/credential.js';
import type { VerificationFailure, VerificationWarning } from './outcomes.js';
import { checkStatus } from './status-check.js';
import { carriedCredential, isObject, text } from './vc-jwt.js';

export type { VerificationFailure, VerificationWarning } from './outcomes.js';

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
  | { valid: true; credential: VerifiedCredential; warnings: VerificationWarning[] }
  | { valid: false; reason: VerificationFailure; message: string };

export interface VerifyOptions {
  /** The issuer's key set (any JWKS: Ed25519, P-256 or RSA keys), or where to fetch it. */
  jwks?: Jwks | JSONWebKeySet;
  jwksUrl?: string;
  /** The issuer the credential must come from (its `iss`). */
  issuer?: string;
  /** The moment the credential is checked at; a status list is always read as of now. */
  now?: Date;
  fetch?: typeof fetch;
  /** Skip the status check (offline use); the result then does not prove it is neither revoked nor suspended. */
  skipStatus?: boolean;
}

// RS256 is the algorithm Open Badges 3.0 requires every verifier to accept.
const algorithms = ['EdDSA', 'ES256', 'RS256'];

const fail = (reason: VerificationFailure, message: string): VerificationResult => ({ valid: false, reason, message });

/** The last part of a key's id: the key's name in a set when the id is a URL of the key. */
const fragment = (kid: string) => kid.slice(kid.lastIndexOf('#') + 1);

function keys(options: VerifyOptions): JWTVerifyGetKey | undefined {
  const remote =
    !options.jwks && options.jwksUrl
      ? createRemoteJWKSet(new URL(options.jwksUrl), options.fetch ? { [customFetch]: options.fetch } : {})
      : undefined;
  const set = options.jwks ? createLocalJWKSet(options.jwks) : remote;
  if (!set) return undefined;
  // A `kid` may be a URL of the key (`…/jwks.json#key-1`, or a DID URL) in a set that names the key
  // by its fragment alone, or the other way round (a set that names its keys by URL, and a
  // credential signed before it did, or under another host name): keys are then matched by fragment.
  return async (header, token) => {
    try {
      return await set(header, token);
    } catch (error) {
      const jwks = options.jwks ?? remote?.jwks();
      if (!(error instanceof errors.JWKSNoMatchingKey) || !header.kid || !jwks) throw error;
      const named = jwks.keys.map((key) => (key.kid ? { ...key, kid: fragment(key.kid) } : key));
      return createLocalJWKSet({ keys: named })({ ...header, kid: fragment(header.kid) }, token);
    }
  };
}

type Checked = { ok: true; claims: JWTPayload } | { ok: false; result: VerificationResult };

async function verifyJwt(jwt: string, getKey: JWTVerifyGetKey, options: VerifyOptions): Promise<Checked> {
  const refuse = (reason: VerificationFailure, message: string): Checked => ({
    ok: false,
    result: fail(reason, message),
  });
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(jwt).alg;
  } catch {
    return refuse('malformed', 'Not a signed credential');
  }
  // `alg: none` and anything else we do not sign with is refused before any key is looked up.
  if (typeof alg !== 'string' || !algorithms.includes(alg))
    return refuse('unsupported-algorithm', `Unsupported algorithm ${String(alg)}`);
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
    if (error instanceof errors.JWKSNoMatchingKey)
      return refuse('unknown-key', "The issuer's keys do not include the signing key");
    if (error instanceof errors.JWSSignatureVerificationFailed)
      return refuse(
        'invalid-signature',
        'The signature does not match: the credential was altered or signed by someone else',
      );
    if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
      return refuse('malformed', 'Not a well-formed signed credential');
    return refuse('unknown-key', "The issuer's keys could not be read");
  }
}

/**
 * Verifies a signed credential (a W3C Verifiable Credential / Open Badges 3.0 VC-JWT, data model
 * 2.0 or 1.1): signature against the issuer's key set (EdDSA, ES256 or RS256), issuer, the JWT
 * claims against the credential, validity window, and revocation and suspension through the
 * issuer's signed Bitstring Status Lists, or revocation through a 1EdTech Revocation List. Never
 * throws for a bad credential: the result says why.
 */
export async function verifyCredential(jwt: string, options: VerifyOptions): Promise<VerificationResult> {
  const getKey = keys(options);
  if (!getKey) return fail('unknown-key', 'Give the issuer key set (jwks) or its URL (jwksUrl)');
  const checked = await verifyJwt(jwt, getKey, options);
  if (!checked.ok) return checked.result;
  const { claims } = checked;
  const credential = carriedCredential(claims);
  if (typeof credential === 'string') return fail('malformed', credential);

  const now = (options.now ?? new Date()).getTime();
  const { validFrom, validUntil, subject, document } = credential;
  if (Date.parse(validFrom) > now) return fail('not-yet-valid', 'The credential is not valid yet');
  if (validUntil && Date.parse(validUntil) < now) return fail('expired', 'The credential has expired');

  const status = options.skipStatus
    ? { ok: true as const, warnings: [] }
    : await checkStatus(credential.status, {
        credentialId: credential.id,
        issuer: credential.issuer.id,
        fetch: options.fetch ?? fetch,
        verifyList: async (list) => {
          const verified = await verifyJwt(list, getKey, { ...options, issuer: credential.issuer.id, now: new Date() });
          return verified.ok ? verified.claims : undefined;
        },
      });
  if (!status.ok) return fail(status.reason, status.message);

  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  const peerlink = isObject(document.peerlink) ? document.peerlink : {};
  // OB 3.0's AchievementSubject.licenseNumber; Peerlink's own field in credentials signed before it wrote that.
  const number = text(subject.licenseNumber) ?? text(peerlink.number);
  const subjectName = text(subject.name);
  return {
    valid: true,
    credential: {
      id: credential.id ?? '',
      issuer: credential.issuer,
      name: text(achievement.name) ?? text(document.name) ?? '',
      type: text(peerlink.credentialType) ?? '',
      ...(number ? { number } : {}),
      subject: { id: text(subject.id) ?? '', ...(subjectName ? { name: subjectName } : {}) },
      validFrom,
      ...(validUntil ? { validUntil } : {}),
    },
    warnings: status.warnings,
  };
}
