import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  createTransport,
  createTwilioTransport,
  renderNotification,
  twilioSignature,
  twiml,
  verifyTwilioSignature,
} from '../../src/infra/notify/index.js';
import type { DeliveryOutcome, TwilioSettings } from '../../src/infra/notify/index.js';
import { leakyNotification, namesInLeakyNotification, notification } from './fixtures.js';
import { accountSid, authToken, fromNumber, startTwilioReceiver } from './twilio-receiver.js';
import type { TwilioReceiver } from './twilio-receiver.js';

const peer = { kind: 'sms' as const, address: '+13125550123' };

/** The outcome's fields, whichever way it went, for plain assertions. */
const fieldsOf = (outcome: DeliveryOutcome) =>
  outcome.ok
    ? { ok: true, retryable: false, detail: outcome.detail ?? '', retryAfterMs: undefined }
    : { ok: false, retryable: outcome.retryable, detail: outcome.detail, retryAfterMs: outcome.retryAfterMs };

describe('Twilio transport', () => {
  let receiver: TwilioReceiver;
  let settings: TwilioSettings;
  before(async () => {
    receiver = await startTwilioReceiver();
  });
  after(() => receiver.close());
  beforeEach(() => {
    receiver.hits.length = 0;
    receiver.accepted.length = 0;
    receiver.forced.length = 0;
    settings = { accountSid, authToken, from: fromNumber, apiBaseUrl: receiver.url };
  });

  it("sends one message through the Messages API, as Twilio's documentation describes it", async () => {
    const transport = createTwilioTransport(settings, { timeZone: 'America/Chicago' });
    const outcome = await transport.send('d-1', peer, notification);
    assert.equal(outcome.ok, true, JSON.stringify(outcome));
    assert.equal(receiver.accepted.length, 1, JSON.stringify(receiver.hits.map((h) => h.form.toString())));
    const [message] = receiver.accepted;
    assert.ok(message);
    assert.equal(message.to, peer.address);
    assert.equal(message.from, fromNumber);
    assert.equal(message.messagingServiceSid, null);
    assert.equal(message.body, renderNotification(notification, { timeZone: 'America/Chicago' }).sms);
    assert.match(message.body, /Reply 1 or YES to acknowledge, 2 or NO to decline/);
    // The operator's detail names Twilio's message and its status, never the number.
    const { detail } = fieldsOf(outcome);
    assert.ok(detail.includes(message.sid), detail);
    assert.ok(detail.includes('status queued'), detail);
    assert.ok(!JSON.stringify(outcome).includes('5550123'));
  });

  it('sends from a messaging service when the sender is an MG… SID', async () => {
    const service = `MG${'fedcba9876543210'.repeat(2)}`;
    const outcome = await createTwilioTransport({ ...settings, from: service }).send('d-2', peer, notification);
    assert.equal(outcome.ok, true, JSON.stringify(outcome));
    assert.equal(receiver.accepted[0]?.messagingServiceSid, service);
    assert.equal(receiver.accepted.at(0)?.from, null);
  });

  it('sends only what the contract allows, so no names leak into a text', async () => {
    await createTwilioTransport(settings).send('d-3', peer, leakyNotification);
    const body = receiver.accepted[0]?.body ?? '';
    for (const name of namesInLeakyNotification) assert.ok(!body.includes(name), `${name} leaked`);
  });

  it('fails for good on a number Twilio refuses (21211), naming the error and not the number', async () => {
    const outcome = await createTwilioTransport(settings).send(
      'd-4',
      { kind: 'sms', address: '555-0199' },
      notification,
    );
    const { ok, retryable, detail } = fieldsOf(outcome);
    assert.deepEqual([ok, retryable], [false, false]);
    assert.ok(detail.includes('HTTP 400'), detail);
    assert.ok(detail.includes('Twilio error 21211'), detail);
    assert.ok(detail.includes('https://www.twilio.com/docs/errors/21211'), detail);
    assert.ok(!JSON.stringify(outcome).includes('0199'), 'no part of the number in the detail');
  });

  it('fails for good with a wrong auth token (401, 20003)', async () => {
    const outcome = await createTwilioTransport({ ...settings, authToken: 'not-the-token-0123456789' }).send(
      'd-5',
      peer,
      notification,
    );
    const { ok, retryable, detail } = fieldsOf(outcome);
    assert.ok(!ok && !retryable && detail.includes('20003'), detail);
    assert.ok(!JSON.stringify(outcome).includes('not-the-token'));
  });

  it('retries after 429 (honoring Retry-After) and 5xx', async () => {
    receiver.forced.push({ status: 429, retryAfter: '7' }, { status: 500 }, { status: 503 });
    const transport = createTwilioTransport(settings);
    const limited = fieldsOf(await transport.send('d-6', peer, notification));
    assert.ok(!limited.ok && limited.retryable && limited.retryAfterMs === 7000, JSON.stringify(limited));
    assert.ok(limited.detail.includes('20429'), limited.detail);
    const failed = fieldsOf(await transport.send('d-6', peer, notification));
    assert.ok(!failed.ok && failed.retryable, JSON.stringify(failed));
    const unavailable = fieldsOf(await transport.send('d-6', peer, notification));
    assert.ok(!unavailable.ok && unavailable.retryable);
    const sent = await transport.send('d-6', peer, notification);
    assert.equal(sent.ok, true);
    assert.equal(receiver.accepted.length, 1);
  });

  it('retries when Twilio cannot be reached', async () => {
    const closed = await startTwilioReceiver();
    await closed.close();
    const outcome = await createTwilioTransport({ ...settings, apiBaseUrl: closed.url }).send(
      'd-7',
      peer,
      notification,
    );
    assert.ok(!outcome.ok && outcome.retryable && outcome.detail.startsWith('network error'), JSON.stringify(outcome));
  });

  it('refuses e-mail recipients without calling Twilio', async () => {
    const outcome = await createTwilioTransport(settings).send(
      'd-8',
      { kind: 'email', address: 'peer@example.org' },
      notification,
    );
    assert.ok(!outcome.ok && !outcome.retryable);
    assert.equal(receiver.hits.length, 0);
  });

  it('is what the settings name, alone or for the text contacts of by-channel', async () => {
    const twilio = createTransport({ transport: 'twilio', twilio: settings });
    assert.equal(twilio.name, 'twilio');
    assert.throws(() => createTransport({ transport: 'twilio' }), /needs twilio settings/);
    const byChannel = createTransport({
      transport: 'by-channel',
      smtp: { host: '127.0.0.1', port: 2525, secure: false, from: 'callouts@example.org' },
      twilio: settings,
    });
    const outcome = await byChannel.send('d-9', peer, notification);
    assert.equal(outcome.ok, true, JSON.stringify(outcome));
    assert.equal(receiver.accepted.length, 1, 'the text went through Twilio');
    await Promise.all([twilio.close(), byChannel.close()]);
  });
});

