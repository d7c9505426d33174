// Acknowledgement by text reply, through the agency's own signed gateway and through Twilio's
// webhook, on the real service: the reply acts as the link does, once, for the right peer only.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import type { AuditEvent, Dispatch, SmsReply, TimelineEntry } from '@peerlink/sdk';
import { setNotificationSettings } from '../src/domain/store.js';
import { replies } from '../src/domain/sms-replies.js';
import { signWebhook } from '../src/infra/notify/index.js';
import type { Harness } from './harness.js';
import { harnessFor, ids, incident, storages } from './harness.js';

const inboundSecret = 'inbound-secret-0123456789abcdef-0123456789';
const otherInboundSecret = 'other-inbound-secret-0123456789abcdef-0123';
const twilio = {
  accountSid: `AC${'0123456789abcdef'.repeat(2)}`,
  authToken: 'twilio-auth-token-for-tests-0123',
  from: '+13125550100',
};
const otherTwilio = {
  ...twilio,
  accountSid: `AC${'fedcba9876543210'.repeat(2)}`,
  authToken: 'other-twilio-token-0123456789',
};

const numbers = {
  // Stored as a program's spreadsheet has it; texts arrive in E.164.
  primary: { stored: '(312) 555-0101', e164: '+13125550101' },
  backup: { stored: '+1 312 555 0102', e164: '+13125550102' },
  other: { stored: '+13125550105', e164: '+13125550105' },
  stranger: '+13125550199',
};

/**
 * Twilio's `X-Twilio-Signature`, written here from its documentation rather than taken from the
 * service, and checked against the documentation's worked example below.
 */
function twilioSignatureOf(token: string, url: string, form: Record<string, string>): string {
  const data = Object.keys(form)
    .sort()
    .reduce((text, name) => `${text}${name}${form[name] ?? ''}`, url);
  return createHmac('sha1', token).update(Buffer.from(data, 'utf8')).digest('base64');
}

async function setUp(t: Parameters<typeof harnessFor>[0], storage: Parameters<typeof harnessFor>[1]) {
  const h = await harnessFor(t, storage);
  const db = h.server.db;
  for (const [id, sms] of [
    [ids.primary, numbers.primary.stored],
    [ids.backup, numbers.backup.stored],
    [ids.other, numbers.other.stored],
  ] as const) {
    await db.query(`update specialists set doc = jsonb_set(doc, '{contacts}', $2::text::jsonb) where id = $1`, [
      id,
      JSON.stringify([{ kind: 'sms', address: sms }]),
    ]);
  }
  await setNotificationSettings(db, ids.agency, { transport: 'console', inboundSecret, twilio });
  await setNotificationSettings(db, ids.otherAgency, {
    transport: 'console',
    inboundSecret: otherInboundSecret,
    twilio: otherTwilio,
  });
  return h;
}

async function callout(h: Harness): Promise<Dispatch> {
  const created = await h.call('POST', '/v1/dispatches', { token: await h.token('dispatcher'), body: incident() });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body as Dispatch;
}

async function read(h: Harness, id: string): Promise<Dispatch> {
  return (
    await h.call('GET', `/v1/dispatches/${id}`, { token: await h.token('supervisor', { subjectId: ids.supervisor }) })
  ).body as Dispatch;
}

/** Our own signed JSON, as the agency's gateway forwards a text (once the texts due have gone out). */
async function signedText(
  h: Harness,
  body: { from: string; body: string; messageId?: string },
  options: { agencyId?: string; secret?: string; timestamp?: number; signature?: string | null; key?: string } = {},
) {
  await h.server.tick();
  const raw = JSON.stringify(body);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature =
    options.signature === undefined ? signWebhook(options.secret ?? inboundSecret, timestamp, raw) : options.signature;
  return h.call('POST', `/v1/sms/inbound/${options.agencyId ?? ids.agency}`, {
    body: raw,
    headers: {
      'X-Peerlink-Timestamp': String(timestamp),
      ...(signature === null ? {} : { 'X-Peerlink-Signature': signature }),
      ...(options.key ? { 'Idempotency-Key': options.key } : {}),
    },
  });
}

