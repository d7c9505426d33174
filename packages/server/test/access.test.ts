// Access checks that go beyond role × endpoint (authorization.test.ts): a record met on another
// path (an active incident, an idempotent replay), record-scoped tokens, who writes a log, who
// reads a referral, and what the audit trail records.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { AuditEvent, CalloutLog, Credential, Dispatch, PeerEvent, Referral } from '@peerlink/sdk';
import { completeLog, consent } from './fixtures.js';
import type { Harness } from './harness.js';
import { harnessFor, hostOrigin, ids, incident, rotationBody, storages } from './harness.js';
import { readEvents } from './sse.js';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

async function created<T>(h: Harness, path: string, token: string, body: unknown): Promise<T> {
  const result = await h.call('POST', path, { token, body });
  assert.ok(
    result.status === 200 || result.status === 201,
    `${path}: ${String(result.status)} ${JSON.stringify(result.body)}`,
  );
  return result.body as T;
}

const credentialBody = (specialistId: string) => ({
  specialistId,
  type: 'peer-recovery',
  name: 'Peer Recovery (example)',
  issuer: { name: 'Example Board' },
  issuedOn: '2025-01-01',
  evidence: [],
});

const referralBody = (dispatchId?: string) => ({
  personRef: `CASE-${randomUUID().slice(0, 6)}`,
  resourceId: ids.resource,
  needs: ['detox'],
  urgency: 'routine',
  consent: consent(),
  ...(dispatchId ? { dispatchId } : {}),
});

async function auditTrail(h: Harness, query = ''): Promise<AuditEvent[]> {
  const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
  const result = await h.call('GET', `/v1/audit?limit=100${query}`, { token: supervisor });
  assert.equal(result.status, 200, JSON.stringify(result.body));
  return (result.body as Page<AuditEvent>).items;
}

