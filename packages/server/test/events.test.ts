import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dispatch } from '@peerlink/sdk';
import { appendEvent } from '../src/domain/events.js';
import { startServer } from '../src/index.js';
import { dispatcherToken, harnessFor, ids, incident, postgresFor, storages } from './harness.js';
import { readEvents } from './sse.js';

for (const storage of await storages()) {
  describe(`live events on ${storage}`, () => {
    it('streams changes filtered by role, agency and scope, and resumes with Last-Event-ID', async (t) => {
      const h = await harnessFor(t, storage);
      const dispatcher = await h.token('dispatcher');
      const stream = await readEvents(h.server.url, dispatcher);
      t.after(() => {
        stream.close();
      });
      const outsiderStream = await readEvents(h.server.url, await h.token('specialist', { subjectId: ids.outsider }));
      const otherAgencyStream = await readEvents(h.server.url, await h.token('dispatcher', { agency: 'other' }));
      t.after(() => {
        outsiderStream.close();
        otherAgencyStream.close();
      });

      const dispatch = (await h.call('POST', '/v1/dispatches', { token: dispatcher, body: incident() }))
        .body as Dispatch;
      const created = await stream.next((e) => e.type === 'dispatch.created');
      assert.equal(created.data.id, dispatch.id);

      const peer = await h.token('specialist', { subjectId: ids.primary });
      const primaryStream = await readEvents(h.server.url, peer, { recordId: dispatch.id });
      t.after(() => {
        primaryStream.close();
      });
      await h.call('POST', `/v1/dispatches/${dispatch.id}/transitions`, { token: peer, body: { to: 'acknowledged' } });
      const acked = await stream.next((e) => e.type === 'dispatch.updated');
      assert.equal((acked.data as Dispatch).status, 'acknowledged');
      assert.equal(((await primaryStream.next()).data as Dispatch).status, 'acknowledged');

      // Resume: a client that saw only "created" gets "updated" replayed, nothing twice.
      const resumed = await readEvents(h.server.url, dispatcher, { lastEventId: created.id });
      t.after(() => {
        resumed.close();
      });
      const replayed = await resumed.next();
      assert.equal(replayed.id, acked.id);

      // A log's events carry its status only, never its narrative or the investigator's note.
      const log = await h.call('POST', '/v1/callout-logs', {
        token: peer,
        body: {
          dispatchId: dispatch.id,
          content: { narrative: 'Sensitive words', investigatorNote: 'For the coroner' },
        },
      });
      assert.equal(log.status, 201);
      const supervisorStream = await readEvents(
        h.server.url,
        await h.token('supervisor', { subjectId: ids.supervisor }),
        { lastEventId: '0' },
      );
      t.after(() => {
        supervisorStream.close();
      });
      const logEvent = await supervisorStream.next((e) => e.type === 'callout-log.updated');
      assert.ok(!JSON.stringify(logEvent).includes('Sensitive words'));
      assert.ok(!JSON.stringify(logEvent).includes('For the coroner'));

      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(outsiderStream.received, [], 'an uninvolved specialist hears nothing');
      assert.deepEqual(otherAgencyStream.received, [], 'another agency hears nothing');
    });

    it('ends a stream when the token that opened it expires, before sending anything newer', async (t) => {
      let offsetMs = 0;
      const h = await harnessFor(t, storage, { clock: () => new Date(Date.now() + offsetMs) });
      const token = await h.token('dispatcher', { ttlSeconds: 60 });
      const stream = await readEvents(h.server.url, token);
      t.after(() => {
        stream.close();
      });
      const before = (await h.call('POST', '/v1/dispatches', { token: await h.token('dispatcher'), body: incident() }))
        .body as Dispatch;
      await stream.next((event) => (event.data as Dispatch).id === before.id);

      offsetMs = 61_000;
      assert.equal((await h.call('GET', '/v1/dispatches', { token })).status, 401, 'the token has expired');
      const after = (await h.call('POST', '/v1/dispatches', { token: await h.token('dispatcher'), body: incident() }))
        .body as Dispatch;
      assert.ok(after.id, 'a fresh token still creates');
      const stillOpen = new Promise((resolve) => {
        setTimeout(() => {
          resolve('still open after 10 s');
        }, 10_000).unref();
      });
      assert.deepEqual(await Promise.race([stream.ended, stillOpen]), { expired: true });
      assert.ok(!stream.received.some((event) => (event.data as Dispatch).id === after.id), 'nothing after the expiry');

      // A fresh token resumes where the expired one's stream stopped.
      const last = stream.received.at(-1)?.id;
      const resumed = await readEvents(h.server.url, await h.token('dispatcher'), last ? { lastEventId: last } : {});
      t.after(() => {
        resumed.close();
      });
      await resumed.next((event) => (event.data as Dispatch).id === after.id);
    });

    it("delivers one record's changes in the order they were made, however close together", async (t) => {
      const h = await harnessFor(t, storage);
      const dispatcher = await h.token('dispatcher');
      const peer = await h.token('specialist', { subjectId: ids.primary });
      const stream = await readEvents(h.server.url, dispatcher);
      t.after(() => {
        stream.close();
      });
      const dispatch = (await h.call('POST', '/v1/dispatches', { token: dispatcher, body: incident() }))
        .body as Dispatch;
      const path = ['acknowledged', 'en-route', 'on-scene', 'checked-in', 'engaged', 'cleared'] as const;
      for (const to of path) {
        const checkIn = { name: 'Inv. Okafor', role: 'coroner-investigator', agencyName: 'County Coroner' };
        const body = to === 'checked-in' ? { to, checkIn } : { to };
        const moved = await h.call('POST', `/v1/dispatches/${dispatch.id}/transitions`, { token: peer, body });
        assert.equal(moved.status, 200, JSON.stringify(moved.body));
      }
      const heard: string[] = [];
      while (heard.at(-1) !== 'cleared') {
        const event = await stream.next((e) => e.type === 'dispatch.updated' && e.data.id === dispatch.id);
        const status = (event.data as Dispatch).status;
        if (path.includes(status as (typeof path)[number])) heard.push(status);
      }
      assert.deepEqual(heard, path);
    });
  });
}

