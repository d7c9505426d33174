// Wall-clock times in an IANA time zone, both ways, for a bounded stretch of time. The zone's
// offsets are read once for the stretch (a few dozen Intl calls) and then looked up, so resolving
// thousands of handoffs costs no more than reading the clock a handful of times.

import { zoneFormatter } from '../zone-formatter.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Offsets are sampled this far apart; transitions are found between samples by bisection.
const SAMPLE = 3 * DAY;

const formatter = zoneFormatter({
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
  era: 'short',
});

/** The zone's offset from UTC at `ms`, in milliseconds (UTC−6 is −21,600,000). */
export function offsetAt(timeZone: string, ms: number): number {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) parts[part.type] = part.value;
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
  const wall = Date.UTC(year, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return wall - Math.floor(ms / MINUTE) * MINUTE;
}

/** A calendar date as days since 1970-01-01 (`YYYY-MM-DD`). */
export function dayNumber(date: string): number {
  return Math.floor(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY);
}

/** `HH:MM` as minutes after midnight. */
export const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

// The zone's rules do not change while the process runs: what one resolution learned of a zone
// (its offset at the start of each aligned sample window, and the first minute of a change inside
// one) is kept for the next. Bounded: a long-running service forgets it all past this many windows.
const windowCache = new Map<string, { offset: number; change?: { at: number; offset: number } }>();
const windowCacheLimit = 100_000;

/** The offset at the start of the aligned window `[at, at + SAMPLE)` and the change inside it, if any. */
function sampleWindow(timeZone: string, at: number): { offset: number; change?: { at: number; offset: number } } {
  const key = `${timeZone}\u0000${String(at)}`;
  let found = windowCache.get(key);
  if (!found) {
    const offset = offsetAt(timeZone, at);
    const nextOffset = offsetAt(timeZone, at + SAMPLE);
    found = { offset };
    if (nextOffset !== offset) {
      // The first minute with the new offset lies in (at, at + SAMPLE].
      let low = at;
      let high = at + SAMPLE;
      while (high - low > MINUTE) {
        const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
        if (offsetAt(timeZone, middle) === offset) low = middle;
        else high = middle;
      }
      found.change = { at: high, offset: nextOffset };
    }
    if (windowCache.size >= windowCacheLimit) windowCache.clear();
    windowCache.set(key, found);
  }
  return found;
}

/** The zone's offsets over a stretch of time: `[from, offset]` pairs, in order. */
export class ZoneClock {
  private readonly starts: number[] = [];
  private readonly offsets: number[] = [];
  /** The distinct offsets, for reading a wall-clock time back. */
  private readonly distinct: number[];

  constructor(
    readonly timeZone: string,
    from: number,
    to: number,
  ) {
    // Windows aligned on the epoch, so later stretches of the same zone meet the same windows.
    let at = Math.floor((from - 2 * DAY) / SAMPLE) * SAMPLE;
    const first = sampleWindow(timeZone, at);
    let offset = first.offset;
    this.starts.push(Number.NEGATIVE_INFINITY);
    this.offsets.push(offset);
    const end = to + 2 * DAY;
    while (at < end) {
      const window = at === Math.floor((from - 2 * DAY) / SAMPLE) * SAMPLE ? first : sampleWindow(timeZone, at);
      if (window.offset !== offset) {
        // A change exactly at the window's start.
        this.starts.push(at);
        this.offsets.push(window.offset);
        offset = window.offset;
      }
      if (window.change && window.change.offset !== offset) {
        this.starts.push(window.change.at);
        this.offsets.push(window.change.offset);
        offset = window.change.offset;
      }
      at += SAMPLE;
    }
    this.distinct = [...new Set(this.offsets)];
  }

  /** The offset in force at `ms`. */
  offset(ms: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= ms) low = middle;
      else high = middle - 1;
    }
    return this.offsets[low] ?? 0;
  }

  /** Local calendar day (days since 1970-01-01) and minute of the day at `ms`. */
  local(ms: number): { day: number; minutes: number } {
    const wall = ms + this.offset(ms);
    const day = Math.floor(wall / DAY);
    return { day, minutes: Math.floor((wall - day * DAY) / MINUTE) };
  }

  /**
   * The instant a wall-clock time happens. A time skipped by a spring-forward change happens as
   * many minutes after the change as it was meant to be after the old offset (02:30 → 03:30); a
   * time that happens twice at a fall-back change is the first of the two — as Temporal's
   * "compatible" disambiguation does.
   */
  instant(day: number, minutes: number): number {
    const wall = day * DAY + minutes * MINUTE;
    let earliest = Number.POSITIVE_INFINITY;
    for (const offset of this.distinct) {
      const candidate = wall - offset;
      if (this.offset(candidate) === offset) earliest = Math.min(earliest, candidate);
    }
    if (Number.isFinite(earliest)) return earliest;
    // In a gap: read the wall time with the offset from before the change.
    return wall - this.offset(wall - this.offset(wall) - 12 * HOUR);
  }
}
