// The picker's words for numbers, times, hours, fees and capacity: pure functions of the values
// and of the element's localizer, so every render module says them the same way.
import type { Resource, Weekday } from '@peerlink/sdk';
import type { LocalizeController } from '../base/localize.js';
import { elapsed } from '../base/relative-time.js';
import { languageLabel } from './labels.js';
import type { ReferralPickerMessageKey } from './referral-picker.messages.js';

/** The picker's localizer: messages from its catalog, Intl in its language. */
export type PickerI18n = LocalizeController<ReferralPickerMessageKey>;

const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

/** Capacity figures older than this are shown as stale. */
const STALE_MS = 24 * 60 * 60 * 1000;

/**
 * Only web links become links: a host's own `resources` list is not checked by the service, and
 * a `javascript:` URL would run when clicked.
 */
export const isWebUrl = (url: string): boolean => /^https?:\/\//i.test(url.trim());

/** "Dec 1, 2026, 9:00 AM". */
export function dateTime(i18n: PickerI18n, value: string | Date): string {
  return i18n.date(value, DATE_TIME);
}

export function km(i18n: PickerI18n, value: number): string {
  return i18n.number(value, { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 });
}

export function languageName(i18n: PickerI18n, tag: string): string {
  return languageLabel(tag, i18n.lang);
}

/** "10 resources", "1 resource", "No resources match." */
export function countText(i18n: PickerI18n, total: number): string {
  if (total === 0) return i18n.term('picker.count.none');
  return total === 1 ? i18n.term('picker.count.one') : i18n.term('picker.count.other', { count: total });
}

/** "Central Time", as the language says it at `at`; the IANA name when Intl has no name for it. */
export function zoneName(i18n: PickerI18n, timeZone: string, at: Date): string {
  try {
    const format = new Intl.DateTimeFormat(i18n.lang, { timeZone, timeZoneName: 'longGeneric' });
    return format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** "9:00 AM" for "09:00". */
export function timeOfDay(i18n: PickerI18n, time: string): string {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return i18n.date(Date.UTC(2024, 0, 1, hours, minutes), { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
}

/** "Mon–Fri", "Sat, Sun": runs of three or more days are shortened. */
export function daysText(i18n: PickerI18n, days: readonly Weekday[]): string {
  const indexes = WEEKDAYS.map((day, index) => (days.includes(day) ? index : -1)).filter((index) => index >= 0);
  // 1 January 2024 was a Monday.
  const name = (index: number) => i18n.date(Date.UTC(2024, 0, 1 + index, 12), { weekday: 'short', timeZone: 'UTC' });
  const runs: number[][] = [];
  for (const index of indexes) {
    const last = runs.at(-1);
    if (last?.at(-1) === index - 1) last.push(index);
    else runs.push([index]);
  }
  return runs
    .map((run) => (run.length >= 3 ? `${name(run[0] ?? 0)}–${name(run.at(-1) ?? 0)}` : run.map(name).join(', ')))
    .join(', ');
}

export function feesText(i18n: PickerI18n, resource: Resource): string {
  const { fees } = resource;
  const parts = [i18n.term(fees.acceptsMedicaid ? 'picker.fee.medicaid' : 'picker.fee.noMedicaid')];
  if (fees.acceptsMedicare) parts.push(i18n.term('picker.fee.medicare'));
  if (fees.free) parts.push(i18n.term('picker.fee.free'));
  if (fees.slidingScale) parts.push(i18n.term('picker.fee.sliding'));
  if (fees.notes) parts.push(fees.notes);
  return parts.join(' · ');
}

export function capacityText(i18n: PickerI18n, resource: Resource): string {
  const capacity = resource.capacity;
  const available = capacity?.available;
  if (!capacity || available === undefined || available === null) return i18n.term('picker.capacity.unknown');
  const text =
    capacity.total === undefined
      ? i18n.term('picker.capacity.open', { available })
      : i18n.term('picker.capacity.of', { available, total: capacity.total });
  if (!capacity.updatedAt) return text;
  return `${text} (${i18n.term('picker.capacity.updated', { time: dateTime(i18n, capacity.updatedAt) })})`;
}

/** How old a capacity report is: "updated 2 hours ago", its exact time, and whether it is stale. */
export interface CapacityAge {
  readonly text: string;
  /** "Dec 1, 2026, 9:00 AM", for the title. */
  readonly exact: string;
  /** Older than a day. */
  readonly stale: boolean;
}

/** The age of capacity figures reported at `updatedAt`, as of `now`; undefined for an unreadable time. */
export function capacityAge(i18n: PickerI18n, updatedAt: string, now: Date): CapacityAge | undefined {
  const at = Date.parse(updatedAt);
  if (Number.isNaN(at)) return undefined;
  const { value, unit } = elapsed(at, now.getTime());
  return {
    text: i18n.term('picker.capacity.updated', { time: i18n.relativeTime(value, unit) }),
    exact: dateTime(i18n, updatedAt),
    stale: now.getTime() - at > STALE_MS,
  };
}
