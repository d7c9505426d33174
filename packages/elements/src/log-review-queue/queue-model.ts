// What the review queue shows of a submitted log: call-out facts only, never narrative, notes,
// names or any other free text.
import type { CalloutLog, Dispatch, IncidentType, ShiftPosition } from '@peerlink/sdk';

/** The built-in escalation policy's levels: who a call-out rests with at each level. */
const DEFAULT_POSITIONS: readonly ShiftPosition[] = ['primary', 'backup', 'supervisor'];

export interface QueueItem {
  readonly id: string;
  readonly dispatchId: string;
  /** When the log was (last) submitted: its age in the queue. */
  readonly submittedAt: string;
  readonly callType?: IncidentType;
  readonly area?: string;
  readonly dispatchedAt?: string;
  readonly arrivedAt?: string;
  readonly clearedAt?: string;
  /** The position the peer answered the call-out in, when the built-in policy says it. */
  readonly position?: ShiftPosition;
}

/**
 * The position whoever acknowledged answered in: the level the call-out rested at, read through the
 * built-in policy (primary, backup, supervisor). A program's own policy may name other targets, so
 * nothing is said then.
 */
export function positionOf(dispatch: Dispatch): ShiftPosition | undefined {
  const version = dispatch.escalationPolicy?.version ?? 0;
  return version === 0 ? DEFAULT_POSITIONS[dispatch.escalationLevel] : undefined;
}

export function queueItem(log: CalloutLog, dispatch: Dispatch | undefined): QueueItem {
  const times = log.content.times;
  const position = dispatch && positionOf(dispatch);
  return {
    id: log.id,
    dispatchId: log.dispatchId,
    submittedAt: log.submittedAt ?? log.updatedAt,
    ...(dispatch ? { callType: dispatch.callForService.type, area: dispatch.area } : {}),
    ...(times?.dispatchedAt ? { dispatchedAt: times.dispatchedAt } : {}),
    ...(times?.arrivedAt ? { arrivedAt: times.arrivedAt } : {}),
    ...(times?.clearedAt ? { clearedAt: times.clearedAt } : {}),
    ...(position ? { position } : {}),
  };
}

/** Submitted logs, the longest waiting first. */
export function oldestFirst(logs: readonly CalloutLog[]): CalloutLog[] {
  const at = (log: CalloutLog) => Date.parse(log.submittedAt ?? log.updatedAt);
  return logs.filter((log) => log.status === 'submitted').sort((a, b) => at(a) - at(b) || a.id.localeCompare(b.id));
}
