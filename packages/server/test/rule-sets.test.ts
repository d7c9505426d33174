// Certification rule sets through the HTTP API of the real service: versions kept forever,
// stale changes refused, one rule set per peer role, and credential statuses that follow the
// current version of the rule set assigned to the holder's role.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgencyRuleSet, AuditEvent, Credential, Problem, RuleSet, RuleSetVersion } from '@peerlink/sdk';
import type { Harness } from './harness.js';
import { harnessFor, ids, storages } from './harness.js';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const rulesV1: RuleSet = {
  id: 'program-peer-recovery',
  name: 'Peer recovery (program rules)',
  credentialType: 'peer-recovery',
  requirements: [{ kind: 'training-hours', topic: 'ethics', hours: 10 }],
};
const otherRules: RuleSet = {
  id: 'program-crisis',
  name: 'Crisis response (program rules)',
  credentialType: 'crisis-response-72h',
  requirements: [{ kind: 'background-check' }],
};

async function setup(h: Harness) {
  const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
  const peer = await h.token('specialist', { subjectId: ids.primary });
  const create = async (body: unknown, token = supervisor) => h.call('POST', '/v1/rule-sets', { token, body });
  return { supervisor, peer, create };
}

/** Records a peer-recovery credential of the on-call primary. */
const issue = (h: Harness, token: string, issuedOn: string, evidence: unknown[]) =>
  h.call('POST', '/v1/credentials', {
    token,
    body: {
      specialistId: ids.primary,
      type: 'peer-recovery',
      name: 'Peer Recovery',
      issuer: { name: 'Example Board' },
      issuedOn,
      evidence,
    },
  });

const problemOf = (result: { status: number; body: unknown; headers: Headers }) => {
  assert.equal(result.headers.get('content-type'), 'application/problem+json');
  return result.body as Problem;
};

