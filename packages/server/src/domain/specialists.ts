import { randomUUID } from 'node:crypto';
import type {
  CreateSpecialistRequest,
  FieldError,
  OwnContactsRequest,
  Specialist,
  SpecialistListQuery,
  SpecialistSummary,
  SpecialistView,
  UpdateSpecialistRequest,
} from '@peerlink/sdk';
import { Specialist as SpecialistSchema } from '@peerlink/sdk';
import type { Sql } from '../infra/db/database.js';
import { uuidArray } from '../infra/db/database.js';
import { iso } from '../time.js';
import type { EmbedPrincipal } from './auth.js';
import { wholeAgency } from './auth.js';
import { normalizeContacts } from './contacts.js';
import { specialistOf } from './directory.js';
import { nextCursor, page } from './pagination.js';
import { forbidden, invalid, notFound } from './problems.js';
import { rowsOf } from './records.js';

/** The peers' roster: who supervisors add, change and deactivate (never delete), and what others see of them. */

/** The fields of a peer a change may touch, in the order changes are reported. */
export const specialistFields = [
  'displayName',
  'roles',
  'languages',
  'contacts',
  'supervisorId',
  'canSupervise',
  'areas',
] as const;
export type SpecialistField = (typeof specialistFields)[number];

export const summaryOf = (s: Specialist): SpecialistSummary => ({
  id: s.id,
  displayName: s.displayName,
  roles: s.roles,
  languages: s.languages,
});

/** Minimum necessary: supervisors and the peer themself see the whole record; everyone else the summary. */
export const seesFullRecord = (caller: EmbedPrincipal, id: string): boolean =>
  caller.role === 'supervisor' || (caller.role === 'specialist' && caller.subjectId === id);

export const viewOf = (caller: EmbedPrincipal, s: Specialist): SpecialistView =>
  seesFullRecord(caller, s.id) ? s : summaryOf(s);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The names of the fields whose values differ between two versions of a peer. */
export const changedFields = (before: Specialist, after: Specialist): SpecialistField[] =>
  specialistFields.filter((field) => !same(before[field] ?? null, after[field] ?? null));

const areasLiteral = (areas: readonly string[] | undefined) => `{${(areas ?? []).join(',')}}`;

/** Writes a peer: the contract document and the columns lists and look-ups filter on. */
export async function writeSpecialist(tx: Sql, doc: Specialist, created: boolean, now: Date): Promise<void> {
  const parsed = SpecialistSchema.parse(doc);
  const values = [
    parsed.id,
    parsed.agencyId,
    JSON.stringify(parsed),
    parsed.supervisorId,
    parsed.active,
    areasLiteral(parsed.areas),
    now,
  ];
  await tx.query(
    created
      ? `insert into specialists (id, agency_id, doc, supervisor_id, active, areas, created_at, updated_at)
         values ($1, $2, $3::text::jsonb, $4, $5, $6::text::text[], $7, $7)`
      : `update specialists set doc = $3::text::jsonb, supervisor_id = $4, active = $5, areas = $6::text::text[], updated_at = $7
         where id = $1 and agency_id = $2`,
    values,
  );
}

/**
 * Why `supervisorId` cannot supervise `selfId`, or undefined when it can: it must be another
 * active peer of the agency who may supervise (`canSupervise`, or already supervising someone),
 * and must not report, directly or through others, to the peer.
 */
export async function supervisorProblem(
  tx: Sql,
  agencyId: string,
  selfId: string | null,
  supervisorId: string,
): Promise<string | undefined> {
  if (supervisorId === selfId) return 'A peer cannot be their own supervisor';
  const supervisor = await specialistOf(tx, agencyId, supervisorId);
  if (!supervisor) return 'No peer of this agency has this id';
  if (!supervisor.active) return 'This peer is deactivated';
  if (supervisor.canSupervise !== true) {
    const supervises = await tx.query('select 1 from specialists where agency_id = $1 and supervisor_id = $2 limit 1', [
      agencyId,
      supervisorId,
    ]);
    if (supervises.length === 0) return 'This peer may not supervise (set canSupervise first)';
  }
  if (selfId !== null) {
    const chain = await tx.query<{ id: string }>(
      `with recursive up(id, supervisor_id, depth) as (
         select id, supervisor_id, 0 from specialists where agency_id = $1 and id = $2
         union all
         select s.id, s.supervisor_id, up.depth + 1 from specialists s join up on s.id = up.supervisor_id
         where s.agency_id = $1 and up.depth < 100
       ) select id::text as id from up where id = $3 limit 1`,
      [agencyId, supervisorId, selfId],
    );
    if (chain.length > 0) return 'This peer reports to the peer being changed (a supervision loop)';
  }
  return undefined;
}

async function checked(tx: Sql, doc: Specialist, previous?: Specialist): Promise<Specialist> {
  const errors: FieldError[] = [];
  const { contacts, errors: contactErrors } = normalizeContacts(doc.contacts ?? []);
  errors.push(...contactErrors);
  if (doc.supervisorId !== null && doc.supervisorId !== previous?.supervisorId) {
    const problem = await supervisorProblem(tx, doc.agencyId, previous ? doc.id : null, doc.supervisorId);
    if (problem) errors.push({ path: 'supervisorId', message: problem, code: 'invalid_supervisor' });
  }
  if (errors.length > 0) throw invalid(errors);
  return { ...doc, contacts };
}

