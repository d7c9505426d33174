import * as z from 'zod/mini';
import { agencyRecord, listQuery } from './fields.js';
import { Actor, Id, Origin, Timestamp } from './primitives.js';

/**
 * `keep-pii`: the author submitted a log keeping personal information the detector found.
 * `replay`: a retried write (same `Idempotency-Key`) was answered with the first result.
 * `denied`: the request was refused (403, or 404 for a record the caller may not see).
 * `revoke`: a person's consent was revoked.
 * A `list` appends one event per record shown, or one without a record when none was.
 */
export const AuditAction = z.enum([
  'read',
  'list',
  'create',
  'update',
  'transition',
  'review',
  'export',
  'delete',
  'keep-pii',
  'replay',
  'denied',
  'revoke',
  'import',
]);

export const AuditRecordType = z.enum([
  'callout-log',
  'referral',
  'consent',
  'credential',
  'dispatch',
  'api-key',
  'agency',
  'specialist',
  'rotation',
  'override',
  'escalation-policy',
  'resource',
  'rule-set',
  'report',
]);

/** Append-only: who read or changed what, when, from which embedding host. */
export const AuditEvent = z.object({
  ...agencyRecord,
  at: Timestamp,
  actor: Actor,
  hostOrigin: z.nullable(Origin),
  action: AuditAction,
  recordType: AuditRecordType,
  recordId: z.nullable(Id),
  requestId: z.nullable(z.string().check(z.maxLength(100))),
  /** The names of the fields a change touched (never their values: secrets and contacts stay out of the trail). */
  fields: z.optional(z.array(z.string().check(z.maxLength(100))).check(z.maxLength(100))),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditListQuery = listQuery({ recordType: AuditRecordType, recordId: Id, since: Timestamp });
export type AuditListQuery = z.infer<typeof AuditListQuery>;
