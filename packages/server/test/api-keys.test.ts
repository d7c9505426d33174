import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiKey, CreatedApiKey, Problem, RolledApiKey } from '@peerlink/sdk';
import { PeerConflictError, PeerValidationError, createPeerlinkAdmin } from '@peerlink/sdk';
import type { Harness } from './harness.js';
import { harnessFor, ids, storages } from './harness.js';

const hour = 60 * 60 * 1000;

async function keysOf(h: Harness, key = h.apiKey): Promise<ApiKey[]> {
  const result = await h.call('GET', '/v1/api-keys', { token: key });
  assert.equal(result.status, 200, JSON.stringify(result.body));
  return (result.body as { items: ApiKey[] }).items;
}

async function create(h: Harness, body: unknown, key = h.apiKey): Promise<CreatedApiKey> {
  const result = await h.call('POST', '/v1/api-keys', { token: key, body });
  assert.equal(result.status, 201, JSON.stringify(result.body));
  return result.body as CreatedApiKey;
}

/** Whether a key is accepted now, on a plain api-key endpoint. */
const works = async (h: Harness, key: string) => (await h.call('GET', '/v1/agency', { token: key })).status;

/** Everywhere a secret must never be kept besides the key's hash: the trail, events, stored answers. */
async function storedElsewhere(h: Harness): Promise<string> {
  const parts: string[] = [];
  for (const table of ['events', 'audit_events', 'idempotency_keys']) {
    const rows = await h.server.db.query<{ row: string }>(`select row_to_json(t)::text as row from ${table} t`);
    parts.push(...rows.map((row) => row.row));
  }
  return parts.join('\n');
}

