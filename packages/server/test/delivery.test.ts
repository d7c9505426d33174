import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import type { Dispatch } from '@peerlink/sdk';
import { verifyWebhookSignature } from '../src/index.js';
import { setNotificationSettings } from '../src/domain/store.js';
import { harnessFor, ids, incident, storages } from './harness.js';
import { listeningMailReceiver } from './mail-receiver.js';
import { until } from '../../../test/support/until.js';

const secret = 'whsec_test_0123456789abcdef0123456789abcdef';

for (const storage of await storages()) {
  describe(`notifications on ${storage}`, () => {
    it('e-mails the primary and the supervisor through a real SMTP receiver, with an ack link that works once', async (t) => {
      const messages: string[] = [];
      const smtp = await listeningMailReceiver(t, (raw) => {
        messages.push(raw);
      });
      const h = await harnessFor(t, storage);
      await setNotificationSettings(h.server.db, ids.agency, { transport: 'smtp', smtp });
      const dispatch = (
        await h.call('POST', '/v1/dispatches', { token: await h.token('dispatcher'), body: incident() })
      ).body as Dispatch;
      await h.server.tick();
      assert.equal(messages.length, 2, 'the primary and the supervisor');
      // Long lines (the link) arrive quoted-printable: undo the soft breaks before reading.
      const toPrimary = messages.find((m) => m.includes('To: peer1@example.org'))?.replace(/=\r?\n/g, '');
      assert.ok(toPrimary);
      assert.match(toPrimary, /1200 Elm St/);
      assert.ok(toPrimary.includes(dispatch.id));
      assert.ok(!/Dana|Morgan/.test(messages.join('\n')), 'no names in notifications');
      const link = /(http:\/\/127\.0\.0\.1:\d+\/v1\/ack\/[\w.-]+)/.exec(toPrimary)?.[1];
      assert.ok(link, 'the message carries the acknowledgement link');

      const page = await fetch(link);
      assert.match(await page.text(), /Acknowledge/);
      const ack = await fetch(link, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'decision=acknowledge',
      });
      assert.equal(ack.status, 200, 'the form post lands back on the page');
      assert.match(await ack.text(), /already answered[\s\S]*acknowledged/);
      const again = await fetch(link, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"decision":"decline"}',
      });
      assert.equal(again.status, 409, 'the link is single-use');
      const attempts = await h.server.db.query<{ ok: boolean }>('select ok from delivery_attempts');
      assert.deepEqual(
        attempts.map((a) => a.ok),
        [true, true],
      );
    });

    it('posts signed webhooks, retries failures with backoff and records every attempt, without blocking the dispatch', async (t) => {
      const received: { ok: boolean; deliveryId?: string | null }[] = [];
      let failuresLeft = 2;
      const hook = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        req.on('end', () => {
          const verified = verifyWebhookSignature(secret, req.headers, body);
          received.push({ ok: verified.ok, ...(verified.ok ? { deliveryId: verified.deliveryId } : {}) });
          if (failuresLeft > 0) {
            failuresLeft -= 1;
            res.writeHead(503).end();
          } else {
            res.writeHead(204).end();
          }
        });
      });
      await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
      t.after(
        () =>
          new Promise<void>((resolve) =>
            hook.close(() => {
              resolve();
            }),
          ),
      );
      const url = `http://127.0.0.1:${String((hook.address() as AddressInfo).port)}/hook`;

      let now = Date.now();
      const h = await harnessFor(t, storage, {
        clock: () => new Date(now),
        config: { ackTimeoutMs: 24 * 3600 * 1000 },
      });
      await setNotificationSettings(h.server.db, ids.agency, { transport: 'webhook', webhook: { url, secret } });
      const created = await h.call('POST', '/v1/dispatches', { token: await h.token('dispatcher'), body: incident() });
      assert.equal(created.status, 201, 'the dispatch does not wait for the provider');
      for (let round = 0; round < 6; round++) {
        await h.server.tick();
        now += 6 * 60 * 1000; // past any backoff
      }
      assert.ok(
        received.every((r) => r.ok),
        'every request carries a valid signature',
      );
      const deliveries = await h.server.db.query<{ status: string; attempts: number }>(
        'select status, attempts from deliveries order by attempts desc',
      );
      assert.deepEqual(
        deliveries.map((d) => d.status),
        ['sent', 'sent'],
      );
      assert.equal(
        deliveries.reduce((sum, d) => sum + d.attempts, 0),
        4,
        'two deliveries, two failures between them',
      );
      const attempts = await h.server.db.query<{ ok: boolean; detail: string }>(
        'select ok, detail from delivery_attempts order by id',
      );
      assert.equal(attempts.filter((a) => !a.ok).length, 2);
      assert.ok(
        attempts.every((a) => !a.detail.includes('peer1@example.org')),
        'attempt records carry no addresses',
      );
    });

    it('sends what a new call-out queues while a slow mail server holds an earlier batch, each message once', async (t) => {
      const supervisor = 'peer3@example.org';
      const slowMs = 2500;
      const arrived: { to: string; dispatchId: string; at: number }[] = [];
      const smtp = await listeningMailReceiver(
        t,
        (raw, to) => {
          const dispatchId = /Dispatch: ([0-9a-f-]{36})/.exec(raw.replace(/=\r?\n/g, ''))?.[1] ?? '';
          for (const address of to) arrived.push({ to: address, dispatchId, at: performance.now() });
        },
        (to) => (to.includes(supervisor) ? slowMs : 0),
      );
      const h = await harnessFor(t, storage, { background: true });
      await setNotificationSettings(h.server.db, ids.agency, { transport: 'smtp', smtp });
      const token = await h.token('dispatcher');
      const mailTo = (to: string, dispatchId: string) =>
        arrived.find((m) => m.to === to && m.dispatchId === dispatchId);

      // The first call-out's batch: its primary's mail is answered at once, the supervisor's copy is held.
      const first = (await h.call('POST', '/v1/dispatches', { token, body: incident() })).body as Dispatch;
      await until(() => Boolean(mailTo(supervisor, first.id)), 10_000, "the first call-out's supervisor copy");
      const sentAt = performance.now();
      const second = (await h.call('POST', '/v1/dispatches', { token, body: incident() })).body as Dispatch;
      await until(() => Boolean(mailTo('peer1@example.org', second.id)), 10_000, "the second call-out's mail");
      const waited = (mailTo('peer1@example.org', second.id)?.at ?? Infinity) - sentAt;
      assert.ok(waited < slowMs / 2, `the second call-out's mail came ${waited.toFixed(0)} ms after it was created`);

      // Everything is sent, once: two messages a call-out, one attempt each.
      await until(() => arrived.length >= 4, 10_000, 'four messages');
      await h.server.tick();
      assert.equal(arrived.length, 4, JSON.stringify(arrived));
      const attempts = await h.server.db.query<{ delivery_id: string }>('select delivery_id from delivery_attempts');
      assert.equal(attempts.length, 4);
      assert.equal(new Set(attempts.map((a) => a.delivery_id)).size, 4, 'one attempt a message');
    });
  });
}
