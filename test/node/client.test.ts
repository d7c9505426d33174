// The SDK client against the real reference service (PGlite storage, real HTTP), never a mock.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import type { TestContext } from 'node:test';
import type { Dispatch, OutboxEvent, PeerlinkClient, Role } from '@peerlink/sdk';
import {
  PeerAuthError,
  PeerConflictError,
  PeerError,
  PeerNetworkError,
  PeerNotFoundError,
  PeerQueuedError,
  PeerValidationError,
  createPeerlinkClient,
  detectPii,
  findingKey,
  memoryStore,
} from '@peerlink/sdk';
import { startServer } from '../../packages/server/src/index.js';
import { completeLog, consent } from '../../packages/server/test/fixtures.js';
import type { Harness } from '../../packages/server/test/harness.js';
import { harnessFor, ids, incident } from '../../packages/server/test/harness.js';
import { until } from '../support/until.js';

function clientFor(
  h: Harness,
  role: Role,
  extra: Partial<Parameters<typeof createPeerlinkClient>[0]> = {},
): PeerlinkClient {
  const subjectId = role === 'specialist' ? ids.primary : role === 'supervisor' ? ids.supervisor : undefined;
  return createPeerlinkClient({
    baseUrl: h.server.url,
    getToken: () => h.token(role, subjectId ? { subjectId } : {}),
    offline: false,
    ...extra,
  });
}

/** A referral of the person `personRef` to the harness's detox resource, with their consent, made by `peer`. */
const refer = (peer: PeerlinkClient, personRef: string, urgency: 'routine' | 'urgent' = 'routine') =>
  peer.referrals.create({
    personRef,
    resourceId: ids.resource,
    needs: ['detox'],
    urgency,
    consent: consent() as never,
  });

