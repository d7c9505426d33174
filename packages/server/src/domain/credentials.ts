import { randomUUID } from 'node:crypto';
import type {
  CreateCredentialRequest,
  Credential,
  CredentialListQuery,
  CredentialStatusChangeRequest,
  Jwks,
  Specialist,
  SpecialistRole,
} from '@peerlink/sdk';
import { CreateCredentialRequest as CreateRequest, CredentialAdministrativeStatus, Id, Timestamp } from '@peerlink/sdk';
import { encodeStatusList, statusListLength } from '@peerlink/sdk/credentials';
import { SignJWT } from 'jose';
import * as z from 'zod/mini';
import type { EmbedPrincipal, KeyStore, Principal } from './auth.js';
import { scopedTo } from './auth.js';
import { nextCursor, page } from './pagination.js';
import { rowsOf } from './records.js';
import type { Sql } from '../infra/db/database.js';
import { conflict, invalid, notFound } from './problems.js';
import { assignedRuleSets, judge } from './rule-sets.js';
import { iso } from '../time.js';

/** A credential as stored: the contract's fields, and its place in the agency's status list. */
type Stored = Omit<Credential, 'status' | 'statusReasons'> & { statusListIndex: number };

/**
 * Credentials with their status derived now, under the current version of the rule set assigned
 * to a role of their holder (see `judge`). One look-up of the agency's assignments and of the
 * holders' roles serves a whole page.
 */
export async function withStatus(
  tx: Sql,
  agencyId: string,
  credentials: readonly Omit<Credential, 'status' | 'statusReasons'>[],
  now: Date,
): Promise<Credential[]> {
  if (credentials.length === 0) return [];
  const assigned = await assignedRuleSets(tx, agencyId);
  const holders = new Map<string, SpecialistRole[]>();
  if (assigned.size > 0) {
    const ids = [...new Set(credentials.map((credential) => credential.specialistId))];
    const rows = await tx.query<{ id: string; doc: Specialist }>(
      'select id, doc from specialists where agency_id = $1 and id in (select jsonb_array_elements_text($2::text::jsonb)::uuid)',
      [agencyId, JSON.stringify(ids)],
    );
    for (const row of rows) holders.set(row.id, row.doc.roles);
  }
  return credentials.map((credential) => {
    const { status, reasons, evaluatedWith } = judge(
      credential,
      holders.get(credential.specialistId) ?? [],
      assigned,
      now,
    );
    // The status list index is the issuer's bookkeeping, not part of the contract. A pending
    // credential is not issued yet: one signed by an earlier version is not handed out.
    const { statusListIndex: _index, evaluatedWith: _stale, jwt, ...rest } = credential as Stored & Partial<Credential>;
    const signed = jwt && credential.administrativeStatus !== 'pending' ? { jwt } : {};
    return { ...rest, ...signed, status, statusReasons: reasons, ...(evaluatedWith ? { evaluatedWith } : {}) };
  });
}

/** One credential with its status derived now. */
export async function oneWithStatus(
  tx: Sql,
  credential: Omit<Credential, 'status' | 'statusReasons'>,
  now: Date,
): Promise<Credential> {
  const [derived] = await withStatus(tx, credential.agencyId, [credential], now);
  if (!derived) throw new Error('a credential was lost while deriving its status');
  return derived;
}

const issuerOf = (publicUrl: string, agencyId: string) => `${publicUrl}/v1/agencies/${agencyId}`;
const seconds = (date: string | Date) => Math.floor(new Date(date).getTime() / 1000);

/** A key's URL: the agency's JWKS, the key's name as fragment. It is the JOSE header's `kid` and the published JWK's. */
const keyUrl = (issuer: string, kid: string) => `${issuer}/jwks.json#${kid}`;

/** The agency's public keys, each with its URL as `kid`, so a verifier matches a signature's `kid` as it stands. */
export async function publishedKeys(tx: Sql, keys: KeyStore, publicUrl: string, agencyId: string): Promise<Jwks> {
  const issuer = issuerOf(publicUrl, agencyId);
  const { keys: published } = await keys.jwks(tx, agencyId);
  return { keys: published.map((key) => ({ ...key, kid: keyUrl(issuer, key.kid) })) };
}

/** The JOSE header: `kid` is the key's URL, which dereferences to the key in the agency's JWKS. */
async function header(keys: KeyStore, tx: Sql, issuer: string, agencyId: string, typ: string) {
  const key = await keys.agencyKey(tx, agencyId);
  return { key: key.privateKey, header: { alg: key.alg, kid: keyUrl(issuer, key.kid), typ } };
}

/** The purposes the agency publishes a W3C Bitstring Status List for, and where each is. */
export type StatusPurpose = 'revocation' | 'suspension';
const statusListUrl = (issuer: string, purpose: StatusPurpose) =>
  purpose === 'revocation' ? `${issuer}/status-list` : `${issuer}/status-list/${purpose}`;

