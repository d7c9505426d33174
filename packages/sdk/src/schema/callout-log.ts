import * as z from 'zod/mini';
import { InvestigatorRole } from './incident.js';
import { calloutLogStatuses } from './machines.js';
import { DateOnly, Id, PageQuery, Timestamp, list, set, text } from './primitives.js';

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

/** The professional the peer checked in with on arrival. */
export const CheckIn = z.strictObject({
  investigatorName: text(1, 120),
  investigatorRole: InvestigatorRole,
  agencyName: text(1, 200),
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
  /** The peer's account of the call-out; checked for personal information before it is stored. */
  narrative: text(0, 5000),
  /** Goes to the lead investigators only (intelligence offered at the scene), never into the narrative. */
  investigatorNote: z.optional(text(0, 2000)),
};

/** Everything a submitted log must contain. */
export const CalloutLogContent = z.strictObject(contentFields);
export type CalloutLogContent = z.infer<typeof CalloutLogContent>;

/** A draft may be incomplete; each field present must still be valid. */
export const CalloutLogDraft = z.partial(CalloutLogContent);
export type CalloutLogDraft = z.infer<typeof CalloutLogDraft>;

export const CalloutReview = z.object({
  decision: z.enum(['approve', 'return']),
  comment: z.optional(text(0, 2000)),
  reviewerId: z.nullable(Id),
  at: Timestamp,
});
export type CalloutReview = z.infer<typeof CalloutReview>;

export const CalloutLog = z.object({
  id: Id,
  agencyId: Id,
  dispatchId: Id,
  specialistId: z.nullable(Id),
  status: CalloutLogStatus,
  content: CalloutLogDraft,
  submittedAt: z.nullable(Timestamp),
  reviews: list(CalloutReview, 50),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().check(z.int(), z.gte(1)),
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
  expectedVersion: z.optional(z.number().check(z.int(), z.gte(1))),
});
export type UpdateCalloutLogRequest = z.infer<typeof UpdateCalloutLogRequest>;

/** Body of `POST /v1/callout-logs/{id}/submit`. The stored content must be complete. */
export const SubmitCalloutLogRequest = z.strictObject({
  expectedVersion: z.optional(z.number().check(z.int(), z.gte(1))),
});
export type SubmitCalloutLogRequest = z.infer<typeof SubmitCalloutLogRequest>;

/** Body of `POST /v1/callout-logs/{id}/review`. Returning a log needs a comment. */
export const ReviewCalloutLogRequest = z
  .strictObject({
    decision: z.enum(['approve', 'return']),
    comment: z.optional(text(0, 2000)),
  })
  .check(
    z.refine((body: { decision: string; comment?: string }) => body.decision !== 'return' || Boolean(body.comment), {
      message: 'Required when returning a log',
      path: ['comment'],
    }),
  );
export type ReviewCalloutLogRequest = z.infer<typeof ReviewCalloutLogRequest>;

export const CalloutLogListQuery = z.strictObject({
  status: z.optional(CalloutLogStatus),
  dispatchId: z.optional(Id),
  ...PageQuery,
});
export type CalloutLogListQuery = z.infer<typeof CalloutLogListQuery>;
