// The SDK's `ruleSets` namespace against the real reference service (PGlite storage, real HTTP).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RuleSet } from '@peerlink/sdk';
import { PeerConflictError, PeerValidationError, createProgramClient } from '@peerlink/sdk';
import { harnessFor, ids } from '../../packages/server/test/harness.js';

const rules: RuleSet = {
  id: 'program-peer-recovery',
  name: 'Peer recovery (program rules)',
  credentialType: 'peer-recovery',
  requirements: [{ kind: 'exam' }],
};

describe('SDK ruleSets namespace', () => {
  it('creates, versions, assigns and reads rule sets, with typed errors', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const client = (role: 'supervisor' | 'specialist') =>
      createProgramClient({
        baseUrl: h.server.url,
        getToken: () => h.token(role, { subjectId: role === 'supervisor' ? ids.supervisor : ids.primary }),
        offline: false,
      });
    const supervisor = client('supervisor');
    const peer = client('specialist');

    const created = await supervisor.ruleSets.create({ rules });
    assert.equal(created.version, 1);
    const changed = await supervisor.ruleSets.update(created.id, {
      rules: { ...rules, requirements: [{ kind: 'exam' }, { kind: 'background-check' }] },
      expectedVersion: 1,
    });
    assert.equal(changed.version, 2);
    const stale = await supervisor.ruleSets.update(created.id, { rules, expectedVersion: 1 }).catch((e: unknown) => e);
    assert.ok(stale instanceof PeerConflictError);
    const invalid = await supervisor.ruleSets
      .create({ rules: { ...rules, id: 'other', requirements: [{ kind: 'exam' }, { kind: 'exam' }] } })
      .catch((e: unknown) => e);
    assert.ok(invalid instanceof PeerValidationError);
    assert.deepEqual(Object.keys(invalid.fieldErrors), ['rules.requirements.1']);

    const assigned = await supervisor.ruleSets.assign(created.id, ['crisis-interventionist']);
    assert.deepEqual(assigned.roles, ['crisis-interventionist']);
    assert.deepEqual(
      (await peer.ruleSets.list()).items.map((item) => [item.id, item.version, item.roles]),
      [[created.id, 2, ['crisis-interventionist']]],
    );
    assert.equal((await peer.ruleSets.get(created.id)).rules.requirements.length, 2);
    assert.deepEqual(
      (await peer.ruleSets.versions(created.id)).items.map((version) => version.version),
      [2, 1],
    );
  });
});