describe("Twilio's request signature", () => {
  // The worked example of Twilio's request-validation documentation and its libraries' tests.
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params: [string, string][] = [
    ['CallSid', 'CA1234567890ABCDE'],
    ['Caller', '+14158675309'],
    ['Digits', '1234'],
    ['From', '+14158675309'],
    ['To', '+18005551212'],
  ];
  const expected = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';

  it("matches Twilio's published example, whatever order the parameters come in", () => {
    assert.equal(twilioSignature('12345', url, params), expected);
    assert.equal(twilioSignature('12345', url, [...params].reverse()), expected);
    assert.equal(verifyTwilioSignature('12345', expected, url, params), true);
  });

  it('refuses a changed parameter, URL or token, and a missing signature', () => {
    const changed = params.map(([name, value]): [string, string] => [name, name === 'Digits' ? '9999' : value]);
    assert.equal(verifyTwilioSignature('12345', expected, url, changed), false);
    assert.equal(verifyTwilioSignature('12345', expected, url.replace('bar=2', 'bar=3'), params), false);
    assert.equal(verifyTwilioSignature('54321', expected, url, params), false);
    assert.equal(verifyTwilioSignature('12345', null, url, params), false);
    assert.equal(verifyTwilioSignature('12345', '', url, params), false);
  });
});

describe('TwiML', () => {
  it('answers with one escaped message, or an empty response', () => {
    assert.equal(
      twiml('a < b & "c"'),
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>a &lt; b &amp; &quot;c&quot;</Message></Response>',
    );
    assert.equal(twiml(null), '<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
  });
});
