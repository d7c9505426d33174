import type { ShiftPosition } from '../schema/agency.js';
import type {
  Override,
  ResolvedSchedule,
  Rotation,
  ScheduleConflict,
  ScheduleGap,
  ScheduleSegment,
} from '../schema/schedule.js';
import { ZoneClock, dayNumber, minutesOf } from './zone.js';

/** The positions every staffed area needs, in the order a call-out reaches them. */
export const shiftPositions: readonly ShiftPosition[] = ['primary', 'backup', 'supervisor'];

export interface ResolveScheduleInput {
  /** The agency's IANA time zone: handoff times and rotation dates are read in it. */
  timeZone: string;
  from: Date | string;
  to: Date | string;
  rotations: readonly Pick<
    Rotation,
    'id' | 'area' | 'position' | 'members' | 'turnDays' | 'handoffTime' | 'startsOn' | 'endsOn' | 'layer'
  >[];
  overrides: readonly Pick<Override, 'id' | 'area' | 'position' | 'specialistId' | 'startsAt' | 'endsAt'>[];
  /**
   * Areas whose every position must be staffed: a position nobody covers is a gap. Without it,
   * the areas the rotations and overrides name.
   */
  areas?: readonly string[];
}

/** One claim on a slot: who, when, from where, and how strongly. */
interface Claim {
  specialistId: string;
  start: number;
  end: number;
  source: 'rotation' | 'override';
  sourceId: string;
  /** Overrides beat every rotation; a later override beats an earlier one; a higher layer wins. */
  rank: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
const slotKey = (area: string, position: string) => `${area}\u0000${position}`;
// Plain code-unit order: ids, area codes and ISO timestamps sort correctly by it, and fast.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The turns of a rotation that overlap `[from, to)`. */
function turnsOf(
  rotation: ResolveScheduleInput['rotations'][number],
  clock: ZoneClock,
  from: number,
  to: number,
  rank: number,
): Claim[] {
  const first = dayNumber(rotation.startsOn);
  const stop = rotation.endsOn === undefined ? Number.POSITIVE_INFINITY : dayNumber(rotation.endsOn);
  const handoff = minutesOf(rotation.handoffTime);
  const { turnDays, members } = rotation;
  // The turn that holds `from`, give or take one: start a turn early and let the range cut it.
  const local = clock.local(from);
  let turn = Math.max(0, Math.floor((local.day - first) / turnDays) - 1);
  const claims: Claim[] = [];
  for (;;) {
    const startDay = first + turn * turnDays;
    if (startDay >= stop) break;
    const start = clock.instant(startDay, handoff);
    if (start >= to) break;
    const end = clock.instant(Math.min(startDay + turnDays, stop), handoff);
    const specialistId = members[turn % members.length];
    if (specialistId !== undefined && end > from) {
      claims.push({
        specialistId,
        start: Math.max(start, from),
        end: Math.min(end, to),
        source: 'rotation',
        sourceId: rotation.id,
        rank,
      });
    }
    turn += 1;
  }
  return claims;
}

/** Cuts a slot's claims into who is on call when: the strongest claim at each moment wins. */
function settle(claims: Claim[], from: number, to: number): { segments: Claim[]; gaps: [number, number][] } {
  const bounds = [...new Set([from, to, ...claims.flatMap((claim) => [claim.start, claim.end])])].sort((a, b) => a - b);
  const byStart = [...claims].sort((a, b) => a.start - b.start);
  const active: Claim[] = [];
  const segments: Claim[] = [];
  const gaps: [number, number][] = [];
  let next = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i] ?? 0;
    const end = bounds[i + 1] ?? 0;
    if (start >= to) break;
    while (next < byStart.length && (byStart[next]?.start ?? 0) <= start) active.push(byStart[next++] as Claim);
    for (let a = active.length - 1; a >= 0; a--) if ((active[a]?.end ?? 0) <= start) active.splice(a, 1);
    let winner: Claim | undefined;
    for (const claim of active) if (!winner || claim.rank > winner.rank) winner = claim;
    if (!winner) {
      const last = gaps.at(-1);
      if (last?.[1] === start) last[1] = end;
      else gaps.push([start, end]);
      continue;
    }
    const last = segments.at(-1);
    if (last?.end === start && last.specialistId === winner.specialistId && last.sourceId === winner.sourceId)
      last.end = end;
    else segments.push({ ...winner, start, end });
  }
  return { segments, gaps };
}

/** A settled claim on one slot, in milliseconds until the answer is written. */
interface Held extends Claim {
  area: string;
  position: ShiftPosition;
}

