// The form's working copy of a call-out log and the plain functions around it: prefill from the
// call-out's timeline, its typed field paths, the contract's field errors, the stored draft.
import * as z from 'zod/mini';
import {
  CalloutLogContent,
  PiiKeepDecision,
  piiCheckedFields,
  toFieldErrors,
  type Dispatch,
  type DispatchStatus,
  type FieldError,
  type PiiCheckedField,
} from '@peerlink/sdk';
import type { FieldPath } from '../base/fields/paths.js';
import type { ReviewDecision } from './callout-log-client.js';

/** What the form shows: the peer's editable log, a supervisor's review, or a read-only view. */
export type CalloutLogFormMode = 'edit' | 'review' | 'view';

/** Where the form is: reading, ready, waiting for the service, or waiting in the outbox. */
export type CalloutLogFormPhase = 'loading' | 'ready' | 'busy' | 'queued';

/**
 * A log's content while it is written: shaped like the contract's, any part possibly missing or
 * not yet valid (it holds what was typed), so it is read through {@link LogPath}s.
 */
export type Content = Record<string, unknown>;

/** A field of a log's content by its dotted path: `narrative`, `peopleServed.${number}.count`. */
export type LogPath = FieldPath<CalloutLogContent>;

/** The service puts content fields under `content.`; the form's paths start inside it. */
export const contentPath = (path: string): string => path.replace(/^content\./, '');

export const TIME_FIELDS = ['dispatchedAt', 'arrivedAt', 'checkedInAt', 'enteredSceneAt', 'clearedAt'] as const;
export type TimeField = (typeof TIME_FIELDS)[number];

/** The timeline step each time is read from. */
const TIME_SOURCES: Readonly<Record<TimeField, DispatchStatus>> = {
  dispatchedAt: 'requested',
  arrivedAt: 'on-scene',
  checkedInAt: 'checked-in',
  enteredSceneAt: 'engaged',
  clearedAt: 'cleared',
};

/** Fields the contract lets the peer leave empty; their labels say so while editing, not when read. */
export const OPTIONAL_FIELDS: readonly LogPath[] = ['times.enteredSceneAt', 'investigatorNote'];

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
    ...(known
      ? { checkIn: { investigatorName: known.name, investigatorRole: known.role, agencyName: known.agencyName } }
      : {}),
    peopleServed: [],
    services: {
      support: [],
      harmReduction: { naloxoneAdministered: 0, naloxoneLeftBehind: 0, fentanylTestStrips: 0, saferUseSupplies: false },
    },
    referralIds: [],
    transport: { kind: 'none' },
    followUp: { planned: false },
    narrative: '',
  };
}

/** What the contract says is missing or wrong, by field path. */
export function contentErrors(content: Content): FieldError[] {
  const result = z.safeParse(CalloutLogContent, content);
  return result.success ? [] : toFieldErrors(result.error.issues, content);
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

/** A change waiting in the outbox: a submit (kept in the draft across reloads) or a review. */
export type Pending = NonNullable<StoredDraft['pending']> | { step: 'review'; key: string; decision: ReviewDecision };
