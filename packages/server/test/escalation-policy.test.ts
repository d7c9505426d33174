import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEvent, Dispatch, EscalationPolicy, EscalationPolicyInput, Problem } from '@peerlink/sdk';
import { PeerAuthError, PeerConflictError, PeerValidationError, createProgramClient } from '@peerlink/sdk';
import type { Harness } from './harness.js';
import { harnessFor, ids, incident, storages } from './harness.js';

const path = '/v1/escalation-policy';

/** Primary, backup, supervisor, then every active peer, each with its own timeout; run twice; a named peer copied. */
const fourLevels: EscalationPolicyInput = {
  name: 'Primary, backup, supervisor, everyone',
  levels: [
    { targets: [{ kind: 'position', position: 'primary' }], timeoutSeconds: 60 },
    { targets: [{ kind: 'position', position: 'backup' }], timeoutSeconds: 120 },
    { targets: [{ kind: 'position', position: 'supervisor' }], timeoutSeconds: 30 },
    { targets: [{ kind: 'area-peers' }], timeoutSeconds: 300 },
  ],
  repeat: 1,
  copies: [{ kind: 'specialist', specialistId: ids.outsider }],
};

async function save(h: Harness, body: EscalationPolicyInput, expectedVersion: number, token?: string) {
  return h.call('POST', path, {
    token: token ?? (await h.token('supervisor', { subjectId: ids.supervisor })),
    body: { ...body, expectedVersion },
  });
}

async function deliveries(h: Harness, dispatchId: string) {
  return h.server.db.query<{ address: string; kind: string; ack: string | null }>(
    `select recipient->>'address' as address, notification->>'kind' as kind, notification->>'ackUrl' as ack
     from deliveries where dispatch_id = $1 order by created_at, address`,
    [dispatchId],
  );
}

