import type { Dispatch, DispatchStatus } from '@peerlink/sdk';
import { DISPATCH_TONES, type StatusTone } from '../base/tones.js';
import { ENDED_STATUSES } from '../base/dispatch-client.js';

/** The on-call positions in escalation order: `escalationLevel` indexes them. */
export const POSITIONS = ['primary', 'backup', 'supervisor'] as const;
export type Position = (typeof POSITIONS)[number];

/** A peer the call-out moved on from, and why. */
export interface PassedOn {
  /** Undefined for call-outs stored before names were recorded. */
  readonly name: string | undefined;
  readonly reason: 'declined' | 'no-answer' | 'escalated';
}

/** What a dispatcher needs to see about a call-out at a glance. */
export interface CalloutSummary {
  readonly tone: StatusTone;
  /** `nobody` when no one holds a call-out still waiting for a peer; `escalated` while an escalated one waits. */
  readonly label: DispatchStatus | 'nobody';
  /** Who the call-out rests with now. */
  readonly holder?: { readonly name: string | undefined; readonly position: Position };
  /** True while nobody has acknowledged yet. */
  readonly waiting: boolean;
  /** When it escalates unless acknowledged; absent at the last level. */
  readonly escalatesAt?: string;
  readonly passed: readonly PassedOn[];
  readonly canEscalate: boolean;
  readonly canCancel: boolean;
}

const WAITING: readonly DispatchStatus[] = ['requested', 'notified', 'declined', 'escalated'];

/** Who the call-out passed by on its way to whoever holds it now, read from its timeline. */
export function passedOn(dispatch: Dispatch): PassedOn[] {
  const passed: PassedOn[] = [];
  let notified: string | undefined;
  let previous: DispatchStatus | undefined;
  for (const entry of dispatch.timeline) {
    if (entry.status === 'notified') notified = entry.specialistName;
    else if (entry.status === 'declined') passed.push({ name: entry.specialistName ?? notified, reason: 'declined' });
    // A decline escalates at once; it was counted above.
    else if (entry.status === 'escalated' && previous !== 'declined') {
      passed.push({ name: notified, reason: entry.actor.kind === 'system' ? 'no-answer' : 'escalated' });
    }
    previous = entry.status;
  }
  return passed;
}

export function summarize(dispatch: Dispatch): CalloutSummary {
  const waiting = WAITING.includes(dispatch.status);
  const ended = ENDED_STATUSES.includes(dispatch.status);
  const passed = waiting ? passedOn(dispatch) : [];
  const nobody = waiting && dispatch.specialistId === null;
  const escalated = waiting && !nobody && (dispatch.escalationLevel > 0 || passed.length > 0);
  const holder =
    dispatch.specialistId === null || ended
      ? undefined
      : { name: dispatch.specialistName ?? undefined, position: POSITIONS[dispatch.escalationLevel] ?? 'supervisor' };
  return {
    tone: nobody ? 'danger' : escalated ? 'warning' : DISPATCH_TONES[dispatch.status],
    label: nobody ? 'nobody' : escalated ? 'escalated' : dispatch.status,
    ...(holder ? { holder } : {}),
    waiting,
    ...(dispatch.status === 'notified' && dispatch.ackDueAt ? { escalatesAt: dispatch.ackDueAt } : {}),
    passed,
    canEscalate: dispatch.status === 'notified' && dispatch.escalationLevel < POSITIONS.length - 1,
    canCancel: !ended,
  };
}
