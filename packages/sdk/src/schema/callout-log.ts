import * as z from 'zod/mini';
import { piiKinds } from '../pii/kinds.js';
import { agencyName, agencyRecord, expectedVersion, listQuery, professionalName, revision, version } from './fields.js';
import { InvestigatorRole } from './incident.js';
import { calloutLogStatuses } from './machines.js';
import { DateOnly, Id, Timestamp, list, set, text } from './primitives.js';

export const CalloutLogStatus = z.enum(calloutLogStatuses);
export type CalloutLogStatus = z.infer<typeof CalloutLogStatus>;

/** Times of the call-out, in the order they happen. */
export const CalloutTimes = z
  .strictObject({
    dispatchedAt: Timestamp,
    arrivedAt: Timestamp,
    checkedInAt: Timestamp,
    enteredSceneAt: z.optional(Timestamp),
    clearedAt: Timestamp,
  })
  .check(
    z.superRefine((times, ctx) => {
      const order = ['dispatchedAt', 'arrivedAt', 'checkedInAt', 'enteredSceneAt', 'clearedAt'] as const;
      let previous: { key: string; at: number } | undefined;
      for (const key of order) {
        const value = times[key];
        if (value === undefined) continue;
        const at = Date.parse(value);
        if (previous && at < previous.at) {
          ctx.issues.push({
            code: 'custom',
            message: `Must not be before ${previous.key}`,
            path: [key],
            input: value,
          });
        }
        previous = { key, at };
      }
    }),
  );
export type CalloutTimes = z.infer<typeof CalloutTimes>;

/** The professional the peer checked in with on arrival: a lead investigator, under the log's field names. */
export const CheckIn = z.strictObject({
  investigatorName: professionalName,
  investigatorRole: InvestigatorRole,
  agencyName,
});
export type CheckIn = z.infer<typeof CheckIn>;

export const SceneType = z.enum([
  'private-residence',
  'public-place',
  'business',
  'vehicle',
  'outdoors',
  'hospital',
  'jail',
  'other',
]);

export const PersonServedRole = z.enum([
  'person-in-crisis',
  'overdose-survivor',
  'family-member',
  'partner',
  'friend',
  'neighbor',
  'witness',
  'bystander',
  'other',
]);

export const AgeBand = z.enum(['under-18', '18-25', '26-40', '41-64', '65-plus', 'unknown']);

/** People served are counted by role and age band, never named. */
export const PeopleServed = z.strictObject({
  role: PersonServedRole,
  ageBand: AgeBand,
  count: z.number().check(z.int(), z.gte(1), z.lte(100)),
});
export type PeopleServed = z.infer<typeof PeopleServed>;

export const SupportType = z.enum(['emotional', 'informational', 'instrumental', 'affiliational']);

export const HarmReduction = z.strictObject({
  naloxoneAdministered: z.number().check(z.int(), z.gte(0), z.lte(20)),
  naloxoneLeftBehind: z.number().check(z.int(), z.gte(0), z.lte(50)),
  fentanylTestStrips: z.number().check(z.int(), z.gte(0), z.lte(500)),
  saferUseSupplies: z.boolean(),
});
export type HarmReduction = z.infer<typeof HarmReduction>;

export const ServicesDelivered = z.strictObject({
  support: set(SupportType, 4),
  harmReduction: HarmReduction,
});
export type ServicesDelivered = z.infer<typeof ServicesDelivered>;

export const Transport = z.strictObject({
  kind: z.enum(['none', 'escort', 'transport']),
  destinationType: z.optional(
    z.enum(['emergency-department', 'detox', 'treatment', 'crisis-center', 'home', 'shelter', 'other']),
  ),
});
export type Transport = z.infer<typeof Transport>;

export const CalloutOutcome = z.enum([
  'services-accepted',
  'services-declined',
  'information-only',
  'no-contact',
  'scene-not-entered',
  'other',
]);

export const FollowUp = z.strictObject({
  planned: z.boolean(),
  date: z.optional(DateOnly),
  plan: z.optional(text(0, 1000)),
});
export type FollowUp = z.infer<typeof FollowUp>;

const contentFields = {
  times: CalloutTimes,
  checkIn: CheckIn,
  sceneType: SceneType,
  peopleServed: list(PeopleServed, 50),
  services: ServicesDelivered,
  referralIds: set(Id, 20),
  transport: Transport,
  outcome: CalloutOutcome,
  followUp: FollowUp,
  /** The peer's account of the call-out; checked for personal information when submitted. */
  narrative: text(0, 5000),
  /**
   * Intelligence offered at the scene, for the lead investigators; never checked for personal
   * information (names belong here) and never in the narrative. Read by investigators and
   * supervisors; the author reads it only until the log is first submitted.
   */
  investigatorNote: z.optional(text(0, 2000)),
};

/** Everything a submitted log must contain. */
export const CalloutLogContent = z.strictObject(contentFields);
export type CalloutLogContent = z.infer<typeof CalloutLogContent>;

/** A draft may be incomplete; each field present must still be valid. */
export const CalloutLogDraft = z.partial(CalloutLogContent);
export type CalloutLogDraft = z.infer<typeof CalloutLogDraft>;

/** Kinds of personal information `detectPii` finds. */
export const PiiKind = z.enum(piiKinds);
export type PiiKind = z.infer<typeof PiiKind>;

/** Free-text fields that go to the supervisor: checked for personal information on submit. */
export const piiCheckedFields = ['narrative', 'followUp.plan'] as const;
export const PiiCheckedField = z.enum(piiCheckedFields);
export type PiiCheckedField = z.infer<typeof PiiCheckedField>;

