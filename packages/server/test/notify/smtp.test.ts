import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { createSmtpTransport } from '../../src/infra/notify/index.js';
import type { Transport } from '../../src/infra/notify/index.js';
import {
  ackUrl,
  closedPort,
  email,
  leakyNotification,
  namesInLeakyNotification,
  notification,
  sms,
} from './fixtures.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP receiver on loopback. Recipients starting with `bounce` or `busy` are refused. */
async function startReceiver(): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = address.address.startsWith('bounce') ? 550 : address.address.startsWith('busy') ? 451 : 0;
      if (refusal === 0) {
        callback();
        return;
      }
      callback(Object.assign(new Error(`Mailbox ${address.address} unavailable`), { responseCode: refusal }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom;
        received.push({
          from: mailFrom === false ? '' : mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  return { server, port: (server.server.address() as AddressInfo).port, received };
}

/** Headers unfolded, and the body decoded from its transfer encoding. */
function parseMessage(raw: string): { headers: string; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  let body = raw.slice(split + 4);
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    body = Buffer.from(bytes, 'latin1').toString('utf8');
  } else if (encoding === 'base64') {
    body = Buffer.from(body, 'base64').toString('utf8');
  }
  return { headers, body: body.replace(/\r\n/g, '\n') };
}

describe('SMTP transport', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let transport: Transport;

  before(async () => {
    receiver = await startReceiver();
    transport = createSmtpTransport(
      { host: '127.0.0.1', port: receiver.port, secure: false, from: 'Peerlink <callouts@example.org>' },
      { timeZone: 'America/Chicago', timeoutMs: 5000 },
    );
  });

  after(async () => {
    await transport.close();
    await new Promise<void>((resolve) => {
      receiver.server.close(resolve);
    });
  });

  it('delivers subject, address, times and the link, and no names', async () => {
    const outcome = await transport.send('delivery-1', email, leakyNotification);
    assert.equal(outcome.ok, true, JSON.stringify(outcome));
    assert.equal(receiver.received.length, 1);
    const [message] = receiver.received;
    assert.ok(message);
    assert.equal(message.from, 'callouts@example.org');
    assert.deepEqual(message.to, ['dana.r@example.org']);

    const { headers, body } = parseMessage(message.raw);
    assert.match(headers, /^Subject: Peer call-out: Overdose \(non-fatal\) \(north\)$/m);
    assert.match(headers, /^X-Peerlink-Delivery: delivery-1$/m);
    assert.match(headers, /^Auto-Submitted: auto-generated$/m);
    assert.match(body, /^Location: 1200 Elm St, Springfield$/m);
    assert.match(body, /^Received: Sun, Nov 22, 2:05 PM CST/m);
    assert.ok(body.includes(`Acknowledge or decline: ${ackUrl}\n`), body);
    for (const name of namesInLeakyNotification) assert.ok(!message.raw.includes(name), `${name} leaked`);
  });

  it('refuses SMS recipients without contacting the server', async () => {
    const before = receiver.received.length;
    const outcome = await transport.send('delivery-2', sms, notification);
    assert.equal(outcome.ok, false);
    assert.equal(outcome.retryable, false);
    assert.equal(receiver.received.length, before);
  });

  it('reports a 5xx refusal as permanent and a 4xx one as retryable, without the address', async () => {
    const bounced = await transport.send('delivery-3', { kind: 'email', address: 'bounce@example.org' }, notification);
    assert.deepEqual(bounced, { ok: false, retryable: false, detail: 'SMTP 550 EENVELOPE' });
    const busy = await transport.send('delivery-4', { kind: 'email', address: 'busy@example.org' }, notification);
    assert.deepEqual(busy, { ok: false, retryable: true, detail: 'SMTP 451 EENVELOPE' });
  });

  it('reports an unreachable server as retryable', async () => {
    const port = await closedPort();

    const closed = createSmtpTransport({ host: '127.0.0.1', port, secure: false, from: 'callouts@example.org' });
    const outcome = await closed.send('delivery-5', email, notification);
    await closed.close();
    assert.equal(outcome.ok, false);
    assert.equal(outcome.retryable, true, JSON.stringify(outcome));
  });

  it('delivers through a pooled connection too', async () => {
    const pooled = createSmtpTransport(
      { host: '127.0.0.1', port: receiver.port, secure: false, from: 'callouts@example.org' },
      { pool: true },
    );
    const outcomes = await Promise.all([
      pooled.send('delivery-6', email, notification),
      pooled.send('delivery-7', email, { ...notification, kind: 'escalation' }),
    ]);
    await pooled.close();
    assert.deepEqual(
      outcomes.map((o) => o.ok),
      [true, true],
    );
    assert.ok(receiver.received.some((m) => m.raw.includes('Subject: Escalated peer call-out')));
  });
});
