import type { Role } from './primitives.js';

/** Roles that may move a record, plus the service itself (timers, escalation). */
export type MachineActor = Role | 'system';

export interface Transition<S extends string> {
  readonly from: S;
  readonly to: S;
  readonly roles: readonly MachineActor[];
}

export interface StateMachine<S extends string> {
  readonly name: string;
  readonly initial: S;
  readonly states: readonly S[];
  readonly terminal: readonly S[];
  readonly transitions: readonly Transition<S>[];
}

export const dispatchStatuses = [
  'requested',
  'notified',
  'acknowledged',
  'declined',
  'escalated',
  'en-route',
  'on-scene',
  'checked-in',
  'engaged',
  'cleared',
  'cancelled',
] as const;
type DispatchStatus = (typeof dispatchStatuses)[number];

const dispatchTerminal = ['cleared', 'cancelled'] as const satisfies readonly DispatchStatus[];
/** Every status a call-out can still leave: it may be cancelled from any of them. */
const dispatchCancellable = dispatchStatuses.filter(
  (status): status is Exclude<DispatchStatus, (typeof dispatchTerminal)[number]> =>
    !(dispatchTerminal as readonly DispatchStatus[]).includes(status),
);

/**
 * Duty call-out. The peer checks in with the lead investigator before anything else,
 * so `on-scene` leads only to `checked-in`; a peer not advised to enter clears from there.
 */
export const dispatchTransitions: StateMachine<DispatchStatus> = {
  name: 'dispatch',
  initial: 'requested',
  states: dispatchStatuses,
  terminal: dispatchTerminal,
  transitions: [
    { from: 'requested', to: 'notified', roles: ['system'] },
    { from: 'notified', to: 'acknowledged', roles: ['specialist'] },
    { from: 'notified', to: 'declined', roles: ['specialist'] },
    { from: 'notified', to: 'escalated', roles: ['system', 'supervisor', 'dispatcher'] },
    { from: 'declined', to: 'escalated', roles: ['system'] },
    // A level that notified several peers stays with the others when one declines.
    { from: 'declined', to: 'notified', roles: ['system'] },
    { from: 'escalated', to: 'notified', roles: ['system'] },
    { from: 'acknowledged', to: 'en-route', roles: ['specialist'] },
    { from: 'en-route', to: 'on-scene', roles: ['specialist'] },
    { from: 'on-scene', to: 'checked-in', roles: ['specialist'] },
    { from: 'checked-in', to: 'engaged', roles: ['specialist'] },
    { from: 'checked-in', to: 'cleared', roles: ['specialist', 'supervisor'] },
    { from: 'engaged', to: 'cleared', roles: ['specialist', 'supervisor'] },
    ...dispatchCancellable.map((from) => ({
      from,
      to: 'cancelled' as const,
      roles: ['dispatcher', 'supervisor'] as const,
    })),
  ],
};

export const calloutLogStatuses = ['draft', 'submitted', 'returned', 'approved'] as const;
type CalloutLogStatus = (typeof calloutLogStatuses)[number];

export const calloutLogTransitions: StateMachine<CalloutLogStatus> = {
  name: 'callout-log',
  initial: 'draft',
  states: calloutLogStatuses,
  terminal: ['approved'],
  transitions: [
    { from: 'draft', to: 'submitted', roles: ['specialist'] },
    { from: 'returned', to: 'submitted', roles: ['specialist'] },
    { from: 'submitted', to: 'returned', roles: ['supervisor'] },
    { from: 'submitted', to: 'approved', roles: ['supervisor'] },
  ],
};

export const referralStatuses = [
  'proposed',
  'sent',
  'accepted',
  'scheduled',
  'completed',
  'declined',
  'no-show',
  'cancelled',
] as const;
type ReferralStatus = (typeof referralStatuses)[number];

const referrers = ['specialist', 'supervisor', 'court-staff', 'clinician'] as const satisfies readonly Role[];

/** Where a referral may go from each status; every referrer may make every move. */
const referralMoves: readonly (readonly [ReferralStatus, readonly ReferralStatus[]])[] = [
  ['proposed', ['sent', 'cancelled']],
  ['sent', ['accepted', 'declined', 'cancelled']],
  ['accepted', ['scheduled', 'cancelled']],
  ['scheduled', ['completed', 'no-show', 'cancelled']],
  ['no-show', ['scheduled', 'cancelled']],
];

/** Closed-loop referral: every referral ends completed, declined, no-show or cancelled. */
export const referralTransitions: StateMachine<ReferralStatus> = {
  name: 'referral',
  initial: 'proposed',
  states: referralStatuses,
  terminal: ['completed', 'declined', 'cancelled'],
  transitions: /* @__PURE__ */ referralMoves.flatMap(([from, targets]) =>
    targets.map((to) => ({ from, to, roles: referrers })),
  ),
};

/** Whether `role` may move a record of `machine` from `from` to `to`. */
export function canTransition<S extends string>(machine: StateMachine<S>, from: S, to: S, role: MachineActor): boolean {
  return machine.transitions.some((t) => t.from === from && t.to === to && t.roles.includes(role));
}

/** The states `role` may move a record to from `from`, in table order. */
export function nextStates<S extends string>(machine: StateMachine<S>, from: S, role: MachineActor): S[] {
  return machine.transitions.filter((t) => t.from === from && t.roles.includes(role)).map((t) => t.to);
}

export function isTerminal<S extends string>(machine: StateMachine<S>, state: S): boolean {
  return machine.terminal.includes(state);
}