const rejects = async <T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> => {
  try {
    await promise;
  } catch (error) {
    assert.ok(
      error instanceof type,
      `expected ${type.name}, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    );
    assert.ok(error instanceof PeerError || error.name === 'AbortError');
    return error;
  }
  assert.fail(`expected ${type.name}`);
};

describe('SDK client against the reference service', () => {
  it('covers every method with parsed, typed results', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const dispatcher = clientFor(h, 'dispatcher');
    const peer = clientFor(h, 'specialist');
    const supervisor = clientFor(h, 'supervisor');

    const onCall = await dispatcher.specialists.onCall({ area: 'county' });
    assert.equal(onCall.primary?.id, ids.primary);

    const dispatch = await dispatcher.dispatches.create(incident());
    assert.equal(dispatch.status, 'notified');
    assert.equal((await dispatcher.dispatches.get(dispatch.id)).id, dispatch.id);
    assert.deepEqual(
      (await dispatcher.dispatches.list({ status: 'notified' })).items.map((d) => d.id),
      [dispatch.id],
    );
    const acknowledged = await peer.dispatches.transition(dispatch.id, { to: 'acknowledged' });
    assert.equal(acknowledged.version, dispatch.version + 1);

    const log = await peer.calloutLogs.create({ dispatchId: dispatch.id, content: {} });
    const updated = await peer.calloutLogs.update(log.id, {
      content: completeLog as never,
      expectedVersion: log.version,
    });
    assert.equal(updated.version, log.version + 1);
    assert.equal((await peer.calloutLogs.submit(log.id)).status, 'submitted');
    assert.equal((await supervisor.calloutLogs.review(log.id, { decision: 'approve' })).status, 'approved');
    assert.equal((await supervisor.calloutLogs.get(log.id)).content.narrative, completeLog.narrative);
    assert.equal((await supervisor.calloutLogs.list({ status: 'approved' })).items.length, 1);

    const search = await peer.resources.search({ q: 'detox', categories: ['detox'], medicaid: true });
    assert.deepEqual(
      search.items.map((hit) => hit.resource.id),
      [ids.resource],
    );
    assert.equal((await peer.resources.get(ids.resource)).name, 'Riverside Withdrawal Management');

    const referral = await refer(peer, 'CASE-11');
    assert.equal((await peer.referrals.transition(referral.id, { to: 'sent' })).status, 'sent');
    assert.equal((await peer.referrals.get(referral.id)).status, 'sent');
    assert.equal((await peer.referrals.list({ status: 'sent' })).items.length, 1);

    const credentials = await dispatcher.credentials.list();
    assert.deepEqual(credentials.items, []);
    await rejects(dispatcher.credentials.get(ids.agency), PeerNotFoundError);
  });

  it('submits a log with the personal information it keeps, and reviews it with field comments', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const dispatcher = clientFor(h, 'dispatcher');
    const peer = clientFor(h, 'specialist');
    const supervisor = clientFor(h, 'supervisor');
    const dispatch = await dispatcher.dispatches.create(incident());
    const narrative = 'Her name is Maria Lopez; she asked us to call (217) 555-0143.';
    const log = await peer.calloutLogs.create({
      dispatchId: dispatch.id,
      content: { ...completeLog, narrative } as never,
    });

    const refused = await rejects(peer.calloutLogs.submit(log.id), PeerValidationError);
    assert.equal(refused.status, 422);
    assert.equal(refused.code, 'pii_unresolved');
    assert.deepEqual(Object.keys(refused.fieldErrors), ['content.narrative']);
    assert.ok(
      !JSON.stringify({ message: refused.message, problem: refused.problem }).includes('Maria'),
      'the error never carries the text',
    );

    const keep = detectPii(narrative).map((finding) => ({ field: 'narrative' as const, key: findingKey(finding) }));
    const submitted = await peer.calloutLogs.submit(log.id, { keep });
    assert.deepEqual(
      submitted.piiKept.map((kept) => kept.kind),
      ['person-name', 'phone'],
    );

    const returned = await supervisor.calloutLogs.review(log.id, {
      decision: 'return',
      fieldComments: [{ path: 'followUp.plan', comment: 'Add the plan you agreed on.' }],
    });
    assert.equal(returned.status, 'returned');
    assert.deepEqual((await peer.calloutLogs.get(log.id)).reviews.at(-1)?.fieldComments, [
      { path: 'followUp.plan', comment: 'Add the plan you agreed on.' },
    ]);
    const local = await rejects(
      supervisor.calloutLogs.review(log.id, { decision: 'return', fieldComments: [{ path: 'nowhere', comment: 'x' }] }),
      PeerValidationError,
    );
    assert.deepEqual(Object.keys(local.fieldErrors), ['fieldComments.0.path']);
    assert.equal(local.status, undefined, 'checked before sending');
  });

  it('turns problems into typed errors with status, code and request id — and never carries the token', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const token = await h.token('dispatcher');
    const dispatcher = createPeerlinkClient({ baseUrl: h.server.url, getToken: () => token, offline: false });

    const local = await rejects(
      dispatcher.dispatches.create({
        callForService: { ...incident().callForService, location: { address: '', lat: 91 } },
      }),
      PeerValidationError,
    );
    assert.deepEqual(Object.keys(local.fieldErrors), [
      'callForService.location.address',
      'callForService.location.lat',
    ]);
    assert.equal(local.status, undefined, 'checked before sending');

    const peer = clientFor(h, 'specialist');
    const created = await dispatcher.dispatches.create(incident());
    const conflict = await rejects(peer.dispatches.transition(created.id, { to: 'on-scene' }), PeerConflictError);
    assert.equal(conflict.status, 409);
    assert.equal(conflict.code, 'conflict');
    assert.match(conflict.requestId ?? '', /^[\w-]{8,}$/);
    const forbidden = await rejects(dispatcher.calloutLogs.list(), PeerAuthError);
    assert.equal(forbidden.status, 403);
    await rejects(dispatcher.dispatches.get('00000000-0000-4000-8000-000000000000'), PeerNotFoundError);
    const serverSide = await rejects(
      peer.calloutLogs.submit((await peer.calloutLogs.create({ dispatchId: created.id, content: {} })).id),
      PeerValidationError,
    );
    assert.equal(serverSide.status, 400);
    assert.ok('content.times' in serverSide.fieldErrors);

    const offline = createPeerlinkClient({
      baseUrl: 'http://127.0.0.1:9',
      getToken: () => token,
      offline: false,
      retries: 0,
    });
    const network = await rejects(offline.dispatches.list(), PeerNetworkError);
    assert.equal(network.code, 'network');
    // A service that takes the request and never answers: the timeout's error, causes and all, holds no token.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    t.after(() => {
      silent.closeAllConnections();
      silent.close();
    });
    const hanging = createPeerlinkClient({
      baseUrl: `http://127.0.0.1:${String((silent.address() as AddressInfo).port)}`,
      getToken: () => token,
      offline: false,
      retries: 0,
      timeoutMs: 300,
    });
    const timedOut = await rejects(hanging.dispatches.list(), PeerNetworkError);
    for (const error of [local, conflict, forbidden, serverSide, network, timedOut]) {
      assert.ok(
        !inspect(error, { depth: 20, showHidden: true }).includes(token),
        `no token in ${error.name}, however deep`,
      );
      assert.ok(
        !JSON.stringify({
          name: error.name,
          message: error.message,
          stack: error.stack,
          code: error.code,
          requestId: error.requestId,
          problem: error.problem,
        }).includes(token),
        'no token in errors',
      );
    }
  });

  it('asks for a token lazily, caches it, refreshes it before expiry and once after a 401', async (t) => {
    const h = await harnessFor(t, 'pglite');
    let calls = 0;
    const client = clientFor(h, 'dispatcher', {
      getToken: async () => {
        calls += 1;
        return calls === 1 ? 'expired-or-revoked-token' : h.token('dispatcher');
      },
    });
    assert.equal(calls, 0, 'nothing asked before the first request');
    await client.dispatches.list();
    assert.equal(calls, 2, 'refused once, asked again, retried');
    await client.dispatches.list();
    await client.specialists.onCall();
    assert.equal(calls, 2, 'cached while valid');

    let near = 0;
    const expiring = clientFor(h, 'dispatcher', {
      getToken: async () => {
        near += 1;
        const session = await h.call('POST', '/v1/embed-sessions', { token: h.apiKey, body: { role: 'dispatcher' } });
        const { token } = session.body as { token: string };
        return { token, expiresAt: new Date(Date.now() + 20_000) };
      },
    });
    await expiring.dispatches.list();
    await expiring.dispatches.list();
    assert.equal(near, 2, 'a token within the refresh margin is renewed');
  });

  it('retries a POST whose answer was lost with the same Idempotency-Key, so it applies once; honors Retry-After and AbortSignal', async (t) => {
    const h = await harnessFor(t, 'pglite');
    let dropped = 0;
    const keys: string[] = [];
    const lossy: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'POST') keys.push(request.headers.get('idempotency-key') ?? '');
      const response = await fetch(request);
      if (request.method === 'POST' && dropped === 0) {
        dropped += 1;
        throw new TypeError('fetch failed: connection reset after the request was sent');
      }
      return response;
    };
    const client = clientFor(h, 'dispatcher', { fetch: lossy });
    const dispatch = await client.dispatches.create(incident());
    assert.equal(keys.length, 2);
    assert.equal(keys[0], keys[1], 'the retry carries the same key');
    const stored = await h.server.db.query<{ n: string }>('select count(*)::text as n from dispatches');
    assert.equal(stored[0]?.n, '1');
    assert.equal(dispatch.status, 'notified');

    let busy = 0;
    const started = Date.now();
    const retryAfter: typeof fetch = async (input, init) => {
      if (busy === 0) {
        busy += 1;
        return new Response('{"type":"/problems/rate-limited","title":"Too many requests","status":503}', {
          status: 503,
          headers: { 'Retry-After': '1', 'Content-Type': 'application/problem+json' },
        });
      }
      return fetch(input, init);
    };
    await clientFor(h, 'dispatcher', { fetch: retryAfter }).dispatches.list();
    assert.ok(Date.now() - started >= 950, `waited ${String(Date.now() - started)} ms`);

    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      client.dispatches.list({}, { signal: controller.signal }),
      (error: Error) => error.name === 'AbortError',
    );
  });

  it('keeps changes made while the service is unreachable and replays them once, in order, with their keys', async (t) => {
    const h = await harnessFor(t, 'pglite');
    let online = false;
    const events: OutboxEvent['type'][] = [];
    const flaky: typeof fetch = (input, init) =>
      online ? fetch(input, init) : Promise.reject(new TypeError('fetch failed'));
    const token = await h.token('dispatcher');
    const client = createPeerlinkClient({
      baseUrl: h.server.url,
      getToken: () => token,
      fetch: flaky,
      offline: memoryStore(),
      retries: 0,
      onEvent: (event) => events.push(event.type),
    });
    const first = incident('CAD-OUT-1');
    const second = incident('CAD-OUT-2');
    const queued = await rejects(client.dispatches.create(first), PeerQueuedError);
    await rejects(client.dispatches.create(second), PeerQueuedError);
    assert.match(queued.idempotencyKey, /^[0-9a-f-]{36}$/);
    assert.deepEqual(
      (await client.outbox.pending()).map((item) => item.operationId),
      ['createDispatch', 'createDispatch'],
    );
    online = true;
    await client.outbox.flush();
    assert.deepEqual(events, ['queued', 'queued', 'sent', 'sent']);
    assert.deepEqual(await client.outbox.pending(), []);
    const rows = await h.server.db.query<{ external_id: string }>(
      'select external_id from dispatches order by created_at',
    );
    assert.deepEqual(
      rows.map((row) => row.external_id),
      ['CAD-OUT-1', 'CAD-OUT-2'],
    );
    await client.outbox.flush();
    assert.equal((await h.server.db.query('select 1 from dispatches')).length, 2, 'nothing twice');
  });

  it('keeps a change when the host cannot hand out a token, and sends it once a token comes', async (t) => {
    const h = await harnessFor(t, 'pglite');
    let hostUp = false;
    const client = createPeerlinkClient({
      baseUrl: h.server.url,
      // The host's own server answers, but cannot reach the service for a session.
      getToken: () => (hostUp ? h.token('dispatcher') : Promise.reject(new Error('embed session: HTTP 502'))),
      offline: memoryStore(),
      retries: 0,
    });
    const queued = await rejects(client.dispatches.create(incident('CAD-TOKEN-1')), PeerQueuedError);
    assert.ok(
      queued.cause instanceof PeerNetworkError && queued.cause.code === 'token_unavailable',
      'queued because no token came',
    );
    assert.equal((await client.outbox.pending()).length, 1);
    hostUp = true;
    await client.outbox.flush();
    assert.deepEqual(await client.outbox.pending(), []);
    const rows = await h.server.db.query<{ external_id: string }>('select external_id from dispatches');
    assert.deepEqual(
      rows.map((row) => row.external_id),
      ['CAD-TOKEN-1'],
    );
  });

  it('surfaces a replay the service refuses as failed, with its error, and keeps it until discarded', async (t) => {
    const h = await harnessFor(t, 'pglite');
    let online = false;
    const failures: { status: number; fieldErrors?: Record<string, string> }[] = [];
    const flaky: typeof fetch = (input, init) =>
      online ? fetch(input, init) : Promise.reject(new TypeError('fetch failed'));
    const peer = createPeerlinkClient({
      baseUrl: h.server.url,
      getToken: () => h.token('specialist', { subjectId: ids.primary }),
      fetch: flaky,
      offline: memoryStore(),
      retries: 0,
      onEvent: (event) => {
        if (event.type === 'failed')
          failures.push({
            status: event.error.status ?? 0,
            ...(event.item.failure?.fieldErrors ? { fieldErrors: event.item.failure.fieldErrors } : {}),
          });
      },
    });
    await rejects(
      peer.calloutLogs.create({ dispatchId: '00000000-0000-4000-8000-000000000000', content: {} }),
      PeerQueuedError,
    );
    online = true;
    await peer.outbox.flush();
    assert.deepEqual(
      failures.map((f) => f.status),
      [404],
    );
    const [kept] = await peer.outbox.pending();
    assert.ok(kept);
    assert.equal(kept.failure?.status, 404);
    await peer.outbox.discard(kept.key);
    assert.deepEqual(await peer.outbox.pending(), []);
  });

  it('keeps drafts and clears every local trace on sign-out', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const client = clientFor(h, 'specialist', { offline: memoryStore() });
    await client.drafts.save('log:1', { narrative: 'half written' });
    assert.deepEqual(await client.drafts.load('log:1'), { narrative: 'half written' });
    await client.drafts.delete('log:1');
    assert.equal(await client.drafts.load('log:1'), undefined);
    await client.drafts.save('log:2', { narrative: 'x' });
    await client.clearLocalData();
    assert.equal(await client.drafts.load('log:2'), undefined);
  });

  it('leaves nothing behind when sign-out comes while a queued change is being sent', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const token = await h.token('dispatcher');
    let attempt = 0;
    let signedOut: Promise<void> | undefined;
    const store = memoryStore();
    // The first send fails at once (the change is queued); the replay's send is under way when the user signs out.
    const slow: typeof fetch = async () => {
      attempt += 1;
      if (attempt > 1) {
        signedOut = client.clearLocalData();
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new TypeError('fetch failed');
    };
    const client = createPeerlinkClient({
      baseUrl: h.server.url,
      getToken: () => token,
      fetch: slow,
      offline: store,
      retries: 0,
    });
    await rejects(
      client.calloutLogs.create({ dispatchId: randomUUID(), content: { narrative: 'CANARY' } }),
      PeerQueuedError,
    );
    await client.outbox.flush();
    await signedOut;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.deepEqual(await store.items(), [], 'the change is not written back');
    assert.equal(attempt, 2, 'nor sent again after sign-out');
  });

  it("keeps each person's drafts from whoever uses the device next, until sign-out clears them all", async (t) => {
    const h = await harnessFor(t, 'pglite');
    // One browser: every client shares the store, as every page shares its IndexedDB database.
    const store = memoryStore();
    const as = (getToken: () => Promise<string> | string) => clientFor(h, 'specialist', { getToken, offline: store });
    const dana = as(() => h.token('specialist', { subjectId: ids.primary }));
    const luis = as(() => h.token('specialist', { subjectId: ids.backup }));
    const kai = as(() => h.token('specialist', { subjectId: ids.other, agency: 'other' }));
    const supervisorDana = as(() => h.token('supervisor', { subjectId: ids.primary }));
    const key = `callout-log:${randomUUID()}`;

    await dana.drafts.save(key, { narrative: 'DANA-CANARY' });
    assert.equal(await luis.drafts.load(key), undefined, 'another peer of the agency');
    assert.equal(await kai.drafts.load(key), undefined, 'a peer of another agency');
    assert.equal(await supervisorDana.drafts.load(key), undefined, 'the same person in another role');

    await luis.drafts.save(key, { narrative: 'Luis' });
    await luis.drafts.delete(key);
    // Dana signs in again on a new page.
    const danaAgain = as(() => h.token('specialist', { subjectId: ids.primary }));
    assert.deepEqual(await danaAgain.drafts.load(key), { narrative: 'DANA-CANARY' }, 'neither overwritten nor deleted');

    // Opaque tokens name no one: their holders share one place, apart from everyone named.
    const opaque = as(() => 'opaque-host-token');
    assert.equal(await opaque.drafts.load(key), undefined);
    await opaque.drafts.save(key, { narrative: 'host' });
    assert.deepEqual(await as(() => 'another-opaque-token').drafts.load(key), { narrative: 'host' });

    await kai.clearLocalData();
    assert.equal(await danaAgain.drafts.load(key), undefined, 'sign-out clears the device, whoever wrote what');
    assert.equal(await opaque.drafts.load(key), undefined);
  });

  it('keeps drafts while no token can be had, for the person of the last one only', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const store = memoryStore();
    let hostUp = true;
    const dana = clientFor(h, 'specialist', {
      offline: store,
      getToken: () =>
        hostUp ? h.token('specialist', { subjectId: ids.primary }) : Promise.reject(new Error('offline')),
    });
    const key = `callout-log:${randomUUID()}`;
    await dana.drafts.save(key, { narrative: 'first' });
    hostUp = false;
    await dana.clearLocalData();
    await dana.drafts.save(key, { narrative: 'no one known yet' });
    hostUp = true;
    assert.equal(await dana.drafts.load(key), undefined, 'kept for that page alone, not for the next token');
    await dana.drafts.save(key, { narrative: 'DANA-CANARY' });
    // The host's session endpoint goes away: the drafts stay hers, without a new token.
    hostUp = false;
    await dana.drafts.save(key, { narrative: 'written offline' });
    assert.deepEqual(await dana.drafts.load(key), { narrative: 'written offline' });
    // A new page that gets no token cannot tell who is here: it shows nothing.
    const unknown = clientFor(h, 'specialist', {
      offline: store,
      getToken: () => Promise.reject(new Error('offline')),
    });
    assert.equal(await unknown.drafts.load(key), undefined);
  });

  it('replays a queued change only for the person who made it, with their token, once they are back', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const store = memoryStore();
    const sentKeys: string[] = [];
    const recorded: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      sentKeys.push(request.headers.get('idempotency-key') ?? '');
      return fetch(request);
    };
    const dispatcher = (agency: 'own' | 'other', link = recorded) =>
      createPeerlinkClient({
        baseUrl: h.server.url,
        getToken: () => h.token('dispatcher', { agency }),
        fetch: link,
        offline: store,
        retries: 0,
      });

    // Lakeside's dispatcher queues a call-out offline, and the tab is closed without sign-out.
    const closed = dispatcher('own', () => Promise.reject(new TypeError('fetch failed')));
    const queued = await rejects(closed.dispatches.create(incident('CAD-LAKESIDE')), PeerQueuedError);
    await closed.outbox.flush();

    // The next user of the browser, of another agency: their change is sent at once, not behind it.
    const next = dispatcher('other');
    assert.deepEqual(await next.outbox.pending(), []);
    assert.equal((await next.dispatches.create(incident('CAD-ELSEWHERE'))).status, 'notified');
    await next.outbox.flush();
    assert.ok(!sentKeys.includes(queued.idempotencyKey), 'never sent with their token');
    assert.deepEqual(
      (await store.items()).map((item) => item.key),
      [queued.idempotencyKey],
      'kept for its owner',
    );

    // Lakeside's dispatcher signs in again: their change goes first, then the new one, as theirs.
    const back = dispatcher('own');
    assert.deepEqual(
      (await back.outbox.pending()).map((item) => item.key),
      [queued.idempotencyKey],
    );
    await rejects(back.dispatches.create(incident('CAD-LAKESIDE-2')), PeerQueuedError);
    await back.outbox.flush();
    assert.deepEqual(await store.items(), []);
    const rows = await h.server.db.query<{ external_id: string; agency_id: string }>(
      'select external_id, agency_id from dispatches order by created_at',
    );
    assert.deepEqual(
      rows.map((row) => [row.external_id, row.agency_id]),
      [
        ['CAD-ELSEWHERE', ids.otherAgency],
        ['CAD-LAKESIDE', ids.agency],
        ['CAD-LAKESIDE-2', ids.agency],
      ],
    );
  });

  it('gives no one the drafts and queued changes an older version left without an owner', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const store = memoryStore();
    const draftKey = `callout-log:${randomUUID()}`;
    await store.putDraft(draftKey, { narrative: 'LEGACY-CANARY' });
    await store.putItem({
      key: randomUUID(),
      seq: 1,
      operationId: 'createDispatch',
      method: 'POST',
      path: '/v1/dispatches',
      body: incident('CAD-LEGACY'),
      queuedAt: new Date().toISOString(),
      attempts: 0,
    });
    const client = clientFor(h, 'dispatcher', { offline: store, retries: 0 });
    assert.equal(await client.drafts.load(draftKey), undefined);
    assert.deepEqual(await client.outbox.pending(), []);
    // A change of its own is sent at once (so the replay knows the endpoint), not queued behind it.
    await client.dispatches.create(incident('CAD-NOW'));
    await client.outbox.flush();
    const rows = await h.server.db.query<{ external_id: string }>('select external_id from dispatches');
    assert.deepEqual(
      rows.map((row) => row.external_id),
      ['CAD-NOW'],
    );
    assert.equal((await store.items()).length, 1, 'kept, for no one');
    await client.clearLocalData();
    assert.deepEqual(await store.items(), []);
    assert.equal(await store.getDraft(draftKey), undefined);
  });
});

