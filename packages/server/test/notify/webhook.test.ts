import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  WEBHOOK_TOLERANCE_SECONDS,
  createWebhookTransport,
  signWebhook,
  verifyWebhookSignature,
} from '../../src/infra/notify/index.js';
import type { Transport, WebhookPayload, WebhookVerification } from '../../src/infra/notify/index.js';
import { listenOnLoopback } from '../loopback.js';
import { ackUrl, closedPort, leakyNotification, namesInLeakyNotification, notification, sms } from './fixtures.js';

const secret = 'test-secret-0123456789abcdef-0123456789';

interface Hit {
  headers: IncomingHttpHeaders;
  body: string;
  verification: WebhookVerification;
}

/** What the receiver does next: answer a status (with headers), or hang until the test ends. */
type Answer = { status: number; headers?: Record<string, string> } | 'hang';

/** A real HTTP receiver that verifies every request the way a production receiver should. */
async function startReceiver(): Promise<{ server: Server; url: string; hits: Hit[]; answers: Answer[] }> {
  const hits: Hit[] = [];
  const answers: Answer[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      hits.push({
        headers: request.headers,
        body: raw.toString('utf8'),
        verification: verifyWebhookSignature(secret, request.headers, raw),
      });
      const answer = answers.shift() ?? { status: 204 };
      if (answer === 'hang') return;
      response.writeHead(answer.status, answer.headers).end('{"received":true}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/peerlink/callouts`, hits, answers };
}

describe('webhook transport', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  before(async () => {
    receiver = await startReceiver();
  });
  beforeEach(() => {
    receiver.hits.length = 0;
    receiver.answers.length = 0;
  });
  after(async () => {
    receiver.server.closeAllConnections();
    await new Promise<void>((resolve) =>
      receiver.server.close(() => {
        resolve();
      }),
    );
  });

  it('posts a signed payload, retries after 5xx as a worker would, and succeeds on 200', async () => {
    receiver.answers.push({ status: 500 }, { status: 500 }, { status: 200 });
    const transport = createWebhookTransport({ url: receiver.url, secret }, { timeZone: 'America/Chicago' });

    const outcomes = [];
    for (let attempt = 1; attempt <= 3; attempt++)
      outcomes.push(await transport.send('delivery-1', sms, leakyNotification));
    assert.deepEqual(outcomes, [
      { ok: false, retryable: true, detail: 'HTTP 500' },
      { ok: false, retryable: true, detail: 'HTTP 500' },
      { ok: true, detail: 'HTTP 200' },
    ]);

    assert.equal(receiver.hits.length, 3);
    for (const hit of receiver.hits) {
      assert.equal(hit.verification.ok, true, JSON.stringify(hit.verification));
      assert.equal(hit.headers['content-type'], 'application/json');
      assert.equal(hit.headers['x-peerlink-delivery'], 'delivery-1');
      assert.match(String(hit.headers['x-peerlink-signature']), /^sha256=[0-9a-f]{64}$/);
      for (const name of namesInLeakyNotification) assert.ok(!hit.body.includes(name), `${name} leaked`);
    }
    const payload = JSON.parse(receiver.hits[2]?.body ?? '') as WebhookPayload;
    assert.equal(payload.type, 'peerlink.callout');
    assert.equal(payload.id, 'delivery-1');
    assert.deepEqual(payload.recipient, { kind: 'sms', address: '+1-555-0123' });
    assert.deepEqual(payload.notification, notification, 'exactly the contract fields');
    assert.ok(payload.text.length <= 320 && payload.text.includes(ackUrl));
    assert.match(payload.text, /Rcvd Nov 22, 2:05 PM CST/);
    assert.ok(Math.abs(Date.parse(payload.sentAt) - Date.now()) < 60_000);
    await transport.close();
  });

  it('honors Retry-After on 429, 503 and 408', async () => {
    const now = new Date('2026-11-22T20:05:00Z');
    receiver.answers.push(
      { status: 429, headers: { 'Retry-After': '7' } },
      { status: 503, headers: { 'Retry-After': 'Sun, 22 Nov 2026 20:05:30 GMT' } },
      { status: 408, headers: { 'Retry-After': '86400' } },
      { status: 503, headers: { 'Retry-After': 'soon' } },
    );
    const transport = createWebhookTransport({ url: receiver.url, secret }, { now: () => now });
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await transport.send(`delivery-${i}`, sms, notification));
    assert.deepEqual(outcomes, [
      { ok: false, retryable: true, detail: 'HTTP 429', retryAfterMs: 7000 },
      { ok: false, retryable: true, detail: 'HTTP 503', retryAfterMs: 30_000 },
      { ok: false, retryable: true, detail: 'HTTP 408', retryAfterMs: 300_000 },
      { ok: false, retryable: true, detail: 'HTTP 503' },
    ]);
  });

  it('gives up on 410 and other client errors, and on redirects', async () => {
    receiver.answers.push(
      { status: 410 },
      { status: 400 },
      { status: 302, headers: { Location: 'http://127.0.0.1:1/' } },
    );
    const transport = createWebhookTransport({ url: receiver.url, secret });
    assert.deepEqual(await transport.send('d-410', sms, notification), {
      ok: false,
      retryable: false,
      detail: 'HTTP 410',
    });
    assert.deepEqual(await transport.send('d-400', sms, notification), {
      ok: false,
      retryable: false,
      detail: 'HTTP 400',
    });
    const redirected = await transport.send('d-302', sms, notification);
    assert.equal(redirected.ok || redirected.retryable, false);
    assert.equal(receiver.hits.length, 3, 'the redirect was not followed');
  });

  it('treats a receiver that does not answer in time as retryable', async () => {
    receiver.answers.push('hang');
    const transport = createWebhookTransport({ url: receiver.url, secret }, { timeoutMs: 150 });
    const started = Date.now();
    const outcome = await transport.send('d-timeout', sms, notification);
    assert.deepEqual(outcome, { ok: false, retryable: true, detail: 'no answer within 150 ms' });
    assert.ok(Date.now() - started < 5000);
  });

  it('treats a refused connection as retryable', async () => {
    const port = await closedPort();
    const transport = createWebhookTransport({ url: `http://127.0.0.1:${port}/`, secret });
    assert.deepEqual(await transport.send('d-refused', sms, notification), {
      ok: false,
      retryable: true,
      detail: 'network error (ECONNREFUSED)',
    });
  });

  it('refuses a notification outside the contract without sending it', async () => {
    const transport = createWebhookTransport({ url: receiver.url, secret });
    const outcome = await transport.send('d-bad', sms, { ...notification, dispatchId: 'not-a-uuid' });
    assert.equal(outcome.ok || outcome.retryable, false);
    assert.equal(receiver.hits.length, 0);
  });
});

