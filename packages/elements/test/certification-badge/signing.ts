// Signs VC-JWTs in the browser with WebCrypto Ed25519, shaped as the reference service issues
// them (packages/server/src/domain/credentials.ts), so the badge's verifier sees real signatures.
import type { Jwks } from '@peerlink/sdk';

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const encodeJson = (value: unknown): string => base64url(encoder.encode(JSON.stringify(value)));

export function decodeJson(part: string): Record<string, unknown> {
  const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)))) as Record<
    string,
    unknown
  >;
}

export interface Issuer {
  readonly id: string;
  readonly name: string;
  readonly kid: string;
  readonly jwks: Jwks;
  readonly privateKey: CryptoKey;
}

/** A new Ed25519 key pair for an issuer, with its public key set. */
export async function newIssuer(
  id = 'https://board.example/v1/agencies/a1',
  name = 'Example Certification Board',
  kid = 'key-1',
): Promise<Issuer> {
  const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return {
    id,
    name,
    kid,
    privateKey: pair.privateKey,
    jwks: { keys: [{ kty: 'OKP', crv: 'Ed25519', x: jwk.x ?? '', kid, alg: 'EdDSA', use: 'sig' }] },
  };
}

export interface Claims {
  credentialId?: string;
  holderName?: string;
  name?: string;
  type?: string;
  number?: string;
  issuedOn?: string;
  expiresOn?: string;
}

const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** The payload the reference service signs for a credential. */
export function payloadOf(issuer: Issuer, claims: Claims = {}): Record<string, unknown> {
  const validFrom = `${claims.issuedOn ?? '2025-01-15'}T00:00:00Z`;
  const validUntil = `${claims.expiresOn ?? '2027-01-14'}T23:59:59Z`;
  const holder = 'urn:uuid:6f1c1c9e-4d2b-4f7e-9a51-2b7f0d1e0a01';
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer.id, type: ['Profile'], name: issuer.name },
    validFrom,
    validUntil,
    credentialSubject: {
      id: holder,
      type: ['AchievementSubject'],
      name: claims.holderName ?? 'Dana R.',
      achievement: {
        id: `urn:peerlink:credential-type:${claims.type ?? 'peer-recovery'}`,
        type: ['Achievement'],
        name: claims.name ?? 'Peer Recovery Specialist',
        criteria: { narrative: `Requirements of ${issuer.name}` },
      },
    },
    peerlink: { credentialType: claims.type ?? 'peer-recovery', number: claims.number ?? 'PRS-1042' },
    iss: issuer.id,
    sub: holder,
    jti: `urn:uuid:${claims.credentialId ?? '0b6c6f8e-2d1a-4c4e-8f7a-9d3e2c1b0c01'}`,
    iat: seconds(validFrom),
    nbf: seconds(validFrom),
    exp: seconds(validUntil),
  };
}

/** Signs `payload` with the issuer's key as a compact JWS (EdDSA). */
export async function signPayload(issuer: Issuer, payload: Record<string, unknown>): Promise<string> {
  const input = `${encodeJson({ alg: 'EdDSA', kid: issuer.kid, typ: 'vc+jwt' })}.${encodeJson(payload)}`;
  const signature = await crypto.subtle.sign({ name: 'Ed25519' }, issuer.privateKey, encoder.encode(input));
  return `${input}.${base64url(new Uint8Array(signature))}`;
}

export const signCredential = (issuer: Issuer, claims?: Claims): Promise<string> =>
  signPayload(issuer, payloadOf(issuer, claims));

/** The same signature over a payload someone changed afterwards. */
export function tamper(jwt: string, change: (payload: Record<string, unknown>) => Record<string, unknown>): string {
  const [header = '', payload = '', signature = ''] = jwt.split('.');
  return `${header}.${encodeJson(change(decodeJson(payload)))}.${signature}`;
}

/** The payload of `jwt` with `alg: none` and no signature. */
export function unsigned(jwt: string): string {
  const payload = jwt.split('.')[1] ?? '';
  return `${encodeJson({ alg: 'none', typ: 'vc+jwt' })}.${payload}.`;
}