/** A `credentialStatus` entry: the credential's bit in the agency's list for `purpose`. */
function statusEntry(issuer: string, purpose: StatusPurpose, index: number) {
  const list = statusListUrl(issuer, purpose);
  return {
    id: `${list}#${String(index)}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: list,
  };
}

/**
 * Signs a credential as an Open Badges 3.0 OpenBadgeCredential (W3C Verifiable Credential 2.0)
 * in the JWT proof format, with the agency's key. Only the display name and the credential
 * number identify the holder.
 */
async function sign(
  keys: KeyStore,
  tx: Sql,
  credential: Stored,
  holder: Specialist,
  agencyName: string,
  publicUrl: string,
): Promise<string> {
  const issuer = issuerOf(publicUrl, credential.agencyId);
  const signing = await header(keys, tx, issuer, credential.agencyId, 'JWT');
  const id = `urn:uuid:${credential.id}`;
  const validFrom = `${credential.issuedOn}T00:00:00Z`;
  const validUntil = credential.expiresOn ? `${credential.expiresOn}T23:59:59Z` : undefined;
  const requirements = `the requirements of ${credential.issuer.name}${credential.ruleSetId ? ` (${credential.ruleSetId})` : ''}`;
  const number = credential.number ? { licenseNumber: credential.number } : {};
  const jwt = new SignJWT({
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: credential.name,
    issuer: { id: issuer, type: ['Profile'], name: agencyName },
    validFrom,
    ...(validUntil ? { validUntil } : {}),
    credentialSubject: {
      id: `urn:uuid:${holder.id}`,
      type: ['AchievementSubject'],
      name: holder.displayName,
      // The AchievementSubject's own term for the number issued with the credential.
      ...number,
      achievement: {
        id: `urn:peerlink:credential-type:${credential.type}`,
        type: ['Achievement'],
        name: credential.name,
        description: `${credential.name}, issued by ${credential.issuer.name}.`,
        criteria: { narrative: `Meets ${requirements}.` },
      },
    },
    // OB 3.0's schema allows one credentialStatus: the revocation list, which every verifier reads.
    credentialStatus: statusEntry(issuer, 'revocation', credential.statusListIndex),
    peerlink: {
      credentialType: credential.type,
      // Kept for verifiers of earlier versions, which read the number here.
      ...(credential.number ? { number: credential.number } : {}),
      // A suspension is temporary and OB 3.0 has room for one status only: Peerlink's verifier also reads this one.
      suspensionStatus: statusEntry(issuer, 'suspension', credential.statusListIndex),
    },
  })
    // OB 3.0 allows only alg, kid (or jwk) and typ "JWT" in the header, and has iss, sub, jti and nbf restate the credential.
    .setProtectedHeader(signing.header)
    .setIssuer(issuer)
    .setSubject(`urn:uuid:${holder.id}`)
    .setJti(id)
    .setIssuedAt()
    .setNotBefore(seconds(validFrom));
  if (validUntil) jwt.setExpirationTime(seconds(validUntil));
  return jwt.sign(signing.key);
}

/** The agency's name and the holder, whom a signed credential names; a 400 when the holder is not the agency's. */
async function signingContext(tx: Sql, agencyId: string, specialistId: string) {
  // One writer at a time per agency, so status list indexes are never handed out twice.
  const [agency] = await tx.query<{ name: string }>('select name from agencies where id = $1 for update', [agencyId]);
  const rows = await tx.query<{ doc: Specialist }>('select doc from specialists where agency_id = $1 and id = $2', [
    agencyId,
    specialistId,
  ]);
  const holder = rows[0]?.doc;
  if (!agency || !holder)
    throw invalid([{ path: 'specialistId', message: 'No such specialist in this agency', code: 'not_found' }]);
  return { agencyName: agency.name, holder };
}

/**
 * Records a credential; one that is not `pending` is signed now. A pending credential is not
 * issued yet: it is signed when it first becomes active (see `changeCredentialStatus`).
 */
export async function issueCredential(
  tx: Sql,
  keys: KeyStore,
  publicUrl: string,
  agencyId: string,
  body: CreateCredentialRequest,
  now: Date,
  id: string = randomUUID(),
): Promise<Credential> {
  const { agencyName, holder } = await signingContext(tx, agencyId, body.specialistId);
  const [count] = await tx.query<{ n: string }>('select count(*)::text as n from credentials where agency_id = $1', [
    agencyId,
  ]);
  const statusListIndex = Number(count?.n ?? 0);
  if (statusListIndex >= statusListLength) throw new Error('status list is full');
  const at = iso(now);
  const stored: Stored = {
    id,
    agencyId,
    ...body,
    administrativeStatus: body.administrativeStatus ?? 'active',
    createdAt: at,
    updatedAt: at,
    statusListIndex,
  };
  if (stored.administrativeStatus !== 'pending')
    stored.jwt = await sign(keys, tx, stored, holder, agencyName, publicUrl);
  await tx.query(
    'insert into credentials (id, agency_id, specialist_id, doc, created_at, updated_at) values ($1, $2, $3, $4::text::jsonb, $5, $5)',
    [stored.id, agencyId, stored.specialistId, JSON.stringify(stored), now],
  );
  return oneWithStatus(tx, stored, now);
}

/**
 * Suspends, revokes or reinstates a credential. The status lists are derived from the stored
 * status when read, so the change reaches verifiers with the next list. A credential that was
 * pending is signed when it first becomes active.
 */
export async function changeCredentialStatus(
  tx: Sql,
  keys: KeyStore,
  publicUrl: string,
  agencyId: string,
  id: string,
  body: CredentialStatusChangeRequest,
  now: Date,
): Promise<Credential> {
  const rows = await tx.query<{ doc: Stored }>(
    'select doc from credentials where agency_id = $1 and id = $2 for update',
    [agencyId, id],
  );
  const current = rows[0]?.doc;
  if (!current) throw notFound();
  // A revocation is final (Bitstring Status List: "not reversible"); a credential to hold again is issued anew.
  if (current.administrativeStatus === 'revoked' && body.administrativeStatus !== 'revoked') {
    throw conflict('A revoked credential stays revoked: issue a new credential instead');
  }
  const next: Stored = { ...current, administrativeStatus: body.administrativeStatus, updatedAt: iso(now) };
  if (next.administrativeStatus === 'active' && (current.administrativeStatus === 'pending' || !current.jwt)) {
    const { agencyName, holder } = await signingContext(tx, agencyId, current.specialistId);
    next.jwt = await sign(keys, tx, next, holder, agencyName, publicUrl);
  }
  await tx.query('update credentials set doc = $3::text::jsonb, updated_at = $4 where agency_id = $1 and id = $2', [
    agencyId,
    id,
    JSON.stringify(next),
    now,
  ]);
  return oneWithStatus(tx, next, now);
}

/** How long a fetched status list stays valid: revocations and suspensions reach verifiers within this time. */
const listTtlSeconds = 300;

/** Whose bit is set in each list: revoked credentials, and the credentials suspended now. */
const listed: Record<StatusPurpose, string> = { revocation: 'revoked', suspension: 'suspended' };

/** One of the agency's status lists (revocation or suspension), signed like its credentials so verifiers trust it the same way. */
export async function signedStatusList(
  tx: Sql,
  keys: KeyStore,
  publicUrl: string,
  agencyId: string,
  now: Date,
  purpose: StatusPurpose = 'revocation',
): Promise<string> {
  const set = await tx.query<{ index: string }>(
    "select doc->>'statusListIndex' as index from credentials where agency_id = $1 and doc->>'administrativeStatus' = $2",
    [agencyId, listed[purpose]],
  );
  const issuer = issuerOf(publicUrl, agencyId);
  const signing = await header(keys, tx, issuer, agencyId, 'vc+jwt');
  const url = statusListUrl(issuer, purpose);
  return new SignJWT({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    validFrom: iso(now),
    validUntil: iso(new Date((seconds(now) + listTtlSeconds) * 1000)),
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: purpose,
      encodedList: await encodeStatusList(set.map((row) => Number(row.index)).filter(Number.isInteger)),
    },
  })
    .setProtectedHeader(signing.header)
    .setIssuer(issuer)
    .setSubject(`${url}#list`)
    .setJti(url)
    .setIssuedAt(seconds(now))
    .setExpirationTime(seconds(now) + listTtlSeconds)
    .sign(signing.key);
}

/** A record-scoped token reaches one credential, or the credentials of its specialist. */
export function credentialInScope(principal: Principal, credential: { id: string; specialistId: string }): boolean {
  if (principal.kind !== 'embed' || !principal.scope) return true;
  const { type, id } = principal.scope;
  return (type === 'credential' && id === credential.id) || (type === 'specialist' && id === credential.specialistId);
}

export async function readableCredential(tx: Sql, principal: Principal, id: string): Promise<Credential> {
  const rows = await tx.query<{ doc: Credential }>('select doc from credentials where agency_id = $1 and id = $2', [
    principal.agencyId,
    id,
  ]);
  const credential = rows[0]?.doc;
  if (!credential || !credentialInScope(principal, credential)) throw notFound();
  return credential;
}

/** A credential as stored: everything but the status, which is derived when read. */
const CredentialRecord = z.object({
  ...CreateRequest.shape,
  id: Id,
  agencyId: Id,
  administrativeStatus: CredentialAdministrativeStatus,
  // The signed form goes out with every credential listed, as with one read alone.
  jwt: z.optional(z.string()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

/** A page of the credentials within the caller's scope, newest first, with their status as of `now`. */
export async function listCredentials(tx: Sql, caller: EmbedPrincipal, query: CredentialListQuery, now: Date) {
  const { where, params } = rowsOf(caller.agencyId)
    .and('specialist_id = ?', query.specialistId)
    .and('specialist_id = ?', caller.scope?.type === 'specialist' ? caller.scope.id : undefined)
    .and('id = ?', caller.scope?.type === 'specialist' ? undefined : scopedTo(caller, 'credential'));
  const table = { table: 'credentials', time: 'created_at', where, params, schema: CredentialRecord };
  const { docs, more } = await page(tx, table, query.limit ?? 50, query.cursor);
  let items = await withStatus(tx, caller.agencyId, docs, now);
  if (query.status) items = items.filter((credential) => credential.status === query.status);
  return { items, nextCursor: nextCursor(docs, more, (doc) => doc.createdAt) };
}