/** A new call-out of `dispatcher`'s, watched live until its stream is open; its statuses as they come. */
async function streamingCallout(t: TestContext, dispatcher: PeerlinkClient) {
  const dispatch = await dispatcher.dispatches.create(incident());
  const watch = dispatcher.dispatches.watch(dispatch.id);
  t.after(() => {
    watch.close();
  });
  const statuses: string[] = [];
  watch.subscribe((value) => statuses.push(value.status));
  await until(() => watch.mode === 'stream' && statuses.length > 0, 15_000, 'the stream');
  return { dispatch, watch, statuses };
}

describe('live watch', () => {
  async function restartable(t: TestContext) {
    const dir = mkdtempSync(join(tmpdir(), 'peerlink-watch-'));
    t.after(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    const h = await harnessFor(t, 'pglite', { dataDir: dir });
    return { h, dir };
  }

  it('yields the dispatch and every change, and resumes after the service restarts', async (t) => {
    const { h, dir } = await restartable(t);
    const dispatcher = clientFor(h, 'dispatcher');
    const dispatch = await dispatcher.dispatches.create(incident());
    const watch = dispatcher.dispatches.watch(dispatch.id);
    t.after(() => {
      watch.close();
    });
    const seen: Dispatch['status'][] = [];
    const iterator = watch[Symbol.asyncIterator]();
    const next = async () => {
      const result = await iterator.next();
      assert.ok(!result.done);
      seen.push(result.value.status);
      return result.value;
    };
    assert.equal((await next()).status, 'notified');
    const peer = clientFor(h, 'specialist');
    await peer.dispatches.transition(dispatch.id, { to: 'acknowledged' });
    assert.equal((await next()).status, 'acknowledged');
    assert.equal(watch.mode, 'stream');

    // Restart the service on the same port and data; the watch reconnects by itself.
    const port = h.server.port;
    await h.server.close();
    const again = await startServer({ port, dataDir: dir, background: false });
    t.after(() => again.close());
    const peerAgain = createPeerlinkClient({
      baseUrl: again.url,
      offline: false,
      getToken: async () => {
        const session = await fetch(`${again.url}/v1/embed-sessions`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${h.apiKey}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ role: 'specialist', subjectId: ids.primary }),
        });
        return ((await session.json()) as { token: string }).token;
      },
    });
    await peerAgain.dispatches.transition(dispatch.id, { to: 'en-route' });
    assert.equal((await next()).status, 'en-route');
    assert.deepEqual(seen, ['notified', 'acknowledged', 'en-route']);
  });

  it('does not read a record it was handed after the stream opened, yet misses none of its changes', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const reads: string[] = [];
    const counting: typeof fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (/\/v1\/dispatches\/[0-9a-f-]{36}$/.test(new URL(url).pathname)) reads.push(url);
      return fetch(input, init);
    };
    const dispatcher = clientFor(h, 'dispatcher', { fetch: counting });
    const peer = clientFor(h, 'specialist');
    const statuses = (watch: { subscribe(listener: (d: Dispatch) => void): () => void }) => {
      const seen: string[] = [];
      watch.subscribe((d) => seen.push(d.status));
      return seen;
    };
    // A watch of the client opens its stream (and reads its own record, as any first watch does).
    const first = await dispatcher.dispatches.create(incident());
    const opener = dispatcher.dispatches.watch(first.id);
    t.after(() => {
      opener.close();
    });
    await until(() => opener.mode === 'stream' && reads.length === 1, 10_000, 'the stream to open');

    // Created after the stream opened, and acknowledged before it is watched: the watch replays the change.
    const asked = performance.now();
    const created = await dispatcher.dispatches.create(incident());
    await peer.dispatches.transition(created.id, { to: 'acknowledged' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const held = dispatcher.dispatches.watch(created.id, { heldSince: asked });
    t.after(() => {
      held.close();
    });
    const seen = statuses(held);
    await until(() => seen.includes('acknowledged'), 10_000, 'the acknowledgement');
    await peer.dispatches.transition(created.id, { to: 'en-route' });
    await until(() => seen.includes('en-route'), 10_000, 'the next change');
    assert.equal(held.mode, 'stream');
    assert.equal(reads.length, 1, `no read of the held call-out: ${reads.join(', ')}`);

    // Held since before the stream opened: it may have missed changes, so the watch reads the record.
    const older = dispatcher.dispatches.watch(first.id, { heldSince: 0 });
    t.after(() => {
      older.close();
    });
    await until(() => reads.length === 2, 10_000, 'the read of a record held from before the stream');
  });

  it('follows a referral around its loop', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const peer = clientFor(h, 'specialist');
    const referral = await refer(peer, 'CASE-31', 'urgent');
    const watch = peer.referrals.watch(referral.id);
    t.after(() => {
      watch.close();
    });
    const statuses: string[] = [];
    const reached = (status: string) =>
      new Promise<void>((resolve) => {
        const stop = watch.subscribe((value) => {
          if (value.status === status) {
            stop();
            resolve();
          }
        });
      });
    watch.subscribe((value) => statuses.push(value.status));
    await reached('proposed');
    await peer.referrals.transition(referral.id, { to: 'sent' });
    await reached('sent');
    await peer.referrals.transition(referral.id, { to: 'accepted' });
    await reached('accepted');
    assert.deepEqual(statuses, ['proposed', 'sent', 'accepted']);
  });

  it("records the person's revocation of consent, after which court staff read nothing more", async (t) => {
    const h = await harnessFor(t, 'pglite');
    const peer = clientFor(h, 'specialist');
    const court = clientFor(h, 'court-staff');
    const referral = await refer(peer, 'CASE-32');
    await peer.referrals.transition(referral.id, { to: 'sent' });
    assert.equal((await court.referrals.get(referral.id)).id, referral.id);

    const revoked = await court.referrals.revokeConsent(referral.id, { reason: 'person-request', expectedVersion: 2 });
    assert.equal(revoked.referralId, referral.id);
    assert.equal(revoked.status, 'cancelled');
    assert.equal(revoked.version, 3);
    assert.equal(typeof revoked.consent.revokedAt, 'string');
    assert.deepEqual(revoked.consent.revokedBy, { kind: 'user', role: 'court-staff' });
    await rejects(court.referrals.get(referral.id), PeerNotFoundError);
    await rejects(peer.referrals.revokeConsent(referral.id), PeerConflictError);
    const local = await rejects(
      peer.referrals.revokeConsent(referral.id, { reason: 'changed-mind' as never }),
      PeerValidationError,
    );
    assert.deepEqual(Object.keys(local.fieldErrors), ['reason']);
    assert.equal((await peer.referrals.get(referral.id)).timeline.at(-1)?.event, 'consent-revoked');
  });

  it('opens the next stream with a fresh token when the one that opened it expires, missing nothing', async (t) => {
    let offsetMs = 0;
    const h = await harnessFor(t, 'pglite', { clock: () => new Date(Date.now() + offsetMs) });
    let asked = 0;
    const dispatcher = clientFor(h, 'dispatcher', {
      getToken: () => {
        asked += 1;
        return h.token('dispatcher', { ttlSeconds: 60 });
      },
    });
    const { dispatch, watch, statuses } = await streamingCallout(t, dispatcher);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const modes = new Set<string>();
    const sample = setInterval(() => modes.add(watch.mode), 2);
    t.after(() => {
      clearInterval(sample);
    });
    const tokensBefore = asked;

    // The service's clock moves past the token's expiry; a change made then arrives by the next stream.
    offsetMs = 61_000;
    await clientFor(h, 'specialist').dispatches.transition(dispatch.id, { to: 'acknowledged' });
    await until(() => statuses.includes('acknowledged'), 15_000, 'the change made after the expiry');
    clearInterval(sample);
    assert.ok(asked > tokensBefore, 'a fresh token was asked for');
    assert.equal(watch.mode, 'stream');
    assert.deepEqual([...modes], ['stream'], 'never shown as reconnecting');
  });

  it("ends the signed-out session's stream at sign-out, and goes on with the next person's token", async (t) => {
    const h = await harnessFor(t, 'pglite');
    let signedOut = false;
    const issued: { token: string; afterSignOut: boolean }[] = [];
    const streams: { signal: AbortSignal; token: string }[] = [];
    const dispatcher = clientFor(h, 'dispatcher', {
      getToken: async () => {
        const token = await h.token('dispatcher');
        issued.push({ token, afterSignOut: signedOut });
        return token;
      },
      fetch: (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (new URL(url).pathname === '/v1/events' && init?.signal) {
          const token = new Headers(init.headers).get('authorization')?.replace(/^Bearer /, '') ?? '';
          streams.push({ signal: init.signal, token });
        }
        return fetch(input, init);
      },
    });
    const { dispatch, watch, statuses } = await streamingCallout(t, dispatcher);
    assert.equal(streams.length, 1);

    signedOut = true;
    await dispatcher.clearLocalData();
    assert.equal(streams[0]?.signal.aborted, true, "the signed-out session's stream is closed at once");

    await clientFor(h, 'specialist').dispatches.transition(dispatch.id, { to: 'acknowledged' });
    await until(() => statuses.includes('acknowledged'), 15_000, 'the change made after sign-out');
    assert.equal(streams.length, 2, 'one new stream');
    const next = issued.find((entry) => entry.token === streams[1]?.token);
    assert.equal(next?.afterSignOut, true, 'opened with a token asked for after sign-out');
    assert.equal(watch.mode, 'stream');
  });

  it('falls back to polling when a proxy blocks streaming, and offers subscribe()', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const noStreams: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.url.includes('/v1/events'))
        return new Response('buffered by a proxy', { status: 200, headers: { 'Content-Type': 'text/html' } });
      return fetch(request);
    };
    const dispatcher = clientFor(h, 'dispatcher', { fetch: noStreams });
    const dispatch = await dispatcher.dispatches.create(incident());
    const watch = dispatcher.dispatches.watch(dispatch.id, { pollMs: 200 });
    t.after(() => {
      watch.close();
    });
    const statuses: string[] = [];
    const done = new Promise<void>((resolve) => {
      watch.subscribe((value) => {
        statuses.push(value.status);
        if (value.status === 'acknowledged') resolve();
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await clientFor(h, 'specialist').dispatches.transition(dispatch.id, { to: 'acknowledged' });
    await done;
    assert.equal(watch.mode, 'polling');
    assert.deepEqual(statuses, ['notified', 'acknowledged']);
  });
});
