import * as z from 'zod/mini';
import { ShiftPosition } from './agency.js';
import { Id, Label, Timestamp, list } from './primitives.js';

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

export const EscalationPolicy = z.object({
  id: Id,
  agencyId: Id,
  ...policyFields,
  /** Rises with every change; a call-out records the version it followed. */
  version: z.number().check(z.int(), z.gte(1)),
  updatedAt: Timestamp,
});
export type EscalationPolicy = z.infer<typeof EscalationPolicy>;

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
