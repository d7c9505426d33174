// The resolved schedule laid out as the grid shows it: one row per area and position, one column per
// local day of the agency. Days are cut at the agency's local midnight, so a day with a daylight-saving
// change is 23 or 25 hours long and no shift is shown an hour off.
export { dayNumber } from '@peerlink/sdk';
import {
  ZoneClock,
  dayNumber,
  minutesOf,
  shiftPositions,
  type ResolvedSchedule,
  type Rotation,
  type ScheduleSegment,
  type ShiftPosition,
} from '@peerlink/sdk';

const DAY = 86_400_000;

/** One local day of the agency: its midnight and the next, as instants. */
export interface DayColumn {
  readonly day: number;
  readonly start: number;
  readonly end: number;
}

/** What one cell lists: a peer's stretch on call, or a stretch nobody covers, clipped to the day. */
export type CellEntry =
  | {
      readonly kind: 'shift';
      readonly specialistId: string;
      readonly source: ScheduleSegment['source'];
      readonly startsAt: number;
      readonly endsAt: number;
      /** On call at the moment the grid was drawn. */
      readonly now: boolean;
      /** The same peer is on call somewhere else over part of this stretch. */
      readonly conflict: boolean;
    }
  | { readonly kind: 'gap'; readonly startsAt: number; readonly endsAt: number; readonly now: boolean };

export interface ScheduleRow {
  readonly position: ShiftPosition;
  /** One list per column. */
  readonly cells: readonly (readonly CellEntry[])[];
}

/** The agency's local date at `at`, as days since 1970-01-01. */
export function localDay(timeZone: string, at: number): number {
  return new ZoneClock(timeZone, at - DAY, at + DAY).local(at).day;
}

/** `days` local days of `timeZone` from `first` (days since 1970-01-01; see {@link dayNumber}). */
export function dayColumns(timeZone: string, first: number, days: number): DayColumn[] {
  const clock = new ZoneClock(timeZone, first * DAY - DAY, (first + days + 2) * DAY);
  return Array.from({ length: days }, (_, index) => ({
    day: first + index,
    start: clock.instant(first + index, 0),
    end: clock.instant(first + index + 1, 0),
  }));
}

/** The agency's next local midnight after `at`: when today's column changes. */
export function nextMidnight(timeZone: string, at: number): number {
  const clock = new ZoneClock(timeZone, at - DAY, at + 2 * DAY);
  return clock.instant(clock.local(at).day + 1, 0);
}

// When each stretch of an answer starts and ends, in order: read once per answer, not at every render.
const changesOf = new WeakMap<object, Float64Array>();

/**
 * The first instant after `at` at which who is on call changes (a stretch of the answer starts or ends) or the
 * agency's day does (its next local midnight), whichever comes first.
 */
export function nextChange(schedule: Pick<ResolvedSchedule, 'timeZone' | 'segments' | 'gaps'>, at: number): number {
  let changes = changesOf.get(schedule);
  if (!changes) {
    const stretches = [...schedule.segments, ...schedule.gaps];
    changes = Float64Array.from(stretches.flatMap((s) => [Date.parse(s.startsAt), Date.parse(s.endsAt)])).sort();
    changesOf.set(schedule, changes);
  }
  let low = 0;
  let high = changes.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((changes[middle] ?? 0) <= at) low = middle + 1;
    else high = middle;
  }
  return Math.min(changes[low] ?? Number.POSITIVE_INFINITY, nextMidnight(schedule.timeZone, at));
}

/** The peers an answer and the area's rotations name, by id. */
export function peersNamed(
  schedule: Pick<ResolvedSchedule, 'segments' | 'conflicts'>,
  rotations: readonly Pick<Rotation, 'members'>[],
): Set<string> {
  return new Set([
    ...schedule.segments.map((segment) => segment.specialistId),
    ...schedule.conflicts.map((conflict) => conflict.specialistId),
    ...rotations.flatMap((rotation) => rotation.members),
  ]);
}

/**
 * A wall-clock time of the agency (`YYYY-MM-DDTHH:MM`, as a `datetime-local` control writes it) as an
 * ISO instant; `undefined` when it is not one. A time skipped by a spring-forward change moves forward.
 */