/** The author keeps a finding (named by `findingKey`) in a field instead of redacting it. */
export const PiiKeepDecision = z.strictObject({
  field: PiiCheckedField,
  key: text(1, 200),
});
export type PiiKeepDecision = z.infer<typeof PiiKeepDecision>;

/**
 * A finding that was kept when the log was submitted, at `[start, end)` of the field's text.
 * `key` holds the normalized text itself, so it is shown only to roles that read the field.
 */
export const PiiKeptFinding = z.object({
  field: PiiCheckedField,
  kind: PiiKind,
  key: z.string().check(z.maxLength(200)),
  start: z.number().check(z.int(), z.gte(0), z.lte(5000)),
  end: z.number().check(z.int(), z.gte(1), z.lte(5000)),
});
export type PiiKeptFinding = z.infer<typeof PiiKeptFinding>;

/** One submission to the supervisor: the version it made and the findings kept in it. */
export const CalloutSubmission = z.object({
  version,
  at: Timestamp,
  piiKept: list(PiiKeptFinding, 1000),
});
export type CalloutSubmission = z.infer<typeof CalloutSubmission>;

// Paths into the content a reviewer may comment on; list items by index (`peopleServed.0.count`).
const fieldPathPattern =
  /^(?:times(?:\.(?:dispatchedAt|arrivedAt|checkedInAt|enteredSceneAt|clearedAt))?|checkIn(?:\.(?:investigatorName|investigatorRole|agencyName))?|sceneType|peopleServed(?:\.\d{1,2}(?:\.(?:role|ageBand|count))?)?|services(?:\.(?:support|harmReduction(?:\.(?:naloxoneAdministered|naloxoneLeftBehind|fentanylTestStrips|saferUseSupplies))?))?|referralIds(?:\.\d{1,2})?|transport(?:\.(?:kind|destinationType))?|outcome|followUp(?:\.(?:planned|date|plan))?|narrative|investigatorNote)$/;

/** A content field path such as `times.arrivedAt`, `narrative` or `peopleServed.0.count`. */
export const CalloutFieldPath = z
  .string()
  .check(
    z.maxLength(80),
    z.regex(fieldPathPattern, 'Expected a field of the log, such as "times.arrivedAt" or "narrative"'),
  );

/** A reviewer's comment on one field, shown next to it when the author edits the log. */
export const FieldComment = z.strictObject({
  path: CalloutFieldPath,
  comment: text(1, 1000),
});
export type FieldComment = z.infer<typeof FieldComment>;

/** One review of one submitted version. */
export const CalloutReview = z.object({
  decision: z.enum(['approve', 'return']),
  comment: z.optional(text(0, 2000)),
  fieldComments: z.optional(list(FieldComment, 50)),
  reviewerId: z.nullable(Id),
  /** The version of the log that was reviewed (the one its submission made). */
  version,
  at: Timestamp,
});
export type CalloutReview = z.infer<typeof CalloutReview>;

export const CalloutLog = z.object({
  ...agencyRecord,
  dispatchId: Id,
  specialistId: z.nullable(Id),
  status: CalloutLogStatus,
  content: CalloutLogDraft,
  submittedAt: z.nullable(Timestamp),
  /** Every submission, oldest first; with `reviews` the whole submit → return → resubmit history. */
  submissions: list(CalloutSubmission, 50),
  /** Every review, oldest first. */
  reviews: list(CalloutReview, 50),
  /** Findings kept in the content as last submitted (empty before the first submit). */
  piiKept: list(PiiKeptFinding, 1000),
  ...revision,
});
export type CalloutLog = z.infer<typeof CalloutLog>;

/** Body of `POST /v1/callout-logs`. */
export const CreateCalloutLogRequest = z.strictObject({
  dispatchId: Id,
  content: CalloutLogDraft,
});
export type CreateCalloutLogRequest = z.infer<typeof CreateCalloutLogRequest>;

/** Body of `PATCH /v1/callout-logs/{id}`: replaces the draft content. */
export const UpdateCalloutLogRequest = z.strictObject({
  content: CalloutLogDraft,
  expectedVersion,
});
export type UpdateCalloutLogRequest = z.infer<typeof UpdateCalloutLogRequest>;

/**
 * Body of `POST /v1/callout-logs/{id}/submit`. The stored content must be complete, and every
 * finding of `detectPii` in the checked fields must be redacted or listed in `keep`.
 */
export const SubmitCalloutLogRequest = z.strictObject({
  expectedVersion,
  keep: z.optional(list(PiiKeepDecision, 200)),
});
export type SubmitCalloutLogRequest = z.infer<typeof SubmitCalloutLogRequest>;

/** Body of `POST /v1/callout-logs/{id}/review`. Returning a log needs a comment or a field comment. */
export const ReviewCalloutLogRequest = z
  .strictObject({
    decision: z.enum(['approve', 'return']),
    comment: z.optional(text(0, 2000)),
    fieldComments: z.optional(list(FieldComment, 50)),
  })
  .check(
    z.refine(
      (body: { decision: string; comment?: string; fieldComments?: readonly unknown[] }) =>
        body.decision !== 'return' || Boolean(body.comment) || (body.fieldComments?.length ?? 0) > 0,
      { message: 'Required when returning a log without field comments', path: ['comment'] },
    ),
  );
export type ReviewCalloutLogRequest = z.infer<typeof ReviewCalloutLogRequest>;

export const CalloutLogListQuery = listQuery({
  status: CalloutLogStatus,
  dispatchId: Id,
  /** `newest` (the default) lists the most recently changed first; `oldest` the longest waiting first (a review queue). */
  order: z.enum(['newest', 'oldest']),
});
export type CalloutLogListQuery = z.infer<typeof CalloutLogListQuery>;
