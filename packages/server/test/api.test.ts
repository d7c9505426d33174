import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  AuditEvent,
  CalloutLog,
  Credential,
  Dispatch,
  EmbedSession,
  OnCallNow,
  Problem,
  Referral,
  ResourceSearchResult,
} from '@peerlink/sdk';
import { completeLog, consent } from './fixtures.js';
import { credentialRequest, harnessFor, hostOrigin, ids, incident, storages } from './harness.js';

for (const storage of await storages()) {
  describe(`API on ${storage}`, () => {
    it('serves every happy path a host relies on', async (t) => {
      const h = await harnessFor(t, storage);
      const session = await h.call('POST', '/v1/embed-sessions', {
        token: h.apiKey,
        body: { role: 'dispatcher', ttlSeconds: 600 },
      });
      assert.equal(session.status, 201);
      const { token: dispatcher, expiresAt } = session.body as EmbedSession;
      const ttl = Date.parse(expiresAt) - Date.now();
      assert.ok(ttl > 590_000 && ttl <= 600_000, `ttl ${String(ttl)}`);

      const onCall = (await h.call('GET', '/v1/specialists/on-call?area=county', { token: dispatcher }))
        .body as OnCallNow;
      assert.deepEqual(
        [onCall.primary?.id, onCall.backup?.id, onCall.supervisor?.id],
        [ids.primary, ids.backup, ids.supervisor],
      );
      assert.ok(!('contacts' in (onCall.primary ?? {})), 'no contact details for a dispatcher');

      const dispatch = (await h.call('POST', '/v1/dispatches', { token: dispatcher, body: incident() }))
        .body as Dispatch;
      const list = (await h.call('GET', '/v1/dispatches?limit=10', { token: dispatcher })).body as {
        items: Dispatch[];
      };
      assert.deepEqual(
        list.items.map((d) => d.id),
        [dispatch.id],
      );

      const peer = await h.token('specialist', { subjectId: ids.primary });
      const log = (
        await h.call('POST', '/v1/callout-logs', {
          token: peer,
          body: { dispatchId: dispatch.id, content: { narrative: 'draft' } },
        })
      ).body as CalloutLog;
      assert.equal(log.status, 'draft');
      const incomplete = await h.call('POST', `/v1/callout-logs/${log.id}/submit`, { token: peer, body: {} });
      assert.equal(incomplete.status, 400);
      assert.ok((incomplete.body as Problem).errors?.some((e) => e.path === 'content.times'));
      const updated = await h.call('PATCH', `/v1/callout-logs/${log.id}`, {
        token: peer,
        body: { content: completeLog, expectedVersion: log.version },
      });
      assert.equal(updated.status, 200, JSON.stringify(updated.body));
      const submitted = (await h.call('POST', `/v1/callout-logs/${log.id}/submit`, { token: peer, body: {} }))
        .body as CalloutLog;
      assert.equal(submitted.status, 'submitted');
      const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
      const returned = await h.call('POST', `/v1/callout-logs/${log.id}/review`, {
        token: supervisor,
        body: { decision: 'return' },
      });
      assert.equal(returned.status, 400, 'returning needs a comment');
      const reviewed = (
        await h.call('POST', `/v1/callout-logs/${log.id}/review`, { token: supervisor, body: { decision: 'approve' } })
      ).body as CalloutLog;
      assert.equal(reviewed.status, 'approved');

      // investigatorNote reaches the investigator and the supervisor, never a dispatcher or another peer.
      const investigator = await h.token('investigator');
      const asInvestigator = (await h.call('GET', `/v1/callout-logs/${log.id}`, { token: investigator }))
        .body as CalloutLog;
      assert.equal(asInvestigator.content.investigatorNote, completeLog.investigatorNote);
      assert.equal(asInvestigator.content.narrative, undefined);
      assert.equal((await h.call('GET', `/v1/callout-logs/${log.id}`, { token: dispatcher })).status, 403);
      const otherPeer = await h.token('specialist', { subjectId: ids.outsider });
      assert.equal((await h.call('GET', `/v1/callout-logs/${log.id}`, { token: otherPeer })).status, 404);

      const search = (
        await h.call(
          'GET',
          '/v1/resources/search?q=detox&categories=detox&medicaid=true&openNow=true&lat=41.9&lon=-87.6&radiusKm=50',
          { token: peer },
        )
      ).body as ResourceSearchResult;
      assert.deepEqual(
        search.items.map((hit) => hit.resource.id),
        [ids.resource],
      );
      assert.equal(search.items[0]?.openNow, true);
      assert.ok((search.items.at(0)?.distanceKm ?? 99) < 10);

      const referral = await h.call('POST', '/v1/referrals', {
        token: peer,
        body: {
          personRef: 'CASE-0042',
          resourceId: ids.resource,
          needs: ['detox'],
          urgency: 'urgent',
          consent: consent(),
        },
      });
      assert.equal(referral.status, 201, JSON.stringify(referral.body));
      const referralId = (referral.body as Referral).id;
      for (const [to, extra] of [
        ['sent', {}],
        ['accepted', {}],
        ['scheduled', { scheduledAt: new Date(Date.now() + 86400000).toISOString() }],
        ['completed', {}],
      ] as const) {
        const moved = await h.call('POST', `/v1/referrals/${referralId}/transitions`, {
          token: peer,
          body: { to, ...extra },
        });
        assert.equal(moved.status, 200, `${to}: ${JSON.stringify(moved.body)}`);
      }
      const noConsent = await h.call('POST', '/v1/referrals', {
        token: peer,
        body: {
          personRef: 'CASE-0043',
          resourceId: ids.resource,
          needs: ['detox'],
          urgency: 'urgent',
          consent: { ...consent(), part2NoticeAcknowledged: false },
        },
      });
      assert.equal(noConsent.status, 400);
      assert.ok((noConsent.body as Problem).errors?.some((e) => e.path === 'consent.part2NoticeAcknowledged'));

      const credential = await h.call('POST', '/v1/credentials', {
        token: supervisor,
        body: credentialRequest({ expiresOn: new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10) }),
      });
      assert.equal(credential.status, 201, JSON.stringify(credential.body));
      assert.equal((credential.body as Credential).status, 'expiring');
      const credentials = (await h.call('GET', `/v1/credentials?specialistId=${ids.primary}`, { token: dispatcher }))
        .body as { items: Credential[] };
      assert.equal(credentials.items.length, 1);

      const jwks = await h.call('GET', `/v1/agencies/${ids.agency}/jwks.json`);
      assert.equal(jwks.status, 200);

      const audit = (await h.call('GET', '/v1/audit?limit=200', { token: supervisor })).body as { items: AuditEvent[] };
      const seen = new Set(audit.items.map((event) => `${event.action} ${event.recordType}`));
      for (const expected of [
        'create callout-log',
        'read callout-log',
        'review callout-log',
        'create referral',
        'create consent',
        'transition referral',
        'create credential',
        'list credential',
      ]) {
        assert.ok(seen.has(expected), `audit has "${expected}"`);
      }
      assert.ok(audit.items.every((event) => event.agencyId === ids.agency));
    });

    it('answers problems as application/problem+json with field paths', async (t) => {
      const h = await harnessFor(t, storage);
      const dispatcher = await h.token('dispatcher');
      const bad = await h.call('POST', '/v1/dispatches', {
        token: dispatcher,
        body: { callForService: { externalId: 7 }, extra: true },
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.headers.get('content-type'), 'application/problem+json');
      const problem = bad.body as Problem;
      assert.deepEqual(
        problem.errors?.map((e) => e.path),
        [
          'callForService.externalId',
          'callForService.type',
          'callForService.location',
          'callForService.receivedAt',
          'extra',
        ],
      );
      assert.equal(problem.requestId, bad.headers.get('x-request-id'));

      assert.equal((await h.call('POST', '/v1/dispatches', { token: dispatcher, body: '{not json' })).status, 400);
      const unknown = await h.call('GET', '/v1/nothing-here', { token: dispatcher });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.headers.get('content-type'), 'application/problem+json');
      const huge = await h.call('POST', '/v1/dispatches', { token: dispatcher, body: { note: 'x'.repeat(70_000) } });
      assert.equal(huge.status, 413);
      assert.equal((await h.call('GET', '/v1/dispatches')).status, 401);
      assert.equal((await h.call('GET', '/v1/dispatches', { token: 'not-a-token' })).status, 401);
      assert.equal(
        (
          await h.call('POST', '/v1/embed-sessions', {
            token: 'plk_000000000000_' + 'a'.repeat(43),
            body: { role: 'dispatcher' },
          })
        ).status,
        401,
      );
      const noSubject = await h.call('POST', '/v1/embed-sessions', { token: h.apiKey, body: { role: 'specialist' } });
      assert.equal(noSubject.status, 400);
      const tooLong = await h.call('POST', '/v1/embed-sessions', {
        token: h.apiKey,
        body: { role: 'dispatcher', ttlSeconds: 3600 },
      });
      assert.equal(tooLong.status, 400);
    });

    it('sends security headers and allows CORS only for the agency’s hosts', async (t) => {
      const h = await harnessFor(t, storage);
      const dispatcher = await h.token('dispatcher');
      const ok = await h.call('GET', '/v1/dispatches', { token: dispatcher, headers: { Origin: hostOrigin } });
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('access-control-allow-origin'), hostOrigin);
      assert.equal(ok.headers.get('x-content-type-options'), 'nosniff');
      assert.match(ok.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      const preflight = await fetch(`${h.server.url}/v1/dispatches`, {
        method: 'OPTIONS',
        headers: { Origin: hostOrigin, 'Access-Control-Request-Method': 'POST' },
      });
      assert.equal(preflight.status, 204);
      const evil = await fetch(`${h.server.url}/v1/dispatches`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
      });
      assert.equal(evil.status, 403);
      // Another agency's host origin with this agency's token is refused.
      const crossed = await h.call('GET', '/v1/dispatches', {
        token: dispatcher,
        headers: { Origin: 'https://other.example.org' },
      });
      assert.equal(crossed.status, 403);
      assert.equal(
        crossed.headers.get('access-control-allow-origin'),
        'https://other.example.org',
        'preflight-allowed origin still reads the refusal',
      );
    });

    it('rate-limits per key with Retry-After', async (t) => {
      const h = await harnessFor(t, storage, { config: { rateLimit: { capacity: 5, perSecond: 0.5 } } });
      const dispatcher = await h.token('dispatcher');
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await h.call('GET', '/v1/dispatches', { token: dispatcher })).status);
      assert.deepEqual(statuses.slice(0, 5), [200, 200, 200, 200, 200]);
      const limited = await h.call('GET', '/v1/dispatches', { token: dispatcher });
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      const other = await h.token('dispatcher', { agency: 'other' });
      assert.equal(
        (await h.call('GET', '/v1/dispatches', { token: other })).status,
        200,
        'another key has its own bucket',
      );
    });

    it('returns the first result for a repeated Idempotency-Key and 422 for another body', async (t) => {
      const h = await harnessFor(t, storage);
      const dispatcher = await h.token('dispatcher');
      const body = incident();
      const headers = { 'Idempotency-Key': 'key-0001-abcdef' };
      const first = await h.call('POST', '/v1/dispatches', { token: dispatcher, body, headers });
      const again = await h.call('POST', '/v1/dispatches', { token: dispatcher, body, headers });
      assert.equal(first.status, 201);
      assert.equal(again.status, 201);
      assert.deepEqual(again.body, first.body);
      const different = await h.call('POST', '/v1/dispatches', { token: dispatcher, body: incident(), headers });
      assert.equal(different.status, 422);
      const count = await h.server.db.query<{ n: string }>('select count(*)::text as n from dispatches');
      assert.equal(count[0]?.n, '1');
    });

    it('answers simultaneous requests for one incident without a key with its one call-out, never a 500', async (t) => {
      const h = await harnessFor(t, storage);
      const dispatcher = await h.token('dispatcher');
      for (let round = 0; round < 3; round++) {
        const body = incident();
        const answers = await Promise.all(
          [1, 2, 3].map(() => h.call('POST', '/v1/dispatches', { token: dispatcher, body })),
        );
        assert.deepEqual(
          answers.map((answer) => answer.status).sort(),
          [200, 200, 201],
          JSON.stringify(answers.map((answer) => answer.body)),
        );
        const ids = new Set(answers.map((answer) => (answer.body as Dispatch).id));
        assert.equal(ids.size, 1, 'every answer is the one call-out');
      }
    });
  });
}