for (const storage of await storages()) {
  describe(`rule sets on ${storage}`, () => {
    it('creates a rule set, keeps every version, refuses a stale change and names bad fields', async (t) => {
      const h = await harnessFor(t, storage);
      const { supervisor, peer, create } = await setup(h);

      const created = await create({ rules: rulesV1 });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const first = created.body as AgencyRuleSet;
      assert.equal(first.version, 1);
      assert.equal(first.agencyId, ids.agency);
      assert.deepEqual(first.roles, []);
      assert.deepEqual(first.rules, rulesV1);

      const rulesV2 = { ...rulesV1, requirements: [{ kind: 'training-hours', topic: 'ethics', hours: 20 }] };
      const path = `/v1/rule-sets/${first.id}`;
      const changed = await h.call('PATCH', path, { token: supervisor, body: { rules: rulesV2, expectedVersion: 1 } });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal((changed.body as AgencyRuleSet).version, 2);

      // Someone who read version 1 cannot overwrite version 2.
      const stale = await h.call('PATCH', path, { token: supervisor, body: { rules: rulesV1, expectedVersion: 1 } });
      assert.equal(stale.status, 409);
      assert.match(problemOf(stale).detail ?? '', /version 2, expected 1/);

      // Every role that reads credentials reads the current version and every earlier one.
      const current = await h.call('GET', path, { token: peer });
      assert.equal(current.status, 200);
      assert.deepEqual((current.body as AgencyRuleSet).rules, rulesV2);
      const versions = (await h.call('GET', `${path}/versions`, { token: peer })).body as Page<RuleSetVersion>;
      assert.deepEqual(
        versions.items.map((version) => [version.version, version.rules.requirements]),
        [
          [2, rulesV2.requirements],
          [1, rulesV1.requirements],
        ],
      );
      const firstPage = (await h.call('GET', `${path}/versions?limit=1`, { token: peer })).body as Page<RuleSetVersion>;
      assert.deepEqual(
        firstPage.items.map((version) => version.version),
        [2],
      );
      assert.ok(firstPage.nextCursor);
      const nextPage = (await h.call('GET', `${path}/versions?limit=1&cursor=${firstPage.nextCursor}`, { token: peer }))
        .body as Page<RuleSetVersion>;
      assert.deepEqual(
        nextPage.items.map((version) => version.version),
        [1],
      );
      assert.equal(nextPage.nextCursor, null);
      const listed = (await h.call('GET', '/v1/rule-sets', { token: await h.token('dispatcher') }))
        .body as Page<AgencyRuleSet>;
      assert.deepEqual(
        listed.items.map((ruleSet) => [ruleSet.id, ruleSet.version]),
        [[first.id, 2]],
      );

      // Bad input is refused naming the field, and nothing is written.
      const bad = await create({
        rules: { ...rulesV1, requirements: [{ kind: 'training-hours', topic: 'ethics', hours: -1 }] },
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(
        problemOf(bad).errors?.map((error) => error.path),
        ['rules.requirements.0.hours'],
      );
      const badRoles = await h.call('POST', `${path}/assign`, { token: supervisor, body: { roles: ['pilot'] } });
      assert.equal(badRoles.status, 400);
      assert.deepEqual(
        problemOf(badRoles).errors?.map((error) => error.path),
        ['roles.0'],
      );
      const duplicate = await create({ rules: { ...otherRules, id: rulesV1.id } });
      assert.equal(duplicate.status, 400);
      assert.deepEqual(
        problemOf(duplicate).errors?.map((error) => [error.path, error.code]),
        [['rules.id', 'duplicate']],
      );
      const missing = await h.call('PATCH', path, { token: supervisor, body: { rules: rulesV2 } });
      assert.equal(missing.status, 400);
      assert.deepEqual(
        problemOf(missing).errors?.map((error) => error.path),
        ['expectedVersion'],
      );
      const after = (await h.call('GET', '/v1/rule-sets', { token: supervisor })).body as Page<AgencyRuleSet>;
      assert.equal(after.items.length, 1);
      assert.equal(after.items[0]?.version, 2);

      // The audit trail names the fields changed, never their values.
      const trail = (await h.call('GET', '/v1/audit?recordType=rule-set&limit=200', { token: supervisor }))
        .body as Page<AuditEvent>;
      const changes = trail.items.filter((event) => event.action === 'create' || event.action === 'update');
      assert.deepEqual(changes.map((event) => [event.action, event.recordId, event.fields]).reverse(), [
        ['create', first.id, ['rules.id', 'rules.name', 'rules.credentialType', 'rules.requirements']],
        ['update', first.id, ['rules.requirements']],
      ]);
      assert.ok(!JSON.stringify(trail).includes('"hours"'));
    });

    it('assigns a rule set to roles, one rule set per role, moving a role that had another', async (t) => {
      const h = await harnessFor(t, storage);
      const { supervisor, create } = await setup(h);
      const a = (await create({ rules: rulesV1, roles: ['crisis-interventionist', 'recovery-coach'] }))
        .body as AgencyRuleSet;
      assert.deepEqual(a.roles, ['crisis-interventionist', 'recovery-coach']);

      const b = await create({ rules: otherRules, roles: ['crisis-interventionist'] });
      assert.equal(b.status, 201);
      assert.deepEqual((b.body as AgencyRuleSet).roles, ['crisis-interventionist']);
      const moved = (await h.call('GET', `/v1/rule-sets/${a.id}`, { token: supervisor })).body as AgencyRuleSet;
      assert.deepEqual(moved.roles, ['recovery-coach']);

      const assigned = await h.call('POST', `/v1/rule-sets/${a.id}/assign`, {
        token: supervisor,
        body: { roles: ['court-peer-specialist', 'crisis-interventionist'] },
      });
      assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
      assert.deepEqual((assigned.body as AgencyRuleSet).roles, ['crisis-interventionist', 'court-peer-specialist']);
      const list = (await h.call('GET', '/v1/rule-sets', { token: supervisor })).body as Page<AgencyRuleSet>;
      assert.deepEqual(Object.fromEntries(list.items.map((ruleSet) => [ruleSet.rules.id, ruleSet.roles])), {
        [rulesV1.id]: ['crisis-interventionist', 'court-peer-specialist'],
        [otherRules.id]: [],
      });

      const cleared = await h.call('POST', `/v1/rule-sets/${a.id}/assign`, { token: supervisor, body: { roles: [] } });
      assert.deepEqual((cleared.body as AgencyRuleSet).roles, []);
    });

    it('derives credential status from the current version of the rule set assigned to the holder role', async (t) => {
      const h = await harnessFor(t, storage);
      const { supervisor, peer, create } = await setup(h);
      const issued = await issue(h, supervisor, '2020-01-01', [
        { requirement: 'training:ethics', value: 12, unit: 'hours' },
      ]);
      assert.equal(issued.status, 201, JSON.stringify(issued.body));
      const credential = issued.body as Credential;
      const read = async () => {
        const result = await h.call('GET', `/v1/credentials/${credential.id}`, { token: peer });
        assert.equal(result.status, 200, JSON.stringify(result.body));
        return result.body as Credential;
      };

      // No rule set assigned: the issuer's status and the expiry date alone, as before.
      assert.equal(credential.status, 'active');
      assert.equal(credential.evaluatedWith, undefined);

      // A rule set for another role, or for another credential type, does not apply.
      const ruleSet = (await create({ rules: rulesV1, roles: ['recovery-coach'] })).body as AgencyRuleSet;
      await create({ rules: otherRules, roles: ['crisis-interventionist'] });
      assert.equal((await read()).evaluatedWith, undefined);

      await h.call('POST', `/v1/rule-sets/${ruleSet.id}/assign`, {
        token: supervisor,
        body: { roles: ['crisis-interventionist'] },
      });
      const underV1 = await read();
      assert.equal(underV1.status, 'active');
      assert.deepEqual(
        { ruleSetId: underV1.evaluatedWith?.ruleSetId, version: underV1.evaluatedWith?.version },
        { ruleSetId: ruleSet.id, version: 1 },
      );
      assert.deepEqual(underV1.evaluatedWith?.rules, rulesV1);

      // Version 2 asks for more training: the same credential is pending at its next read.
      const patch = (rules: RuleSet, expectedVersion: number) =>
        h.call('PATCH', `/v1/rule-sets/${ruleSet.id}`, { token: supervisor, body: { rules, expectedVersion } });
      const more = { ...rulesV1, requirements: [{ kind: 'training-hours' as const, topic: 'ethics', hours: 20 }] };
      assert.equal((await patch(more, 1)).status, 200);
      const underV2 = await read();
      assert.equal(underV2.status, 'pending');
      assert.equal(underV2.evaluatedWith?.version, 2);
      assert.ok(
        underV2.statusReasons.some((reason) => reason.includes('12 of 20 hours')),
        underV2.statusReasons.join(),
      );

      // Version 3 has a one-year renewal cycle: issued in 2020 with no expiry date, it has lapsed.
      const renewal = { ...rulesV1, renewal: { periodMonths: 12, ceHours: 0, ceEthicsHours: 0 } };
      assert.equal((await patch(renewal, 2)).status, 200);
      const underV3 = await read();
      assert.equal(underV3.status, 'expired');
      assert.equal(underV3.evaluatedWith?.version, 3);

      // Lists derive the same status, and filter by it.
      const expired = (await h.call('GET', '/v1/credentials?status=expired', { token: supervisor }))
        .body as Page<Credential>;
      assert.deepEqual(
        expired.items.map((item) => [item.id, item.evaluatedWith?.version]),
        [[credential.id, 3]],
      );

      // Unassigned, the credential is judged as before again.
      await h.call('POST', `/v1/rule-sets/${ruleSet.id}/assign`, { token: supervisor, body: { roles: [] } });
      const unassigned = await read();
      assert.equal(unassigned.status, 'active');
      assert.equal(unassigned.evaluatedWith, undefined);
    });

    it("isolates agencies: another agency's rule sets are invisible and its assignments change nothing here", async (t) => {
      const h = await harnessFor(t, storage);
      const { supervisor, create } = await setup(h);
      const ours = (await create({ rules: rulesV1 })).body as AgencyRuleSet;
      const elsewhere = await h.token('supervisor', { agency: 'other', subjectId: ids.other });
      const theirs = await h.call('POST', '/v1/rule-sets', {
        token: elsewhere,
        body: { rules: { ...rulesV1, requirements: [{ kind: 'exam' }] }, roles: ['crisis-interventionist'] },
      });
      // The same code is free in another agency.
      assert.equal(theirs.status, 201, JSON.stringify(theirs.body));
      const theirId = (theirs.body as AgencyRuleSet).id;

      for (const [method, path, body] of [
        ['GET', `/v1/rule-sets/${ours.id}`, undefined],
        ['GET', `/v1/rule-sets/${ours.id}/versions`, undefined],
        ['PATCH', `/v1/rule-sets/${ours.id}`, { rules: rulesV1, expectedVersion: 1 }],
        ['POST', `/v1/rule-sets/${ours.id}/assign`, { roles: ['crisis-interventionist'] }],
      ] as const) {
        const result = await h.call(method, path, { token: elsewhere, ...(body ? { body } : {}) });
        assert.equal(result.status, 404, `${method} ${path}`);
      }
      const theirList = await h.call('GET', '/v1/rule-sets', { token: elsewhere });
      assert.ok(!JSON.stringify(theirList.body).includes(ours.id));
      const ourList = await h.call('GET', '/v1/rule-sets', { token: supervisor });
      assert.ok(!JSON.stringify(ourList.body).includes(theirId));
      assert.ok(!JSON.stringify(ourList.body).includes(ids.otherAgency));

      // Their rule set, assigned to their crisis interventionists, does not judge ours.
      const issued = await issue(h, supervisor, '2025-01-01', []);
      assert.equal((issued.body as Credential).status, 'active');
      assert.equal((issued.body as Credential).evaluatedWith, undefined);
    });

    it('lets only supervisors with an unscoped token change rule sets; every role reads them', async (t) => {
      const h = await harnessFor(t, storage);
      const { supervisor, peer, create } = await setup(h);
      const ruleSet = (await create({ rules: rulesV1 })).body as AgencyRuleSet;
      const scoped = await h.token('supervisor', {
        subjectId: ids.supervisor,
        scope: { type: 'specialist', id: ids.primary },
      });
      for (const token of [peer, await h.token('dispatcher'), scoped]) {
        assert.equal((await create({ rules: otherRules }, token)).status, 403);
        const change = await h.call('PATCH', `/v1/rule-sets/${ruleSet.id}`, {
          token,
          body: { rules: otherRules, expectedVersion: 1 },
        });
        assert.equal(change.status, 403);
        const assign = await h.call('POST', `/v1/rule-sets/${ruleSet.id}/assign`, {
          token,
          body: { roles: ['recovery-coach'] },
        });
        assert.equal(assign.status, 403);
        assert.equal((await h.call('GET', `/v1/rule-sets/${ruleSet.id}`, { token })).status, 200);
      }
      const unchanged = (await h.call('GET', `/v1/rule-sets/${ruleSet.id}`, { token: supervisor }))
        .body as AgencyRuleSet;
      assert.equal(unchanged.version, 1);
      assert.deepEqual(unchanged.roles, []);
    });
  });
}
