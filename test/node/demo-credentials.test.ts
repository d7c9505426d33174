// The demo program's credentials read as intended under the shipped example rule sets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CredentialStatus } from '@peerlink/sdk';
import { evaluate, exampleRuleSets } from '@peerlink/sdk/credentials';
import { demoProgram } from '../../packages/server/src/seed/demo.js';

describe('demo credentials', () => {
  it('evaluate to active, expiring, expired or suspended as planned — never pending for missing evidence', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    const demo = demoProgram({ now });
    const statuses = new Map<CredentialStatus, number>();
    for (const { request } of demo.credentials) {
      const ruleSet = exampleRuleSets.find((set) => set.id === request.ruleSetId);
      assert.ok(ruleSet, request.ruleSetId);
      const result = evaluate({ ...request, administrativeStatus: request.administrativeStatus ?? 'active' }, ruleSet, now);
      assert.notEqual(result.status, 'pending', `${request.type} for ${request.specialistId}: ${result.reasons.join('; ')}`);
      statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
    }
    for (const status of ['active', 'expiring', 'expired', 'suspended'] as const) assert.ok(statuses.get(status), `some ${status}`);
  });
});
