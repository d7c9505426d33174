import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { EmbedScope, EmbedSessionRequest, Jwks, PublicJwk, Role } from '@peerlink/sdk';
import { EmbedScope as EmbedScopeSchema, Role as RoleSchema } from '@peerlink/sdk';
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify } from 'jose';
import type { JWK, JWTPayload, CryptoKey as JoseKey } from 'jose';
import type { Database, Sql } from '../infra/db/database.js';
import { write } from '../infra/db/database.js';
import { forbidden, unauthorized } from './problems.js';

/** Who is calling, after their credentials have been checked. */
export type Principal =
  | {
      kind: 'embed';
      role: Role;
      agencyId: string;
      subjectId: string | null;
      scope: EmbedScope | null;
      tokenId: string;
      /** The API key that asked for the token: the host system a subject-less session belongs to. */
      hostId: string | null;
      /** When the token stops being accepted (ms since the epoch); an event stream it opened ends then. */
      expiresAt?: number;
    }
  | {
      kind: 'api-key';
      agencyId: string;
      keyId: string;
      /** A provider's key: it may only report the capacity of this resource. */
      resourceId: string | null;
    }
  | { kind: 'ack'; agencyId: string; dispatchId: string; specialistId: string; tokenId: string };

export type EmbedPrincipal = Extract<Principal, { kind: 'embed' }>;
export type ApiKeyPrincipal = Extract<Principal, { kind: 'api-key' }>;
export type AckPrincipal = Extract<Principal, { kind: 'ack' }>;

/**
 * What a record-scoped token lets a list show: the scoped id when the scope is of `type`, an id
 * that matches nothing when it is of another type, no filter for an unscoped token.
 */
export const scopedTo = (caller: EmbedPrincipal, type: EmbedScope['type']): string | undefined =>
  caller.scope ? (caller.scope.type === type ? caller.scope.id : '00000000-0000-0000-0000-000000000000') : undefined;

/**
 * What reaches the whole agency (its configuration: peers and roster, schedule, escalation policy, rule sets;
 * a new record; a report or export of every record) takes a token not scoped to one record: a token minted for
 * one record reaches that record alone.
 */
export function wholeAgency(caller: Principal): void {
  if (caller.kind === 'embed' && caller.scope) throw forbidden('This token is scoped to one record');
}

const issuer = 'peerlink';
const embedAudience = 'peerlink-api';
const ackAudience = 'peerlink-ack';
export const maxEmbedTtlSeconds = 15 * 60;
/** The oldest an embed token may be, whatever its `exp` says (a minute of clock skew allowed). */
const maxEmbedTokenAge = maxEmbedTtlSeconds + 60;

// ── Secret API keys ─────────────────────────────────────────────────────────────────────
// Keys are 256 random bits, so one SHA-256 is enough to store them safely (no password
// stretching needed); the prefix finds the row without scanning.

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface ApiKeyOptions {
  label?: string | null;
  /** Makes a provider's key, which may only report this resource's capacity. */
  resourceId?: string | null;
}

/** Makes a key; the secret is in the answer only, the table keeps its SHA-256. */
export async function createApiKey(
  db: Sql,
  agencyId: string,
  options: string | ApiKeyOptions = {},
): Promise<{ id: string; key: string }> {
  const { label = null, resourceId = null } = typeof options === 'string' ? { label: options } : options;
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const key = `plk_${prefix}_${secret}`;
  const id = randomUUID();
  await db.query(
    'insert into api_keys (id, agency_id, prefix, hash, label, resource_id) values ($1, $2, $3, $4, $5, $6)',
    [id, agencyId, prefix, sha256(key), label, resourceId],
  );
  return { id, key };
}

/** How often a key's `last_used_at` is written at most: a busy host costs one write a minute. */
const lastUseResolutionMs = 60_000;

/**
 * Checks a key against the table on every call (no cache): a revoked key is refused from the next
 * request on, and a rolled key from its `expires_at`.
 */
export async function authenticateApiKey(db: Sql, key: string, now: Date = new Date()): Promise<ApiKeyPrincipal> {
  const match = /^plk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(key);
  if (!match) throw unauthorized('Not a Peerlink API key');
  const rows = await db.query<{
    id: string;
    agency_id: string;
    hash: string;
    resource_id: string | null;
    expires_at: Date | string | null;
    last_used_at: Date | string | null;
  }>(
    'select id, agency_id, hash, resource_id, expires_at, last_used_at from api_keys where prefix = $1 and revoked_at is null',
    [match[1]],
  );
  const row = rows[0];
  const given = Buffer.from(sha256(key), 'hex');
  if (!row || !timingSafeEqual(given, Buffer.from(row.hash, 'hex'))) throw unauthorized('Unknown or revoked API key');
  if (row.expires_at !== null && new Date(row.expires_at).getTime() <= now.getTime()) {
    throw unauthorized('This API key was rolled and has expired');
  }
  if (row.last_used_at === null || now.getTime() - new Date(row.last_used_at).getTime() >= lastUseResolutionMs) {
    await db.query('update api_keys set last_used_at = $2 where id = $1', [row.id, now]);
  }
  return { kind: 'api-key', agencyId: row.agency_id, keyId: row.id, resourceId: row.resource_id };
}