/** Twilio's form post, signed with the auth token over the service's public URL and the parameters. */
async function twilioText(
  h: Harness,
  form: { From: string; Body: string; MessageSid?: string },
  options: { agencyId?: string; token?: string; signature?: string | null } = {},
) {
  await h.server.tick();
  const path = `/v1/sms/twilio/${options.agencyId ?? ids.agency}`;
  const params: Record<string, string> = {
    ToCountry: 'US',
    SmsStatus: 'received',
    To: twilio.from,
    NumMedia: '0',
    AccountSid: twilio.accountSid,
    ApiVersion: '2010-04-01',
    ...form,
  };
  const signature =
    options.signature === undefined
      ? twilioSignatureOf(options.token ?? twilio.authToken, `${h.server.config.publicUrl}${path}`, params)
      : options.signature;
  const response = await fetch(`${h.server.url}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(signature === null ? {} : { 'X-Twilio-Signature': signature }),
    },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** The `Ref` a call-out's text gives. */
const refOf = (dispatch: Dispatch) => dispatch.id.slice(0, 8);

/** Two peers at one level: the primary and the backup are texted together. */
async function bothAtOnce(h: Harness) {
  const saved = await h.call('POST', '/v1/escalation-policy', {
    token: await h.token('supervisor', { subjectId: ids.supervisor }),
    body: {
      name: 'Primary and backup together',
      repeat: 0,
      copies: [],
      expectedVersion: 0,
      levels: [
        {
          targets: [
            { kind: 'position', position: 'primary' },
            { kind: 'position', position: 'backup' },
          ],
          timeoutSeconds: 300,
        },
        { targets: [{ kind: 'position', position: 'supervisor' }], timeoutSeconds: 300 },
      ],
    },
  });
  assert.ok(saved.status < 300, JSON.stringify(saved.body));
}

const messageOf = (twiml: string) => /<Message>([^<]*)<\/Message>/.exec(twiml)?.[1] ?? null;
const withoutTime = ({ at: _at, ...entry }: TimelineEntry) => entry;

async function eventsOf(h: Harness, dispatchId: string) {
  return (
    await h.server.db.query<{ type: string }>('select type from events where record_id = $1 order by id', [dispatchId])
  ).map((row) => row.type);
}

async function auditOf(h: Harness, agencyId = ids.agency): Promise<AuditEvent[]> {
  return (
    await h.server.db.query<{ doc: AuditEvent }>('select doc from audit_events where agency_id = $1 order by at, id', [
      agencyId,
    ])
  ).map((row) => row.doc);
}

async function ackPathOf(h: Harness, dispatchId: string): Promise<string> {
  const [row] = await h.server.db.query<{ url: string }>(
    "select notification->>'ackUrl' as url from deliveries where dispatch_id = $1 and notification->>'kind' = 'callout' limit 1",
    [dispatchId],
  );
  assert.ok(row);
  return new URL(row.url).pathname;
}

for (const storage of await storages()) {
  describe(`acknowledgement by text reply on ${storage}`, () => {
    it('acknowledges on YES with the same timeline, events and audit as the link, and uses the link up', async (t) => {
      const h = await setUp(t, storage);
      const texted = await callout(h);
      const sms = await h.server.db.query<{ notification: { ackUrl?: string } }>(
        "select notification from deliveries where dispatch_id = $1 and recipient->>'kind' = 'sms'",
        [texted.id],
      );
      assert.ok(
        sms.some((row) => row.notification.ackUrl),
        'the primary was texted a link',
      );

      const replied = await signedText(h, { from: numbers.primary.e164, body: ' yes ', messageId: 'gw-1' });
      assert.equal(replied.status, 200, JSON.stringify(replied.body));
      const answer = replied.body as SmsReply;
      assert.equal(answer.outcome, 'acknowledged');
      assert.match(answer.reply ?? '', /^Acknowledged/);
      assert.equal(answer.duplicate, false);
      const bySms = await read(h, texted.id);
      assert.equal(bySms.status, 'acknowledged');

      const link = await h.call('POST', await ackPathOf(h, texted.id), { body: { decision: 'decline' } });
      assert.equal(link.status, 409, 'the link of a call-out answered by text cannot act again');

      // The same call-out answered by the link, for comparison.
      const linked = await callout(h);
      const byLink = await h.call('POST', await ackPathOf(h, linked.id), { body: { decision: 'acknowledge' } });
      assert.equal(byLink.status, 200, JSON.stringify(byLink.body));
      const viaLink = byLink.body as Dispatch;
      assert.deepEqual(bySms.timeline.map(withoutTime), viaLink.timeline.map(withoutTime));
      assert.deepEqual(await eventsOf(h, texted.id), await eventsOf(h, linked.id));
      const trail = await auditOf(h);
      const transitions = (id: string) =>
        trail.filter((e) => e.recordId === id && e.action === 'transition').map((e) => e.actor);
      assert.deepEqual(transitions(texted.id), [{ kind: 'user', role: 'specialist', subjectId: ids.primary }]);
      assert.deepEqual(transitions(texted.id), transitions(linked.id));
    });

    it('declines on NO through Twilio, answering TwiML, and the call-out moves on to the backup', async (t) => {
      const h = await setUp(t, storage);
      const dispatch = await callout(h);
      const replied = await twilioText(h, {
        From: numbers.primary.e164,
        Body: 'No',
        MessageSid: `SM${'1'.repeat(32)}`,
      });
      assert.equal(replied.status, 200, replied.text);
      assert.match(replied.type, /^application\/xml/);
      assert.match(replied.text, /^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>Declined/);
      const after = await read(h, dispatch.id);
      assert.equal(after.specialistId, ids.backup);
      assert.equal(after.status, 'notified');
      assert.deepEqual(
        after.timeline.map((e) => e.status),
        ['requested', 'notified', 'declined', 'escalated', 'notified'],
      );
      assert.deepEqual(after.timeline[2]?.actor, { kind: 'user', role: 'specialist', subjectId: ids.primary });

      // A late YES from the primary: the call-out is the backup's now.
      const late = await twilioText(h, { From: numbers.primary.e164, Body: 'YES', MessageSid: `SM${'2'.repeat(32)}` });
      assert.equal(messageOf(late.text), 'This call-out has moved on to the backup. No answer is needed from you.');
      assert.equal((await read(h, dispatch.id)).specialistId, ids.backup);

      // The backup takes it by text; the primary's next reply learns someone else has it.
      const backup = await twilioText(h, { From: numbers.backup.e164, Body: 'sí', MessageSid: `SM${'3'.repeat(32)}` });
      assert.match(messageOf(backup.text) ?? '', /^Acknowledged/);
      const taken = await signedText(h, { from: numbers.primary.e164, body: '1' });
      assert.deepEqual(taken.body, {
        outcome: 'moved-on',
        reply: 'This call-out was already acknowledged by someone else. No answer is needed from you.',
        duplicate: false,
      });
      const again = await signedText(h, { from: numbers.backup.e164, body: 'Y' });
      assert.equal((again.body as SmsReply).outcome, 'moved-on');
      assert.match((again.body as SmsReply).reply ?? '', /You already answered this call-out \(it is acknowledged\)/);
      assert.equal((await read(h, dispatch.id)).status, 'acknowledged');
    });

    it('answers anything else with a short help text and changes nothing; a late YES learns the call-out closed', async (t) => {
      const h = await setUp(t, storage);
      const dispatch = await callout(h);
      for (const body of ['on my way?', 'YESS', '3', '']) {
        const replied = await signedText(h, { from: numbers.primary.e164, body });
        assert.equal(replied.status, 200, JSON.stringify(replied.body));
        assert.equal((replied.body as SmsReply).outcome, 'help');
        assert.match((replied.body as SmsReply).reply ?? '', /reply 1 or YES to acknowledge .* 2 or NO to decline/);
      }
      const twilioHelp = await twilioText(h, { From: numbers.primary.e164, Body: 'what?' });
      assert.match(messageOf(twilioHelp.text) ?? '', /^Peerlink: reply 1 or YES/);
      assert.equal((await read(h, dispatch.id)).status, 'notified');

      // Once the call-out is cancelled, a YES learns it is closed.
      const cancelled = await h.call('POST', `/v1/dispatches/${dispatch.id}/transitions`, {
        token: await h.token('dispatcher'),
        body: { to: 'cancelled' },
      });
      assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
      const late = await signedText(h, { from: numbers.primary.e164, body: 'YES' });
      assert.equal((late.body as SmsReply).outcome, 'moved-on');
      assert.match((late.body as SmsReply).reply ?? '', /closed/);
    });

    it('ignores texts from unknown numbers, auditing them with nothing of the number but its last digits', async (t) => {
      const h = await setUp(t, storage);
      const dispatch = await callout(h);
      const before = (await auditOf(h)).length;
      const replied = await signedText(h, { from: numbers.stranger, body: 'YES' });
      assert.equal(replied.status, 200);
      assert.deepEqual(replied.body, { outcome: 'unknown-number', reply: null, duplicate: false });
      const viaTwilio = await twilioText(h, { From: numbers.stranger, Body: 'YES' });
      assert.equal(viaTwilio.status, 200);
      assert.equal(viaTwilio.text, '<?xml version="1.0" encoding="UTF-8"?><Response></Response>', 'no reply is sent');
      assert.equal((await read(h, dispatch.id)).status, 'notified');

      const trail = (await auditOf(h)).slice(before);
      const denied = trail.filter((e) => e.action === 'denied');
      assert.equal(denied.length, 2, JSON.stringify(trail));
      assert.deepEqual(denied[0]?.actor, { kind: 'system' });
      const stored = await h.server.db.query<{ from_masked: string; outcome: string }>(
        'select from_masked, outcome from sms_replies where agency_id = $1',
        [ids.agency],
      );
      assert.deepEqual(
        stored.map((row) => [row.from_masked, row.outcome]),
        [
          ['***0199', 'unknown-number'],
          ['***0199', 'unknown-number'],
        ],
      );
      const everything = JSON.stringify([
        await h.server.db.query('select doc from audit_events'),
        await h.server.db.query('select * from sms_replies'),
        await h.server.db.query('select data from events'),
      ]);
      assert.ok(!everything.includes('5550199'), 'the number is stored nowhere');
    });

    it("does not let another agency's peer act on this agency's call-out", async (t) => {
      const h = await setUp(t, storage);
      const dispatch = await callout(h);
      // The other agency's peer texting this agency's gateway is an unknown number here.
      const here = await signedText(h, { from: numbers.other.e164, body: 'YES' });
      assert.equal((here.body as SmsReply).outcome, 'unknown-number');
      // Signed with the other agency's secret, for this agency: refused.
      const forged = await signedText(h, { from: numbers.primary.e164, body: 'YES' }, { secret: otherInboundSecret });
      assert.equal(forged.status, 401);
      const forgedTwilio = await twilioText(
        h,
        { From: numbers.primary.e164, Body: 'YES' },
        { token: otherTwilio.authToken },
      );
      assert.equal(forgedTwilio.status, 401);
      // Through the other agency's own gateway, this agency's peer is unknown there and its call-outs out of reach.
      const there = await signedText(
        h,
        { from: numbers.primary.e164, body: 'YES' },
        { agencyId: ids.otherAgency, secret: otherInboundSecret },
      );
      assert.equal((there.body as SmsReply).outcome, 'unknown-number');
      const otherPeer = await signedText(
        h,
        { from: numbers.other.e164, body: 'YES' },
        { agencyId: ids.otherAgency, secret: otherInboundSecret },
      );
      assert.equal((otherPeer.body as SmsReply).outcome, 'no-callout');
      assert.equal((await read(h, dispatch.id)).status, 'notified');
    });

    it('refuses a bad, missing or stale signature with 401, writes nothing but the audit, and answers 404 without settings', async (t) => {
      const h = await setUp(t, storage);
      const dispatch = await callout(h);
      const before = (await auditOf(h)).length;
      const text = { from: numbers.primary.e164, body: 'YES' };
      const refusals = [
        await signedText(h, text, { signature: null }),
        await signedText(h, text, { signature: `sha256=${'0'.repeat(64)}` }),
        await signedText(h, text, { timestamp: Math.floor(Date.now() / 1000) - 3600 }),
      ];
      for (const refused of refusals) {
        assert.equal(refused.status, 401, JSON.stringify(refused.body));
        assert.equal(refused.headers.get('content-type'), 'application/problem+json');
        assert.ok(!JSON.stringify(refused.body).includes(inboundSecret));
      }
      const twilioMissing = await twilioText(h, { From: numbers.primary.e164, Body: 'YES' }, { signature: null });
      assert.equal(twilioMissing.status, 401);
      const twilioWrong = await twilioText(
        h,
        { From: numbers.primary.e164, Body: 'YES' },
        { signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' },
      );
      assert.equal(twilioWrong.status, 401);
      assert.ok(!twilioWrong.text.includes(twilio.authToken));
      assert.equal((await read(h, dispatch.id)).status, 'notified');
      assert.equal((await h.server.db.query('select id from sms_replies')).length, 0);
      const denied = (await auditOf(h)).slice(before).filter((e) => e.action === 'denied');
      assert.equal(denied.length, 5, 'each refused signature is in the trail');
      for (const event of denied) {
        assert.deepEqual([event.actor, event.recordType, event.recordId], [{ kind: 'system' }, 'dispatch', null]);
      }

      // An agency that takes no inbound texts has no such webhook.
      await setNotificationSettings(h.server.db, ids.agency, { transport: 'console' });
      assert.equal((await signedText(h, text)).status, 404);
      assert.equal((await twilioText(h, { From: numbers.primary.e164, Body: 'YES' })).status, 404);
    });

    it('checks the signature of every request, an Idempotency-Key notwithstanding', async (t) => {
      const h = await setUp(t, storage);
      await callout(h);
      const text = { from: numbers.primary.e164, body: 'YES', messageId: 'gw-keyed' };
      const signed = await signedText(h, text, { key: 'gateway-key-1' });
      assert.equal(signed.status, 200, JSON.stringify(signed.body));
      const unsigned = await signedText(h, text, { key: 'gateway-key-1', signature: null });
      assert.equal(unsigned.status, 401, 'no stored answer for a request that does not prove itself');
      const again = await signedText(h, text, { key: 'gateway-key-1' });
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.equal((again.body as SmsReply).duplicate, true, 'the same message acts once, by its id');
    });

    it('answers the call-out whose text reached the peer, not one whose text is still being retried', async (t) => {
      const h = await setUp(t, storage);
      const reached = await callout(h);
      await h.server.tick();
      const retried = await callout(h);
      // The gateway refused the second text (a 503): it waits for its next attempt and never reached the phone.
      await h.server.db.query(
        `update deliveries set attempts = 1, next_attempt_at = $2 where dispatch_id = $1 and status = 'pending'`,
        [retried.id, new Date(Date.now() + 3_600_000)],
      );
      const replied = await signedText(h, { from: numbers.primary.e164, body: 'YES' });
      assert.deepEqual(replied.body, {
        outcome: 'acknowledged',
        reply: `Acknowledged, thank you: call-out Ref ${refOf(reached)} is yours. On arrival, check in with the lead investigator.`,
        duplicate: false,
      });
      assert.equal((await read(h, reached.id)).status, 'acknowledged');
      assert.equal((await read(h, retried.id)).status, 'notified', 'the call-out never texted still waits');
    });

    it('asks which call-out when several wait on the peer, and acts on the one its Ref names', async (t) => {
      const h = await setUp(t, storage);
      const first = await callout(h);
      const second = await callout(h);
      const asked = await signedText(h, { from: numbers.primary.e164, body: 'YES' });
      assert.equal((asked.body as SmsReply).outcome, 'help');
      const question = (asked.body as SmsReply).reply ?? '';
      assert.match(question, /^Peerlink: 2 call-outs wait for your answer\. Reply YES or NO with its Ref/);
      assert.ok(question.includes(refOf(first)) && question.includes(refOf(second)), question);
      assert.equal((await read(h, first.id)).status, 'notified', 'a bare YES guesses nothing');
      assert.equal((await read(h, second.id)).status, 'notified');

      const picked = await signedText(h, { from: numbers.primary.e164, body: `yes ${refOf(second).toUpperCase()}` });
      assert.equal((picked.body as SmsReply).outcome, 'acknowledged');
      assert.match((picked.body as SmsReply).reply ?? '', new RegExp(`Ref ${refOf(second)} is yours`));
      assert.equal((await read(h, second.id)).status, 'acknowledged');
      // One call-out waits now: a bare answer is for it.
      const declined = await signedText(h, { from: numbers.primary.e164, body: '2' });
      assert.deepEqual(declined.body, {
        outcome: 'declined',
        reply: `Declined (Ref ${refOf(first)}). The call-out goes to the next person on call.`,
        duplicate: false,
      });
      assert.equal((await read(h, first.id)).specialistId, ids.backup);
      const unknown = await signedText(h, { from: numbers.primary.e164, body: 'YES 0000abcd' });
      assert.deepEqual(unknown.body, {
        outcome: 'no-callout',
        reply: 'Peerlink: no call-out with Ref 0000abcd was texted to you.',
        duplicate: false,
      });
    });

    it('lets each peer of a level that texts several answer by text, as their links do', async (t) => {
      const h = await setUp(t, storage);
      await bothAtOnce(h);
      const declinedByOne = await callout(h);
      const backupNo = await signedText(h, { from: numbers.backup.e164, body: 'NO' });
      assert.equal((backupNo.body as SmsReply).outcome, 'declined', JSON.stringify(backupNo.body));
      const waiting = await read(h, declinedByOne.id);
      assert.equal(waiting.status, 'notified', 'the call-out still waits on the primary');
      const again = await signedText(h, { from: numbers.backup.e164, body: 'YES' });
      assert.equal((again.body as SmsReply).outcome, 'moved-on');
      assert.equal(
        (again.body as SmsReply).reply,
        'This call-out has moved on to the others on call. No answer is needed from you.',
      );
      const primaryYes = await signedText(h, { from: numbers.primary.e164, body: 'YES' });
      assert.equal((primaryYes.body as SmsReply).outcome, 'acknowledged', JSON.stringify(primaryYes.body));
      const taken = await read(h, declinedByOne.id);
      assert.equal(taken.status, 'acknowledged');
      assert.equal(taken.specialistId, ids.primary);

      const race = await callout(h);
      assert.equal((await signedText(h, { from: numbers.backup.e164, body: 'Y' })).status, 200);
      assert.equal((await read(h, race.id)).specialistId, ids.backup);
      const late = await signedText(h, { from: numbers.primary.e164, body: 'Y' });
      assert.deepEqual(late.body, { outcome: 'moved-on', reply: replies.takenByOther, duplicate: false });
    });

    it('acts once on a message a gateway delivers twice', async (t) => {
      const h = await setUp(t, storage);
      const dispatch = await callout(h);
      const first = await signedText(h, { from: numbers.primary.e164, body: 'NO', messageId: 'gw-twice' });
      const second = await signedText(h, { from: numbers.primary.e164, body: 'NO', messageId: 'gw-twice' });
      assert.equal((first.body as SmsReply).outcome, 'declined');
      assert.deepEqual(second.body, { ...(first.body as SmsReply), duplicate: true });
      const sid = `SM${'4'.repeat(32)}`;
      const viaTwilio = await twilioText(h, { From: numbers.backup.e164, Body: '1', MessageSid: sid });
      const retried = await twilioText(h, { From: numbers.backup.e164, Body: '1', MessageSid: sid });
      assert.equal(retried.text, viaTwilio.text, 'a retry gets the first answer');
      const after = await read(h, dispatch.id);
      assert.deepEqual(
        after.timeline.map((e) => e.status),
        ['requested', 'notified', 'declined', 'escalated', 'notified', 'acknowledged'],
      );
      const stored = await h.server.db.query('select id from sms_replies');
      assert.equal(stored.length, 2);
    });
  });
}

describe("Twilio's documented signature example", () => {
  it('is what the test computes, so the test checks the service against Twilio and not against itself', () => {
    const form = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+14158675309',
      Digits: '1234',
      From: '+14158675309',
      To: '+18005551212',
    };
    assert.equal(
      twilioSignatureOf('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', form),
      'RSOYDt4T1cUTdK1PDd93/VVr8B8=',
    );
  });
});