for (const storage of await storages()) {
  describe(`escalation policy on ${storage}`, () => {
    it('walks a four-level policy with its own timeouts, copies and repeat, and records the version it follows', async (t) => {
      let now = Date.now();
      const h = await harnessFor(t, storage, { clock: () => new Date(now) });
      const dispatcher = await h.token('dispatcher');

      const initial = await h.call('GET', path, { token: dispatcher });
      assert.equal(initial.status, 200);
      const builtIn = initial.body as EscalationPolicy;
      assert.equal(builtIn.version, 0, 'the built-in default until the agency sets one');
      assert.deepEqual(
        builtIn.levels.map((l) => l.targets),
        [
          [{ kind: 'position', position: 'primary' }],
          [{ kind: 'position', position: 'backup' }],
          [{ kind: 'position', position: 'supervisor' }],
        ],
      );

      const saved = await save(h, fourLevels, 0);
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      const policy = saved.body as EscalationPolicy;
      assert.equal(policy.version, 1);
      assert.ok(policy.id);

      const created = await h.call('POST', '/v1/dispatches', { token: dispatcher, body: incident() });
      assert.equal(created.status, 201);
      const dispatch = created.body as Dispatch;
      assert.deepEqual(dispatch.escalationPolicy, { id: policy.id, version: 1, round: 0 });
      assert.equal(dispatch.specialistId, ids.primary);
      assert.equal(Date.parse(dispatch.ackDueAt ?? ''), now + 60_000, 'level 1 waits its own 60 s');
      assert.deepEqual(
        (await deliveries(h, dispatch.id)).map((d) => [d.address, d.kind, d.ack !== null]),
        [
          ['peer1@example.org', 'callout', true],
          ['peer4@example.org', 'supervisor-copy', false],
        ],
        'the primary is called out and the named peer copied, without a link',
      );

      // Tokens are fresh at each read: the clock runs past an embed token's lifetime.
      const read = async () =>
        (await h.call('GET', `/v1/dispatches/${dispatch.id}`, { token: await h.token('dispatcher') })).body as Dispatch;
      const wait = async (ms: number) => {
        now += ms;
        await h.server.tick();
        return read();
      };

      // Not yet: 59 s is inside level 1's timeout.
      assert.equal((await wait(59_000)).escalationLevel, 0);
      let at = await wait(2_000);
      assert.equal(at.specialistId, ids.backup);
      assert.equal(at.escalationLevel, 1);
      assert.equal(Date.parse(at.ackDueAt ?? ''), now + 120_000);
      assert.match(at.timeline.findLast((e) => e.status === 'escalated')?.note ?? '', /within 1 min at level 1/);
      at = await wait(121_000);
      assert.equal(at.specialistId, ids.supervisor);
      assert.equal(Date.parse(at.ackDueAt ?? ''), now + 30_000);
      at = await wait(31_000);
      assert.equal(at.escalationLevel, 3);
      assert.equal(at.specialistId, null, 'a level of several rests with whoever answers first');
      const everyone = at.timeline.slice(-4);
      assert.deepEqual(
        everyone.map((e) => [e.status, e.specialistId]),
        [ids.primary, ids.backup, ids.supervisor, ids.outsider].map((id) => ['notified', id]),
      );
      assert.ok(everyone.every((e) => e.note?.includes('peer of the area notified (level 4)')));

      // The repeat: level 1 again, as an escalation.
      at = await wait(301_000);
      assert.equal(at.escalationLevel, 0);
      assert.equal(at.specialistId, ids.primary);
      assert.deepEqual(at.escalationPolicy, { id: policy.id, version: 1, round: 1 });
      assert.match(at.timeline.at(-1)?.note ?? '', /primary notified \(level 1, repeat 1\)/);
      assert.equal((await wait(61_000)).escalationLevel, 1);
      assert.equal((await wait(121_000)).escalationLevel, 2);
      at = await wait(31_000);
      assert.equal(at.escalationLevel, 3);
      assert.equal(at.ackDueAt, null, 'the last level of the last round waits with nobody further to call');
      at = await wait(3_600_000);
      assert.equal(at.status, 'notified');
      assert.equal(at.escalationLevel, 3);

      const kinds = (await deliveries(h, dispatch.id)).map((d) => d.kind);
      assert.equal(kinds.filter((k) => k === 'supervisor-copy').length, 1, 'copies go out once, at the start');
      assert.equal(kinds.filter((k) => k === 'callout').length, 1);
      assert.equal(kinds.filter((k) => k === 'escalation').length, 1 + 1 + 4 + 1 + 1 + 1 + 4);

      // Any peer of the last level may take it; one declining leaves it with the others.
      const outsider = await h.token('specialist', { subjectId: ids.outsider });
      const backup = await h.token('specialist', { subjectId: ids.backup });
      const declined = await h.call('POST', `/v1/dispatches/${dispatch.id}/transitions`, {
        token: backup,
        body: { to: 'declined' },
      });
      assert.equal(declined.status, 200, JSON.stringify(declined.body));
      assert.equal((declined.body as Dispatch).status, 'notified');
      assert.match((declined.body as Dispatch).timeline.at(-1)?.note ?? '', /still with 3 others of level 4/);
      const again = await h.call('POST', `/v1/dispatches/${dispatch.id}/transitions`, {
        token: backup,
        body: { to: 'acknowledged' },
      });
      assert.equal(again.status, 403, 'who declined no longer holds it');
      const taken = await h.call('POST', `/v1/dispatches/${dispatch.id}/transitions`, {
        token: outsider,
        body: { to: 'acknowledged' },
      });
      assert.equal(taken.status, 200, JSON.stringify(taken.body));
      assert.equal((taken.body as Dispatch).specialistId, ids.outsider);
      assert.equal((taken.body as Dispatch).specialistName, 'Sam T.');
      assert.equal((taken.body as Dispatch).ackDueAt, null);
    });

    it('keeps a running call-out on the version it started with when the policy changes', async (t) => {
      let now = Date.now();
      const h = await harnessFor(t, storage, { clock: () => new Date(now), config: { ackTimeoutMs: 1000 } });
      const dispatcher = await h.token('dispatcher');
      // Under the built-in default (version 0): the service's acknowledgement timeout, 1 s here.
      const before = (await h.call('POST', '/v1/dispatches', { token: dispatcher, body: incident() })).body as Dispatch;
      assert.deepEqual(before.escalationPolicy, { version: 0, round: 0 });

      const onlyPeers: EscalationPolicyInput = {
        name: 'Everyone at once',
        levels: [{ targets: [{ kind: 'area-peers' }], timeoutSeconds: 600 }],
        repeat: 0,
        copies: [],
      };
      const saved = await save(h, onlyPeers, 0);
      assert.equal(saved.status, 200);
      const after = (await h.call('POST', '/v1/dispatches', { token: dispatcher, body: incident() })).body as Dispatch;
      assert.equal(after.escalationPolicy?.version, 1);
      assert.equal(after.specialistId, null);
      assert.equal(after.timeline.filter((e) => e.status === 'notified').length, 4);
      assert.equal(after.ackDueAt, null, 'one level, no repeat: nothing further to call');

      now += 1500;
      await h.server.tick();
      const moved = (await h.call('GET', `/v1/dispatches/${before.id}`, { token: dispatcher })).body as Dispatch;
      assert.equal(moved.specialistId, ids.backup, 'the first call-out still follows version 0');
      assert.equal(moved.escalationLevel, 1);
      assert.deepEqual(moved.escalationPolicy, { version: 0, round: 0 });
      const kept = (await h.call('GET', `/v1/dispatches/${after.id}`, { token: dispatcher })).body as Dispatch;
      assert.equal(kept.version, after.version, 'the second one waits its own 10 minutes');

      const versions = await h.call('GET', `${path}/versions?limit=1`, { token: dispatcher });
      assert.equal(versions.status, 200);
      const first = versions.body as { items: EscalationPolicy[]; nextCursor: string | null };
      assert.deepEqual(
        first.items.map((p) => p.version),
        [1],
      );
      assert.ok(first.nextCursor);
      const rest = (await h.call('GET', `${path}/versions?limit=1&cursor=${first.nextCursor}`, { token: dispatcher }))
        .body as { items: EscalationPolicy[]; nextCursor: string | null };
      assert.deepEqual(
        rest.items.map((p) => p.version),
        [0],
      );
      assert.equal(rest.nextCursor, null);
      const bad = await h.call('GET', `${path}/versions?cursor=abc`, { token: dispatcher });
      assert.equal(bad.status, 400);
    });

    it('refuses bad policies naming the field, stale versions with 409, and changes by anyone but a supervisor', async (t) => {
      const h = await harnessFor(t, storage);
      const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
      const expectErrors = async (body: EscalationPolicyInput, paths: string[]) => {
        const result = await save(h, body, 0, supervisor);
        assert.equal(result.status, 400, JSON.stringify(result.body));
        assert.equal(result.headers.get('content-type'), 'application/problem+json');
        assert.deepEqual(
          ((result.body as Problem).errors ?? []).map((e) => e.path),
          paths,
        );
      };
      const level = (timeoutSeconds = 300) => ({
        targets: [{ kind: 'position' as const, position: 'primary' as const }],
        timeoutSeconds,
      });
      const base = { name: 'Bad', repeat: 0, copies: [] };
      await expectErrors({ ...base, levels: [{ targets: [], timeoutSeconds: 300 }] }, ['levels.0.targets']);
      await expectErrors({ ...base, levels: [level(), level(10)] }, ['levels.1.timeoutSeconds']);
      await expectErrors({ ...base, levels: [level(3600), level(3600), level(3600), level(3600), level(60)] }, [
        'levels.4.timeoutSeconds',
      ]);
      await expectErrors({ ...base, levels: [level(3600), level(3600)], repeat: 2 }, ['repeat']);
      await expectErrors(
        {
          ...base,
          levels: [
            level(),
            {
              targets: [
                { kind: 'specialist', specialistId: ids.other },
                { kind: 'area-peers' },
                { kind: 'area-peers' },
              ],
              timeoutSeconds: 60,
            },
          ],
          copies: [{ kind: 'specialist', specialistId: ids.resource }],
        },
        ['levels.1.targets.0.specialistId', 'levels.1.targets.2', 'copies.0.specialistId'],
      );
      assert.equal(((await h.call('GET', path, { token: supervisor })).body as EscalationPolicy).version, 0);

      for (const role of ['specialist', 'dispatcher', 'investigator'] as const) {
        const refused = await save(
          h,
          fourLevels,
          0,
          await h.token(role, role === 'specialist' ? { subjectId: ids.primary } : {}),
        );
        assert.equal(refused.status, 403, role);
      }

      const first = await save(h, fourLevels, 0, supervisor);
      assert.equal(first.status, 200);
      const stale = await save(h, { ...fourLevels, name: 'Late' }, 0, supervisor);
      assert.equal(stale.status, 409);
      assert.match((stale.body as Problem).detail ?? '', /version 1, expected 0/);
      const next = await save(h, { ...fourLevels, name: 'Renamed', repeat: 0 }, 1, supervisor);
      assert.equal(next.status, 200);
      assert.equal((next.body as EscalationPolicy).version, 2);
      assert.equal((next.body as EscalationPolicy).id, (first.body as EscalationPolicy).id, 'one policy, new versions');

      const audit = await h.call('GET', '/v1/audit?recordType=escalation-policy', { token: supervisor });
      const updates = (audit.body as { items: AuditEvent[] }).items.filter((e) => e.action === 'update');
      assert.deepEqual(
        updates.map((e) => e.fields),
        [
          ['name', 'repeat'],
          ['name', 'levels', 'repeat', 'copies'],
        ],
      );
    });

    it('reads, changes and lists the policy through the SDK, with typed errors', async (t) => {
      const h = await harnessFor(t, storage);
      const client = (role: 'supervisor' | 'dispatcher') =>
        createProgramClient({
          baseUrl: h.server.url,
          getToken: () => h.token(role, role === 'supervisor' ? { subjectId: ids.supervisor } : {}),
          offline: false,
        });
      const supervisor = client('supervisor');
      const current = await supervisor.escalation.get();
      assert.equal(current.version, 0);
      const saved = await supervisor.escalation.update({ ...fourLevels, expectedVersion: current.version });
      assert.equal(saved.version, 1);
      await assert.rejects(
        supervisor.escalation.update({ ...fourLevels, expectedVersion: 0 }),
        (error) => error instanceof PeerConflictError,
      );
      await assert.rejects(
        supervisor.escalation.update({
          ...fourLevels,
          copies: [{ kind: 'specialist', specialistId: ids.other }],
          expectedVersion: 1,
        }),
        (error) => error instanceof PeerValidationError && 'copies.0.specialistId' in error.fieldErrors,
      );
      await assert.rejects(
        client('dispatcher').escalation.update({ ...fourLevels, expectedVersion: 1 }),
        (error) => error instanceof PeerAuthError,
      );
      const { items } = await client('dispatcher').escalation.versions();
      assert.deepEqual(
        items.map((p) => [p.version, p.name]),
        [
          [1, fourLevels.name],
          [0, 'Primary, backup, supervisor'],
        ],
      );
    });

    it("keeps each agency to its own policy: another agency's change, version and peers are not ours", async (t) => {
      const h = await harnessFor(t, storage);
      assert.equal((await save(h, fourLevels, 0)).status, 200);
      const otherSupervisor = await h.token('supervisor', { agency: 'other', subjectId: ids.other });
      const theirs = await h.call('GET', path, { token: otherSupervisor });
      assert.equal((theirs.body as EscalationPolicy).version, 0);
      assert.equal((theirs.body as EscalationPolicy).agencyId, ids.otherAgency);
      const history = await h.call('GET', `${path}/versions`, { token: otherSupervisor });
      assert.doesNotMatch(JSON.stringify(history.body), new RegExp(ids.agency));
      // Our peer is nobody the other agency can name, and our version is not theirs to follow.
      const named = await save(h, fourLevels, 0, otherSupervisor);
      assert.equal(named.status, 400);
      assert.deepEqual(
        ((named.body as Problem).errors ?? []).map((e) => e.path),
        ['copies.0.specialistId'],
      );
      assert.equal((await save(h, { ...fourLevels, copies: [] }, 1, otherSupervisor)).status, 409);
      const call = (
        await h.call('POST', '/v1/dispatches', {
          token: await h.token('dispatcher', { agency: 'other' }),
          body: incident(),
        })
      ).body as Dispatch;
      assert.deepEqual(call.escalationPolicy, { version: 0, round: 0 });
      assert.equal(call.specialistId, ids.other);
    });
  });
}
