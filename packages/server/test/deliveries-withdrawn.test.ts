// A call-out's queued messages are withdrawn once nobody should get them: it closed, someone acknowledged
// it, it moved past their level. A gateway that was down meanwhile then sends none of them, and a link
// that still arrived opens a page that asks nothing and shows no address.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import type { Dispatch, EscalationPolicyInput } from '@peerlink/sdk';
import { setNotificationSettings } from '../src/domain/store.js';
import type { Harness, Storage } from './harness.js';
import { harnessFor, ids, incident, storages } from './harness.js';
import { webhookReceiver } from './webhook-receiver.js';

const address = '1200 Elm St';

/** A gateway that answers 503 until `recover()`; the clock moves by hand (messages retry when it moves on). */
async function outage(t: TestContext, storage: Storage) {
  let up = false;
  let now = Date.now();
  const gateway = await webhookReceiver(t, () => (up ? 200 : 503));
  const h = await harnessFor(t, storage, {
    clock: () => new Date(now),
    config: { ackTimeoutMs: 24 * 3600 * 1000 },
  });
  await setNotificationSettings(h.server.db, ids.agency, { transport: 'webhook', webhook: gateway.settings });
  const dispatcher = await h.token('dispatcher');
  return {
    h,
    gateway,
    /** A call-out the dispatcher requests; the worker tries its messages, which the gateway refuses. */
    callOut: async () => {
      const dispatch = (await h.call('POST', '/v1/dispatches', { token: dispatcher, body: incident() }))
        .body as Dispatch;
      await h.server.tick();
      return dispatch;
    },
    /** The dispatcher moves the call-out on. */
    move: (dispatch: Dispatch, to: 'cancelled' | 'escalated') =>
      h.call('POST', `/v1/dispatches/${dispatch.id}/transitions`, { token: dispatcher, body: { to } }),
    /** The gateway answers again, the clock moves past any retry's delay and the worker runs. */
    recover: async () => {
      up = true;
      now += 10 * 60 * 1000;
      await h.server.tick();
    },
  };
}

/** Each queued message of the call-out: who it is for, its kind and its state. */
async function deliveries(h: Harness, dispatchId: string) {
  return h.server.db.query<{ to: string; kind: string; status: string }>(
    `select recipient->>'address' as "to", notification->>'kind' as kind, status
     from deliveries where dispatch_id = $1 order by "to"`,
    [dispatchId],
  );
}

/** The link the gateway was given for `to`. */
function linkFor(
  received: readonly { recipient: { address: string }; notification: { ackUrl?: string } }[],
  to: string,
) {
  const link = received.find((p) => p.recipient.address === to && p.notification.ackUrl)?.notification.ackUrl;
  assert.ok(link, `a link was posted for ${to}`);
  return link;
}

const formPost = (link: string, decision: string) =>
  fetch(link, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `decision=${decision}`,
  });

