import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import type { AgencySettings, AuditEvent, Dispatch, Problem, TestNotificationResult } from '@peerlink/sdk';
import { verifyWebhookSignature } from '../src/infra/notify/index.js';
import type { Harness } from './harness.js';
import { harnessFor, hostOrigin, ids, incident, storages } from './harness.js';
import { listeningMailReceiver } from './mail-receiver.js';

const secrets = {
  smtpPassword: 'smtp-canary-password-9876',
  webhookSecret: 'whsec-canary-0123456789abcdef0123456789-5432',
  inboundSecret: 'inbound-canary-0123456789abcdef0123456789-1111',
  twilioToken: 'twilio-canary-token-abcdef-2222',
};
const allSecrets = Object.values(secrets);

const smtp = { host: 'mail.example.org', port: 587, secure: false, from: 'callouts@example.org', user: 'peerlink' };

/** Every place a secret must never reach besides answers: events, the audit trail, stored idempotent answers. */
async function storedElsewhere(h: Harness): Promise<string> {
  const tables = ['events', 'audit_events', 'idempotency_keys', 'deliveries'];
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await h.server.db.query<{ row: string }>(`select row_to_json(t)::text as row from ${table} t`);
    parts.push(...rows.map((row) => row.row));
  }
  return parts.join('\n');
}

async function auditOf(h: Harness): Promise<AuditEvent[]> {
  const token = await h.token('supervisor', { subjectId: ids.supervisor });
  const result = await h.call('GET', '/v1/audit?recordType=agency', { token });
  assert.equal(result.status, 200);
  return (result.body as { items: AuditEvent[] }).items;
}

const fieldsOf = (problem: unknown) => ((problem as Problem).errors ?? []).map((error) => error.path);

