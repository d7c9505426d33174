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
   * Single shifts (one person on call over a range, as older rosters and the demo keep them): the
   * lowest layer, under every rotation; of two overlapping shifts the one listed later wins.
   */
  shifts?: readonly Pick<Override, 'id' | 'area' | 'position' | 'specialistId' | 'startsAt' | 'endsAt'>[];
  /**
   * Peers who cannot be called (deactivated): their turns, overrides and shifts are left out, so
   * a lower layer answers for them or the gap shows.
   */
  unavailable?: ReadonlySet<string>;
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
  source: 'rotation' | 'override' | 'shift';
  sourceId: string;
  /** Overrides beat every rotation; a later override beats an earlier one; a higher layer wins. */
  rank: number;
}

const slotKey = (area: string, position: string) => `${area}\u0000${position}`;
// Plain code-unit order: ids, area codes and ISO timestamps sort correctly by it, and fast.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byStart = (a: { start: number }, b: { start: number }) => a.start - b.start;
const positionOrder = (position: ShiftPosition) => (position === 'primary' ? 0 : position === 'backup' ? 1 : 2);

/** ISO timestamps of one resolution: handoffs repeat across slots, so each instant is written once. */
function isoWriter(): (ms: number) => string {
  const written = new Map<number, string>();
  return (ms) => {
    let text = written.get(ms);
    if (text === undefined) {
      text = new Date(ms).toISOString();
      written.set(ms, text);
    }
    return text;
  };
}

/** The turns of a rotation that overlap `[from, to)`, in order. */
function turnsOf(
  rotation: ResolveScheduleInput['rotations'][number],
  clock: ZoneClock,
  from: number,
  to: number,
  rank: number,
  into: Claim[],
): void {
  const first = dayNumber(rotation.startsOn);
  const stop = rotation.endsOn === undefined ? Number.POSITIVE_INFINITY : dayNumber(rotation.endsOn);
  const handoff = minutesOf(rotation.handoffTime);
  const { turnDays, members } = rotation;
  // The turn that holds `from`, give or take one: start a turn early and let the range cut it.
  const local = clock.local(from);
  let turn = Math.max(0, Math.floor((local.day - first) / turnDays) - 1);
  let startDay = first + turn * turnDays;
  if (startDay >= stop) return;
  // Each turn ends where the next begins: one wall-clock reading per handoff.
  let start = clock.instant(startDay, handoff);
  while (start < to) {
    const endDay = Math.min(startDay + turnDays, stop);
    const end = clock.instant(endDay, handoff);
    const specialistId = members[turn % members.length];
    if (specialistId !== undefined && end > from) {
      into.push({
        specialistId,
        start: start > from ? start : from,
        end: end < to ? end : to,
        source: 'rotation',
        sourceId: rotation.id,
        rank,
      });
    }
    if (endDay >= stop) break;
    turn += 1;
    startDay = endDay;
    start = end;
  }
}

/** A settled claim on one slot, in milliseconds until the answer is written. */
interface Held extends Claim {
  area: string;
  position: ShiftPosition;
}

/**
 * Cuts a slot's claims into who is on call when: the strongest claim at each moment wins. Writes
 * the settled stretches to `held` and the uncovered ones to `gaps`.
 */
function settle(
  claims: Claim[],
  from: number,
  to: number,
  area: string,
  position: ShiftPosition,
  held: Held[],
  gaps: [number, number][],
): void {
  claims.sort(byStart);
  // Most slots are one rotation's turns, end to end: nothing overlaps, nothing to weigh.
  let overlapping = false;
  for (let i = 1; i < claims.length; i++) {
    if ((claims[i] as Claim).start < (claims[i - 1] as Claim).end) {
      overlapping = true;
      break;
    }
  }
  let last: Held | undefined;
  let cursor = from;
  const put = (winner: Claim, start: number, end: number) => {
    if (start > cursor) {
      const gap = gaps.at(-1);
      if (gap?.[1] === cursor) gap[1] = start;
      else gaps.push([cursor, start]);
    }
    cursor = end;
    if (last?.end === start && last.specialistId === winner.specialistId && last.sourceId === winner.sourceId)
      last.end = end;
    else {
      last = {
        specialistId: winner.specialistId,
        start,
        end,
        source: winner.source,
        sourceId: winner.sourceId,
        rank: winner.rank,
        area,
        position,
      };
      held.push(last);
    }
  };
  if (!overlapping) {
    for (const claim of claims) put(claim, claim.start, claim.end);
  } else {
    const bounds = new Float64Array(claims.length * 2);
    claims.forEach((claim, i) => {
      bounds[2 * i] = claim.start;
      bounds[2 * i + 1] = claim.end;
    });
    bounds.sort();
    const active: Claim[] = [];
    let next = 0;
    for (let i = 0; i + 1 < bounds.length; i++) {
      const start = bounds[i] as number;
      const end = bounds[i + 1] as number;
      if (end === start) continue;
      while (next < claims.length && (claims[next] as Claim).start <= start) active.push(claims[next++] as Claim);
      let winner: Claim | undefined;
      let w = 0;
      // Drops the claims that ended, in place (w never passes the read position).
      for (const claim of active) {
        if (claim.end <= start) continue;
        active[w++] = claim;
        if (!winner || claim.rank > winner.rank) winner = claim;
      }
      active.length = w;
      if (winner) put(winner, start, end);
    }
  }
  if (cursor < to) {
    const gap = gaps.at(-1);
    if (gap?.[1] === cursor) gap[1] = to;
    else gaps.push([cursor, to]);
  }
}

