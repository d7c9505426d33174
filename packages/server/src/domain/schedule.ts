import { randomUUID } from 'node:crypto';
import type {
  EndRotationRequest,
  MyShifts,
  Override,
  OverrideInput,
  OverrideListQuery,
  ResolvedSchedule,
  Rotation,
  RotationInput,
  RotationListQuery,
  RotationUpdate,
  ScheduleQuery,
  ShiftPosition,
  Specialist,
} from '@peerlink/sdk';
import { RotationInput as RotationInputSchema, onCallAt, resolveSchedule, toFieldErrors } from '@peerlink/sdk';
import * as z from 'zod/mini';
import type { Sql } from '../infra/db/database.js';
import { uuidArray } from '../infra/db/database.js';
import { iso } from '../time.js';
import type { EmbedPrincipal } from './auth.js';
import { wholeAgency } from './auth.js';
import { appendEvent } from './events.js';
import { conflict, invalid, notFound } from './problems.js';

/**
 * The on-call schedule: rotations and overrides as supervisors keep them, and the schedule they
 * resolve to, which call-outs follow. Overrides beat rotations, a higher layer beats a lower one,
 * and the single shifts of `on_call_shifts` (the demo seed's) are the lowest layer.
 */

const DAY = 86_400_000;
/** The longest range the schedule is resolved or overrides are listed for, in days. */
export const maxRangeDays = 93;

interface AgencyClock {
  timeZone: string;
  defaultArea: string;
}

async function agencyClock(tx: Sql, agencyId: string): Promise<AgencyClock> {
  const sql = 'select time_zone, default_area from agencies where id = $1';
  const [row] = await tx.query<{ time_zone: string; default_area: string }>(sql, [agencyId]);
  if (!row) throw notFound();
  return { timeZone: row.time_zone, defaultArea: row.default_area };
}

