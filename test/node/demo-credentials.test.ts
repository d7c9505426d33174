// The demo program's credentials read as intended under the shipped example rule sets, and the
// seed stores them signed, so a host (the court portal) verifies them against the program's keys.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Credential, CredentialStatus } from '@peerlink/sdk';
import { createPeerlinkClient } from '@peerlink/sdk';
import { evaluate, exampleRuleSets, verifyCredential } from '@peerlink/sdk/credentials';
import { createApiKey } from '../../packages/server/src/domain/auth.js';
import { demoProgram } from '../../packages/server/src/seed/demo.js';
import { seedDemo } from '../../packages/server/src/seed/seeding.js';
import { startServer } from '../../packages/server/src/server.js';

describe('demo credentials', () => {
  it('evaluate to active, expiring, expired or suspended as planned — never pending for missing evidence', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    const demo = demoProgram({ now });
    const statuses = new Map<CredentialStatus, number>();
    for (const { request } of demo.credentials) {
      const ruleSet = exampleRuleSets.find((set) => set.id === request.ruleSetId);
      assert.ok(ruleSet, request.ruleSetId);
      const result = evaluate(
        { ...request, administrativeStatus: request.administrativeStatus ?? 'active' },
        ruleSet,
        now,
      );
      assert.notEqual(
        result.status,
        'pending',
        `${request.type} for ${request.specialistId}: ${result.reasons.join('; ')}`,
      );
      statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
    }
    for (const status of ['active', 'expiring', 'expired', 'suspended'] as const)
      assert.ok(statuses.get(status), `some ${status}`);
  });

  it('are seeded signed: read through HTTP (list and one), each jwt verifies against the program JWKS', async (t) => {
    // As `npm start` does: the service first, then the seed signed for its address.
    const server = await startServer({ background: false });
    t.after(() => server.close());
    await seedDemo(server.db, { publicUrl: server.config.publicUrl, resources: 5 });
    const demo = demoProgram({ now: new Date() });
    const programId = demo.program.id;
    const apiKey = (await createApiKey(server.db, programId)).key;
    const session = await fetch(`${server.url}/v1/embed-sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'court-staff' }),
    });
    assert.equal(session.status, 201, await session.clone().text());
    const { token } = (await session.json()) as { token: string };
    const client = createPeerlinkClient({ baseUrl: server.url, getToken: () => token, offline: false });

    const { items } = await client.credentials.list({ limit: 100 });
    assert.equal(items.length, demo.credentials.length);
    const issuer = `${server.url}/v1/agencies/${programId}`;
    const outcomes = new Map<string, number>();
    for (const item of items) {
      assert.ok(item.jwt, `${item.type} for ${item.specialistId} is signed`);
      const result = await verifyCredential(item.jwt, { jwksUrl: `${issuer}/jwks.json`, issuer });
      const outcome = result.valid ? 'valid' : result.reason;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      // In force by its dates: verified; past its expiry date: the signed form says expired too; a
      // suspended one (in force by its dates) is refused through the agency's suspension list.
      const pastExpiry = item.expiresOn !== undefined && Date.parse(`${item.expiresOn}T23:59:59Z`) < Date.now();
      const expected =
        item.status === 'expired' || (item.status === 'suspended' && pastExpiry)
          ? 'expired'
          : item.status === 'suspended'
            ? 'suspended'
            : 'valid';
      assert.equal(outcome, expected, `${item.name} (${item.status}): ${JSON.stringify(result)}`);
      if (result.valid) assert.equal(result.credential.id, `urn:uuid:${item.id}`);
    }
    assert.ok(outcomes.get('valid'), JSON.stringify([...outcomes]));
    assert.ok(outcomes.get('suspended'), JSON.stringify([...outcomes]));

    // The court portal's path: one credential read on its own, verified by the client against its service.
    const peerRecovery = items.find((item) => item.status === 'active' && item.type === 'peer-recovery');
    assert.ok(peerRecovery);
    const one: Credential = await client.credentials.get(peerRecovery.id);
    assert.ok(one.jwt);
    const viaClient = await client.credentials.verify(one.jwt);
    assert.ok(viaClient.valid, JSON.stringify(viaClient));
  });
});
