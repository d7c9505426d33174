import * as z from 'zod/mini';
import { AreaCode } from './agency.js';
import { DispatchEscalation } from './escalation.js';
import { agencyRecord, expectedVersion, listQuery, requiredWhenMovingTo, revision } from './fields.js';
import { CallForService, CallForServiceInput, LeadInvestigator } from './incident.js';
import { dispatchStatuses } from './machines.js';
import { Actor, Id, Timestamp, list, text } from './primitives.js';

export const DispatchStatus = z.enum(dispatchStatuses);
export type DispatchStatus = z.infer<typeof DispatchStatus>;

export const TimelineEntry = z.object({
  status: DispatchStatus,
  at: Timestamp,
  actor: Actor,
  /** The specialist the step concerns (who was notified, who acknowledged). */
  specialistId: z.optional(z.nullable(Id)),
  /** That specialist's display name, as dispatchers see it in the on-call list; never contacts. */
  specialistName: z.optional(text(1, 80)),
  note: z.optional(text(0, 500)),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** One duty call-out for one call for service. */
export const Dispatch = z.object({
  ...agencyRecord,
  callForService: CallForService,
  status: DispatchStatus,
  area: AreaCode,
  /** Who the call-out currently rests with; null when nobody is on call. */
  specialistId: z.nullable(Id),
  /** Display name of who the call-out rests with, so the dispatcher sees who is notified; never contacts. */
  specialistName: z.optional(z.nullable(text(1, 80))),
  /** The level of the escalation policy notified now, from 0; with the default policy 0: primary, 1: backup, 2: supervisor. */
  escalationLevel: z.number().check(z.int(), z.gte(0), z.lte(5)),
  /** The escalation policy version this call-out follows to its end; absent on call-outs made before policies. */
  escalationPolicy: z.optional(DispatchEscalation),
  /** When an unacknowledged notification escalates; null once acknowledged or ended. */
  ackDueAt: z.nullable(Timestamp),
  checkIn: z.optional(z.nullable(LeadInvestigator)),
  timeline: list(TimelineEntry, 200),
  ...revision,
});
export type Dispatch = z.infer<typeof Dispatch>;

/** Body of `POST /v1/dispatches`. */
export const CreateDispatchRequest = z.strictObject({
  callForService: CallForServiceInput,
  /** Defaults to the call's location area, then the agency's default area. */
  area: z.optional(AreaCode),
  note: z.optional(text(0, 500)),
});
export type CreateDispatchRequest = z.infer<typeof CreateDispatchRequest>;

/** Body of `POST /v1/dispatches/{id}/transitions`. */
export const DispatchTransitionRequest = z
  .strictObject({
    to: DispatchStatus,
    note: z.optional(text(0, 500)),
    /** Required when moving to `checked-in`: who the peer checked in with. */
    checkIn: z.optional(LeadInvestigator),
    /** Reject the change if the dispatch has moved on since this version. */
    expectedVersion,
  })
  .check(requiredWhenMovingTo('checked-in', 'checkIn', 'Required when checking in with the lead investigator'));
export type DispatchTransitionRequest = z.infer<typeof DispatchTransitionRequest>;

export const DispatchListQuery = listQuery({ status: DispatchStatus, externalId: text(1, 64) });
export type DispatchListQuery = z.infer<typeof DispatchListQuery>;

/** Body of `POST /v1/ack/{token}`: the responder's answer from the notification link. */
export const AcknowledgementRequest = z.strictObject({
  decision: z.enum(['acknowledge', 'decline']),
});
export type AcknowledgementRequest = z.infer<typeof AcknowledgementRequest>;
