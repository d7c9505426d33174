import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  calloutLogTransitions,
  canTransition,
  dispatchTransitions,
  isTerminal,
  nextStates,
  referralTransitions,
} from '@peerlink/sdk';
import type { MachineActor, StateMachine } from '@peerlink/sdk';

type Row = [from: string, to: string, role: MachineActor, allowed: boolean];

const tables: [StateMachine<string>, Row[]][] = [
  [
    dispatchTransitions,
    [
      ['requested', 'notified', 'system', true],
      ['requested', 'notified', 'dispatcher', false],
      ['notified', 'acknowledged', 'specialist', true],
      ['notified', 'acknowledged', 'dispatcher', false],
      ['notified', 'declined', 'specialist', true],
      ['notified', 'escalated', 'system', true],
      ['notified', 'escalated', 'supervisor', true],
      ['notified', 'escalated', 'specialist', false],
      ['declined', 'escalated', 'system', true],
      ['escalated', 'notified', 'system', true],
      ['acknowledged', 'en-route', 'specialist', true],
      ['acknowledged', 'on-scene', 'specialist', false],
      ['en-route', 'on-scene', 'specialist', true],
      // Check in with the lead investigator before anything else.
      ['on-scene', 'engaged', 'specialist', false],
      ['on-scene', 'cleared', 'specialist', false],
      ['on-scene', 'checked-in', 'specialist', true],
      ['checked-in', 'engaged', 'specialist', true],
      ['checked-in', 'cleared', 'specialist', true],
      ['engaged', 'cleared', 'specialist', true],
      ['engaged', 'cleared', 'investigator', false],
      ['en-route', 'cancelled', 'dispatcher', true],
      ['requested', 'cancelled', 'supervisor', true],
      ['requested', 'cancelled', 'specialist', false],
      ['cleared', 'cancelled', 'dispatcher', false],
      ['cancelled', 'notified', 'system', false],
      ['cleared', 'engaged', 'specialist', false],
    ],
  ],
  [
    calloutLogTransitions,
    [
      ['draft', 'submitted', 'specialist', true],
      ['draft', 'submitted', 'supervisor', false],
      ['draft', 'approved', 'supervisor', false],
      ['submitted', 'approved', 'supervisor', true],
      ['submitted', 'approved', 'specialist', false],
      ['submitted', 'returned', 'supervisor', true],
      ['returned', 'submitted', 'specialist', true],
      ['returned', 'approved', 'supervisor', false],
      ['approved', 'returned', 'supervisor', false],
    ],
  ],
  [
    referralTransitions,
    [
      ['proposed', 'sent', 'court-staff', true],
      ['proposed', 'sent', 'dispatcher', false],
      ['proposed', 'accepted', 'specialist', false],
      ['sent', 'accepted', 'clinician', true],
      ['sent', 'declined', 'specialist', true],
      ['accepted', 'scheduled', 'specialist', true],
      ['scheduled', 'completed', 'supervisor', true],
      ['scheduled', 'no-show', 'clinician', true],
      ['no-show', 'scheduled', 'specialist', true],
      ['completed', 'cancelled', 'supervisor', false],
      ['declined', 'sent', 'specialist', false],
      ['sent', 'accepted', 'investigator', false],
    ],
  ],
];

for (const [machine, rows] of tables) {
  describe(`${machine.name} transitions`, () => {
    for (const [from, to, role, allowed] of rows) {
      it(`${from} → ${to} by ${role}: ${allowed ? 'allowed' : 'refused'}`, () => {
        assert.equal(canTransition(machine, from, to, role), allowed);
      });
    }

    it('only names its own states', () => {
      for (const t of machine.transitions) {
        assert.ok(machine.states.includes(t.from), t.from);
        assert.ok(machine.states.includes(t.to), t.to);
      }
    });

    it('leaves terminal states for nowhere and reaches every state from the initial one', () => {
      for (const state of machine.terminal) {
        assert.deepEqual(
          machine.transitions.filter((t) => t.from === state),
          [],
        );
        assert.ok(isTerminal(machine, state));
      }
      const reached = new Set([machine.initial]);
      for (let grew = true; grew;) {
        grew = false;
        for (const t of machine.transitions) {
          if (reached.has(t.from) && !reached.has(t.to)) {
            reached.add(t.to);
            grew = true;
          }
        }
      }
      assert.deepEqual(
        [...machine.states].filter((s) => !reached.has(s)),
        [],
      );
    });
  });
}

describe('nextStates', () => {
  it('lists exactly the moves a role may make, in table order', () => {
    assert.deepEqual(nextStates(dispatchTransitions, 'notified', 'specialist'), ['acknowledged', 'declined']);
    assert.deepEqual(nextStates(dispatchTransitions, 'checked-in', 'specialist'), ['engaged', 'cleared']);
    assert.deepEqual(nextStates(dispatchTransitions, 'on-scene', 'dispatcher'), ['cancelled']);
    assert.deepEqual(nextStates(calloutLogTransitions, 'approved', 'supervisor'), []);
  });
});
