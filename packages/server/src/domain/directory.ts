import type { EmbedScope, OnCallQuery, Resource, Specialist, SpecialistSummary } from '@peerlink/sdk';
import type { Sql } from '../infra/db/database.js';
import { iso } from '../time.js';
import { notFound } from './problems.js';
import { onCallAtTime } from './schedule.js';

/** Reads of an agency's directory: the agency, its specialists and their shifts, its resources. */

/** Answers 404 for an agency this service does not hold. */
export async function requireAgency(tx: Sql, agencyId: string): Promise<void> {
  const rows = await tx.query('select 1 from agencies where id = $1', [agencyId]);
  if (rows.length === 0) throw notFound();
}

/** The area a call-out or an on-call question concerns when none is named. */
export async function defaultArea(tx: Sql, agencyId: string): Promise<string> {
  const sql = 'select default_area from agencies where id = $1';
  const [agency] = await tx.query<{ default_area: string }>(sql, [agencyId]);
  return agency?.default_area ?? 'county';
}

export async function specialistOf(tx: Sql, agencyId: string, id: string): Promise<Specialist | undefined> {
  const rows = await tx.query<{ doc: Specialist }>('select doc from specialists where agency_id = $1 and id = $2', [
    agencyId,
    id,
  ]);
  return rows[0]?.doc;
}

const summary = (s: Specialist): SpecialistSummary => ({
  id: s.id,
  displayName: s.displayName,
  roles: s.roles,
  languages: s.languages,
});

/** Who would be called for an area at a time: the primary, the backup and the supervisor the schedule names. */
export async function onCall(tx: Sql, agencyId: string, query: OnCallQuery, now: Date) {
  const area = query.area ?? (await defaultArea(tx, agencyId));
  const at = query.at ? new Date(query.at) : now;
  const held = await onCallAtTime(tx, agencyId, area, at);
  const person = (specialist: Specialist | undefined) => (specialist ? summary(specialist) : null);
  return {
    area,
    at: iso(at),
    primary: person(held.primary),
    backup: person(held.backup),
    supervisor: person(held.supervisor),
  };
}

export async function loadResource(tx: Sql, agencyId: string, id: string): Promise<Resource> {
  const sql = 'select doc from resources where agency_id = $1 and id = $2';
  const rows = await tx.query<{ doc: Resource }>(sql, [agencyId, id]);
  const resource = rows[0]?.doc;
  if (!resource) throw notFound();
  return resource;
}

/** Whether the record an embed token would be scoped to exists in the agency. */
export async function recordExists(tx: Sql, agencyId: string, scope: EmbedScope): Promise<boolean> {
  const table = {
    dispatch: 'dispatches',
    'callout-log': 'callout_logs',
    referral: 'referrals',
    credential: 'credentials',
    specialist: 'specialists',
  }[scope.type];
  return (await tx.query(`select 1 from ${table} where agency_id = $1 and id = $2`, [agencyId, scope.id])).length > 0;
}
