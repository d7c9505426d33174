// Calendar arithmetic on `YYYY-MM-DD` strings, in UTC so results do not depend on the reader's zone.

const day = 24 * 60 * 60 * 1000;

/** Today's UTC calendar date. */
export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / day);
}

/** `date` moved by whole months; the day is clamped to the month's length (Jan 31 + 1 → Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const [year = 0, month = 1, dayOfMonth = 1] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(dayOfMonth, lastDay));
  return target.toISOString().slice(0, 10);
}

export const laterOf = (a: string, b: string): string => (a > b ? a : b);
