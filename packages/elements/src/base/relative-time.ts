/** An elapsed duration as the value and unit Intl.RelativeTimeFormat should say it in. */
export interface Elapsed {
  readonly value: number;
  readonly unit: Intl.RelativeTimeFormatUnit;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The largest whole unit of the time between `from` and `now`, as a past (negative) value:
 * 200 s → -3 minute. Under 45 s it is 0 seconds, which Intl words as "now"; a `from` in the
 * future (clock skew between host and server) also counts as now.
 */
export function elapsed(from: number, now: number = Date.now()): Elapsed {
  const ms = Math.max(0, now - from);
  if (ms < 45_000) return { value: 0, unit: 'second' };
  if (ms < HOUR) return { value: -Math.max(1, Math.floor(ms / MINUTE)), unit: 'minute' };
  if (ms < DAY) return { value: -Math.floor(ms / HOUR), unit: 'hour' };
  return { value: -Math.floor(ms / DAY), unit: 'day' };
}