for (const storage of await storages()) {
  describe(`agency settings on ${storage}`, () => {
    it('reads and changes the settings; secrets are write-only, shown as set with their last four', async (t) => {
      const h = await harnessFor(t, storage);
      const read = await h.call('GET', '/v1/agency', { token: h.apiKey });
      assert.equal(read.status, 200);
      const initial = read.body as AgencySettings;
      assert.equal(initial.id, ids.agency);
      assert.deepEqual(initial.areas, ['county']);
      assert.equal(initial.defaultArea, 'county');
      assert.equal(initial.ackTimeoutSeconds, null);
      assert.equal(initial.effectiveAckTimeoutSeconds, 300);
      assert.deepEqual(initial.notification, { transport: 'console' });

      const changed = await h.call('PATCH', '/v1/agency', {
        token: h.apiKey,
        body: {
          name: 'Lakeside Peer Response',
          timeZone: 'America/New_York',
          areas: ['north', 'south'],
          defaultArea: 'north',
          ackTimeoutSeconds: 120,
          notification: {
            transport: 'by-channel',
            smtp: { ...smtp, password: secrets.smtpPassword },
            webhook: { url: 'https://sms.example.org/peerlink', secret: secrets.webhookSecret },
            twilio: { accountSid: `AC${'0'.repeat(32)}`, authToken: secrets.twilioToken, from: '+15550100' },
            inboundSecret: secrets.inboundSecret,
          },
        },
      });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      const settings = changed.body as AgencySettings;
      assert.equal(settings.name, 'Lakeside Peer Response');
      assert.equal(settings.timeZone, 'America/New_York');
      assert.deepEqual(settings.areas, ['north', 'south']);
      assert.equal(settings.effectiveAckTimeoutSeconds, 120);
      assert.deepEqual(settings.notification.smtp?.password, { set: true, last4: '9876' });
      assert.deepEqual(settings.notification.webhook?.secret, { set: true, last4: '5432' });
      assert.deepEqual(settings.notification.twilio?.authToken, { set: true, last4: '2222' });
      assert.deepEqual(settings.notification.inboundSecret, { set: true, last4: '1111' });

      const again = await h.call('GET', '/v1/agency', { token: h.apiKey });
      assert.deepEqual(again.body, changed.body);
      for (const text of [JSON.stringify(changed.body), JSON.stringify(again.body), await storedElsewhere(h)]) {
        for (const secret of allSecrets) assert.ok(!text.includes(secret), 'a secret left the settings');
      }

      // A change that leaves a secret out keeps the stored one; null removes an optional one.
      const kept = await h.call('PATCH', '/v1/agency', {
        token: h.apiKey,
        headers: { 'Idempotency-Key': 'keep-secrets-1' },
        body: {
          notification: {
            smtp: { ...smtp, host: 'mail2.example.org' },
            webhook: { url: 'https://sms2.example.org/peerlink' },
          },
        },
      });
      assert.equal(kept.status, 200, JSON.stringify(kept.body));
      const keptSettings = kept.body as AgencySettings;
      assert.equal(keptSettings.notification.smtp?.host, 'mail2.example.org');
      assert.deepEqual(keptSettings.notification.smtp.password, { set: true, last4: '9876' });
      assert.deepEqual(keptSettings.notification.webhook?.secret, { set: true, last4: '5432' });
      const [stored] = await h.server.db.query<{ notification: { smtp: { password: string } } }>(
        'select notification from agencies where id = $1',
        [ids.agency],
      );
      assert.equal(stored?.notification.smtp.password, secrets.smtpPassword, 'the stored secret is still used');

      const removed = await h.call('PATCH', '/v1/agency', {
        token: h.apiKey,
        body: { notification: { smtp: { ...smtp, password: null }, inboundSecret: null } },
      });
      assert.equal(removed.status, 200);
      assert.equal((removed.body as AgencySettings).notification.smtp?.password, undefined);
      assert.equal((removed.body as AgencySettings).notification.inboundSecret, undefined);

      // Every change is audited with the names of the fields it touched, never their values.
      const events = await auditOf(h);
      const updates = events.filter((event) => event.action === 'update');
      assert.equal(updates.length, 3);
      const fields = updates.map((event) => event.fields ?? []);
      assert.ok(fields.some((names) => names.includes('notification.smtp.password') && names.includes('name')));
      assert.ok(
        fields.some((names) => names.includes('notification.smtp.host') && names.includes('notification.webhook.url')),
      );
      assert.ok(fields.some((names) => names.includes('notification.inboundSecret')));
      const trail = JSON.stringify(events) + (await storedElsewhere(h));
      for (const secret of allSecrets) assert.ok(!trail.includes(secret), 'a secret reached the trail');
      assert.ok(!JSON.stringify(events).includes('mail2.example.org'), 'the trail names fields, not values');
    });

    it('refuses bad settings naming each field, and changes nothing', async (t) => {
      const h = await harnessFor(t, storage);
      const bad = async (body: unknown) => {
        const result = await h.call('PATCH', '/v1/agency', { token: h.apiKey, body });
        assert.equal(result.status, 400, JSON.stringify(result.body));
        assert.equal(result.headers.get('content-type'), 'application/problem+json');
        return fieldsOf(result.body);
      };
      assert.deepEqual(await bad({ timeZone: 'Mars/Olympus_Mons' }), ['timeZone']);
      assert.deepEqual(await bad({ timeZone: '+05:00' }), ['timeZone']);
      assert.deepEqual(await bad({ ackTimeoutSeconds: 5 }), ['ackTimeoutSeconds']);
      assert.deepEqual(await bad({ ackTimeoutSeconds: 7200 }), ['ackTimeoutSeconds']);
      assert.deepEqual(await bad({ areas: ['North Side'] }), ['areas.0']);
      assert.deepEqual(await bad({ defaultArea: 'south' }), ['defaultArea']);
      assert.deepEqual(await bad({ areas: ['north'] }), ['areas'], 'the default area would no longer be an area');
      assert.deepEqual(await bad({ allowedOrigins: ['cad.example.org'] }), ['allowedOrigins.0']);
      assert.deepEqual(await bad({ notification: { transport: 'smtp' } }), ['notification.smtp']);
      assert.deepEqual(await bad({ notification: { transport: 'by-channel' } }), [
        'notification.smtp',
        'notification.webhook',
      ]);
      assert.deepEqual(await bad({ notification: { webhook: { url: 'https://sms.example.org/' } } }), [
        'notification.webhook.secret',
      ]);
      assert.deepEqual(await bad({ notification: { inboundSecret: 'short' } }), ['notification.inboundSecret']);
      assert.deepEqual(await bad({ name: 'x', colour: 'blue' }), ['colour']);

      const after = await h.call('GET', '/v1/agency', { token: h.apiKey });
      assert.equal((after.body as AgencySettings).name, 'Lakeside Peer Response (test)');
      assert.deepEqual((after.body as AgencySettings).notification, { transport: 'console' });
      assert.equal((await auditOf(h)).filter((event) => event.action === 'update').length, 0);
    });

    it("is reached only with the agency's own secret key: never another agency's, never an embed token", async (t) => {
      const h = await harnessFor(t, storage);
      const other = await h.call('GET', '/v1/agency', { token: h.otherApiKey });
      assert.equal((other.body as AgencySettings).id, ids.otherAgency);
      await h.call('PATCH', '/v1/agency', { token: h.otherApiKey, body: { name: 'Renamed by the other agency' } });
      const own = await h.call('GET', '/v1/agency', { token: h.apiKey });
      assert.equal((own.body as AgencySettings).name, 'Lakeside Peer Response (test)');

      const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
      for (const [method, path, body] of [
        ['GET', '/v1/agency', undefined],
        ['PATCH', '/v1/agency', { name: 'Nope' }],
        ['POST', '/v1/agency/notifications/test', { to: { kind: 'email', address: 'a@example.org' } }],
      ] as const) {
        assert.equal((await h.call(method, path, { token: supervisor, body })).status, 401, `${method} ${path}`);
        assert.equal((await h.call(method, path, { body })).status, 401, `${method} ${path} without a key`);
      }
      // A secret key never travels from a browser.
      const fromBrowser = await h.call('GET', '/v1/agency', { token: h.apiKey, headers: { Origin: hostOrigin } });
      assert.equal(fromBrowser.status, 403);
    });

    it('applies a change of allowed origins to the very next request', async (t) => {
      const h = await harnessFor(t, storage);
      const token = await h.token('dispatcher');
      const origin = 'https://new-cad.example.org';
      const fromNew = () => h.call('GET', '/v1/dispatches', { token, headers: { Origin: origin } });
      const preflight = () =>
        fetch(`${h.server.url}/v1/dispatches`, {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' },
        });
      assert.equal((await fromNew()).status, 403);
      assert.equal((await preflight()).status, 403);

      const added = await h.call('PATCH', '/v1/agency', {
        token: h.apiKey,
        body: { allowedOrigins: [hostOrigin, origin] },
      });
      assert.equal(added.status, 200);
      assert.equal((await fromNew()).status, 200);
      assert.equal((await preflight()).status, 204);

      await h.call('PATCH', '/v1/agency', { token: h.apiKey, body: { allowedOrigins: [hostOrigin] } });
      assert.equal((await fromNew()).status, 403, 'a removed origin is refused at once');
    });

    it("dispatch waits the agency's acknowledgement timeout, and the service default when none is set", async (t) => {
      const h = await harnessFor(t, storage);
      const token = await h.token('dispatcher');
      const waits = async () => {
        const result = await h.call('POST', '/v1/dispatches', { token, body: incident() });
        assert.equal(result.status, 201, JSON.stringify(result.body));
        const dispatch = result.body as Dispatch;
        return (Date.parse(dispatch.ackDueAt ?? '') - Date.parse(dispatch.createdAt)) / 1000;
      };
      assert.equal(await waits(), 300);
      await h.call('PATCH', '/v1/agency', { token: h.apiKey, body: { ackTimeoutSeconds: 90 } });
      assert.equal(await waits(), 90);
      await h.call('PATCH', '/v1/agency', { token: h.apiKey, body: { ackTimeoutSeconds: null } });
      assert.equal(await waits(), 300);
    });

    it('sends a test notification through the console, a webhook and SMTP, and reports what each answered', async (t) => {
      const h = await harnessFor(t, storage);
      const test = async (to: { kind: 'sms' | 'email'; address: string }) => {
        const result = await h.call('POST', '/v1/agency/notifications/test', { token: h.apiKey, body: { to } });
        assert.equal(result.status, 200, JSON.stringify(result.body));
        for (const secret of allSecrets) assert.ok(!JSON.stringify(result.body).includes(secret));
        return result.body as TestNotificationResult;
      };
      assert.deepEqual(await test({ kind: 'sms', address: '+15550123' }), {
        transport: 'console',
        ok: true,
        detail: 'printed to the console',
      });

      // A signed webhook to a local receiver that checks the signature and answers as told.
      let answer = 200;
      const received: boolean[] = [];
      const receiver = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          received.push(verifyWebhookSignature(secrets.webhookSecret, request.headers, Buffer.concat(chunks)).ok);
          response.statusCode = answer;
          response.end();
        });
      });
      receiver.listen(0, '127.0.0.1');
      await once(receiver, 'listening');
      t.after(() => receiver.close());
      const port = (receiver.address() as AddressInfo).port;
      await h.call('PATCH', '/v1/agency', {
        token: h.apiKey,
        body: {
          notification: {
            transport: 'webhook',
            webhook: { url: `http://127.0.0.1:${String(port)}/sms`, secret: secrets.webhookSecret },
          },
        },
      });
      assert.deepEqual(await test({ kind: 'sms', address: '+15550123' }), {
        transport: 'webhook',
        ok: true,
        detail: 'HTTP 200',
      });
      answer = 503;
      assert.deepEqual(await test({ kind: 'sms', address: '+15550123' }), {
        transport: 'webhook',
        ok: false,
        detail: 'HTTP 503',
      });
      assert.deepEqual(received, [true, true], 'each test was signed with the stored secret');

      // SMTP with a password: the receiver checks it, the answer never shows it.
      const mails: string[] = [];
      const { port: mailPort } = await listeningMailReceiver(t, (_raw, to) => mails.push(to.join(',')), undefined, {
        user: smtp.user,
        password: secrets.smtpPassword,
      });
      await h.call('PATCH', '/v1/agency', {
        token: h.apiKey,
        body: {
          notification: {
            transport: 'smtp',
            smtp: { ...smtp, host: '127.0.0.1', port: mailPort, password: secrets.smtpPassword },
          },
        },
      });
      const sent = await test({ kind: 'email', address: 'dana.r@example.org' });
      assert.equal(sent.transport, 'smtp');
      assert.equal(sent.ok, true, sent.detail);
      assert.deepEqual(mails, ['dana.r@example.org']);

      await h.call('PATCH', '/v1/agency', {
        token: h.apiKey,
        body: { notification: { smtp: { ...smtp, host: '127.0.0.1', port: mailPort, password: 'wrong-password' } } },
      });
      const refused = await test({ kind: 'email', address: 'dana.r@example.org' });
      assert.equal(refused.ok, false);
      assert.ok(!refused.detail.includes('wrong-password'), refused.detail);
    });
  });
}
