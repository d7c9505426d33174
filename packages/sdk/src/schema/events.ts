import * as z from 'zod/mini';
import { CalloutLogStatus } from './callout-log.js';
import { Dispatch } from './dispatch.js';
import { AreaCode } from './agency.js';
import { Id, Timestamp } from './primitives.js';
import { ReferralStatus } from './referral.js';

/** A callout-log change as the event stream carries it: status only, never narrative or notes. */
export const CalloutLogChange = z.object({
  id: Id,
  dispatchId: Id,
  specialistId: z.nullable(Id),
  status: CalloutLogStatus,
  updatedAt: Timestamp,
});

export const ReferralChange = z.object({
  id: Id,
  resourceId: Id,
  status: ReferralStatus,
  updatedAt: Timestamp,
});

/**
 * A change to the on-call schedule: which area, and which rotation or override changed, never who.
 * `id` is the agency's (the schedule is one per agency), so a watch follows it as one record.
 */
export const ScheduleChange = z.object({
  id: Id,
  area: AreaCode,
  kind: z.enum(['rotation', 'override']),
  recordId: Id,
  updatedAt: Timestamp,
});
export type ScheduleChange = z.infer<typeof ScheduleChange>;

const envelope = { id: z.string().check(z.maxLength(40)), at: Timestamp };

/** One message of `GET /v1/events` (Server-Sent Events); `id` resumes with `Last-Event-ID`. */
export const PeerEvent = z.discriminatedUnion('type', [
  z.object({ ...envelope, type: z.literal('dispatch.created'), data: Dispatch }),
  z.object({ ...envelope, type: z.literal('dispatch.updated'), data: Dispatch }),
  z.object({ ...envelope, type: z.literal('callout-log.updated'), data: CalloutLogChange }),
  z.object({ ...envelope, type: z.literal('referral.updated'), data: ReferralChange }),
  z.object({ ...envelope, type: z.literal('schedule.updated'), data: ScheduleChange }),
]);
export type PeerEvent = z.infer<typeof PeerEvent>;
export type PeerEventType = PeerEvent['type'];

export const EventStreamQuery = z.strictObject({
  /** Only events about this record (a dispatch, callout log or referral id). */
  recordId: z.optional(Id),
});
export type EventStreamQuery = z.infer<typeof EventStreamQuery>;