// ── Signing keys ────────────────────────────────────────────────────────────────────────
// One Ed25519 key signs embed and acknowledgement tokens. It lives in the database so every
// instance behind a load balancer verifies what any other issued. Each agency has an RSA key
// (RS256, the algorithm every Open Badges 3.0 verifier accepts) for its credentials and status
// lists; an agency that signed credentials before keeps its Ed25519 key in its key set, so they
// still verify.

type SigningAlg = 'EdDSA' | 'RS256';

interface SigningKey {
  kid: string;
  alg: SigningAlg;
  privateKey: JoseKey;
  publicKey: JoseKey;
  publicJwk: PublicJwk;
}

/** An embed token whose signature was checked, and the seconds (since the epoch) it is good in. */
interface VerifiedToken {
  principal: EmbedPrincipal;
  from: number;
  until: number;
}

export class KeyStore {
  private service?: Promise<SigningKey>;
  /** Embed tokens verified with the service key, by their text (see `verifyEmbedToken`). */
  readonly verified = new Map<string, VerifiedToken>();

  constructor(private readonly db: Database) {}

  serviceKey(): Promise<SigningKey> {
    this.service ??= this.loadOrCreate(this.db, 'service', null);
    return this.service;
  }

  /** The key an agency signs its credentials and status lists with (RS256), made on first use. */
  agencyKey(tx: Sql, agencyId: string): Promise<SigningKey> {
    return this.loadOrCreate(tx, 'credentials-rs256', agencyId, 'RS256');
  }

  /** Public keys of an agency, read in the caller's transaction: its signing key and any it signed with before. */
  async jwks(tx: Sql, agencyId: string): Promise<Jwks> {
    await this.agencyKey(tx, agencyId);
    const rows = await tx.query<{ public_jwk: PublicJwk }>(
      'select public_jwk from signing_keys where agency_id = $1 order by created_at',
      [agencyId],
    );
    return { keys: rows.map((row) => row.public_jwk) };
  }

  private async loadOrCreate(
    db: Sql,
    purpose: string,
    agencyId: string | null,
    alg: SigningAlg = 'EdDSA',
  ): Promise<SigningKey> {
    const select = () =>
      db.query<{ kid: string; alg: SigningAlg; private_jwk: JWK; public_jwk: PublicJwk }>(
        'select kid, alg, private_jwk, public_jwk from signing_keys where purpose = $1 and agency_id is not distinct from $2',
        [purpose, agencyId],
      );
    let row = (await select())[0];
    if (!row) {
      const { privateKey, publicKey } = await generateKeyPair(
        alg,
        alg === 'RS256' ? { modulusLength: 2048, extractable: true } : { crv: 'Ed25519', extractable: true },
      );
      const kid = `${purpose}-${randomUUID()}`;
      const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
      const privateJwk = { ...(await exportJWK(privateKey)), kid, alg };
      // Two instances may start at once: the unique index keeps one key, both then read it.
      await db.query(
        `insert into signing_keys (kid, agency_id, purpose, alg, private_jwk, public_jwk)
         values ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb) on conflict do nothing`,
        [kid, agencyId, purpose, alg, JSON.stringify(privateJwk), JSON.stringify(publicJwk)],
      );
      row = (await select())[0];
      if (!row) throw new Error('signing key could not be stored');
    }
    return {
      kid: row.kid,
      alg: row.alg,
      privateKey: (await importJWK(row.private_jwk, row.alg)) as JoseKey,
      publicKey: (await importJWK(row.public_jwk as JWK, row.alg)) as JoseKey,
      publicJwk: row.public_jwk,
    };
  }
}

// ── Embed tokens ────────────────────────────────────────────────────────────────────────

export async function issueEmbedToken(
  keys: KeyStore,
  agencyId: string,
  request: EmbedSessionRequest,
  now: Date,
  hostId?: string,
): Promise<{ token: string; expiresAt: Date; tokenId: string }> {
  const key = await keys.serviceKey();
  const ttl = Math.min(request.ttlSeconds ?? maxEmbedTtlSeconds, maxEmbedTtlSeconds);
  const issuedAt = Math.floor(now.getTime() / 1000);
  const tokenId = randomUUID();
  const token = await new SignJWT({
    role: request.role,
    agency: agencyId,
    ...(request.scope ? { scope: request.scope } : {}),
    ...(hostId ? { host: hostId } : {}),
  })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(embedAudience)
    .setSubject(request.subjectId ?? `agency:${agencyId}`)
    .setJti(tokenId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttl)
    .sign(key.privateKey);
  return { token, expiresAt: new Date((issuedAt + ttl) * 1000), tokenId };
}

/** Tokens remembered at most: a host's page keeps one token for up to 15 minutes. */
const verifiedTokens = 10_000;