describe('live events across instances', () => {
  it('delivers a dispatch created on one instance to an SSE client of another (PostgreSQL LISTEN/NOTIFY)', async (t) => {
    const url = await postgresFor(t);
    if (!url) return;
    const first = await startServer({ databaseUrl: url, background: false });
    const second = await startServer({ databaseUrl: url, background: false });
    t.after(async () => {
      await first.close();
      await second.close();
    });
    const { insertAgency, insertSpecialist } = await import('../src/domain/store.js');
    const { createApiKey } = await import('../src/domain/auth.js');
    await insertAgency(first.db, {
      id: ids.agency,
      name: 'Two-instance test',
      kind: 'peer-program',
      programId: null,
      timeZone: 'America/Chicago',
      allowedOrigins: [],
    });
    await insertSpecialist(first.db, {
      id: ids.primary,
      agencyId: ids.agency,
      displayName: 'Dana R.',
      roles: ['crisis-interventionist'],
      languages: ['en'],
      supervisorId: null,
      active: true,
    });
    const { key } = await createApiKey(first.db, ids.agency);
    const session = (url: string) => dispatcherToken(url, key);
    const listener = await readEvents(second.url, await session(second.url));
    t.after(() => {
      listener.close();
    });
    const created = await fetch(`${first.url}/v1/dispatches`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await session(first.url)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(incident()),
    });
    assert.equal(created.status, 201);
    const dispatch = (await created.json()) as Dispatch;
    const event = await listener.next((e) => e.type === 'dispatch.created');
    assert.equal(event.data.id, dispatch.id);
  });
});

describe('resuming live events while writes commit out of order', () => {
  it('replays an event with a smaller id that committed after the one the client resumes after', async (t) => {
    if (!(await storages()).includes('postgres')) return;
    const h = await harnessFor(t, 'postgres');
    const dispatcher = await h.token('dispatcher');
    const first = (await h.call('POST', '/v1/dispatches', { token: dispatcher, body: incident() })).body as Dispatch;

    // A change to `first` in flight: its event takes an id now and commits last.
    let commit!: () => void;
    const released = new Promise<void>((resolve) => {
      commit = resolve;
    });
    let written!: (id: string) => void;
    const inFlight = new Promise<string>((resolve) => {
      written = resolve;
    });
    const late = h.server.db.transaction(async (tx) => {
      await appendEvent(tx, {
        agencyId: ids.agency,
        type: 'dispatch.updated',
        recordId: first.id,
        audience: { roles: ['dispatcher'] },
        data: { ...first, status: 'cancelled' },
        at: new Date(),
      });
      const [row] = await tx.query<{ id: string }>("select currval('events_id_seq')::text as id");
      written(row?.id ?? '');
      await released;
    });

    const stream = await readEvents(h.server.url, dispatcher);
    const second = (await h.call('POST', '/v1/dispatches', { token: dispatcher, body: incident() })).body as Dispatch;
    const created = await stream.next((e) => e.type === 'dispatch.created' && e.data.id === second.id);
    const lateId = await inFlight;
    assert.ok(BigInt(created.id) > BigInt(lateId), 'the later write took the larger id');
    // The client drops the stream; the change in flight commits before it comes back.
    stream.close();
    commit();
    await late;

    const resumed = await readEvents(h.server.url, dispatcher, { lastEventId: created.id });
    t.after(() => {
      resumed.close();
    });
    const replayed = await resumed.next((e) => e.id === lateId);
    assert.equal((replayed.data as Dispatch).status, 'cancelled');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(!resumed.received.some((e) => e.id === created.id), 'the event it resumes after does not come again');
  });
});