export function agencyInstant(timeZone: string, value: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(value);
  if (!match?.[1] || !match[2]) return undefined;
  const day = dayNumber(match[1]);
  const clock = new ZoneClock(timeZone, day * DAY - DAY, day * DAY + 2 * DAY);
  return new Date(clock.instant(day, minutesOf(match[2]))).toISOString();
}

/** An instant as the agency's wall clock, in the form a `datetime-local` control takes. */
export function agencyInput(timeZone: string, at: number): string {
  const clock = new ZoneClock(timeZone, at - DAY, at + DAY);
  const { day, minutes } = clock.local(at);
  const date = new Date(day * DAY).toISOString().slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The areas the grid shows: the one asked for, else every area the schedule names, in order. */
export function areasOf(schedule: Pick<ResolvedSchedule, 'segments' | 'gaps'>, area?: string): string[] {
  if (area) return [area];
  return [...new Set([...schedule.segments, ...schedule.gaps].map((entry) => entry.area))].sort();
}

interface Stretch {
  startsAt: number;
  endsAt: number;
}

const slot = (area: string, position: string) => `${area}\u0000${position}`;

/** One area's block of the grid: its positions' rows, in order. */
export interface ScheduleArea {
  readonly area: string;
  readonly rows: readonly ScheduleRow[];
}

/** Every area of the grid, in order: its positions' rows, each cell the stretches overlapping its day. */
export function scheduleAreas(
  schedule: Pick<ResolvedSchedule, 'segments' | 'gaps' | 'conflicts'>,
  areas: readonly string[],
  columns: readonly DayColumn[],
  now: number,
): ScheduleArea[] {
  const bySlot = new Map<string, CellEntry[]>();
  const add = (key: string, entry: CellEntry) => {
    const list = bySlot.get(key);
    if (list) list.push(entry);
    else bySlot.set(key, [entry]);
  };
  const conflicts = new Map<string, Stretch[]>();
  for (const conflict of schedule.conflicts) {
    const stretch = { startsAt: Date.parse(conflict.startsAt), endsAt: Date.parse(conflict.endsAt) };
    for (const where of conflict.slots) {
      const key = `${slot(where.area, where.position)}\u0000${conflict.specialistId}`;
      conflicts.set(key, [...(conflicts.get(key) ?? []), stretch]);
    }
  }
  for (const segment of schedule.segments) {
    const startsAt = Date.parse(segment.startsAt);
    const endsAt = Date.parse(segment.endsAt);
    const key = slot(segment.area, segment.position);
    const clashes = conflicts.get(`${key}\u0000${segment.specialistId}`) ?? [];
    add(key, {
      kind: 'shift',
      specialistId: segment.specialistId,
      source: segment.source,
      startsAt,
      endsAt,
      now: false,
      conflict: clashes.some((clash) => clash.startsAt < endsAt && startsAt < clash.endsAt),
    });
  }
  for (const gap of schedule.gaps) {
    const startsAt = Date.parse(gap.startsAt);
    const endsAt = Date.parse(gap.endsAt);
    add(slot(gap.area, gap.position), { kind: 'gap', startsAt, endsAt, now: false });
  }
  for (const list of bySlot.values()) list.sort((a, b) => a.startsAt - b.startsAt);

  return areas.map((area) => ({
    area,
    rows: shiftPositions.map((position) => {
      const entries = bySlot.get(slot(area, position)) ?? [];
      const cells = columns.map((column) =>
        entries
          .filter((entry) => entry.startsAt < column.end && column.start < entry.endsAt)
          .map((entry) => {
            const startsAt = Math.max(entry.startsAt, column.start);
            const endsAt = Math.min(entry.endsAt, column.end);
            // Marked "now" only in the day that holds the moment, not in every day of a long turn.
            return { ...entry, startsAt, endsAt, now: startsAt <= now && now < endsAt };
          }),
      );
      return { position, cells };
    }),
  }));
}

/** Whether the schedule has any gap or conflict in the areas shown. */
export function troubles(
  schedule: Pick<ResolvedSchedule, 'gaps' | 'conflicts'>,
  areas: readonly string[],
): { gaps: number; conflicts: number } {
  const shown = new Set(areas);
  return {
    gaps: schedule.gaps.filter((gap) => shown.has(gap.area)).length,
    conflicts: schedule.conflicts.filter((conflict) => conflict.slots.some((where) => shown.has(where.area))).length,
  };
}
