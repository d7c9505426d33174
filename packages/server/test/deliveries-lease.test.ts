// A claimed batch is recorded within its lease: a message that takes longer than the send cap counts as a
// failed attempt (retried later) instead of holding the batch until another lane claims it again and
// sends every message of it twice. A worker whose lease ran out anyway records nothing over the claim that
// took its messages.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import type { Dispatch } from '@peerlink/sdk';
import { setNotificationSettings } from '../src/domain/store.js';
import { harnessFor, ids, incident, storages } from './harness.js';
import { listeningMailReceiver } from './mail-receiver.js';
import { webhookReceiver } from './webhook-receiver.js';

const primary = 'peer1@example.org';
const supervisor = 'peer3@example.org';

for (const storage of await storages()) {
  describe(`delivery leases on ${storage}`, () => {
    it('sends the rest of a batch once when one message outlasts the send cap, and retries that one', async (t) => {
      const leaseMs = 3000;
      const arrived: string[] = [];
      let held = false;
      // The supervisor's first message is answered after the lease (each of its commands answered in time).
      const smtp = await listeningMailReceiver(
        t,
        (_raw, to) => arrived.push(...to),
        (to) => {
          if (held || !to.includes(supervisor)) return 0;
          held = true;
          return leaseMs + 1000;
        },
      );
      // The send cap is half the lease by default.
      const h = await harnessFor(t, storage, { delivery: { leaseMs, retryScale: 0.001 } });
      await setNotificationSettings(h.server.db, ids.agency, { transport: 'smtp', smtp });
      const dispatch = (
        await h.call('POST', '/v1/dispatches', { token: await h.token('dispatcher'), body: incident() })
      ).body as Dispatch;

      // A lane claims both messages; once the lease would have run out, another round of the worker runs beside it.
      const first = h.server.tick();
      await sleep(leaseMs + 300);
      await Promise.all([first, h.server.tick()]);

      assert.deepEqual(
        arrived.filter((to) => to === primary),
        [primary],
        'the primary was mailed once',
      );
      assert.equal(arrived.filter((to) => to === supervisor).length, 2, 'the capped message and its retry');
      const rows = await h.server.db.query<{ to: string; status: string; attempts: number }>(
        `select recipient->>'address' as "to", status, attempts from deliveries where dispatch_id = $1 order by "to"`,
        [dispatch.id],
      );
      assert.deepEqual(
        rows.map((r) => [r.to, r.status, r.attempts]),
        [
          [primary, 'sent', 1],
          [supervisor, 'sent', 2],
        ],
      );
      const attempts = await h.server.db.query<{ ok: boolean; detail: string }>(
        `select a.ok, a.detail from delivery_attempts a join deliveries d on d.id = a.delivery_id
         where d.recipient->>'address' = $1 order by a.id`,
        [supervisor],
      );
      assert.deepEqual(
        attempts.map((a) => [a.ok, a.ok ? 'accepted' : a.detail]),
        [
          [false, `not sent within ${String(leaseMs / 2)} ms`],
          [true, 'accepted'],
        ],
      );
    });

    it('drops what a worker records after its lease ran out and another claim sent the message', async (t) => {
      let posts = 0;
      // The primary's first post is answered late and refused; every other post at once.
      const gateway = await webhookReceiver(t, async (payload) => {
        if (payload.recipient.address !== primary || posts++ > 0) return 200;
        await sleep(1500);
        return 503;
      });
      // A cap past the lease: a worker held longer than its lease (a stalled process) sends on regardless.
      const h = await harnessFor(t, storage, { delivery: { leaseMs: 500, sendTimeoutMs: 5000, retryScale: 0.001 } });
      await setNotificationSettings(h.server.db, ids.agency, { transport: 'webhook', webhook: gateway.settings });
      const dispatch = (
        await h.call('POST', '/v1/dispatches', { token: await h.token('dispatcher'), body: incident() })
      ).body as Dispatch;

      const first = h.server.tick();
      await sleep(700);
      // The lease ran out: this round claims the batch again and sends it; the late 503 of the first is outdated.
      await Promise.all([first, h.server.tick()]);
      await h.server.tick();

      const toPrimary = gateway.received.filter((p) => p.recipient.address === primary);
      assert.equal(toPrimary.length, 2, 'the first claim and the one after its lease; no third');
      const [row] = await h.server.db.query<{ status: string; attempts: number; last_error: string | null }>(
        `select status, attempts, last_error from deliveries where dispatch_id = $1 and recipient->>'address' = $2`,
        [dispatch.id, primary],
      );
      assert.deepEqual(row, { status: 'sent', attempts: 1, last_error: null }, 'as the second claim recorded it');
      // The outdated attempt is still logged: it was made.
      const attempts = await h.server.db.query<{ ok: boolean; detail: string }>(
        `select a.ok, a.detail from delivery_attempts a join deliveries d on d.id = a.delivery_id
         where d.dispatch_id = $1 and d.recipient->>'address' = $2 order by a.ok`,
        [dispatch.id, primary],
      );
      assert.deepEqual(
        attempts.map((a) => [a.ok, a.detail]),
        [
          [false, 'HTTP 503'],
          [true, 'HTTP 200'],
        ],
      );
    });
  });
}
