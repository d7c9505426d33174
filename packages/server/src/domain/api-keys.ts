import type { ApiKey, CreateApiKeyRequest, CreatedApiKey, RolledApiKey } from '@peerlink/sdk';
import type { Sql } from '../infra/db/database.js';
import { iso } from '../time.js';
import type { ApiKeyPrincipal } from './auth.js';
import { createApiKey } from './auth.js';
import { conflict, invalid, notFound } from './problems.js';

interface KeyRow {
  id: string;
  prefix: string;
  label: string | null;
  created_at: Date | string;
  last_used_at: Date | string | null;
  expires_at: Date | string | null;
  revoked_at: Date | string | null;
  resource_id: string | null;
}

const columns = 'id, prefix, label, created_at, last_used_at, expires_at, revoked_at, resource_id';
const hour = 60 * 60 * 1000;
/** How long a rolled key keeps working when no time is given, and at most. */
export const rollOverlap = { defaultMs: 24 * hour, maxMs: 7 * 24 * hour };

const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

function keyOf(row: KeyRow, now: Date): ApiKey {
  const expired = row.expires_at !== null && new Date(row.expires_at).getTime() <= now.getTime();
  return {
    id: row.id,
    prefix: row.prefix,
    label: row.label,
    status: row.revoked_at !== null ? 'revoked' : expired ? 'expired' : 'active',
    createdAt: iso(row.created_at),
    lastUsedAt: isoOrNull(row.last_used_at),
    expiresAt: isoOrNull(row.expires_at),
    revokedAt: isoOrNull(row.revoked_at),
    resourceId: row.resource_id,
  };
}

async function loadKey(tx: Sql, agencyId: string, id: string): Promise<KeyRow> {
  const rows = await tx.query<KeyRow>(`select ${columns} from api_keys where agency_id = $1 and id = $2 for update`, [
    agencyId,
    id,
  ]);
  const row = rows[0];
  if (!row) throw notFound('No such API key');
  return row;
}

/** The agency's keys, newest first, without secrets or hashes. */
export async function listApiKeys(tx: Sql, caller: ApiKeyPrincipal, now: Date) {
  const rows = await tx.query<KeyRow>(
    `select ${columns} from api_keys where agency_id = $1 order by created_at desc, id`,
    [caller.agencyId],
  );
  return { items: rows.map((row) => keyOf(row, now)), nextCursor: null };
}

async function makeKey(
  tx: Sql,
  agencyId: string,
  label: string | null,
  resourceId: string | null,
  now: Date,
): Promise<CreatedApiKey> {
  const { id, key } = await createApiKey(tx, agencyId, { label, resourceId });
  return { ...keyOf(await loadKey(tx, agencyId, id), now), secret: key };
}

export async function createKey(
  tx: Sql,
  caller: ApiKeyPrincipal,
  body: CreateApiKeyRequest,
  now: Date,
): Promise<CreatedApiKey> {
  if (body.resourceId !== undefined) {
    const found = await tx.query('select 1 from resources where agency_id = $1 and id = $2', [
      caller.agencyId,
      body.resourceId,
    ]);
    if (found.length === 0) {
      throw invalid([{ path: 'resourceId', message: 'No such resource in this agency', code: 'not_found' }]);
    }
  }
  return makeKey(tx, caller.agencyId, body.label, body.resourceId ?? null, now);
}

/**
 * Revokes a key. The agency keeps at least one key that is neither a provider's nor set to expire,
 * so it cannot lock itself out of its own settings.
 */
export async function revokeKey(tx: Sql, caller: ApiKeyPrincipal, id: string, now: Date): Promise<ApiKey> {
  // Locks the agency's keys in a fixed order: two revocations at once cannot both pass the check.
  await tx.query('select id from api_keys where agency_id = $1 order by id for update', [caller.agencyId]);
  const row = await loadKey(tx, caller.agencyId, id);
  if (row.revoked_at !== null) throw conflict('This API key is already revoked');
  if (row.resource_id === null) {
    const lasting = await tx.query(
      `select 1 from api_keys where agency_id = $1 and id <> $2 and revoked_at is null
          and resource_id is null and expires_at is null`,
      [caller.agencyId, id],
    );
    if (lasting.length === 0) {
      throw conflict(
        "This is the agency's last key that is neither a provider's nor set to expire: create or roll another key before revoking it",
      );
    }
  }
  const rows = await tx.query<KeyRow>(`update api_keys set revoked_at = $2 where id = $1 returning ${columns}`, [
    id,
    now,
  ]);
  const revoked = rows[0];
  if (!revoked) throw notFound('No such API key');
  return keyOf(revoked, now);
}

/** Makes a key to replace `id`, which keeps working until `expiresAt` (default 24 hours, at most 7 days). */
export async function rollKey(
  tx: Sql,
  caller: ApiKeyPrincipal,
  id: string,
  expiresAt: string | undefined,
  now: Date,
): Promise<RolledApiKey> {
  const until = expiresAt === undefined ? now.getTime() + rollOverlap.defaultMs : Date.parse(expiresAt);
  if (until <= now.getTime() || until > now.getTime() + rollOverlap.maxMs) {
    throw invalid([
      { path: 'expiresAt', message: 'Must be after now and at most 7 days from now', code: 'out_of_range' },
    ]);
  }
  const row = await loadKey(tx, caller.agencyId, id);
  if (row.revoked_at !== null) throw conflict('A revoked API key cannot be rolled');
  if (row.expires_at !== null) throw conflict(`This API key was rolled already; it expires at ${iso(row.expires_at)}`);
  const rows = await tx.query<KeyRow>(`update api_keys set expires_at = $2 where id = $1 returning ${columns}`, [
    id,
    new Date(until),
  ]);
  const previous = rows[0];
  if (!previous) throw notFound('No such API key');
  const key = await makeKey(tx, caller.agencyId, row.label, row.resource_id, now);
  return { key, previous: keyOf(previous, now) };
}
