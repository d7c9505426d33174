// The call-out path's cost in round trips to the database, counted by the driver, and what each
// call-out still writes in its one transaction (event, audit, idempotency record, notifications).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { AuditEvent, Dispatch } from '@peerlink/sdk';
import { harnessFor, ids, incident, storages } from './harness.js';

for (const storage of await storages()) {
  describe(`the call-out path on ${storage}`, () => {
    it('creates a call-out in at most 4 round trips, writing its event, audit, idempotency record and notifications', async (t) => {
      const h = await harnessFor(t, storage);
      const dispatcher = await h.token('dispatcher');
      // A first call-out warms the service (signing key, prepared statements); the second is counted.
      await h.call('POST', '/v1/dispatches', { token: dispatcher, body: incident() });
      const key = randomUUID();
      const before = h.server.db.counts();
      const created = await h.call('POST', '/v1/dispatches', {
        token: dispatcher,
        body: incident(),
        headers: { 'Idempotency-Key': key },
      });
      const after = h.server.db.counts();
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const dispatch = created.body as Dispatch;
      assert.equal(dispatch.specialistId, ids.primary);
      const roundTrips = after.roundTrips - before.roundTrips;
      const statements = after.statements - before.statements;
      t.diagnostic(`${storage}: ${String(roundTrips)} round trips, ${String(statements)} statements, 1 transaction`);
      assert.ok(roundTrips <= 4, `${String(roundTrips)} round trips`);
      assert.equal(after.transactions - before.transactions, 1, 'one transaction');

      // Everything the call-out wrote is there: the replay answers the same call-out, the event
      // and the audit event exist, and the primary and the supervisor's copy are queued.
      const replay = await h.call('POST', '/v1/dispatches', {
        token: dispatcher,
        body: incident(),
        headers: { 'Idempotency-Key': key },
      });
      assert.equal(replay.status, 422, 'the same key with another body is refused');
      const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
      const trail = (await h.call('GET', `/v1/audit?recordId=${dispatch.id}`, { token: supervisor })).body as {
        items: AuditEvent[];
      };
      assert.deepEqual(
        trail.items.map((e) => e.action),
        ['create'],
      );
      const events = await h.server.db.query<{ type: string }>('select type from events where record_id = $1', [
        dispatch.id,
      ]);
      assert.deepEqual(
        events.map((e) => e.type),
        ['dispatch.created'],
      );
      const queued = await h.server.db.query<{ kind: string }>(
        "select notification->>'kind' as kind from deliveries where dispatch_id = $1 order by kind",
        [dispatch.id],
      );
      assert.deepEqual(
        queued.map((d) => d.kind),
        ['callout', 'supervisor-copy'],
      );
    });

    it('stores nothing of a call-out whose queued write fails at commit', async (t) => {
      const h = await harnessFor(t, storage);
      const dispatcher = await h.token('dispatcher');
      // Presses for one incident at once: each finds no active call-out, and all but one fail
      // on the one-active-call-out index when their queued insert is checked before the commit.
      const body = incident();
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => h.call('POST', '/v1/dispatches', { token: dispatcher, body })),
      );
      const created = answers.filter((a) => a.status === 201);
      assert.equal(created.length, 1, answers.map((a) => a.status).join(' '));
      const id = (created[0]?.body as Dispatch).id;
      for (const a of answers) if (a.status === 200) assert.equal((a.body as Dispatch).id, id);
      const rows = async (table: string, column: string) =>
        (await h.server.db.query<{ id: string }>(`select ${column}::text as id from ${table}`)).map((r) => r.id);
      assert.deepEqual(await rows('dispatches', 'id'), [id]);
      assert.deepEqual(
        [...new Set(await rows('deliveries', 'dispatch_id'))],
        [id],
        'no notification of a refused press',
      );
      assert.deepEqual([...new Set(await rows('ack_tokens', 'dispatch_id'))], [id], 'no link of a refused press');
      assert.deepEqual([...new Set(await rows('events', 'record_id'))], [id], 'no event of a refused press');
    });
  });
}

for (const storage of await storages()) {
  describe(`a transaction on ${storage}`, () => {
    it('is not committed when one of its statements failed, even if the failure was caught', async (t) => {
      const h = await harnessFor(t, storage);
      const key = randomUUID();
      const attempt = h.server.db.transaction(async (tx) => {
        await tx.query(
          `insert into idempotency_keys (principal, key, request_hash, status, response) values ('test', $1, 'h', 200, 'null')`,
          [key],
        );
        // The failure is caught, but it has aborted the transaction: its COMMIT is answered with ROLLBACK.
        await tx.query('select 1 / 0').catch(() => undefined);
        return 'done';
      });
      await assert.rejects(attempt);
      const rows = await h.server.db.query('select key from idempotency_keys where key = $1', [key]);
      assert.equal(rows.length, 0);
      // The connection went back to the pool usable: the next transaction commits.
      await h.server.db.transaction((tx) => tx.query('select 1'));
    });
  });
}