/** Stretches when one person holds two slots at once. */
function conflictsOf(segments: readonly Held[], iso: (ms: number) => string): ScheduleConflict[] {
  const byPerson = new Map<string, Held[]>();
  for (const segment of segments) {
    const list = byPerson.get(segment.specialistId);
    if (list) list.push(segment);
    else byPerson.set(segment.specialistId, [segment]);
  }
  const conflicts: ScheduleConflict[] = [];
  for (const [specialistId, held] of byPerson) {
    if (held.length < 2) continue;
    held.sort(byStart);
    let open:
      { start: number; end: number; key: string; slots: { area: string; position: ShiftPosition }[] } | undefined;
    const close = () => {
      if (open) conflicts.push({ specialistId, startsAt: iso(open.start), endsAt: iso(open.end), slots: open.slots });
      open = undefined;
    };
    /** Sweeps stretches that overlap one another (most people are never in two places: nothing to sweep). */
    const sweep = (cluster: Held[]) => {
      if (cluster.length < 2) {
        // One stretch alone: nobody else is held beside it.
        if (cluster.length === 1) close();
        return;
      }
      const bounds = [...new Set(cluster.flatMap((h) => [h.start, h.end]))].sort((a, b) => a - b);
      const active: Held[] = [];
      let next = 0;
      for (let i = 0; i + 1 < bounds.length; i++) {
        const start = bounds[i] ?? 0;
        const end = bounds[i + 1] ?? 0;
        while (next < cluster.length && (cluster[next]?.start ?? 0) <= start) active.push(cluster[next++] as Held);
        for (let a = active.length - 1; a >= 0; a--) if ((active[a]?.end ?? 0) <= start) active.splice(a, 1);
        // One supervisor over several areas at once is how programs staff; anything else is a conflict.
        if (active.length < 2 || active.every((h) => h.position === 'supervisor')) {
          close();
          continue;
        }
        const slots = active
          .map(({ area, position }) => ({ area, position }))
          .sort((x, y) => compare(x.area, y.area) || positionOrder(x.position) - positionOrder(y.position));
        const key = slots.map((slot) => slotKey(slot.area, slot.position)).join('|');
        if (open?.key === key && open.end === start) open.end = end;
        else {
          close();
          open = { start, end, key, slots };
        }
      }
    };
    // Stretches joined by overlaps, swept one group at a time; a conflict still runs on into the
    // next group when the same slots are held without a break.
    let cluster: Held[] = [];
    let reach = Number.NEGATIVE_INFINITY;
    for (const h of held) {
      if (h.start >= reach) {
        sweep(cluster);
        if (open && open.end < h.start) close();
        cluster = [];
      }
      cluster.push(h);
      if (h.end > reach) reach = h.end;
    }
    sweep(cluster);
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
 * wins (then the one listed later); single shifts are the lowest layer. Pure and deterministic.
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
  const iso = isoWriter();

  const claims = new Map<string, Claim[]>();
  const slot = (area: string, position: string) => {
    const key = slotKey(area, position);
    let list = claims.get(key);
    if (!list) {
      list = [];
      claims.set(key, list);
    }
    return list;
  };
  input.rotations.forEach((rotation, order) => {
    turnsOf(rotation, clock, from, to, (rotation.layer ?? 0) * 10_000 + order, slot(rotation.area, rotation.position));
  });
  const ranges = (list: ResolveScheduleInput['overrides'], source: 'override' | 'shift', base: number) => {
    list.forEach((range, order) => {
      const start = Math.max(Date.parse(range.startsAt), from);
      const end = Math.min(Date.parse(range.endsAt), to);
      if (end <= start) return;
      const { specialistId } = range;
      slot(range.area, range.position).push({
        specialistId,
        start,
        end,
        source,
        sourceId: range.id,
        rank: base + order,
      });
    });
  };
  ranges(input.overrides, 'override', 1_000_000);
  ranges(input.shifts ?? [], 'shift', -1_000_000);
  const { unavailable } = input;
  if (unavailable?.size) {
    for (const [key, list] of claims)
      claims.set(
        key,
        list.filter((c) => !unavailable.has(c.specialistId)),
      );
  }

  const areas = [
    ...new Set(
      input.areas ?? [...input.rotations, ...input.overrides, ...(input.shifts ?? [])].map((item) => item.area),
    ),
  ].sort(compare);
  const held: Held[] = [];
  const gaps: ScheduleGap[] = [];
  const open: [number, number][] = [];
  for (const area of areas) {
    for (const position of shiftPositions) {
      open.length = 0;
      settle(claims.get(slotKey(area, position)) ?? [], from, to, area, position, held, open);
      for (const [start, end] of open) gaps.push({ area, position, startsAt: iso(start), endsAt: iso(end) });
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
  return { timeZone: input.timeZone, from: iso(from), to: iso(to), segments, gaps, conflicts: conflictsOf(held, iso) };
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