/** Stretches when one person holds two slots at once. */
function conflictsOf(segments: readonly Held[]): ScheduleConflict[] {
  const byPerson = new Map<string, Held[]>();
  for (const segment of segments) {
    const list = byPerson.get(segment.specialistId);
    if (list) list.push(segment);
    else byPerson.set(segment.specialistId, [segment]);
  }
  const conflicts: ScheduleConflict[] = [];
  for (const [specialistId, held] of byPerson) {
    if (held.length < 2) continue;
    held.sort((a, b) => a.start - b.start);
    const bounds = [...new Set(held.flatMap((h) => [h.start, h.end]))].sort((a, b) => a - b);
    const active: Held[] = [];
    let next = 0;
    let open:
      { start: number; end: number; key: string; slots: { area: string; position: ShiftPosition }[] } | undefined;
    const close = () => {
      if (open) conflicts.push({ specialistId, startsAt: iso(open.start), endsAt: iso(open.end), slots: open.slots });
      open = undefined;
    };
    for (let i = 0; i + 1 < bounds.length; i++) {
      const start = bounds[i] ?? 0;
      const end = bounds[i + 1] ?? 0;
      while (next < held.length && (held[next]?.start ?? 0) <= start) active.push(held[next++] as Held);
      for (let a = active.length - 1; a >= 0; a--) if ((active[a]?.end ?? 0) <= start) active.splice(a, 1);
      // One supervisor over several areas at once is how programs staff; anything else is a conflict.
      if (active.length < 2 || active.every((h) => h.position === 'supervisor')) {
        close();
        continue;
      }
      const slots = active
        .map(({ area, position }) => ({ area, position }))
        .sort(
          (x, y) => compare(x.area, y.area) || shiftPositions.indexOf(x.position) - shiftPositions.indexOf(y.position),
        );
      const key = slots.map((slot) => slotKey(slot.area, slot.position)).join('|');
      if (open?.key === key && open.end === start) open.end = end;
      else {
        close();
        open = { start, end, key, slots };
      }
    }
    close();
  }
  return conflicts.sort((a, b) => compare(a.startsAt, b.startsAt) || compare(a.specialistId, b.specialistId));
}

/**
 * Who is primary, backup and supervisor for each area at every moment of `[from, to)`, with the
 * stretches nobody covers (gaps) and those where one person is in two places (conflicts; one
 * supervisor over several areas at once is not one).
 *
 * Each rotation hands off at its wall-clock time in `timeZone`, so a daily 08:00 handoff stays at
 * 08:00 across daylight-saving changes (that day's turn is 23 or 25 hours long). Overrides beat
 * rotations, a later override beats an earlier one, and of overlapping rotations the higher layer
 * wins (then the one listed later). Pure and deterministic.
 *
 * @example
 * resolveSchedule({ timeZone: 'America/Chicago', from: '2026-03-07T00:00:00Z', to: '2026-03-14T00:00:00Z',
 *   rotations: [{ id, area: 'county', position: 'primary', members: [ana, ben], turnDays: 7, handoffTime: '08:00', startsOn: '2026-03-02' }],
 *   overrides: [] });
 */
export function resolveSchedule(input: ResolveScheduleInput): ResolvedSchedule {
  const from = new Date(input.from).getTime();
  const to = new Date(input.to).getTime();
  if (!(to > from)) throw new RangeError('`to` must be after `from`');
  const clock = new ZoneClock(input.timeZone, from, to);

  const claims = new Map<string, Claim[]>();
  const claim = (area: string, position: string, found: Claim[]) => {
    const key = slotKey(area, position);
    const list = claims.get(key);
    if (list) list.push(...found);
    else claims.set(key, found);
  };
  input.rotations.forEach((rotation, order) => {
    claim(rotation.area, rotation.position, turnsOf(rotation, clock, from, to, (rotation.layer ?? 0) * 10_000 + order));
  });
  input.overrides.forEach((override, order) => {
    const start = Math.max(Date.parse(override.startsAt), from);
    const end = Math.min(Date.parse(override.endsAt), to);
    if (end <= start) return;
    claim(override.area, override.position, [
      {
        specialistId: override.specialistId,
        start,
        end,
        source: 'override',
        sourceId: override.id,
        rank: 1_000_000 + order,
      },
    ]);
  });

  const areas = [...new Set(input.areas ?? [...input.rotations, ...input.overrides].map((item) => item.area))].sort(
    compare,
  );
  const held: Held[] = [];
  const gaps: ScheduleGap[] = [];
  for (const area of areas) {
    for (const position of shiftPositions) {
      const settled = settle(claims.get(slotKey(area, position)) ?? [], from, to);
      for (const segment of settled.segments) held.push({ ...segment, area, position });
      for (const [start, end] of settled.gaps) gaps.push({ area, position, startsAt: iso(start), endsAt: iso(end) });
    }
  }
  const segments: ScheduleSegment[] = held.map((h) => ({
    area: h.area,
    position: h.position,
    specialistId: h.specialistId,
    startsAt: iso(h.start),
    endsAt: iso(h.end),
    source: h.source,
    sourceId: h.sourceId,
  }));
  return { timeZone: input.timeZone, from: iso(from), to: iso(to), segments, gaps, conflicts: conflictsOf(held) };
}

/** Who holds each position of `area` at `at`, from a resolved schedule. */
export function onCallAt(
  schedule: Pick<ResolvedSchedule, 'segments'>,
  area: string,
  at: Date | string,
): Record<ShiftPosition, string | null> {
  const ms = new Date(at).getTime();
  const held: Record<ShiftPosition, string | null> = { primary: null, backup: null, supervisor: null };
  for (const segment of schedule.segments) {
    if (segment.area === area && Date.parse(segment.startsAt) <= ms && ms < Date.parse(segment.endsAt))
      held[segment.position] = segment.specialistId;
  }
  return held;
}
