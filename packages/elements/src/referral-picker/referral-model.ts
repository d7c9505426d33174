// The picker's plain functions: the search query its filters stand for, and the referral its
// consent form stands for, checked by the contract before anything is sent.
import * as z from 'zod/mini';
import {
  ConsentScope,
  CreateReferralRequest,
  toFieldErrors,
  type FieldError,
  type GeoPoint,
  type Resource,
  type ResourceCategory,
  type ResourceSearchQuery,
  type ResourceSetting,
} from '@peerlink/sdk';

/** The chips pressed. Values inside one group widen the search (OR); groups narrow it (AND). */
export interface PickerFilters {
  readonly categories: readonly ResourceCategory[];
  readonly openNow: boolean;
  readonly medicaid: boolean;
  readonly free: boolean;
  readonly capacity: boolean;
  readonly languages: readonly string[];
  /** Only with a `near` point. */
  readonly radiusKm?: number;
  readonly settings: readonly ResourceSetting[];
  readonly stages: readonly number[];
}

export const NO_FILTERS: PickerFilters = {
  categories: [],
  openNow: false,
  medicaid: false,
  free: false,
  capacity: false,
  languages: [],
  settings: [],
  stages: [],
};

/** Whether any chip is pressed. */
export function filtering(filters: PickerFilters): boolean {
  return (
    filters.categories.length > 0 ||
    filters.openNow ||
    filters.medicaid ||
    filters.free ||
    filters.capacity ||
    filters.languages.length > 0 ||
    filters.radiusKm !== undefined ||
    filters.settings.length > 0 ||
    filters.stages.length > 0
  );
}

/** `list` with `value` added, or taken out when it is there. */
export function toggled<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
}

/**
 * The directory query for what is typed and pressed. `openAt` is sent only for a fixed `now`
 * (otherwise the service's clock decides what is open now).
 */
export function searchQuery(
  text: string,
  filters: PickerFilters,
  near: GeoPoint | undefined,
  now?: Date,
): ResourceSearchQuery {
  const q = text.trim().slice(0, 200);
  return {
    ...(q ? { q } : {}),
    ...(filters.categories.length > 0 ? { categories: [...filters.categories] } : {}),
    ...(filters.openNow ? { openNow: true, ...(now ? { openAt: now.toISOString() } : {}) } : {}),
    ...(filters.languages.length > 0 ? { languages: [...filters.languages] } : {}),
    ...(filters.medicaid ? { medicaid: true } : {}),
    ...(filters.free ? { free: true } : {}),
    ...(filters.capacity ? { capacity: true } : {}),
    ...(near
      ? { lat: near.lat, lon: near.lon, ...(filters.radiusKm === undefined ? {} : { radiusKm: filters.radiusKm }) }
      : {}),
    ...(filters.settings.length > 0 ? { settings: [...filters.settings] } : {}),
    ...(filters.stages.length > 0 ? { interceptStages: [...filters.stages] } : {}),
  };
}

export const CONSENT_SCOPES = ConsentScope.options;
export const CONSENT_METHODS = ['written', 'electronic', 'verbal'] as const;
export const URGENCIES = ['routine', 'urgent', 'emergent'] as const;

/** The fields of the consent form, by the path of the request field each one fills in. */
export type ConsentFieldPath =
  | 'personRef'
  | 'consent.recipient'
  | 'consent.purpose'
  | 'consent.scope'
  | 'consent.expiresAt'
  | 'consent.method'
  | 'consent.witnessedBy'
  | 'needs'
  | 'urgency'
  | 'consent.part2NoticeAcknowledged';

/** The consent form as it is filled in. */
export interface ConsentDraft {
  personRef: string;
  recipient: string;
  purpose: string;
  scope: readonly ConsentScope[];
  /** `YYYY-MM-DD`; the consent lasts to the end of that day, on this device's clock. */
  expires: string;
  method: '' | (typeof CONSENT_METHODS)[number];
  witnessedBy: string;
  needs: readonly ResourceCategory[];
  urgency: (typeof URGENCIES)[number];
  acknowledged: boolean;
}

/** `YYYY-MM-DD` of a local date. */
export function dateInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The last second of a `YYYY-MM-DD` day in local time, as an ISO timestamp; undefined when not a date. */
export function endOfDay(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * A new form for `resource`: the organization as recipient, its categories as needs, consent for
 * a year, and nothing the person has to decide (method, notice) filled in for them.
 */
export function newDraft(resource: Resource, purpose: string, now: Date): ConsentDraft {
  const expires = new Date(now);
  expires.setFullYear(expires.getFullYear() + 1);
  return {
    personRef: '',
    recipient: resource.organization.name,
    purpose,
    scope: ['share-with-resource'],
    expires: dateInput(expires),
    method: '',
    witnessedBy: '',
    needs: [...resource.categories],
    urgency: 'routine',
    acknowledged: false,
  };
}

export type ReferralCheck =
  { request: CreateReferralRequest; errors?: undefined } | { request?: undefined; errors: FieldError[] };

/**
 * The referral the form stands for, or why there is none yet: the contract's errors, by the
 * request's field paths, and what the form asks besides (recipient and purpose, a witness for
 * verbal consent, an expiry after now — which the contract checks only once all else is valid).
 */
export function referralRequest(
  draft: ConsentDraft,
  resource: Resource,
  now: Date,
  dispatchId?: string,
): ReferralCheck {
  const trim = (value: string) => value.trim();
  const expiresAt = endOfDay(draft.expires);
  const body = {
    personRef: trim(draft.personRef),
    resourceId: resource.id,
    needs: [...draft.needs],
    urgency: draft.urgency,
    consent: {
      scope: [...draft.scope],
      method: draft.method === '' ? undefined : draft.method,
      grantedAt: now.toISOString(),
      expiresAt: expiresAt ?? '',
      part2NoticeAcknowledged: draft.acknowledged,
      ...(trim(draft.recipient) ? { recipient: trim(draft.recipient) } : {}),
      ...(trim(draft.purpose) ? { purpose: trim(draft.purpose) } : {}),
      ...(draft.method === 'verbal' && trim(draft.witnessedBy) ? { witnessedBy: trim(draft.witnessedBy) } : {}),
    },
    ...(dispatchId ? { dispatchId } : {}),
  };
  // The form's own checks first: for a field left empty, "required" says more than the contract's rule.
  const errors: FieldError[] = [];
  const required = (path: ConsentFieldPath, value: string) => {
    if (!trim(value)) errors.push({ path, message: 'Required', code: 'required' });
  };
  required('personRef', draft.personRef);
  required('consent.recipient', draft.recipient);
  required('consent.purpose', draft.purpose);
  if (draft.method === 'verbal') required('consent.witnessedBy', draft.witnessedBy);
  if (expiresAt === undefined) errors.push({ path: 'consent.expiresAt', message: 'Required', code: 'required' });
  else if (Date.parse(expiresAt) <= now.getTime())
    errors.push({ path: 'consent.expiresAt', message: 'Must be after grantedAt', code: 'custom' });
  const parsed = z.safeParse(CreateReferralRequest, body);
  if (!parsed.success) errors.push(...toFieldErrors(parsed.error.issues, body));
  const unique = errors.filter((error, index) => errors.findIndex((other) => other.path === error.path) === index);
  if (unique.length > 0 || !parsed.success) return { errors: unique };
  return { request: parsed.data };
}