for (const storage of await storages()) {
  describe(`withdrawn notifications on ${storage}`, () => {
    it('sends nothing of a call-out cancelled while the gateway was down, and its link shows a closed page', async (t) => {
      const { h, gateway, callOut, move, recover } = await outage(t, storage);
      const dispatch = await callOut();
      assert.equal(gateway.received.length, 2, 'the primary and the supervisor copy, both refused');
      const cancel = await move(dispatch, 'cancelled');
      assert.equal(cancel.status, 200, JSON.stringify(cancel.body));

      await recover();
      assert.equal(gateway.received.length, 2, 'nothing was sent after the cancel');
      assert.deepEqual(
        (await deliveries(h, dispatch.id)).map((d) => [d.kind, d.status]),
        [
          ['callout', 'withdrawn'],
          ['supervisor-copy', 'withdrawn'],
        ],
      );

      // The link of the refused post (a gateway may still have passed it on): nothing to answer, no address.
      const link = linkFor(gateway.received, 'peer1@example.org');
      const page = await fetch(link);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      const html = await page.text();
      assert.match(html, /This call-out is closed/);
      assert.doesNotMatch(html, new RegExp(`${address}|<form|Acknowledge`));

      // The form posted from a page loaded before the cancel: the page again, never a problem document.
      const posted = await formPost(link, 'acknowledge');
      assert.equal(posted.status, 409);
      assert.match(posted.headers.get('content-type') ?? '', /^text\/html/);
      const answer = await posted.text();
      assert.match(answer, /This call-out is closed/);
      assert.doesNotMatch(answer, new RegExp(`${address}|<form|problem`));
      // A JSON caller of the same link keeps its problem document.
      const json = await h.call('POST', new URL(link).pathname, { body: { decision: 'acknowledge' } });
      assert.equal(json.status, 409);
      assert.match(json.headers.get('content-type') ?? '', /^application\/problem\+json/);
    });

    it('withdraws, as the worker claims them, messages of a closed call-out queued without being withdrawn', async (t) => {
      const { h, gateway, callOut, move, recover } = await outage(t, storage);
      const dispatch = await callOut();
      assert.equal((await move(dispatch, 'cancelled')).status, 200);
      // As a version before the withdrawal left them: still queued for a call-out that is closed.
      await h.server.db.query(`update deliveries set status = 'pending' where dispatch_id = $1`, [dispatch.id]);

      await recover();
      assert.equal(gateway.received.length, 2, 'nothing was sent after the cancel');
      assert.deepEqual(
        (await deliveries(h, dispatch.id)).map((d) => d.status),
        ['withdrawn', 'withdrawn'],
      );
    });

    it('sends the others of a level nothing once one of them acknowledged, and keeps their own and the copy', async (t) => {
      const { h, gateway, callOut, recover } = await outage(t, storage);
      const both: EscalationPolicyInput = {
        name: 'Primary and backup together',
        levels: [
          {
            targets: [
              { kind: 'specialist', specialistId: ids.primary },
              { kind: 'specialist', specialistId: ids.backup },
            ],
            timeoutSeconds: 300,
          },
          { targets: [{ kind: 'position', position: 'supervisor' }], timeoutSeconds: 300 },
        ],
        repeat: 0,
        copies: [{ kind: 'position', position: 'supervisor' }],
      };
      const saved = await h.call('POST', '/v1/escalation-policy', {
        token: await h.token('supervisor', { subjectId: ids.supervisor }),
        body: { ...both, expectedVersion: 0 },
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      const dispatch = await callOut();
      assert.equal(gateway.received.length, 3, 'the primary, the backup and the copy, all refused');

      // The primary answers by the link the gateway was given (a gateway may pass a text on and still answer 503).
      const primaryLink = linkFor(gateway.received, 'peer1@example.org');
      const ack = await h.call('POST', new URL(primaryLink).pathname, { body: { decision: 'acknowledge' } });
      assert.equal(ack.status, 200, JSON.stringify(ack.body));

      await recover();
      const after = gateway.received.slice(3);
      assert.deepEqual(
        after.map((p) => [p.recipient.address, p.notification.kind]).sort(),
        [
          ['peer1@example.org', 'callout'],
          ['peer3@example.org', 'supervisor-copy'],
        ],
        'the one who acknowledged and the copy; not the backup',
      );
      assert.deepEqual(
        (await deliveries(h, dispatch.id)).map((d) => [d.to, d.status]),
        [
          ['peer1@example.org', 'sent'],
          ['peer2@example.org', 'withdrawn'],
          ['peer3@example.org', 'sent'],
        ],
      );

      // The backup's link: no longer needed, no address; pressing a button of an old page says the same.
      const backupLink = linkFor(gateway.received, 'peer2@example.org');
      const html = await (await fetch(backupLink)).text();
      assert.match(html, /no longer needed/);
      assert.doesNotMatch(html, new RegExp(`${address}|<form`));
      const posted = await formPost(backupLink, 'acknowledge');
      assert.equal(posted.status, 409, 'it was acknowledged already');
      const answer = await posted.text();
      assert.match(answer, /no longer needed/);
      assert.doesNotMatch(answer, new RegExp(`${address}|<form`));
    });

    it('withdraws the messages of a level the call-out was escalated past, and sends the next level its own', async (t) => {
      const { h, gateway, callOut, move, recover } = await outage(t, storage);
      const dispatch = await callOut();
      const escalated = await move(dispatch, 'escalated');
      assert.equal(escalated.status, 200, JSON.stringify(escalated.body));
      assert.equal((escalated.body as Dispatch).specialistId, ids.backup);

      await recover();
      assert.deepEqual(
        gateway.received
          .slice(2)
          .map((p) => [p.recipient.address, p.notification.kind])
          .sort(),
        [
          ['peer2@example.org', 'escalation'],
          ['peer3@example.org', 'supervisor-copy'],
        ],
        'the backup and the copy; not the primary passed over',
      );
      assert.deepEqual(
        (await deliveries(h, dispatch.id)).map((d) => [d.to, d.kind, d.status]),
        [
          ['peer1@example.org', 'callout', 'withdrawn'],
          ['peer2@example.org', 'escalation', 'sent'],
          ['peer3@example.org', 'supervisor-copy', 'sent'],
        ],
      );
      const html = await (await fetch(linkFor(gateway.received, 'peer1@example.org'))).text();
      assert.match(html, /no longer needed/);
      assert.doesNotMatch(html, new RegExp(address));
    });
  });
}