describe('webhook transport connections', () => {
  /** What a receiver saw: its connections, and each request's delivery id. */
  interface Seen {
    connections: number;
    requests: string[];
  }
  /** How a receiver answers its `nth` request; true when it has, else it answers 204. */
  type Handle = (request: IncomingMessage, response: ServerResponse, nth: number) => boolean;

  /**
   * Runs `check` with a webhook transport posting to a receiver that counts its connections and answers
   * through `handle`; closes both after it.
   */
  async function withReceiver(
    check: (transport: Transport, seen: Seen, url: string) => Promise<void>,
    handle?: Handle,
  ): Promise<void> {
    const seen: Seen = { connections: 0, requests: [] };
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        seen.requests.push(String(request.headers['x-peerlink-delivery']));
        if (handle?.(request, response, seen.requests.length)) return;
        response.writeHead(204).end();
      });
    });
    server.on('connection', () => {
      seen.connections += 1;
    });
    const receiver = await listenOnLoopback(server);
    const url = `${receiver.url}/sms`;
    const transport = createWebhookTransport({ url, secret });
    try {
      await check(transport, seen, url);
    } finally {
      await transport.close();
      await receiver.close();
    }
  }

  it('keeps its connection between deliveries', async () => {
    await withReceiver(async (transport, seen) => {
      for (let n = 0; n < 5; n++) assert.equal((await transport.send(`d-${String(n)}`, sms, notification)).ok, true);
      assert.equal(seen.connections, 1);
    });
  });

  it('sends again at once on a new connection when the receiver closed the kept one as it was reused', async () => {
    // The second request on the first connection: read, then the socket closed without an answer.
    const closeSecond: Handle = (request, _response, nth) => {
      if (nth !== 2) return false;
      request.socket.destroy();
      return true;
    };
    await withReceiver(async (transport, seen) => {
      assert.equal((await transport.send('d-1', sms, notification)).ok, true);
      assert.deepEqual(await transport.send('d-2', sms, notification), { ok: true, detail: 'HTTP 204' });
      assert.deepEqual(seen.requests, ['d-1', 'd-2', 'd-2'], 'sent twice under one delivery id');
      assert.equal(seen.connections, 2);
    }, closeSecond);
  });

  it('does not send again when a new connection fails', async () => {
    const closeEach: Handle = (request) => {
      request.socket.destroy();
      return true;
    };
    await withReceiver(async (transport, seen) => {
      const outcome = await transport.send('d-1', sms, notification);
      assert.deepEqual(outcome, { ok: false, retryable: true, detail: 'network error (ECONNRESET)' });
      assert.deepEqual(seen.requests, ['d-1'], 'left to the worker to retry later');
    }, closeEach);
  });

  it('reads the status of a long answer without waiting for its body, and keeps sending', async () => {
    // More than is drained to keep the socket, and never ended.
    const longFirst: Handle = (_request, response, nth) => {
      if (nth !== 1) return false;
      response.writeHead(200, { 'Content-Type': 'text/plain' }).write('x'.repeat(256 * 1024));
      return true;
    };
    await withReceiver(async (transport) => {
      assert.deepEqual(await transport.send('d-1', sms, notification), { ok: true, detail: 'HTTP 200' });
      assert.deepEqual(await transport.send('d-2', sms, notification), { ok: true, detail: 'HTTP 204' });
    }, longFirst);
  });

  it('refuses a URL other than http: or https:, and one carrying credentials, without sending', async () => {
    await withReceiver(async (_transport, seen, url) => {
      const ftp = createWebhookTransport({ url: url.replace('http:', 'ftp:'), secret });
      const withCredentials = createWebhookTransport({ url: url.replace('//', '//user:pass@'), secret });
      assert.deepEqual(await ftp.send('d-1', sms, notification), {
        ok: false,
        retryable: true,
        detail: 'network error (ERR_INVALID_PROTOCOL)',
      });
      assert.equal((await withCredentials.send('d-2', sms, notification)).ok, false);
      assert.deepEqual(seen.requests, []);
      await Promise.all([ftp.close(), withCredentials.close()]);
    });
  });

  it('sends through a fetch it is given instead', async () => {
    await withReceiver(async (_transport, seen, url) => {
      const called: string[] = [];
      const traced: typeof fetch = (input, init) => {
        called.push(input instanceof Request ? input.url : input.toString());
        return fetch(input, init);
      };
      const transport = createWebhookTransport({ url, secret }, { fetch: traced });
      assert.deepEqual(await transport.send('d-1', sms, notification), { ok: true, detail: 'HTTP 204' });
      assert.deepEqual(called, [url]);
      assert.deepEqual(seen.requests, ['d-1']);
      await transport.close();
    });
  });
});

