import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEvent, Problem, Specialist } from '@peerlink/sdk';
import type { Harness } from './harness.js';
import { harnessFor, ids, incident, storages } from './harness.js';

const newPeer = {
  displayName: 'Avery Q.',
  roles: ['crisis-interventionist'],
  languages: ['en', 'es'],
  contacts: [
    { kind: 'sms', address: '(312) 555-0142' },
    { kind: 'email', address: 'Avery.Q@Example.org' },
  ],
  supervisorId: ids.supervisor,
  areas: ['north'],
};

async function create(h: Harness, body: unknown = newPeer) {
  const token = await h.token('supervisor', { subjectId: ids.supervisor });
  const result = await h.call('POST', '/v1/specialists', { token, body });
  assert.equal(result.status, 201, JSON.stringify(result.body));
  return result.body as Specialist;
}

async function auditOf(h: Harness, recordId: string): Promise<AuditEvent[]> {
  const token = await h.token('supervisor', { subjectId: ids.supervisor });
  const result = await h.call('GET', `/v1/audit?recordType=specialist&recordId=${recordId}`, { token });
  assert.equal(result.status, 200, JSON.stringify(result.body));
  return (result.body as { items: AuditEvent[] }).items;
}

for (const storage of await storages()) {
  describe(`peers on ${storage}`, () => {
    it('creates a peer with E.164 numbers and lowercased e-mail, and audits the fields, never the values', async (t) => {
      const h = await harnessFor(t, storage);
      const peer = await create(h);
      assert.deepEqual(peer.contacts, [
        { kind: 'sms', address: '+13125550142' },
        { kind: 'email', address: 'avery.q@example.org' },
      ]);
      assert.equal(peer.active, true);
      assert.deepEqual(peer.areas, ['north']);
      const events = await auditOf(h, peer.id);
      const created = events.find((event) => event.action === 'create');
      assert.ok(created);
      assert.ok(created.fields?.includes('contacts'));
      assert.doesNotMatch(JSON.stringify(events), /5550142|avery\.q/i);
    });

    it('refuses bad contacts and supervisors with the field path', async (t) => {
      const h = await harnessFor(t, storage);
      const token = await h.token('supervisor', { subjectId: ids.supervisor });
      const bad = await h.call('POST', '/v1/specialists', {
        token,
        body: {
          ...newPeer,
          contacts: [
            { kind: 'sms', address: '555-01' },
            { kind: 'email', address: 'not-an-address' },
          ],
          supervisorId: ids.other,
        },
      });
      assert.equal(bad.status, 400);
      const paths = (bad.body as Problem).errors?.map((error) => error.path);
      assert.deepEqual(paths, ['contacts.0.address', 'contacts.1.address', 'supervisorId']);
      // Someone who supervises nobody and may not supervise cannot be named.
      const notCapable = await h.call('POST', '/v1/specialists', {
        token,
        body: { ...newPeer, supervisorId: ids.outsider },
      });
      assert.equal(notCapable.status, 400);
      assert.equal((notCapable.body as Problem).errors?.[0]?.path, 'supervisorId');
      // No self-supervision, no loop.
      const self = await h.call('PATCH', `/v1/specialists/${ids.supervisor}`, {
        token,
        body: { supervisorId: ids.supervisor },
      });
      assert.equal(self.status, 400);
      const loop = await h.call('PATCH', `/v1/specialists/${ids.supervisor}`, {
        token,
        body: { supervisorId: ids.primary },
      });
      assert.equal(loop.status, 400, 'primary would need canSupervise, and reports to the supervisor');
      await h.call('PATCH', `/v1/specialists/${ids.primary}`, { token, body: { canSupervise: true } });
      const loop2 = await h.call('PATCH', `/v1/specialists/${ids.supervisor}`, {
        token,
        body: { supervisorId: ids.primary },
      });
      assert.equal(loop2.status, 400);
      assert.match(JSON.stringify(loop2.body), /loop/);
    });

    it('updates only the fields sent and audits their names', async (t) => {
      const h = await harnessFor(t, storage);
      const peer = await create(h);
      const token = await h.token('supervisor', { subjectId: ids.supervisor });
      const changed = await h.call('PATCH', `/v1/specialists/${peer.id}`, {
        token,
        body: { languages: ['en'], areas: ['north', 'county'] },
      });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      const after = changed.body as Specialist;
      assert.deepEqual(after.languages, ['en']);
      assert.equal(after.displayName, peer.displayName);
      assert.deepEqual(after.contacts, peer.contacts);
      const update = (await auditOf(h, peer.id)).find((event) => event.action === 'update');
      assert.deepEqual(update?.fields, ['languages', 'areas']);
      const filtered = await h.call('GET', '/v1/specialists?area=county', { token });
      assert.ok((filtered.body as { items: Specialist[] }).items.some((item) => item.id === peer.id));
    });

    it('shows contacts only to supervisors and the peer themself', async (t) => {
      const h = await harnessFor(t, storage);
      const peer = await create(h);
      for (const role of ['dispatcher', 'investigator', 'court-staff', 'clinician'] as const) {
        const token = await h.token(role);
        const one = await h.call('GET', `/v1/specialists/${peer.id}`, { token });
        assert.equal(one.status, 200, role);
        assert.deepEqual(Object.keys(one.body as object).sort(), ['displayName', 'id', 'languages', 'roles'], role);
        const all = await h.call('GET', '/v1/specialists', { token });
        assert.equal(all.status, 200);
        assert.doesNotMatch(JSON.stringify(all.body), /contacts|@example\.org|\+1/, role);
      }
      // Another peer sees a summary; the peer sees their own record whole.
      const other = await h.token('specialist', { subjectId: ids.primary });
      assert.equal((await h.call('GET', `/v1/specialists/${peer.id}`, { token: other })).body?.constructor, Object);
      assert.doesNotMatch(
        JSON.stringify((await h.call('GET', `/v1/specialists/${peer.id}`, { token: other })).body),
        /contacts/,
      );
      const own = await h.token('specialist', { subjectId: ids.primary });
      const mine = await h.call('GET', `/v1/specialists/${ids.primary}`, { token: own });
      assert.ok((mine.body as Specialist).contacts);
      // Another agency's peer does not exist for us.
      assert.equal((await h.call('GET', `/v1/specialists/${ids.other}`, { token: own })).status, 404);
    });

    it("lets a peer change their own contacts, and nothing else or anyone else's", async (t) => {
      const h = await harnessFor(t, storage);
      const token = await h.token('specialist', { subjectId: ids.primary });
      const mine = await h.call('PATCH', '/v1/specialists/me/contacts', {
        token,
        body: { contacts: [{ kind: 'sms', address: '+44 20 7946 0958' }] },
      });
      assert.equal(mine.status, 200, JSON.stringify(mine.body));
      assert.deepEqual((mine.body as Specialist).contacts, [{ kind: 'sms', address: '+442079460958' }]);
      const update = (await auditOf(h, ids.primary)).find((event) => event.action === 'update');
      assert.deepEqual(update?.fields, ['contacts']);
      // Roles or another field in the body break the contract.
      const roles = await h.call('PATCH', '/v1/specialists/me/contacts', {
        token,
        body: { contacts: [], roles: ['recovery-coach'] },
      });
      assert.equal(roles.status, 400);
      // A peer may not use the supervisors' endpoints, on themself or on another peer.
      for (const id of [ids.primary, ids.backup]) {
        const other = await h.call('PATCH', `/v1/specialists/${id}`, { token, body: { contacts: [] } });
        assert.equal(other.status, 403);
      }
    });

    it('deactivates without deleting: history keeps the peer, who is no longer on call or notified', async (t) => {
      const h = await harnessFor(t, storage);
      const token = await h.token('supervisor', { subjectId: ids.supervisor });
      const dispatcher = await h.token('dispatcher');
      const first = await h.call('POST', '/v1/dispatches', { token: dispatcher, body: incident() });
      assert.equal(first.status, 201);
      const firstId = (first.body as { id: string }).id;
      assert.equal((first.body as { specialistId: string }).specialistId, ids.primary);

      const off = await h.call('POST', `/v1/specialists/${ids.primary}/deactivate`, { token, body: {} });
      assert.equal(off.status, 200, JSON.stringify(off.body));
      assert.equal((off.body as Specialist).active, false);
      assert.equal((await h.call('POST', `/v1/specialists/${ids.primary}/deactivate`, { token })).status, 200);

      const onCall = await h.call('GET', '/v1/specialists/on-call', { token: dispatcher });
      assert.equal((onCall.body as { primary: unknown }).primary, null);
      const second = await h.call('POST', '/v1/dispatches', { token: dispatcher, body: incident() });
      assert.notEqual((second.body as { specialistId: string | null }).specialistId, ids.primary);
      // The earlier call-out still names them, and the peer is still listed (as deactivated).
      const earlier = await h.call('GET', `/v1/dispatches/${firstId}`, { token });
      assert.equal((earlier.body as { specialistId: string }).specialistId, ids.primary);
      const inactive = await h.call('GET', '/v1/specialists?active=false', { token });
      assert.deepEqual(
        (inactive.body as { items: Specialist[] }).items.map((item) => item.id),
        [ids.primary],
      );
      const events = await auditOf(h, ids.primary);
      assert.equal(events.filter((event) => event.action === 'update').length, 1, 'deactivating twice is one change');

      const on = await h.call('POST', `/v1/specialists/${ids.primary}/reactivate`, { token });
      assert.equal((on.body as Specialist).active, true);
      const back = await h.call('GET', '/v1/specialists/on-call', { token: dispatcher });
      assert.equal((back.body as { primary: { id: string } }).primary.id, ids.primary);
    });

    it('pages through the roster and filters by role and active state', async (t) => {
      const h = await harnessFor(t, storage);
      const token = await h.token('supervisor', { subjectId: ids.supervisor });
      for (let n = 0; n < 4; n++)
        await create(h, {
          displayName: `Peer ${String(n)}`,
          roles: n % 2 ? ['recovery-coach'] : ['reentry-advocate'],
          contacts: [{ kind: 'email', address: `peer.${String(n)}@example.org` }],
        });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const path = `/v1/specialists?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const result = await h.call('GET', path, { token });
        assert.equal(result.status, 200, JSON.stringify(result.body));
        const body = result.body as { items: Specialist[]; nextCursor: string | null };
        seen.push(...body.items.map((item) => item.id));
        cursor = body.nextCursor;
      } while (cursor);
      assert.equal(seen.length, 8, 'four of the harness and four new');
      assert.equal(new Set(seen).size, 8);
      const coaches = await h.call('GET', '/v1/specialists?role=recovery-coach&active=true', { token });
      assert.equal((coaches.body as { items: unknown[] }).items.length, 2, JSON.stringify(coaches.body));
    });

    it("refuses another agency's peers and other roles' writes", async (t) => {
      const h = await harnessFor(t, storage);
      const token = await h.token('supervisor', { subjectId: ids.supervisor });
      for (const [method, path] of [
        ['GET', `/v1/specialists/${ids.other}`],
        ['PATCH', `/v1/specialists/${ids.other}`],
        ['POST', `/v1/specialists/${ids.other}/deactivate`],
      ] as const) {
        const result = await h.call(method, path, { token, ...(method === 'PATCH' ? { body: {} } : {}) });
        assert.equal(result.status, 404, `${method} ${path}`);
      }
      const dispatcher = await h.token('dispatcher');
      const refused = await h.call('POST', '/v1/specialists', { token: dispatcher, body: newPeer });
      assert.equal(refused.status, 403);
    });
  });
}