export async function createSpecialist(
  tx: Sql,
  caller: EmbedPrincipal,
  body: CreateSpecialistRequest,
  now: Date,
): Promise<Specialist> {
  wholeAgency(caller);
  const doc = await checked(tx, {
    id: randomUUID(),
    agencyId: caller.agencyId,
    displayName: body.displayName,
    roles: body.roles,
    languages: body.languages ?? [],
    contacts: body.contacts ?? [],
    supervisorId: body.supervisorId ?? null,
    active: true,
    ...(body.canSupervise === undefined ? {} : { canSupervise: body.canSupervise }),
    areas: body.areas ?? [],
  });
  await writeSpecialist(tx, doc, true, now);
  return doc;
}

async function load(tx: Sql, agencyId: string, id: string): Promise<Specialist> {
  const found = await specialistOf(tx, agencyId, id);
  if (!found) throw notFound();
  return found;
}

export interface SpecialistChange {
  specialist: Specialist;
  fields: SpecialistField[];
}

export async function updateSpecialist(
  tx: Sql,
  caller: EmbedPrincipal,
  id: string,
  body: UpdateSpecialistRequest,
  now: Date,
): Promise<SpecialistChange> {
  if (!scopeAllows(caller, id)) throw notFound();
  const before = await load(tx, caller.agencyId, id);
  // The contract's output holds only the fields sent: the others keep their values.
  const after = await checked(tx, { ...before, ...body }, before);
  const fields = changedFields(before, after);
  if (fields.length > 0) await writeSpecialist(tx, after, false, now);
  return { specialist: after, fields };
}

/** Deactivates or reactivates a peer; history keeps naming them either way. */
export async function setActive(
  tx: Sql,
  caller: EmbedPrincipal,
  id: string,
  active: boolean,
  now: Date,
): Promise<{ specialist: Specialist; changed: boolean }> {
  if (!scopeAllows(caller, id)) throw notFound();
  const before = await load(tx, caller.agencyId, id);
  if (before.active === active) return { specialist: before, changed: false };
  const after = { ...before, active };
  await writeSpecialist(tx, after, false, now);
  return { specialist: after, changed: true };
}

/** A peer replaces their own contacts: the token's subject, nothing else of the record. */
export async function updateOwnContacts(
  tx: Sql,
  caller: EmbedPrincipal,
  body: OwnContactsRequest,
  now: Date,
): Promise<SpecialistChange> {
  if (caller.subjectId === null) throw forbidden('This token names no peer; ask for one with a subjectId');
  if (caller.scope && !(caller.scope.type === 'specialist' && caller.scope.id === caller.subjectId)) {
    throw forbidden('This token is scoped to another record');
  }
  const before = await load(tx, caller.agencyId, caller.subjectId);
  const { contacts, errors } = normalizeContacts(body.contacts);
  if (errors.length > 0) throw invalid(errors);
  const after = { ...before, contacts };
  const fields = changedFields(before, after);
  if (fields.length > 0) await writeSpecialist(tx, after, false, now);
  return { specialist: after, fields };
}

/** A scoped token sees only the peer it is scoped to. */
function scopeAllows(caller: EmbedPrincipal, id: string): boolean {
  return !caller.scope || (caller.scope.type === 'specialist' && caller.scope.id === id);
}

export async function readSpecialist(tx: Sql, caller: EmbedPrincipal, id: string): Promise<SpecialistView> {
  if (!scopeAllows(caller, id)) throw notFound();
  return viewOf(caller, await load(tx, caller.agencyId, id));
}

export async function listSpecialists(tx: Sql, caller: EmbedPrincipal, query: SpecialistListQuery) {
  const scoped = caller.scope
    ? caller.scope.type === 'specialist'
      ? caller.scope.id
      : '00000000-0000-0000-0000-000000000000'
    : undefined;
  const { where, params } = rowsOf(caller.agencyId)
    .and('id = ?::uuid', scoped)
    .and('active = ?', query.active === undefined ? undefined : query.active === 'true')
    .and('? = any(areas)', query.area)
    .and("doc->'roles' @> jsonb_build_array(?::text)", query.role);
  const limit = query.limit ?? 50;
  const rows = await page(
    tx,
    { table: 'specialists', time: 'created_at', where, params, schema: SpecialistSchema },
    limit,
    query.cursor,
  );
  // The cursor needs each row's creation time, which the document does not carry.
  const times = await tx.query<{ id: string; created_at: Date | string }>(
    'select id::text as id, created_at from specialists where agency_id = $1 and id = any($2::text::uuid[])',
    [caller.agencyId, uuidArray(rows.docs.map((doc) => doc.id))],
  );
  const createdAt = new Map(times.map((row) => [row.id, iso(row.created_at)]));
  return {
    items: rows.docs.map((doc) => viewOf(caller, doc)),
    nextCursor: nextCursor(rows.docs, rows.more, (doc) => createdAt.get(doc.id) ?? iso(0)),
  };
}

/** Every active peer serving an area (an `area-peers` escalation level notifies them all). */
export async function activePeersOfArea(tx: Sql, agencyId: string, area: string): Promise<Specialist[]> {
  const rows = await tx.query<{ doc: Specialist }>(
    'select doc from specialists where agency_id = $1 and active and $2 = any(areas) order by created_at, id',
    [agencyId, area],
  );
  return rows.map((row) => row.doc);
}
