import * as z from 'zod/mini';
import { ShiftPosition } from './agency.js';
import { Id, Label, PageQuery, Timestamp, list } from './primitives.js';

// Who a call-out reaches, in what order and how fast, as data a program can change: the levels
// of an on-call tool's escalation policy (PagerDuty, Opsgenie). Each call-out records the version
// of the policy it followed.

/** Someone a level notifies: whoever holds a position of the call-out's area now, every active peer of the area, or one person. */
export const EscalationTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('position'), position: ShiftPosition }),
  z.strictObject({ kind: z.literal('area-peers') }),
  z.strictObject({ kind: z.literal('specialist'), specialistId: Id }),
]);
export type EscalationTarget = z.infer<typeof EscalationTarget>;

export const EscalationLevel = z.strictObject({
  targets: list(EscalationTarget, 10, 1),
  /** How long this level has to acknowledge before the next is notified: 30 seconds to an hour. */
  timeoutSeconds: z.number().check(z.int(), z.gte(30), z.lte(3600)),
});
export type EscalationLevel = z.infer<typeof EscalationLevel>;

const policyFields = {
  name: Label,
  levels: list(EscalationLevel, 6, 1),
  /** How many times the whole policy runs again after its last level times out. */
  repeat: z.number().check(z.int(), z.gte(0), z.lte(3)),
  /** Who is told of every call-out as it starts, without being asked to respond (a supervisor's copy). */
  copies: list(EscalationTarget, 10),
};

export const EscalationPolicyInput = z.strictObject(policyFields);
export type EscalationPolicyInput = z.infer<typeof EscalationPolicyInput>;

/** A policy version: 0 is the built-in default an agency follows until it sets its own. */
export const EscalationPolicyVersion = z.number().check(z.int(), z.gte(0));

export const EscalationPolicy = z.object({
  /** The agency's policy, the same through its versions; absent on the built-in default. */
  id: z.optional(Id),
  agencyId: Id,
  ...policyFields,
  /** Rises with every change; a call-out records the version it followed. 0: the built-in default. */
  version: EscalationPolicyVersion,
  /** When this version was saved; absent on the built-in default. */
  updatedAt: z.optional(Timestamp),
});
export type EscalationPolicy = z.infer<typeof EscalationPolicy>;

/** Body of `POST /v1/escalation-policy`: the whole new policy and the version it replaces. */
export const UpdateEscalationPolicyRequest = z.strictObject({
  ...policyFields,
  /** The version the change was made from (0 while the built-in default applies); another answers 409. */
  expectedVersion: EscalationPolicyVersion,
});
export type UpdateEscalationPolicyRequest = z.infer<typeof UpdateEscalationPolicyRequest>;

export const EscalationPolicyVersionsQuery = z.strictObject({ ...PageQuery });
export type EscalationPolicyVersionsQuery = z.infer<typeof EscalationPolicyVersionsQuery>;

/** The policy version a call-out follows from its start to its end, and how far it has come. */
export const DispatchEscalation = z.object({
  id: z.optional(Id),
  version: EscalationPolicyVersion,
  /** Which run through the levels this is: 0, then 1 to `repeat`. */
  round: z.optional(z.number().check(z.int(), z.gte(0), z.lte(3))),
});
export type DispatchEscalation = z.infer<typeof DispatchEscalation>;

/** The policy every agency starts with: primary, then backup, then supervisor, five minutes each; the supervisor copied. */
export const defaultEscalationPolicy: EscalationPolicyInput = {
  name: 'Primary, backup, supervisor',
  levels: [
    { targets: [{ kind: 'position', position: 'primary' }], timeoutSeconds: 300 },
    { targets: [{ kind: 'position', position: 'backup' }], timeoutSeconds: 300 },
    { targets: [{ kind: 'position', position: 'supervisor' }], timeoutSeconds: 300 },
  ],
  repeat: 0,
  copies: [{ kind: 'position', position: 'supervisor' }],
};
