// Wall-clock times in an IANA time zone, both ways, for a bounded stretch of time. The zone's
// offsets are read once for the stretch (a few dozen Intl calls) and then looked up, so resolving
// thousands of handoffs costs no more than reading the clock a handful of times.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Offsets are sampled this far apart; transitions are found between samples by bisection.
const SAMPLE = 3 * DAY;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
      era: 'short',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

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

/** The zone's offsets over a stretch of time: `[from, offset]` pairs, in order. */
export class ZoneClock {
  private readonly starts: number[] = [];
  private readonly offsets: number[] = [];

  constructor(
    readonly timeZone: string,
    from: number,
    to: number,
  ) {
    let at = from - 2 * DAY;
    let offset = offsetAt(timeZone, at);
    this.starts.push(Number.NEGATIVE_INFINITY);
    this.offsets.push(offset);
    const end = to + 2 * DAY;
    while (at < end) {
      const next = Math.min(at + SAMPLE, end);
      const nextOffset = offsetAt(timeZone, next);
      if (nextOffset !== offset) {
        // The first minute with the new offset lies in (at, next].
        let low = at;
        let high = next;
        while (high - low > MINUTE) {
          const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
          if (offsetAt(timeZone, middle) === offset) low = middle;
          else high = middle;
        }
        this.starts.push(high);
        this.offsets.push(nextOffset);
        offset = nextOffset;
      }
      at = next;
    }
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
    for (const offset of new Set(this.offsets)) {
      const candidate = wall - offset;
      if (this.offset(candidate) === offset) earliest = Math.min(earliest, candidate);
    }
    if (Number.isFinite(earliest)) return earliest;
    // In a gap: read the wall time with the offset from before the change.
    return wall - this.offset(wall - this.offset(wall) - 12 * HOUR);
  }
}
