// Schedule changes on the event stream: every reader of the schedule hears that an area changed (never who is
// on call), the other agency hears nothing, and the SDK's schedule watch follows them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Override, PeerEvent, Rotation, ScheduleChange } from '@peerlink/sdk';
import { createClientCore, scheduleApi } from '@peerlink/sdk';
import type { Harness } from './harness.js';
import { harnessFor, ids, rotationBody, storages } from './harness.js';
import { readEvents } from './sse.js';

async function post<T>(h: Harness, token: string, path: string, body?: unknown, status = 201): Promise<T> {
  const result = await h.call('POST', path, { token, ...(body === undefined ? {} : { body }) });
  assert.equal(result.status, status, JSON.stringify(result.body));
  return result.body as T;
}

const isSchedule = (event: PeerEvent): event is Extract<PeerEvent, { type: 'schedule.updated' }> =>
  event.type === 'schedule.updated';

for (const storage of await storages()) {
  describe(`schedule events on ${storage}`, () => {
    it('tells dispatchers and peers which area changed, never who is on call; the other agency hears nothing', async (t) => {
      const h = await harnessFor(t, storage);
      // The program staffs two areas (its settings list them), so each change names one.
      const areas = await h.call('PATCH', '/v1/agency', { token: h.apiKey, body: { areas: ['county', 'north'] } });
      assert.equal(areas.status, 200, JSON.stringify(areas.body));
      const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
      const dispatcher = await h.token('dispatcher');
      const peer = await h.token('specialist', { subjectId: ids.backup });
      const outsider = await h.token('supervisor', { subjectId: ids.other, agency: 'other' });
      const streams = await Promise.all([dispatcher, peer, outsider].map((token) => readEvents(h.server.url, token)));
      t.after(() => {
        for (const stream of streams) stream.close();
      });
      const [forDispatcher, forPeer, forOutsider] = streams;
      if (!forDispatcher || !forPeer || !forOutsider) throw new Error('streams not open');

      const rotation = await post<Rotation>(h, supervisor, '/v1/schedule/rotations', rotationBody());
      const startsAt = new Date(Date.now() + 3_600_000).toISOString();
      const endsAt = new Date(Date.now() + 7_200_000).toISOString();
      const override = await post<Override>(h, supervisor, '/v1/schedule/overrides', {
        area: 'north',
        position: 'backup',
        specialistId: ids.primary,
        startsAt,
        endsAt,
      });
      const changed = await h.call('PATCH', `/v1/schedule/rotations/${rotation.id}`, {
        token: supervisor,
        body: { version: rotation.version, members: [ids.backup, ids.primary] },
      });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      await post<Override>(h, supervisor, `/v1/schedule/overrides/${override.id}/cancel`, undefined, 200);

      for (const stream of [forDispatcher, forPeer]) {
        const seen: ScheduleChange[] = [];
        for (let i = 0; i < 4; i += 1) {
          const event = await stream.next(isSchedule);
          if (isSchedule(event)) seen.push(event.data);
        }
        assert.deepEqual(
          seen.map(({ area, kind, recordId }) => [area, kind, recordId]),
          [
            ['county', 'rotation', rotation.id],
            ['north', 'override', override.id],
            ['county', 'rotation', rotation.id],
            ['north', 'override', override.id],
          ],
        );
        for (const change of seen) {
          assert.deepEqual(Object.keys(change).sort(), ['area', 'id', 'kind', 'recordId', 'updatedAt']);
          assert.equal(change.id, ids.agency);
          assert.ok(!JSON.stringify(change).includes(ids.primary), 'no peer named in the event');
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(forOutsider.received.filter(isSchedule).length, 0, 'another agency hears nothing');
    });

    it("follows the schedule through the SDK's watch", async (t) => {
      const h = await harnessFor(t, storage);
      const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
      const dispatcher = await h.token('dispatcher');
      const api = scheduleApi(createClientCore({ baseUrl: h.server.url, getToken: () => dispatcher, offline: false }));
      const watch = api.watch();
      t.after(() => {
        watch.close();
      });
      const values: unknown[] = [];
      watch.subscribe((value) => values.push(value));
      const deadline = Date.now() + 10_000;
      while (values.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(watch.mode, 'stream');
      const override = await post<Override>(h, supervisor, '/v1/schedule/overrides', {
        area: 'county',
        position: 'primary',
        specialistId: ids.backup,
        startsAt: new Date(Date.now() + 3_600_000).toISOString(),
        endsAt: new Date(Date.now() + 7_200_000).toISOString(),
      });
      while (values.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(values[1], {
        id: ids.agency,
        area: 'county',
        kind: 'override',
        recordId: override.id,
        updatedAt: override.createdAt,
      });
    });
  });
}