describe('verifyWebhookSignature', () => {
  const now = new Date('2026-11-22T20:05:00Z');
  const timestamp = Math.floor(now.getTime() / 1000);
  const body = JSON.stringify({ type: 'peerlink.callout', id: 'delivery-1' });
  const signed = (ts: number, payload: string, key = secret) => ({
    'x-peerlink-delivery': 'delivery-1',
    'x-peerlink-timestamp': String(ts),
    'x-peerlink-signature': signWebhook(key, ts, payload),
  });

  it('accepts a fresh, correctly signed body, from plain objects and Headers alike', () => {
    assert.deepEqual(verifyWebhookSignature(secret, signed(timestamp, body), body, now), {
      ok: true,
      deliveryId: 'delivery-1',
      timestamp,
    });
    const headers = new Headers(signed(timestamp - WEBHOOK_TOLERANCE_SECONDS, body));
    assert.equal(verifyWebhookSignature(secret, headers, Buffer.from(body), now).ok, true);
  });

  it('signs "<timestamp>.<body>" with HMAC-SHA256', () => {
    // Reference value computed independently: printf '1700000000.{}' | openssl dgst -sha256 -hmac <secret>
    assert.equal(
      signWebhook(secret, 1_700_000_000, '{}'),
      'sha256=f04019c9be7fbaf1654a77c0243a05986eb7b31e37e39a5f6c1a28a838cfc999',
    );
  });

  it('rejects a tampered body, a wrong secret and a forged signature', () => {
    const headers = signed(timestamp, body);
    assert.deepEqual(verifyWebhookSignature(secret, headers, body.replace('delivery-1', 'delivery-2'), now), {
      ok: false,
      reason: 'mismatch',
    });
    assert.equal(verifyWebhookSignature('another-secret-0123456789abcdef-xyz', headers, body, now).ok, false);
    const forged = { ...headers, 'x-peerlink-signature': `sha256=${'0'.repeat(64)}` };
    assert.deepEqual(verifyWebhookSignature(secret, forged, body, now), { ok: false, reason: 'mismatch' });
  });

  it('rejects timestamps older or newer than five minutes, so captured requests cannot be replayed', () => {
    const old = timestamp - WEBHOOK_TOLERANCE_SECONDS - 1;
    assert.deepEqual(verifyWebhookSignature(secret, signed(old, body), body, now), { ok: false, reason: 'stale' });
    const future = timestamp + WEBHOOK_TOLERANCE_SECONDS + 1;
    assert.deepEqual(verifyWebhookSignature(secret, signed(future, body), body, now), { ok: false, reason: 'stale' });
    // The timestamp is signed too: moving it forward breaks the signature.
    const moved = { ...signed(old, body), 'x-peerlink-timestamp': String(timestamp) };
    assert.deepEqual(verifyWebhookSignature(secret, moved, body, now), { ok: false, reason: 'mismatch' });
  });

  it('rejects missing and malformed headers', () => {
    assert.deepEqual(verifyWebhookSignature(secret, {}, body, now), { ok: false, reason: 'missing-headers' });
    const headers = signed(timestamp, body);
    assert.deepEqual(verifyWebhookSignature(secret, { ...headers, 'x-peerlink-timestamp': '12.5' }, body, now), {
      ok: false,
      reason: 'malformed',
    });
    assert.deepEqual(verifyWebhookSignature(secret, { ...headers, 'x-peerlink-signature': 'md5=abc' }, body, now), {
      ok: false,
      reason: 'malformed',
    });
  });

  it('accepts any one of several signatures, for secret rotation', () => {
    const both = {
      ...signed(timestamp, body),
      'x-peerlink-signature': `${signWebhook('old-secret-0123456789abcdef-0123456', timestamp, body)}, ${signWebhook(secret, timestamp, body)}`,
    };
    assert.equal(verifyWebhookSignature(secret, both, body, now).ok, true);
  });
});
