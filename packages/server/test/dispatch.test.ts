import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dispatch } from '@peerlink/sdk';
import type { Harness } from './harness.js';
import { harnessFor, ids, incident, storages } from './harness.js';

/** A call-out the dispatcher requests for a new incident. */
const requested = async (h: Harness) =>
  (await h.call('POST', '/v1/dispatches', { token: await h.token('dispatcher'), body: incident() })).body as Dispatch;

/** Asks to move a dispatch on; the answer is left to the test. */
const transition = (h: Harness, dispatch: Dispatch, token: string, body: object) =>
  h.call('POST', `/v1/dispatches/${dispatch.id}/transitions`, { token, body });

for (const storage of await storages()) {
  describe(`dispatch on ${storage}`, () => {
    it('creates a call-out, notifies the on-call primary and walks the legal path to cleared', async (t) => {
      const h = await harnessFor(t, storage);
      const dispatcher = await h.token('dispatcher');
      const created = await h.call('POST', '/v1/dispatches', { token: dispatcher, body: incident() });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const dispatch = created.body as Dispatch;
      assert.equal(dispatch.status, 'notified');
      assert.equal(dispatch.specialistId, ids.primary);
      assert.ok(dispatch.ackDueAt);
      assert.deepEqual(
        dispatch.timeline.map((e) => e.status),
        ['requested', 'notified'],
      );

      const peer = await h.token('specialist', { subjectId: ids.primary });
      let version = dispatch.version;
      for (const to of ['acknowledged', 'en-route', 'on-scene', 'checked-in', 'engaged', 'cleared'] as const) {
        const body =
          to === 'checked-in'
            ? { to, checkIn: { name: 'Inv. Okafor', role: 'coroner-investigator', agencyName: 'County Coroner' } }
            : { to };
        const moved = await transition(h, dispatch, peer, body);
        assert.equal(moved.status, 200, `${to}: ${JSON.stringify(moved.body)}`);
        const next = moved.body as Dispatch;
        assert.equal(next.status, to);
        assert.equal(next.version, version + 1);
        version = next.version;
      }
      const read = await h.call('GET', `/v1/dispatches/${dispatch.id}`, { token: dispatcher });
      assert.equal((read.body as Dispatch).checkIn?.name, 'Inv. Okafor');
      assert.equal((read.body as Dispatch).ackDueAt, null);
    });

    it('refuses illegal transitions and stale versions with 409, and hides the dispatch from uninvolved peers', async (t) => {
      const h = await harnessFor(t, storage);
      const dispatch = await requested(h);
      const peer = await h.token('specialist', { subjectId: ids.primary });
      const skip = await transition(h, dispatch, peer, { to: 'on-scene' });
      assert.equal(skip.status, 409);
      assert.equal(skip.headers.get('content-type'), 'application/problem+json');
      const backup = await h.token('specialist', { subjectId: ids.backup });
      const notTheirs = await transition(h, dispatch, backup, { to: 'acknowledged' });
      assert.equal(notTheirs.status, 404, 'a specialist not involved does not see the dispatch');
      const acknowledged = await transition(h, dispatch, peer, {
        to: 'acknowledged',
        expectedVersion: dispatch.version,
      });
      assert.equal(acknowledged.status, 200);
      const stale = await transition(h, dispatch, peer, { to: 'en-route', expectedVersion: dispatch.version });
      assert.equal(stale.status, 409);
      assert.match((stale.body as { detail: string }).detail, /changed/);
    });

    it('shows the existing dispatch when the same incident is requested again', async (t) => {
      const h = await harnessFor(t, storage);
      const dispatcher = await h.token('dispatcher');
      const body = incident('CAD-SAME-1');
      const first = await h.call('POST', '/v1/dispatches', { token: dispatcher, body });
      const second = await h.call('POST', '/v1/dispatches', { token: dispatcher, body });
      assert.equal(first.status, 201);
      assert.equal(second.status, 200);
      assert.equal((second.body as Dispatch).id, (first.body as Dispatch).id);
    });

    it('escalates to the backup, then the supervisor, when nobody acknowledges', async (t) => {
      let now = Date.now();
      const h = await harnessFor(t, storage, { clock: () => new Date(now), config: { ackTimeoutMs: 1000 } });
      const dispatcher = await h.token('dispatcher');
      const dispatch = (await h.call('POST', '/v1/dispatches', { token: dispatcher, body: incident() }))
        .body as Dispatch;
      now += 1500;
      await h.server.tick();
      let read = (await h.call('GET', `/v1/dispatches/${dispatch.id}`, { token: dispatcher })).body as Dispatch;
      assert.equal(read.specialistId, ids.backup);
      assert.equal(read.escalationLevel, 1);
      now += 1500;
      await h.server.tick();
      read = (await h.call('GET', `/v1/dispatches/${dispatch.id}`, { token: dispatcher })).body as Dispatch;
      assert.equal(read.specialistId, ids.supervisor);
      assert.equal(read.escalationLevel, 2);
      assert.deepEqual(
        read.timeline.map((e) => e.status),
        ['requested', 'notified', 'escalated', 'notified', 'escalated', 'notified'],
      );
      assert.match(read.timeline[2]?.note ?? '', /No acknowledgement within 1 s/);
    });

    it('escalates at once when the primary declines', async (t) => {
      const h = await harnessFor(t, storage);
      const dispatch = await requested(h);
      const peer = await h.token('specialist', { subjectId: ids.primary });
      const declined = (await transition(h, dispatch, peer, { to: 'declined' })).body as Dispatch;
      assert.equal(declined.status, 'notified');
      assert.equal(declined.specialistId, ids.backup);
      assert.deepEqual(
        declined.timeline.map((e) => e.status),
        ['requested', 'notified', 'declined', 'escalated', 'notified'],
      );
      // The dispatcher reads who declined and who holds it now by display name, never by contact.
      assert.equal(declined.specialistName, 'Luis M.');
      assert.deepEqual(
        declined.timeline.map((e) => e.specialistName ?? null),
        [null, 'Dana R.', 'Dana R.', null, 'Luis M.'],
      );
      assert.doesNotMatch(JSON.stringify(declined), /peer\d@example\.org/, 'no contact address');
    });
  });
}