/**
 * Embed tokens this service verified, by their exact text: the same bytes under the same key verify
 * the same way, so only the time is checked again, as `jwtVerify` checks it (`iat` not in the future,
 * `exp` not reached, no older than the longest lifetime). An embed token cannot be revoked, so
 * nothing else could change its answer. Saves an Ed25519 verification on every request but a
 * token's first.
 */
function verifiedToken(keys: KeyStore, token: string, now: Date): EmbedPrincipal | undefined {
  const known = keys.verified.get(token);
  if (!known) return undefined;
  const seconds = Math.floor(now.getTime() / 1000);
  return known.from <= seconds && seconds < known.until ? known.principal : undefined;
}

function rememberToken(keys: KeyStore, token: string, verified: VerifiedToken): void {
  const tokens = keys.verified;
  // The oldest goes first (a Map keeps insertion order).
  if (tokens.size >= verifiedTokens) tokens.delete(tokens.keys().next().value ?? '');
  tokens.set(token, verified);
}

/** The claims of a token this service signed for `audience`; throws when it is invalid or expired. */
async function claimsOf(
  token: string,
  key: SigningKey,
  audience: string,
  now: Date,
  limits: { maxTokenAge?: number } = {},
): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, key.publicKey, {
    issuer,
    audience,
    algorithms: ['EdDSA'],
    currentDate: now,
    ...limits,
  });
  return payload;
}

export async function verifyEmbedToken(keys: KeyStore, token: string, now: Date): Promise<EmbedPrincipal> {
  const known = verifiedToken(keys, token, now);
  if (known) return known;
  const key = await keys.serviceKey();
  try {
    const payload = await claimsOf(token, key, embedAudience, now, { maxTokenAge: maxEmbedTokenAge });
    const role = RoleSchema.parse(payload.role);
    const scope = payload.scope === undefined ? null : EmbedScopeSchema.parse(payload.scope);
    if (typeof payload.agency !== 'string' || typeof payload.sub !== 'string' || typeof payload.jti !== 'string') {
      throw new Error('missing claims');
    }
    const principal: EmbedPrincipal = {
      kind: 'embed',
      role,
      agencyId: payload.agency,
      subjectId: payload.sub.startsWith('agency:') ? null : payload.sub,
      scope,
      tokenId: payload.jti,
      hostId: typeof payload.host === 'string' ? payload.host : null,
    };
    if (typeof payload.iat === 'number' && typeof payload.exp === 'number') {
      const until = Math.min(payload.exp, payload.iat + maxEmbedTokenAge + 1);
      principal.expiresAt = until * 1000;
      const from = Math.max(payload.iat, payload.nbf ?? payload.iat);
      rememberToken(keys, token, { principal, from, until });
    }
    return principal;
  } catch {
    throw unauthorized('Invalid or expired embed token');
  }
}

// ── Acknowledgement links ───────────────────────────────────────────────────────────────
// A responder's notification carries a signed token bound to one dispatch and one specialist.
// Its id is recorded when issued and marked used on first use, so it works once.

export async function issueAckToken(
  keys: KeyStore,
  tx: Sql,
  grant: { agencyId: string; dispatchId: string; specialistId: string },
  now: Date,
  ttlSeconds: number,
): Promise<string> {
  const key = await keys.serviceKey();
  const jti = randomUUID();
  const issuedAt = Math.floor(now.getTime() / 1000);
  // Queued with the call-out's other writes: the link is sent only once they are committed.
  await write(tx, 'insert into ack_tokens (jti, dispatch_id, specialist_id, expires_at) values ($1, $2, $3, $4)', [
    jti,
    grant.dispatchId,
    grant.specialistId,
    new Date((issuedAt + ttlSeconds) * 1000),
  ]);
  return new SignJWT({ agency: grant.agencyId, dispatch: grant.dispatchId })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(ackAudience)
    .setSubject(grant.specialistId)
    .setJti(jti)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(key.privateKey);
}

export async function verifyAckToken(keys: KeyStore, token: string, now: Date): Promise<AckPrincipal> {
  const key = await keys.serviceKey();
  try {
    const payload = await claimsOf(token, key, ackAudience, now);
    if (typeof payload.agency !== 'string' || typeof payload.dispatch !== 'string' || !payload.sub || !payload.jti) {
      throw new Error('missing claims');
    }
    return {
      kind: 'ack',
      agencyId: payload.agency,
      dispatchId: payload.dispatch,
      specialistId: payload.sub,
      tokenId: payload.jti,
    };
  } catch {
    throw unauthorized('This link is invalid or has expired');
  }
}

/** Marks an acknowledgement token used; false when it was used before. */
export async function consumeAckToken(tx: Sql, tokenId: string, now: Date): Promise<boolean> {
  const rows = await tx.query('update ack_tokens set used_at = $2 where jti = $1 and used_at is null returning jti', [
    tokenId,
    now,
  ]);
  return rows.length === 1;
}
