import type { Capacity as CapacityType, CapacityUpdate, Resource, ResourceUpdate } from '@peerlink/sdk';
import { Capacity, ResourceInput, toFieldErrors } from '@peerlink/sdk';
import { toHsds } from '@peerlink/sdk/hsds';
import type { Sql } from '../infra/db/database.js';
import { iso } from '../time.js';
import { loadResource } from './directory.js';
import { invalid } from './problems.js';

/** A changed resource and the names of the fields the change touched, for the audit trail. */
export interface Changed {
  resource: Resource;
  fields: string[];
}

async function store(tx: Sql, resource: Resource, now: Date, extra = ''): Promise<void> {
  await tx.query(
    `update resources set doc = $3::text::jsonb, updated_at = $4${extra} where agency_id = $1 and id = $2`,
    [resource.agencyId, resource.id, JSON.stringify(resource), now],
  );
}

/**
 * Replaces the fields given (the last write wins). A manual change clears the imported content's
 * hash, so the next HSDS import of the same service reports it as updated rather than unchanged.
 */
export async function updateResource(
  tx: Sql,
  agencyId: string,
  id: string,
  update: ResourceUpdate,
  now: Date,
): Promise<Changed> {
  const stored = await loadResource(tx, agencyId, id);
  const { id: _id, agencyId: _agency, updatedAt: _at, active, ...fields } = stored;
  const merged = { ...fields, ...update };
  const parsed = ResourceInput.safeParse(merged);
  if (!parsed.success) throw invalid(toFieldErrors(parsed.error.issues, merged));
  const changed = Object.keys(update).filter(
    (key) =>
      JSON.stringify(fields[key as keyof typeof fields]) !== JSON.stringify(parsed.data[key as keyof ResourceInput]),
  );
  const resource: Resource = {
    id,
    agencyId,
    updatedAt: iso(now),
    ...parsed.data,
    ...(active === undefined ? {} : { active }),
  };
  if (changed.length > 0) await store(tx, resource, now, ', hsds_hash = null');
  return { resource: changed.length > 0 ? resource : stored, fields: changed };
}

/** Hides a resource from search and the picker; referrals that name it still read it. */
export async function deactivateResource(tx: Sql, agencyId: string, id: string, now: Date): Promise<Changed> {
  const stored = await loadResource(tx, agencyId, id);
  if (stored.active === false) return { resource: stored, fields: [] };
  const resource: Resource = { ...stored, active: false, updatedAt: iso(now) };
  await store(tx, resource, now, ', active = false');
  return { resource, fields: ['active'] };
}

/** The capacity after a report: the figures given replace the stored ones, stamped with the report's time. */
export function nextCapacity(previous: CapacityType | undefined, update: CapacityUpdate, now: Date): CapacityType {
  // A null figure withdraws it: the provider no longer reports it.
  const withdrawn = new Set(Object.keys(update).filter((key) => update[key as keyof CapacityUpdate] === null));
  const next: Record<string, unknown> = Object.fromEntries(
    Object.entries({ ...(previous ?? { available: null }), ...update }).filter(([key]) => !withdrawn.has(key)),
  );
  const { openBeds, openSlots } = next as CapacityType;
  if ('openBeds' in update || 'openSlots' in update) {
    next.available = openBeds === undefined && openSlots === undefined ? null : (openBeds ?? 0) + (openSlots ?? 0);
  }
  if (next.acceptingNewClients === false) next.available = 0;
  next.updatedAt = iso(now);
  const parsed = Capacity.safeParse(next);
  if (!parsed.success) throw invalid(toFieldErrors(parsed.error.issues, next));
  return parsed.data;
}

/** Records a capacity report from a supervisor or the provider's own key. */
export async function updateCapacity(
  tx: Sql,
  agencyId: string,
  id: string,
  update: CapacityUpdate,
  now: Date,
): Promise<Changed> {
  const stored = await loadResource(tx, agencyId, id);
  const capacity = nextCapacity(stored.capacity, update, now);
  const resource: Resource = { ...stored, capacity, updatedAt: iso(now) };
  await store(tx, resource, now);
  return { resource, fields: Object.keys(update).map((key) => `capacity.${key}`) };
}

/** The agency's active resources as one HSDS 3.0 `service_list` page. */
export async function exportDirectory(tx: Sql, agencyId: string, now: Date) {
  const rows = await tx.query<{ doc: Resource }>(
    'select doc from resources where agency_id = $1 and active order by id',
    [agencyId],
  );
  const page = toHsds(
    rows.map((row) => row.doc),
    { now },
  );
  // HSDS's interfaces name their fields; the contract reads them as open records.
  return { ...page, contents: page.contents.map((service) => ({ ...service })) };
}
