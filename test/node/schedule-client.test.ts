// The SDK's schedule namespace offline, against the real reference service (PGlite storage, real HTTP): a new
// override waits in the outbox while the service is unreachable and is sent once when it answers again; rotation
// changes, which name a version, are never kept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OutboxEvent, Override } from '@peerlink/sdk';
import { PeerNetworkError, PeerQueuedError, createProgramClient, memoryStore } from '@peerlink/sdk';
import { harnessFor, ids } from '../../packages/server/test/harness.js';

describe('SDK schedule namespace offline', () => {
  it('keeps an override added while the service is unreachable and sends it once when it answers', async (t) => {
    const h = await harnessFor(t, 'pglite');
    let online = false;
    const events: OutboxEvent[] = [];
    const client = createProgramClient({
      baseUrl: h.server.url,
      getToken: () => h.token('supervisor', { subjectId: ids.supervisor }),
      fetch: (input, init) => (online ? fetch(input, init) : Promise.reject(new TypeError('fetch failed'))),
      offline: memoryStore(),
      retries: 0,
      onEvent: (event) => events.push(event),
    });
    const body = {
      area: 'county',
      position: 'primary' as const,
      specialistId: ids.primary,
      startsAt: '2026-03-03T18:00:00.000Z',
      endsAt: '2026-03-03T22:00:00.000Z',
      reason: 'swap',
    };
    const queued = await client.schedule.overrides.create(body).catch((error: unknown) => error);
    assert.ok(queued instanceof PeerQueuedError);
    assert.deepEqual(
      (await client.outbox.pending()).map((item) => [item.operationId, item.key]),
      [['createOverride', queued.idempotencyKey]],
    );
    // A rotation change names the version read: it is never kept for later.
    const rotation = await client.schedule.rotations
      .update(ids.resource, { version: 1, turnDays: 2 })
      .catch((error: unknown) => error);
    assert.ok(rotation instanceof PeerNetworkError);
    assert.equal((await client.outbox.pending()).length, 1);

    online = true;
    await client.outbox.flush();
    await client.outbox.flush();
    assert.deepEqual(await client.outbox.pending(), []);
    const sent = events.find((event) => event.type === 'sent');
    assert.ok(sent?.type === 'sent');
    assert.equal(sent.item.key, queued.idempotencyKey);
    const listed = await client.schedule.overrides.list({ from: body.startsAt, to: body.endsAt });
    assert.deepEqual(
      listed.items.map((override: Override) => [override.specialistId, override.startsAt, override.reason]),
      [[ids.primary, body.startsAt, 'swap']],
      'exactly one override',
    );
    assert.equal((sent.result as { id?: unknown }).id, listed.items[0]?.id);
  });

  it('sends overrides at once and keeps nothing unless offline is asked for', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const client = createProgramClient({
      baseUrl: h.server.url,
      getToken: () => h.token('supervisor', { subjectId: ids.supervisor }),
      fetch: () => Promise.reject(new TypeError('fetch failed')),
      retries: 0,
    });
    const failed = await client.schedule.overrides
      .create({
        area: 'county',
        position: 'backup',
        specialistId: ids.primary,
        startsAt: '2026-03-04T18:00:00.000Z',
        endsAt: '2026-03-04T22:00:00.000Z',
      })
      .catch((error: unknown) => error);
    assert.ok(failed instanceof PeerNetworkError);
    assert.deepEqual(await client.outbox.pending(), []);
  });
});