for (const storage of await storages()) {
  describe(`API keys on ${storage}`, () => {
    it('creates a key whose secret is shown once, lists keys without secrets, and records last use', async (t) => {
      const h = await harnessFor(t, storage);
      const made = await create(h, { label: 'CAD server' });
      assert.match(made.secret, /^plk_[0-9a-f]{12}_[\w-]{43}$/);
      assert.equal(made.secret.slice(4, 16), made.prefix);
      assert.equal(made.label, 'CAD server');
      assert.equal(made.status, 'active');
      assert.equal(made.lastUsedAt, null);

      assert.equal(await works(h, made.secret), 200);
      const listed = await h.call('GET', '/v1/api-keys', { token: h.apiKey });
      const text = JSON.stringify(listed.body);
      assert.ok(!text.includes(made.secret) && !text.includes(made.secret.slice(17)), 'no secret in the list');
      assert.ok(!/hash/i.test(text), 'no hash in the list');
      const items = (listed.body as { items: ApiKey[] }).items;
      assert.equal(items.length, 2);
      const listedKey = items.find((key) => key.id === made.id);
      assert.ok(listedKey?.lastUsedAt, 'used once: last use recorded');
      assert.equal(listedKey.prefix, made.prefix);
      assert.ok(!('secret' in listedKey));

      // An agency never sees another's keys, nor changes them.
      const others = await keysOf(h, h.otherApiKey);
      assert.equal(others.length, 1);
      assert.ok(!others.some((key) => key.id === made.id));
      const revokeOthers = await h.call('POST', `/v1/api-keys/${made.id}/revoke`, { token: h.otherApiKey, body: {} });
      assert.equal(revokeOthers.status, 404);
      const rollOthers = await h.call('POST', `/v1/api-keys/${made.id}/roll`, { token: h.otherApiKey, body: {} });
      assert.equal(rollOthers.status, 404);
      assert.equal(await works(h, made.secret), 200);

      // A retry with the same Idempotency-Key does not show the secret again.
      const first = await h.call('POST', '/v1/api-keys', {
        token: h.apiKey,
        body: { label: 'retried' },
        headers: { 'Idempotency-Key': 'create-once-1' },
      });
      assert.equal(first.status, 201);
      const retry = await h.call('POST', '/v1/api-keys', {
        token: h.apiKey,
        body: { label: 'retried' },
        headers: { 'Idempotency-Key': 'create-once-1' },
      });
      assert.equal(retry.status, 409, JSON.stringify(retry.body));
      assert.equal((await keysOf(h)).filter((key) => key.label === 'retried').length, 1, 'made once');

      const stored = await storedElsewhere(h);
      for (const secret of [made.secret, (first.body as CreatedApiKey).secret]) {
        assert.ok(!stored.includes(secret.slice(17)), 'a secret reached the trail, events or stored answers');
      }
      const token = await h.token('supervisor', { subjectId: ids.supervisor });
      const trail = await h.call('GET', '/v1/audit?recordType=api-key', { token });
      const actions = (trail.body as { items: { action: string; recordId: string | null }[] }).items;
      assert.ok(actions.some((event) => event.action === 'create' && event.recordId === made.id));
    });

    it('revokes a key so it is refused at once, and never the last lasting key', async (t) => {
      const h = await harnessFor(t, storage);
      const [own] = await keysOf(h);
      assert.ok(own);
      const last = await h.call('POST', `/v1/api-keys/${own.id}/revoke`, { token: h.apiKey, body: {} });
      assert.equal(last.status, 409, "the agency's last lasting key stays");
      assert.match((last.body as Problem).detail ?? '', /last key/);

      const made = await create(h, { label: 'to revoke' });
      assert.equal(await works(h, made.secret), 200);
      const revoked = await h.call('POST', `/v1/api-keys/${made.id}/revoke`, { token: h.apiKey, body: {} });
      assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
      assert.equal((revoked.body as ApiKey).status, 'revoked');
      assert.ok((revoked.body as ApiKey).revokedAt);
      assert.equal(await works(h, made.secret), 401, 'refused from the next request on');
      assert.equal(
        (await h.call('POST', '/v1/embed-sessions', { token: made.secret, body: { role: 'dispatcher' } })).status,
        401,
      );
      const again = await h.call('POST', `/v1/api-keys/${made.id}/revoke`, { token: h.apiKey, body: {} });
      assert.equal(again.status, 409);

      // A key may revoke itself while another lasting key remains.
      const spare = await create(h, { label: 'spare' });
      const self = await h.call('POST', `/v1/api-keys/${own.id}/revoke`, { token: h.apiKey, body: {} });
      assert.equal(self.status, 200);
      assert.equal(await works(h, h.apiKey), 401);
      assert.equal(await works(h, spare.secret), 200);

      const token = await h.token('supervisor', { subjectId: ids.supervisor, agency: 'own' }).catch(() => undefined);
      assert.equal(token, undefined, 'the harness key is revoked too');
      const trail = await h.server.db.query<{ doc: { action: string; recordId: string } }>(
        "select doc from audit_events where doc->>'recordType' = 'api-key' and doc->>'action' = 'revoke'",
      );
      assert.deepEqual(trail.map((row) => row.doc.recordId).sort(), [made.id, own.id].sort());
    });

    it('rolls a key: the old one works until its expiry, then is refused', async (t) => {
      let now = Date.now();
      const h = await harnessFor(t, storage, { clock: () => new Date(now) });
      const [own] = await keysOf(h);
      assert.ok(own);
      const tooLate = await h.call('POST', `/v1/api-keys/${own.id}/roll`, {
        token: h.apiKey,
        body: { expiresAt: new Date(now + 8 * 24 * hour).toISOString() },
      });
      assert.equal(tooLate.status, 400);
      assert.deepEqual(
        (tooLate.body as Problem).errors?.map((error) => error.path),
        ['expiresAt'],
      );
      const past = await h.call('POST', `/v1/api-keys/${own.id}/roll`, {
        token: h.apiKey,
        body: { expiresAt: new Date(now - hour).toISOString() },
      });
      assert.equal(past.status, 400);

      const rolled = await h.call('POST', `/v1/api-keys/${own.id}/roll`, {
        token: h.apiKey,
        body: { expiresAt: new Date(now + 2 * hour).toISOString() },
      });
      assert.equal(rolled.status, 201, JSON.stringify(rolled.body));
      const { key, previous } = rolled.body as RolledApiKey;
      assert.equal(previous.id, own.id);
      assert.equal(Date.parse(previous.expiresAt ?? ''), now + 2 * hour);
      assert.match(key.secret, /^plk_/);
      assert.equal(key.expiresAt, null);

      assert.equal(await works(h, h.apiKey), 200, 'the old key overlaps');
      assert.equal(await works(h, key.secret), 200);
      const twice = await h.call('POST', `/v1/api-keys/${own.id}/roll`, { token: h.apiKey, body: {} });
      assert.equal(twice.status, 409);

      now += 3 * hour;
      assert.equal(await works(h, h.apiKey), 401, 'refused after its expiry');
      assert.equal(await works(h, key.secret), 200);
      const listed = await keysOf(h, key.secret);
      assert.equal(listed.find((item) => item.id === own.id)?.status, 'expired');

      // Without a time the old key works for 24 hours.
      const next = await h.call('POST', `/v1/api-keys/${key.id}/roll`, { token: key.secret, body: {} });
      assert.equal(next.status, 201);
      const nextPrevious = (next.body as RolledApiKey).previous;
      assert.equal(Date.parse(nextPrevious.expiresAt ?? '') - now, 24 * hour);
      const trail = await h.server.db.query<{ doc: { action: string; fields?: string[] } }>(
        "select doc from audit_events where doc->>'recordType' = 'api-key' and doc->>'action' = 'update'",
      );
      assert.equal(trail.length, 2);
      assert.deepEqual(trail[0]?.doc.fields, ['expiresAt']);
      const stored = await storedElsewhere(h);
      assert.ok(!stored.includes(key.secret.slice(17)));
    });

    it("makes a provider's key for a resource of the agency, refused everywhere but the provider endpoints", async (t) => {
      const h = await harnessFor(t, storage);
      const foreign = await h.call('POST', '/v1/api-keys', {
        token: h.apiKey,
        body: { label: 'Elsewhere detox', resourceId: ids.otherResource },
      });
      assert.equal(foreign.status, 400);
      assert.deepEqual(
        (foreign.body as Problem).errors?.map((error) => error.path),
        ['resourceId'],
      );

      const provider = await create(h, { label: 'Riverside intake desk', resourceId: ids.resource });
      assert.equal(provider.resourceId, ids.resource);
      for (const [method, path, body] of [
        ['GET', '/v1/agency', undefined],
        ['GET', '/v1/api-keys', undefined],
        ['POST', '/v1/api-keys', { label: 'escalated' }],
        ['POST', '/v1/embed-sessions', { role: 'supervisor', subjectId: ids.supervisor }],
      ] as const) {
        const result = await h.call(method, path, { token: provider.secret, body });
        assert.equal(result.status, 403, `${method} ${path}`);
      }
      // Provider keys do not count as the agency's own: its last lasting key still stays.
      const [own] = (await keysOf(h)).filter((key) => key.resourceId === null);
      assert.ok(own);
      assert.equal((await h.call('POST', `/v1/api-keys/${own.id}/revoke`, { token: h.apiKey, body: {} })).status, 409);
      const revoked = await h.call('POST', `/v1/api-keys/${provider.id}/revoke`, { token: h.apiKey, body: {} });
      assert.equal(revoked.status, 200);
    });

    it('is managed from Node with the admin client: settings, keys and embed sessions, typed errors', async (t) => {
      const h = await harnessFor(t, storage);
      const admin = createPeerlinkAdmin({ baseUrl: h.server.url, apiKey: h.apiKey, retries: 0 });
      const settings = await admin.agency.update({ areas: ['county', 'north'], ackTimeoutSeconds: 240 });
      assert.deepEqual(settings.areas, ['county', 'north']);
      assert.equal((await admin.agency.get()).effectiveAckTimeoutSeconds, 240);
      const test = await admin.agency.testNotification({ to: { kind: 'sms', address: '+15550123' } });
      assert.equal(test.ok, true);
      await assert.rejects(admin.agency.update({ defaultArea: 'south' }), (error: unknown) => {
        assert.ok(error instanceof PeerValidationError);
        assert.deepEqual(Object.keys(error.fieldErrors), ['defaultArea']);
        return true;
      });

      const made = await admin.apiKeys.create({ label: 'portal server' });
      const { items } = await admin.apiKeys.list();
      assert.ok(items.some((key) => key.id === made.id));
      const { key, previous } = await admin.apiKeys.roll(made.id);
      assert.ok(previous.expiresAt);
      assert.equal((await admin.apiKeys.revoke(key.id)).status, 'revoked');
      await assert.rejects(admin.apiKeys.revoke(key.id), PeerConflictError);

      const session = await admin.embedSessions.create({ role: 'dispatcher' });
      assert.equal(session.role, 'dispatcher');
      assert.equal(session.agencyId, ids.agency);
    });

    it('refuses embed tokens, missing keys and bad bodies naming the field', async (t) => {
      const h = await harnessFor(t, storage);
      const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
      const [own] = await keysOf(h);
      assert.ok(own);
      for (const [method, path, body] of [
        ['GET', '/v1/api-keys', undefined],
        ['POST', '/v1/api-keys', { label: 'x' }],
        ['POST', `/v1/api-keys/${own.id}/revoke`, {}],
        ['POST', `/v1/api-keys/${own.id}/roll`, {}],
      ] as const) {
        assert.equal((await h.call(method, path, { token: supervisor, body })).status, 401, `${method} ${path}`);
        assert.equal((await h.call(method, path, { body })).status, 401, `${method} ${path} without a key`);
      }
      const bad = await h.call('POST', '/v1/api-keys', { token: h.apiKey, body: { label: '', resourceId: 'nope' } });
      assert.equal(bad.status, 400);
      assert.deepEqual((bad.body as Problem).errors?.map((error) => error.path).sort(), ['label', 'resourceId']);
      const badRoll = await h.call('POST', `/v1/api-keys/${own.id}/roll`, {
        token: h.apiKey,
        body: { expiresAt: 'tomorrow' },
      });
      assert.deepEqual(
        (badRoll.body as Problem).errors?.map((error) => error.path),
        ['expiresAt'],
      );
      assert.equal((await keysOf(h)).length, 1, 'nothing was made');
    });
  });
}