for (const storage of await storages()) {
  describe(`access checks on ${storage}`, () => {
    it('refuses a record-scoped token a call-out for an incident with an active one, revealing nothing of it', async (t) => {
      const h = await harnessFor(t, storage);
      const dispatcher = await h.token('dispatcher');
      const body = incident();
      body.callForService.leadInvestigator = {
        name: 'Det. A. Quinn',
        role: 'law-enforcement',
        agencyName: 'Springfield PD',
      };
      const active = await created<Dispatch>(h, '/v1/dispatches', dispatcher, body);
      const mine = await created<Dispatch>(h, '/v1/dispatches', dispatcher, incident());

      const scoped = await h.token('dispatcher', { scope: { type: 'dispatch', id: mine.id } });
      const scopedSupervisor = await h.token('supervisor', {
        subjectId: ids.supervisor,
        scope: { type: 'dispatch', id: mine.id },
      });
      for (const token of [scoped, scopedSupervisor]) {
        // A scoped token creates no call-out (403) before the incident is looked up; were it looked up, one the
        // caller may not see would answer 409 with nothing of it.
        const again = await h.call('POST', '/v1/dispatches', { token, body });
        assert.equal(again.status, 403, JSON.stringify(again.body));
        const text = JSON.stringify(again.body);
        for (const secret of [active.id, '1200 Elm St', 'Quinn', ids.primary])
          assert.ok(!text.includes(secret), `leaked ${secret}: ${text}`);
      }
      // Who may see it still finds it, as before.
      const seen = await h.call('POST', '/v1/dispatches', { token: await h.token('dispatcher'), body });
      assert.equal(seen.status, 200);
      assert.equal((seen.body as Dispatch).id, active.id);
    });

    it('stores no "null" origin from the acknowledgement page, and reads the trail even where an earlier row holds one', async (t) => {
      const h = await harnessFor(t, storage);
      const dispatch = await created<Dispatch>(h, '/v1/dispatches', await h.token('dispatcher'), incident());
      const [row] = await h.server.db.query<{ url: string }>(
        "select notification->>'ackUrl' as url from deliveries where dispatch_id = $1 and notification->>'ackUrl' is not null",
        [dispatch.id],
      );
      assert.ok(row, 'the primary was sent a link');
      const path = new URL(row.url).pathname;
      // What a phone's browser sends from a page served with Referrer-Policy: no-referrer.
      const ack = await fetch(`${h.server.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'null' },
        body: 'decision=acknowledge',
      });
      assert.equal(ack.status, 303);

      let trail = await auditTrail(h, `&recordId=${dispatch.id}`);
      const transition = trail.find((event) => event.action === 'transition');
      assert.ok(transition, JSON.stringify(trail));
      assert.equal(transition.hostOrigin, null);
      const [stored] = await h.server.db.query<{ origin: string | null }>(
        "select doc->>'hostOrigin' as origin from audit_events where id = $1",
        [transition.id],
      );
      assert.equal(stored?.origin ?? null, null, 'stored without an origin');

      // A row written before origins were checked.
      const old: AuditEvent = { ...transition, id: randomUUID(), requestId: 'before-the-fix' };
      await h.server.db.query(
        'insert into audit_events (id, agency_id, at, doc) values ($1, $2, $3, $4::text::jsonb)',
        [old.id, old.agencyId, new Date(old.at), JSON.stringify({ ...old, hostOrigin: 'null' })],
      );
      trail = await auditTrail(h);
      assert.equal(trail.find((event) => event.id === old.id)?.hostOrigin, null);
      // An origin the contract accepts is kept.
      await h.call('GET', `/v1/dispatches/${dispatch.id}`, {
        token: await h.token('dispatcher'),
        headers: { Origin: hostOrigin },
      });
      trail = await auditTrail(h, `&recordId=${dispatch.id}`);
      assert.equal(trail.find((event) => event.action === 'read')?.hostOrigin, hostOrigin);
    });

    it('holds a record-scoped token to its record on credentials and on the audit trail', async (t) => {
      const h = await harnessFor(t, storage);
      const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
      const primarys = await created<Credential>(h, '/v1/credentials', supervisor, credentialBody(ids.primary));
      const backups = await created<Credential>(h, '/v1/credentials', supervisor, credentialBody(ids.backup));

      const oneCredential = await h.token('supervisor', {
        subjectId: ids.supervisor,
        scope: { type: 'credential', id: primarys.id },
      });
      assert.equal((await h.call('GET', `/v1/credentials/${primarys.id}`, { token: oneCredential })).status, 200);
      assert.equal((await h.call('GET', `/v1/credentials/${backups.id}`, { token: oneCredential })).status, 404);
      const listed = (await h.call('GET', '/v1/credentials', { token: oneCredential })).body as Page<Credential>;
      assert.deepEqual(
        listed.items.map((c) => c.id),
        [primarys.id],
      );
      const suspend = await h.call('POST', `/v1/credentials/${backups.id}/status`, {
        token: oneCredential,
        body: { administrativeStatus: 'suspended' },
      });
      assert.equal(suspend.status, 404);
      assert.equal(
        (await h.call('POST', '/v1/credentials', { token: oneCredential, body: credentialBody(ids.primary) })).status,
        403,
      );

      const onePeer = await h.token('supervisor', {
        subjectId: ids.supervisor,
        scope: { type: 'specialist', id: ids.backup },
      });
      const peers = (await h.call('GET', '/v1/credentials', { token: onePeer })).body as Page<Credential>;
      assert.deepEqual(
        peers.items.map((c) => c.id),
        [backups.id],
      );
      assert.equal(
        (await h.call('POST', '/v1/credentials', { token: onePeer, body: credentialBody(ids.backup) })).status,
        201,
      );
      assert.equal(
        (await h.call('POST', '/v1/credentials', { token: onePeer, body: credentialBody(ids.primary) })).status,
        403,
      );

      const trail = (await h.call('GET', '/v1/audit', { token: oneCredential })).body as Page<AuditEvent>;
      assert.ok(trail.items.length > 0);
      assert.deepEqual([...new Set(trail.items.map((event) => event.recordId))], [primarys.id]);
      const asked = (await h.call('GET', `/v1/audit?recordId=${backups.id}`, { token: oneCredential }))
        .body as Page<AuditEvent>;
      assert.deepEqual(asked.items, []);
    });

    it('checks a replayed write against the record like a read, and audits the replay', async (t) => {
      const h = await harnessFor(t, storage);
      const dispatcher = await h.token('dispatcher');
      const dispatch = await created<Dispatch>(h, '/v1/dispatches', dispatcher, incident());
      const other = await created<Dispatch>(h, '/v1/dispatches', dispatcher, incident());
      const body = {
        dispatchId: dispatch.id,
        content: { narrative: 'Sat with the family.', investigatorNote: 'Neighbor saw a blue sedan.' },
      };
      const key = { 'Idempotency-Key': `log-${randomUUID()}` };
      const peer = await h.token('specialist', { subjectId: ids.primary });
      const first = await h.call('POST', '/v1/callout-logs', { token: peer, body, headers: key });
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const log = first.body as CalloutLog;

      // The same person through a token scoped to another call-out.
      const scoped = await h.token('specialist', { subjectId: ids.primary, scope: { type: 'dispatch', id: other.id } });
      const replay = await h.call('POST', '/v1/callout-logs', { token: scoped, body, headers: key });
      assert.equal(replay.status, 404, JSON.stringify(replay.body));
      assert.ok(!JSON.stringify(replay.body).includes('blue sedan'));

      // A fresh token of the same person gets the first answer, and the trail says so.
      const again = await h.call('POST', '/v1/callout-logs', {
        token: await h.token('specialist', { subjectId: ids.primary }),
        body,
        headers: key,
      });
      assert.equal(again.status, 201);
      assert.equal((again.body as CalloutLog).id, log.id);
      const trail = await auditTrail(h, `&recordId=${log.id}`);
      assert.deepEqual(trail.map((event) => event.action).sort(), ['create', 'replay']);
    });

    it("replays a subject-less dispatcher's key for the fresh token a page reload brings, and for no other principal", async (t) => {
      const h = await harnessFor(t, storage);
      const dispatch = await created<Dispatch>(h, '/v1/dispatches', await h.token('dispatcher'), incident());
      const key = { 'Idempotency-Key': `cancel-${randomUUID()}` };
      const cancel = { to: 'cancelled', note: 'Called off by the scene' };
      const path = `/v1/dispatches/${dispatch.id}/transitions`;
      const first = await h.call('POST', path, { token: await h.token('dispatcher'), body: cancel, headers: key });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const reloaded = await h.call('POST', path, { token: await h.token('dispatcher'), body: cancel, headers: key });
      assert.equal(reloaded.status, 200, JSON.stringify(reloaded.body));
      assert.deepEqual(reloaded.body, first.body);
      const read = (await h.call('GET', `/v1/dispatches/${dispatch.id}`, { token: await h.token('dispatcher') }))
        .body as Dispatch;
      assert.equal(read.timeline.filter((entry) => entry.status === 'cancelled').length, 1, 'cancelled once');

      // Another role of the same agency runs its own request (and is refused: it is cancelled).
      const supervisor = await h.call('POST', path, {
        token: await h.token('supervisor', { subjectId: ids.supervisor }),
        body: cancel,
        headers: key,
      });
      assert.equal(supervisor.status, 409);
      // Another host system of the agency (another API key) has keys of its own.
      const { createApiKey } = await import('../src/domain/auth.js');
      const otherHost = (await createApiKey(h.server.db, ids.agency)).key;
      const session = await h.call('POST', '/v1/embed-sessions', { token: otherHost, body: { role: 'dispatcher' } });
      const elsewhere = await h.call('POST', path, {
        token: (session.body as { token: string }).token,
        body: cancel,
        headers: key,
      });
      assert.equal(elsewhere.status, 409);
    });

    it('lets only the specialist a call-out rests with write its log, not one who declined it', async (t) => {
      const h = await harnessFor(t, storage);
      const dispatch = await created<Dispatch>(h, '/v1/dispatches', await h.token('dispatcher'), incident());
      const primary = await h.token('specialist', { subjectId: ids.primary });
      await created<Dispatch>(h, `/v1/dispatches/${dispatch.id}/transitions`, primary, { to: 'declined' });
      const declined = await h.call('POST', '/v1/callout-logs', {
        token: primary,
        body: { dispatchId: dispatch.id, content: {} },
      });
      assert.equal(declined.status, 403, JSON.stringify(declined.body));
      const backup = await h.token('specialist', { subjectId: ids.backup });
      await created<Dispatch>(h, `/v1/dispatches/${dispatch.id}/transitions`, backup, { to: 'acknowledged' });
      const log = await h.call('POST', '/v1/callout-logs', {
        token: backup,
        body: { dispatchId: dispatch.id, content: completeLog },
      });
      assert.equal(log.status, 201, JSON.stringify(log.body));
    });

    it("refuses a referral tied to another agency's call-out, or to a call-out of another peer", async (t) => {
      const h = await harnessFor(t, storage);
      const elsewhere = await created<Dispatch>(
        h,
        '/v1/dispatches',
        await h.token('dispatcher', { agency: 'other' }),
        incident(),
      );
      const peer = await h.token('specialist', { subjectId: ids.primary });
      const foreign = await h.call('POST', '/v1/referrals', { token: peer, body: referralBody(elsewhere.id) });
      assert.equal(foreign.status, 404, JSON.stringify(foreign.body));
      const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
      assert.equal(
        (await h.call('POST', '/v1/referrals', { token: supervisor, body: referralBody(elsewhere.id) })).status,
        404,
      );
      const own = await created<Dispatch>(h, '/v1/dispatches', await h.token('dispatcher'), incident());
      assert.equal((await h.call('POST', '/v1/referrals', { token: peer, body: referralBody(own.id) })).status, 201);
      const outsider = await h.token('specialist', { subjectId: ids.outsider });
      assert.equal(
        (await h.call('POST', '/v1/referrals', { token: outsider, body: referralBody(own.id) })).status,
        404,
      );
    });

    it('shows a specialist only referrals they made or that belong to their call-outs, in reads, lists and events', async (t) => {
      const h = await harnessFor(t, storage);
      const primary = await h.token('specialist', { subjectId: ids.primary });
      const outsider = await h.token('specialist', { subjectId: ids.outsider });
      const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
      const dispatch = await created<Dispatch>(h, '/v1/dispatches', await h.token('dispatcher'), incident());
      const watching = await readEvents(h.server.url, outsider);
      t.after(() => {
        watching.close();
      });

      const made = await created<Referral>(h, '/v1/referrals', primary, referralBody());
      const forTheirCallout = await created<Referral>(h, '/v1/referrals', supervisor, referralBody(dispatch.id));
      const unrelated = await created<Referral>(h, '/v1/referrals', supervisor, referralBody());
      const outsiders = await created<Referral>(h, '/v1/referrals', outsider, referralBody());

      const listed = (token: string) =>
        h
          .call('GET', '/v1/referrals', { token })
          .then((r) => (r.body as Page<Referral>).items.map((item) => item.id).sort());
      assert.deepEqual(await listed(primary), [made.id, forTheirCallout.id].sort());
      assert.deepEqual(await listed(outsider), [outsiders.id]);
      assert.equal((await listed(supervisor)).length, 4);
      assert.equal((await h.call('GET', `/v1/referrals/${forTheirCallout.id}`, { token: primary })).status, 200);
      for (const id of [made.id, forTheirCallout.id, unrelated.id]) {
        assert.equal((await h.call('GET', `/v1/referrals/${id}`, { token: outsider })).status, 404);
        assert.equal(
          (await h.call('POST', `/v1/referrals/${id}/transitions`, { token: outsider, body: { to: 'sent' } })).status,
          404,
        );
      }
      await watching.next(
        (event: PeerEvent) => event.type === 'referral.updated' && (event.data as { id: string }).id === outsiders.id,
      );
      const seen = watching.received
        .filter((event) => event.type === 'referral.updated')
        .map((event) => (event.data as { id: string }).id);
      assert.deepEqual(seen, [outsiders.id]);
    });

    it('lets court staff and clinicians follow a referral they made whatever the consent shares, and no one else of their role', async (t) => {
      const h = await harnessFor(t, storage);
      const { createApiKey } = await import('../src/domain/auth.js');
      const otherHost = (await createApiKey(h.server.db, ids.agency)).key;
      const tokenOfOtherHost = async (role: 'court-staff' | 'clinician') =>
        ((await h.call('POST', '/v1/embed-sessions', { token: otherHost, body: { role } })).body as { token: string })
          .token;
      const resourceOnly = { ...consent(), scope: ['share-with-resource'] };
      for (const role of ['court-staff', 'clinician'] as const) {
        const referrer = await h.token(role);
        const made = await created<Referral>(h, '/v1/referrals', referrer, {
          ...referralBody(),
          consent: resourceOnly,
        });
        // A page reload brings a fresh token of the same host system: still the referrer.
        const again = await h.token(role);
        assert.equal((await h.call('GET', `/v1/referrals/${made.id}`, { token: again })).status, 200, role);
        const sent = await h.call('POST', `/v1/referrals/${made.id}/transitions`, {
          token: again,
          body: { to: 'sent', expectedVersion: 1 },
        });
        assert.equal(sent.status, 200, JSON.stringify(sent.body));
        const listed = await h.call('GET', '/v1/referrals', { token: again });
        assert.equal(listed.status, 200, JSON.stringify(listed.body));
        assert.ok(
          (listed.body as Page<Referral>).items.some((item) => item.id === made.id),
          `${role} lists it`,
        );

        // Minimum necessary for everyone else: another host system, the other role, a named person.
        const other = role === 'court-staff' ? 'clinician' : 'court-staff';
        const strangers = [
          await tokenOfOtherHost(role),
          await h.token(other),
          await h.token(role, { subjectId: ids.outsider }),
        ];
        for (const token of strangers) {
          assert.equal((await h.call('GET', `/v1/referrals/${made.id}`, { token })).status, 404, role);
          const list = await h.call('GET', '/v1/referrals', { token });
          assert.equal(list.status, 200, JSON.stringify(list.body));
          assert.ok(
            !(list.body as Page<Referral>).items.some((item) => item.id === made.id),
            `${role}: listed to a stranger`,
          );
        }

        // A person named in the token is the referrer only with that name, from that host.
        const named = await h.token(role, { subjectId: ids.outsider });
        const theirs = await created<Referral>(h, '/v1/referrals', named, { ...referralBody(), consent: resourceOnly });
        assert.equal(
          (
            await h.call('GET', `/v1/referrals/${theirs.id}`, {
              token: await h.token(role, { subjectId: ids.outsider }),
            })
          ).status,
          200,
        );
        assert.equal((await h.call('GET', `/v1/referrals/${theirs.id}`, { token: await h.token(role) })).status, 404);

        // Once the consent has ended, the referrer reads no more than anyone of their role.
        // Granted two seconds ago, ended one second ago: a record the contract accepts, whenever the test runs.
        const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
        await h.server.db.query(
          `update referrals set doc = jsonb_set(jsonb_set(doc, '{consent,grantedAt}', to_jsonb($2::text)), '{consent,expiresAt}', to_jsonb($3::text)) where id = $1`,
          [made.id, ago(2000), ago(1000)],
        );
        assert.equal(
          (await h.call('GET', `/v1/referrals/${made.id}`, { token: again })).status,
          404,
          `${role} after expiry`,
        );
      }
    });

    it('audits dispatch reads, the records a list showed and refused attempts', async (t) => {
      const h = await harnessFor(t, storage);
      const dispatcher = await h.token('dispatcher');
      const first = await created<Dispatch>(h, '/v1/dispatches', dispatcher, incident());
      const second = await created<Dispatch>(h, '/v1/dispatches', dispatcher, incident());
      assert.equal((await h.call('GET', `/v1/dispatches/${first.id}`, { token: dispatcher })).status, 200);
      const listed = (await h.call('GET', '/v1/dispatches', { token: dispatcher })).body as Page<Dispatch>;
      assert.equal(listed.items.length, 2);
      const outsider = await h.token('specialist', { subjectId: ids.outsider });
      assert.equal((await h.call('GET', `/v1/dispatches/${second.id}`, { token: outsider })).status, 404);
      assert.equal((await h.call('GET', '/v1/audit', { token: dispatcher })).status, 403);

      const trail = await auditTrail(h, '&recordType=dispatch');
      const of = (action: AuditEvent['action']) => trail.filter((event) => event.action === action);
      assert.deepEqual(
        of('read').map((event) => event.recordId),
        [first.id],
      );
      assert.deepEqual(
        of('list')
          .map((event) => event.recordId)
          .sort(),
        [first.id, second.id].sort(),
      );
      const denied = of('denied');
      assert.deepEqual(
        denied.map((event) => [event.recordId, event.actor.subjectId]),
        [[second.id, ids.outsider]],
      );
      // The trail itself is no record type: a refused read of it is not on it.
      assert.equal(trail.length, 2 + 1 + 2 + 1);
    });

    it("keeps a record-scoped token off the agency's configuration and other peers, replays included", async (t) => {
      const h = await harnessFor(t, storage);
      const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
      const onePeer = await h.token('supervisor', {
        subjectId: ids.supervisor,
        scope: { type: 'specialist', id: ids.primary },
      });
      const dispatch = await created<Dispatch>(h, '/v1/dispatches', await h.token('dispatcher'), incident());
      const oneCallout = await h.token('supervisor', {
        subjectId: ids.supervisor,
        scope: { type: 'dispatch', id: dispatch.id },
      });
      const denied = async () =>
        (
          await h.server.db.query<{ type: string }>(
            "select doc->>'recordType' as type from audit_events where doc->>'action' = 'denied' order by at, id",
          )
        ).map((row) => row.type);

      // Its own peer, yes; another peer, as if there were none.
      const rename = { displayName: 'Renamed by a scoped token' };
      const own = await h.call('PATCH', `/v1/specialists/${ids.primary}`, { token: onePeer, body: rename });
      assert.equal(own.status, 200, JSON.stringify(own.body));
      for (const [method, path, body] of [
        ['PATCH', `/v1/specialists/${ids.backup}`, rename],
        ['POST', `/v1/specialists/${ids.backup}/deactivate`, undefined],
      ] as const) {
        const refused = await h.call(method, path, { token: onePeer, body });
        assert.equal(refused.status, 404, `${method} ${path}: ${JSON.stringify(refused.body)}`);
      }

      // The agency's configuration: refused to either scope, and each refusal audited.
      const before = (await denied()).length;
      const rosterCsv = `name,phone,email,languages,roles,supervisor,area\nNew Peer,312 555 0190,new.peer@example.org,en,recovery-coach,,county\n`;
      const changes: [string, unknown, string][] = [
        ['/v1/specialists', { displayName: 'Someone New', roles: ['recovery-coach'] }, 'specialist'],
        ['/v1/specialists/import?dryRun=false', { csv: rosterCsv }, 'specialist'],
        ['/v1/schedule/rotations', rotationBody(), 'rotation'],
        [
          '/v1/schedule/overrides',
          {
            area: 'county',
            position: 'primary',
            specialistId: ids.backup,
            startsAt: new Date(Date.now() + 3_600_000).toISOString(),
            endsAt: new Date(Date.now() + 7_200_000).toISOString(),
          },
          'override',
        ],
        [
          '/v1/escalation-policy',
          {
            name: 'Primary only',
            levels: [{ targets: [{ kind: 'position', position: 'primary' }], timeoutSeconds: 60 }],
            repeat: 0,
            copies: [],
            expectedVersion: 0,
          },
          'escalation-policy',
        ],
      ];
      for (const token of [onePeer, oneCallout]) {
        for (const [path, body] of changes) {
          const refused = await h.call('POST', path, { token, body });
          assert.equal(refused.status, 403, `${path}: ${JSON.stringify(refused.body)}`);
        }
      }
      const types = changes.map(([, , type]) => type);
      assert.deepEqual((await denied()).slice(before), [...types, ...types]);
      const rotations = await h.server.db.query('select 1 from rotations union all select 1 from schedule_overrides');
      assert.equal(rotations.length, 0, 'nothing written');

      // A retry with the key of an unscoped token of the same person is checked like a read.
      const key = { 'Idempotency-Key': `peer-${randomUUID()}` };
      const languages = { languages: ['en', 'es'] };
      const first = await h.call('PATCH', `/v1/specialists/${ids.backup}`, {
        token: supervisor,
        body: languages,
        headers: key,
      });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const replay = await h.call('PATCH', `/v1/specialists/${ids.backup}`, {
        token: onePeer,
        body: languages,
        headers: key,
      });
      assert.equal(replay.status, 404, JSON.stringify(replay.body));
      assert.ok(!JSON.stringify(replay.body).includes('@'), 'no contact in the refusal');
      const rotationKey = { 'Idempotency-Key': `rotation-${randomUUID()}` };
      const rotation = await h.call('POST', '/v1/schedule/rotations', {
        token: supervisor,
        body: rotationBody(),
        headers: rotationKey,
      });
      assert.equal(rotation.status, 201, JSON.stringify(rotation.body));
      const replayedRotation = await h.call('POST', '/v1/schedule/rotations', {
        token: oneCallout,
        body: rotationBody(),
        headers: rotationKey,
      });
      assert.equal(replayedRotation.status, 403, JSON.stringify(replayedRotation.body));
    });

    it('keeps a record-scoped token from reports, exports and records it was not minted for', async (t) => {
      const h = await harnessFor(t, storage);
      const dispatch = await created<Dispatch>(h, '/v1/dispatches', await h.token('dispatcher'), incident());
      const scope = { type: 'dispatch' as const, id: dispatch.id };
      const supervisor = await h.token('supervisor', { subjectId: ids.supervisor, scope });
      const range = 'from=2026-02-23&to=2026-03-31';
      for (const path of [
        `/v1/reports/program?period=week&${range}`,
        `/v1/reports/program/csv?period=week&${range}`,
        `/v1/reports/callouts/csv?${range}`,
        '/v1/directory/export',
      ]) {
        const refused = await h.call('GET', path, { token: supervisor });
        assert.equal(refused.status, 403, `${path}: ${JSON.stringify(refused.body)}`);
      }
      const dispatcher = await h.token('dispatcher', { scope });
      assert.equal((await h.call('POST', '/v1/dispatches', { token: dispatcher, body: incident() })).status, 403);

      // The peer on the call-out refers from it; a token of another scope makes no referral.
      const peer = await h.token('specialist', { subjectId: ids.primary });
      await created(h, `/v1/dispatches/${dispatch.id}/transitions`, peer, { to: 'acknowledged' });
      const onTheCallout = await h.token('specialist', { subjectId: ids.primary, scope });
      const referral = await created<Referral>(h, '/v1/referrals', onTheCallout, referralBody(dispatch.id));
      const oneReferral = await h.token('specialist', {
        subjectId: ids.primary,
        scope: { type: 'referral', id: referral.id },
      });
      for (const body of [referralBody(), referralBody(dispatch.id)]) {
        const refused = await h.call('POST', '/v1/referrals', { token: oneReferral, body });
        assert.equal(refused.status, 403, JSON.stringify(refused.body));
      }
    });

    it('answers a retried consent revocation with its first answer', async (t) => {
      const h = await harnessFor(t, storage);
      const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
      const referral = await created<Referral>(h, '/v1/referrals', supervisor, referralBody());
      const key = { 'Idempotency-Key': `revoke-${randomUUID()}` };
      const revoke = () =>
        h.call('POST', `/v1/referrals/${referral.id}/consent/revoke`, { token: supervisor, body: {}, headers: key });
      const first = await revoke();
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const again = await revoke();
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.deepEqual(again.body, first.body);
      const replays = await h.server.db.query<{ id: string }>(
        "select doc->>'recordId' as id from audit_events where doc->>'action' = 'replay'",
      );
      assert.deepEqual(
        replays.map((row) => row.id),
        [referral.id],
      );
    });

    it('gives a deactivated peer no new session until a supervisor reactivates them', async (t) => {
      const h = await harnessFor(t, storage);
      const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
      const session = (role: string) =>
        h.call('POST', '/v1/embed-sessions', {
          token: h.apiKey,
          body: { role, subjectId: ids.backup, ttlSeconds: 300 },
          headers: { 'Idempotency-Key': randomUUID() },
        });
      assert.equal((await session('specialist')).status, 201);
      const off = await h.call('POST', `/v1/specialists/${ids.backup}/deactivate`, { token: supervisor });
      assert.equal(off.status, 200, JSON.stringify(off.body));
      for (const role of ['specialist', 'supervisor']) {
        const refused = await session(role);
        assert.equal(refused.status, 400, JSON.stringify(refused.body));
        const problem = refused.body as { errors?: { path: string; code: string }[] };
        assert.deepEqual(
          problem.errors?.map((e) => [e.path, e.code]),
          [['subjectId', 'inactive']],
        );
      }
      const on = await h.call('POST', `/v1/specialists/${ids.backup}/reactivate`, { token: supervisor });
      assert.equal(on.status, 200, JSON.stringify(on.body));
      assert.equal((await session('specialist')).status, 201);
    });
  });
}
