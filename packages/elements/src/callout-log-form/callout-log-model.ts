// The form's working copy of a call-out log and the plain functions around it: prefill from the
// call-out's timeline, dotted-path reads and writes, the contract's field errors, the stored draft.
import * as z from 'zod/mini';
import { CalloutLogContent, PiiKeepDecision, piiCheckedFields, toFieldErrors, type Dispatch, type DispatchStatus, type FieldError, type PiiCheckedField } from '@peerlink/sdk';

/** A log's content while it is written: shaped like the contract's, any part possibly missing. */
export type Content = Record<string, unknown>;

export const TIME_FIELDS = ['dispatchedAt', 'arrivedAt', 'checkedInAt', 'enteredSceneAt', 'clearedAt'] as const;

/** The timeline step each time is read from. */
const TIME_SOURCES: Readonly<Record<(typeof TIME_FIELDS)[number], DispatchStatus>> = {
  dispatchedAt: 'requested',
  arrivedAt: 'on-scene',
  checkedInAt: 'checked-in',
  enteredSceneAt: 'engaged',
  clearedAt: 'cleared',
};

/** Fields the contract lets the peer leave empty; their labels say so while editing, not when read. */
export const OPTIONAL_FIELDS: readonly string[] = ['times.enteredSceneAt', 'investigatorNote'];

/** Free-text fields checked for personal information before a log is submitted (as the service does). */
export const GUARDED: readonly PiiCheckedField[] = piiCheckedFields;
export type GuardedField = PiiCheckedField;

/** A new log: times and check-in from the call-out when known, counts at zero, nothing chosen. */
export function newContent(dispatch?: Dispatch): Content {
  const times: Content = {};
  for (const field of TIME_FIELDS) {
    const at = dispatch?.timeline.find((entry) => entry.status === TIME_SOURCES[field])?.at;
    if (at) times[field] = at;
  }
  const known = dispatch?.checkIn ?? dispatch?.callForService.leadInvestigator;
  return {
    times,
    ...(known ? { checkIn: { investigatorName: known.name, investigatorRole: known.role, agencyName: known.agencyName } } : {}),
    peopleServed: [],
    services: { support: [], harmReduction: { naloxoneAdministered: 0, naloxoneLeftBehind: 0, fentanylTestStrips: 0, saferUseSupplies: false } },
    referralIds: [],
    transport: { kind: 'none' },
    followUp: { planned: false },
    narrative: '',
  };
}

const split = (path: string): string[] => (path ? path.split('.') : []);
const isContainer = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** The value at a dotted path (`peopleServed.0.count`). */
export function getIn(value: unknown, path: string): unknown {
  let current = value;
  for (const key of split(path)) current = isContainer(current) ? Reflect.get(current, key) : undefined;
  return current;
}

/** A copy of `value` with `next` at `path`; `undefined` removes an object key. */
export function setIn(value: unknown, path: string, next: unknown): unknown {
  const [key, ...rest] = split(path);
  if (key === undefined) return next;
  const base: object = Array.isArray(value) ? [...(value as unknown[])] : isContainer(value) ? { ...value } : /^\d+$/.test(key) ? [] : {};
  const child = setIn(Reflect.get(base, key), rest.join('.'), next);
  if (child === undefined && !Array.isArray(base)) Reflect.deleteProperty(base, key);
  else Reflect.set(base, key, child);
  return base;
}

/** Where the control for a field path lives in the shadow root. */
export const fieldId = (path: string): string => `f-${path.replaceAll('.', '-')}`;

/** What the contract says is missing or wrong, by field path. */
export function contentErrors(content: Content): FieldError[] {
  const result = z.safeParse(CalloutLogContent, content);
  return result.success ? [] : toFieldErrors(result.error.issues, content);
}

/** An ISO time as a `datetime-local` value in the browser's time zone. */
export function toLocalInput(iso: unknown): string {
  const time = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(time)) return '';
  const date = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value as an ISO time; the previous time is kept when only its seconds would differ. */
export function fromLocalInput(value: string, previous: unknown): string | undefined {
  if (!value) return undefined;
  if (typeof previous === 'string' && toLocalInput(previous) === value) return previous;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** The draft kept on the device, by dispatch id; a device may hold one written by an older release. */
export const StoredDraft = z.object({
  content: z.record(z.string(), z.unknown()),
  keep: z.array(PiiKeepDecision),
  /** The version of the service's log the draft was started from. */
  baseVersion: z.optional(z.number()),
  /** A submit waiting in the outbox: `create` still has to be followed by the submit itself. */
  pending: z.optional(z.object({ step: z.enum(['create', 'submit']), key: z.string() })),
  savedAt: z.string(),
});
export type StoredDraft = z.infer<typeof StoredDraft>;

export const draftKey = (dispatchId: string): string => `callout-log:${dispatchId}`;
