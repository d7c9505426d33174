// HSDS 3.0 gives a schedule's time zone as a UTC offset in hours; Peerlink keeps IANA zones.
// These relate the two, both ways.

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Hours east of UTC in `timeZone` at `at` (-5 for Chicago in summer, 5.5 for Kolkata). */
export function utcOffset(timeZone: string, at: Date): number | undefined {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? '';
  const match = /^GMT(?:([+-])(\d{1,2}):?(\d{2})?)?$/.exec(name);
  if (!match) return undefined;
  const hours = Number(match[2] ?? 0) + Number(match[3] ?? 0) / 60;
  return match[1] === '-' ? -hours : hours;
}

/**
 * Whether `timeZone` is `offset` hours east of UTC at some time of `year`. Mid-January and
 * mid-July fall on either side of daylight saving in both hemispheres.
 */
export function hasOffset(timeZone: string, offset: number, year: number): boolean {
  return [0, 6].some((month) => utcOffset(timeZone, new Date(Date.UTC(year, month, 15, 12))) === offset);
}

/**
 * The IANA zone that is always `offset` hours east of UTC, without daylight saving; whole
 * hours only (`Etc/GMT+7` is UTC-7: the sign is POSIX's, reversed).
 */
export function fixedOffsetZone(offset: number): string | undefined {
  if (!Number.isInteger(offset) || offset < -12 || offset > 14) return undefined;
  return offset === 0 ? 'UTC' : `Etc/GMT${offset < 0 ? '+' : '-'}${String(Math.abs(offset))}`;
}