/** The local calendar date (`YYYY-MM-DD`) of an instant in a time zone. */
export function localDate(timeZone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Refuses ids that are not active peers of the agency, naming each one's field. */
async function requireActive(tx: Sql, agencyId: string, ids: readonly string[], path: (index: number) => string) {
  const rows = await tx.query<{ id: string }>(
    'select id from specialists where agency_id = $1 and active and id = any($2::text::uuid[])',
    [agencyId, uuidArray([...new Set(ids)])],
  );
  const active = new Set(rows.map((row) => row.id));
  const errors = ids.flatMap((id, index) =>
    active.has(id)
      ? []
      : [{ path: path(index), message: 'Not an active peer of this agency', code: 'unknown_specialist' }],
  );
  if (errors.length > 0) throw invalid(errors);
}

/** Refuses an area the agency does not list in its settings (`areas`, or its default area alone). */
async function requireArea(tx: Sql, agencyId: string, area: string) {
  const sql = 'select areas, default_area from agencies where id = $1';
  const [row] = await tx.query<{ areas: string[]; default_area: string }>(sql, [agencyId]);
  if (!row) throw notFound();
  const areas = row.areas.length > 0 ? row.areas : [row.default_area];
  if (!areas.includes(area))
    throw invalid([
      { path: 'area', message: `Not an area of this agency (${areas.join(', ')})`, code: 'unknown_area' },
    ]);
}

// ── Rotations ───────────────────────────────────────────────────────────────────────────

export async function listRotations(tx: Sql, caller: EmbedPrincipal, query: RotationListQuery, now: Date) {
  const where = ['agency_id = $1'];
  const params: unknown[] = [caller.agencyId];
  if (query.area) where.push(`area = $${String(params.push(query.area))}`);
  if (query.position) where.push(`position = $${String(params.push(query.position))}`);
  const rows = await tx.query<{ doc: Rotation }>(
    `select doc from rotations where ${where.join(' and ')} order by area, position, created_at, id`,
    params,
  );
  let items = rows.map((row) => row.doc);
  if (query.includeEnded !== 'true') {
    const today = localDate((await agencyClock(tx, caller.agencyId)).timeZone, now);
    items = items.filter((rotation) => rotation.endsOn === undefined || rotation.endsOn > today);
  }
  return { items, nextCursor: null };
}

/**
 * Tells every reader of the schedule (on every instance) that it changed: the area and the record,
 * never who is on call, so a schedule on screen reads itself again.
 */
async function scheduleChanged(
  tx: Sql,
  agencyId: string,
  change: { area: string; kind: 'rotation' | 'override'; recordId: string },
  now: Date,
): Promise<void> {
  await appendEvent(tx, {
    agencyId,
    type: 'schedule.updated',
    recordId: agencyId,
    audience: { roles: ['dispatcher', 'specialist', 'supervisor'] },
    data: { id: agencyId, ...change, updatedAt: iso(now) },
    at: now,
  });
}

export async function createRotation(tx: Sql, caller: EmbedPrincipal, body: RotationInput, now: Date) {
  wholeAgency(caller);
  await requireArea(tx, caller.agencyId, body.area);
  await requireActive(tx, caller.agencyId, body.members, (i) => `members.${String(i)}`);
  const rotation: Rotation = { id: randomUUID(), agencyId: caller.agencyId, ...body, version: 1, updatedAt: iso(now) };
  await tx.query(
    `insert into rotations (id, agency_id, area, position, doc, version, created_at, updated_at)
     values ($1, $2, $3, $4, $5::text::jsonb, 1, $6, $6)`,
    [rotation.id, rotation.agencyId, rotation.area, rotation.position, JSON.stringify(rotation), now],
  );
  await scheduleChanged(tx, caller.agencyId, { area: rotation.area, kind: 'rotation', recordId: rotation.id }, now);
  return { status: 201 as const, body: rotation, facts: Object.keys(body) };
}

const rotationKeys = [
  'area',
  'position',
  'name',
  'members',
  'turnDays',
  'handoffTime',
  'startsOn',
  'endsOn',
  'layer',
] as const;

/** Applies changes the caller made to the version they read; 409 when the rotation moved on since. */
export async function updateRotation(
  tx: Sql,
  caller: EmbedPrincipal,
  id: string,
  body: RotationUpdate | EndRotationRequest,
  now: Date,
): Promise<{ status: 200; body: Rotation; facts: string[] }> {
  wholeAgency(caller);
  const sql = 'select doc from rotations where agency_id = $1 and id = $2 for update';
  const [row] = await tx.query<{ doc: Rotation }>(sql, [caller.agencyId, id]);
  if (!row) throw notFound();
  const current = row.doc;
  if (body.version !== current.version)
    throw conflict(
      `This rotation changed since version ${String(body.version)}; it is at version ${String(current.version)}: read it again`,
    );
  const { version: _read, ...changes } = body;
  const merged: Record<string, unknown> = {};
  for (const key of rotationKeys) {
    const value = key in changes ? (changes as Record<string, unknown>)[key] : current[key];
    if (value !== undefined) merged[key] = value;
  }
  const checked = z.safeParse(RotationInputSchema, merged);
  if (!checked.success) throw invalid(toFieldErrors(checked.error.issues, merged));
  const changed = rotationKeys.filter(
    (key) => JSON.stringify(checked.data[key]) !== JSON.stringify(current[key]),
  ) as string[];
  if (changed.length === 0) return { status: 200, body: current, facts: [] };
  if (changed.includes('area')) await requireArea(tx, caller.agencyId, checked.data.area);
  if (changed.includes('members'))
    await requireActive(tx, caller.agencyId, checked.data.members, (i) => `members.${String(i)}`);
  const next: Rotation = {
    id: current.id,
    agencyId: current.agencyId,
    ...checked.data,
    version: current.version + 1,
    updatedAt: iso(now),
  };
  await tx.query(
    `update rotations set area = $3, position = $4, doc = $5::text::jsonb, version = $6, updated_at = $7
     where agency_id = $1 and id = $2`,
    [caller.agencyId, id, next.area, next.position, JSON.stringify(next), next.version, now],
  );
  await scheduleChanged(tx, caller.agencyId, { area: next.area, kind: 'rotation', recordId: next.id }, now);
  if (next.area !== current.area)
    await scheduleChanged(tx, caller.agencyId, { area: current.area, kind: 'rotation', recordId: next.id }, now);
  return { status: 200, body: next, facts: changed };
}

// ── Overrides ───────────────────────────────────────────────────────────────────────────

/** A range from the query, checked: `to` after `from`, at most `maxRangeDays`. */
function rangeOf(from: string | undefined, to: string | undefined, now: Date, defaultDays: number) {
  const start = from ? Date.parse(from) : now.getTime();
  const end = to ? Date.parse(to) : start + defaultDays * DAY;
  if (end <= start) throw invalid([{ path: 'to', message: 'Must be after from', code: 'too_small' }]);
  if (end - start > maxRangeDays * DAY)
    throw invalid([
      { path: 'to', message: `The range may be at most ${String(maxRangeDays)} days long`, code: 'too_big' },
    ]);
  return { from: new Date(start), to: new Date(end) };
}

export async function listOverrides(tx: Sql, caller: EmbedPrincipal, query: OverrideListQuery, now: Date) {
  const range = rangeOf(query.from, query.to, now, 31);
  const where = ['agency_id = $1', 'ends_at > $2', 'starts_at < $3'];
  const params: unknown[] = [caller.agencyId, range.from, range.to];
  if (query.area) where.push(`area = $${String(params.push(query.area))}`);
  if (query.includeCancelled !== 'true') where.push('cancelled_at is null');
  const rows = await tx.query<{ doc: Override }>(
    `select doc from schedule_overrides where ${where.join(' and ')} order by starts_at, id limit 2000`,
    params,
  );
  return { items: rows.map((row) => row.doc), nextCursor: null };
}

export async function createOverride(tx: Sql, caller: EmbedPrincipal, body: OverrideInput, now: Date) {
  wholeAgency(caller);
  await requireArea(tx, caller.agencyId, body.area);
  await requireActive(tx, caller.agencyId, [body.specialistId], () => 'specialistId');
  const override: Override = { id: randomUUID(), agencyId: caller.agencyId, ...body, createdAt: iso(now) };
  await tx.query(
    `insert into schedule_overrides (id, agency_id, area, position, specialist_id, starts_at, ends_at, doc, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9)`,
    [
      override.id,
      override.agencyId,
      override.area,
      override.position,
      override.specialistId,
      override.startsAt,
      override.endsAt,
      JSON.stringify(override),
      now,
    ],
  );
  await scheduleChanged(tx, caller.agencyId, { area: override.area, kind: 'override', recordId: override.id }, now);
  return { status: 201 as const, body: override, facts: Object.keys(body) };
}

export async function cancelOverride(tx: Sql, caller: EmbedPrincipal, id: string, now: Date) {
  wholeAgency(caller);
  const sql = 'select doc from schedule_overrides where agency_id = $1 and id = $2 for update';
  const [row] = await tx.query<{ doc: Override }>(sql, [caller.agencyId, id]);
  if (!row) throw notFound();
  if (row.doc.cancelledAt) return { status: 200 as const, body: row.doc, facts: [] };
  const cancelled: Override = { ...row.doc, cancelledAt: iso(now) };
  await tx.query(
    'update schedule_overrides set cancelled_at = $3, doc = $4::text::jsonb where agency_id = $1 and id = $2',
    [caller.agencyId, id, now, JSON.stringify(cancelled)],
  );
  await scheduleChanged(tx, caller.agencyId, { area: cancelled.area, kind: 'override', recordId: id }, now);
  return { status: 200 as const, body: cancelled, facts: ['cancelledAt'] };
}

// ── The resolved schedule ───────────────────────────────────────────────────────────────

interface RangeRow {
  id: string;
  area: string;
  position: ShiftPosition;
  specialist_id: string;
  starts_at: Date | string;
  ends_at: Date | string;
}

const asRange = (row: RangeRow) => ({
  id: row.id,
  area: row.area,
  position: row.position,
  specialistId: row.specialist_id,
  startsAt: iso(row.starts_at),
  endsAt: iso(row.ends_at),
});

interface ScheduleInputs {
  time_zone: string;
  default_area: string;
  /** The area asked for, or the agency's default area. */
  area: string;
  rotations: Rotation[];
  overrides: RangeRow[];
  shifts: RangeRow[];
  inactive: string[];
}

const rangeColumns = `json_build_object('id', id, 'area', area, 'position', position, 'specialist_id', specialist_id,
  'starts_at', starts_at, 'ends_at', ends_at)`;

/**
 * Everything the schedule over `[from, to)` is resolved from, in one statement: the agency's clock,
 * rotations, overrides, shifts and deactivated peers. `area`: one area, `'default'` the agency's
 * default area, or undefined every area.
 */
async function scheduleInputs(
  tx: Sql,
  agencyId: string,
  from: Date,
  to: Date,
  area: string | { default: true } | undefined,
): Promise<ScheduleInputs> {
  const named = typeof area === 'string' ? area : null;
  const filter = area === undefined ? '' : ' and area = coalesce($4::text, a.default_area)';
  const [row] = await tx.query<ScheduleInputs>(
    `select a.time_zone, a.default_area, coalesce($4::text, a.default_area) as area,
       (select coalesce(json_agg(doc order by created_at, id), '[]') from rotations
         where agency_id = a.id${filter}) as rotations,
       (select coalesce(json_agg(${rangeColumns} order by created_at, id), '[]') from schedule_overrides
         where agency_id = a.id and cancelled_at is null and ends_at > $2 and starts_at < $3${filter}) as overrides,
       (select coalesce(json_agg(${rangeColumns} order by starts_at, id), '[]') from on_call_shifts
         where agency_id = a.id and ends_at > $2 and starts_at < $3${filter}) as shifts,
       (select coalesce(json_agg(id), '[]') from specialists where agency_id = a.id and not active) as inactive
     from agencies a where a.id = $1`,
    [agencyId, from, to, named],
  );
  if (!row) throw notFound();
  return row;
}

/** The schedule and the area it was resolved for (`area` resolved when it was the default). */
async function resolve(
  tx: Sql,
  agencyId: string,
  from: Date,
  to: Date,
  area?: string | { default: true },
): Promise<{ schedule: ResolvedSchedule; area: string }> {
  const found = await scheduleInputs(tx, agencyId, from, to, area);
  const input = {
    timeZone: found.time_zone,
    from,
    to,
    rotations: found.rotations,
    overrides: found.overrides.map(asRange),
    shifts: found.shifts.map(asRange),
    unavailable: new Set(found.inactive),
  };
  const areas =
    area === undefined
      ? [found.default_area, ...[...input.rotations, ...input.overrides, ...input.shifts].map((item) => item.area)]
      : [found.area];
  return { schedule: resolveSchedule({ ...input, areas }), area: found.area };
}

/**
 * The agency's schedule over `[from, to)`, for one area or every area it staffs (its default
 * area and the areas its rotations, overrides and shifts name). Deactivated peers are left out,
 * so a lower layer answers for them or the gap shows.
 */
export async function resolvedSchedule(
  tx: Sql,
  agencyId: string,
  from: Date,
  to: Date,
  area?: string,
): Promise<ResolvedSchedule> {
  return (await resolve(tx, agencyId, from, to, area)).schedule;
}

export async function getSchedule(tx: Sql, caller: EmbedPrincipal, query: ScheduleQuery, now: Date) {
  const range = rangeOf(query.from, query.to, now, 7);
  return resolvedSchedule(tx, caller.agencyId, range.from, range.to, query.area);
}

export async function myShifts(tx: Sql, caller: EmbedPrincipal, days: number, now: Date): Promise<MyShifts> {
  const specialistId = caller.subjectId;
  if (!specialistId) throw invalid([{ path: 'subjectId', message: 'The token acts as nobody', code: 'required' }]);
  const to = new Date(now.getTime() + days * DAY);
  const schedule = await resolvedSchedule(tx, caller.agencyId, now, to);
  return {
    specialistId,
    timeZone: schedule.timeZone,
    from: schedule.from,
    to: schedule.to,
    shifts: schedule.segments.filter((segment) => segment.specialistId === specialistId),
  };
}

/** Who holds each position of an area at one moment, as the resolved schedule says: active peers only. */
export async function onCallAtTime(
  tx: Sql,
  agencyId: string,
  area: string | { default: true },
  at: Date,
): Promise<Record<ShiftPosition, Specialist | undefined> & { area: string }> {
  const { schedule, area: resolvedArea } = await resolve(tx, agencyId, at, new Date(at.getTime() + 1), area);
  const held = onCallAt(schedule, resolvedArea, at);
  const ids = Object.values(held).filter((id): id is string => id !== null);
  const rows = ids.length
    ? await tx.query<{ doc: Specialist }>(
        'select doc from specialists where agency_id = $1 and active and id = any($2::text::uuid[])',
        [agencyId, uuidArray(ids)],
      )
    : [];
  const doc = (id: string | null) => rows.find((row) => row.doc.id === id)?.doc;
  return {
    area: resolvedArea,
    primary: doc(held.primary),
    backup: doc(held.backup),
    supervisor: doc(held.supervisor),
  };
}
