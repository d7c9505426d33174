import type { Schedule, Weekday } from '../schema/resource.js';
import { zoneFormatter } from '../zone-formatter.js';

const weekdays: readonly Weekday[] = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const shortNames: Record<string, Weekday> = {
  Sun: 'SU',
  Mon: 'MO',
  Tue: 'TU',
  Wed: 'WE',
  Thu: 'TH',
  Fri: 'FR',
  Sat: 'SA',
};

const formatter = zoneFormatter({
  weekday: 'short',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A wall-clock moment: weekday, date (`YYYY-MM-DD`) and minute of the day. */
export interface LocalTime {
  weekday: Weekday;
  date: string;
  minutes: number;
}

/** Wall-clock weekday, date and minute of the day at `at` in `timeZone` (DST included). */
export function localTime(at: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const weekday = shortNames[parts.weekday ?? ''] ?? 'MO';
  return {
    weekday,
    date: `${parts.year ?? ''}-${parts.month ?? ''}-${parts.day ?? ''}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const previousDay = (day: Weekday): Weekday => weekdays[(weekdays.indexOf(day) + 6) % 7] ?? day;

/**
 * Whether a resource is open at `at`, reading its weekly rules in its own time zone. Hours that
 * close at or before they open run past midnight into the next day.
 */
export function isOpenAt(schedule: Schedule, at: Date): boolean {
  return schedule.open24x7 === true || isOpenAtLocal(schedule, localTime(at, schedule.timeZone));
}

/**
 * `isOpenAt` for a wall-clock time already read in the schedule's time zone, so that a search
 * over thousands of schedules reads the clock once per zone rather than once per resource.
 */
export function isOpenAtLocal(schedule: Schedule, now: LocalTime): boolean {
  if (schedule.open24x7) return true;
  return schedule.rules.some((rule) => {
    if (rule.validFrom && now.date < rule.validFrom) return false;
    if (rule.validTo && now.date > rule.validTo) return false;
    const opens = toMinutes(rule.opensAt);
    const closes = toMinutes(rule.closesAt);
    if (closes > opens) return rule.byDay.includes(now.weekday) && now.minutes >= opens && now.minutes < closes;
    return (
      (rule.byDay.includes(now.weekday) && now.minutes >= opens) ||
      (rule.byDay.includes(previousDay(now.weekday)) && now.minutes < closes)
    );
  });
}
