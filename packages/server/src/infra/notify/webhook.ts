/**
 * Webhook transport: how call-outs reach systems we do not run, such as an agency's SMS gateway.
 *
 * Each delivery is one `POST` of a JSON {@link WebhookPayload} with these headers:
 *
 * - `X-Peerlink-Delivery`: the delivery id, the same on every retry (receivers drop duplicates by it);
 * - `X-Peerlink-Timestamp`: Unix time in seconds when this attempt was signed;
 * - `X-Peerlink-Signature`: `sha256=` and the lowercase hex HMAC-SHA256, keyed with the shared
 *   secret, of `<timestamp>.<raw body>`.
 *
 * A receiver verifies before it parses: recompute the HMAC over the raw bytes it received, compare
 * in constant time, and reject timestamps more than five minutes away from its clock, which stops
 * replays of captured requests. {@link verifyWebhookSignature} does all three.
 *
 * Answers: any 2xx is delivered. 408, 429 and 5xx (and timeouts and network errors) are retried,
 * after `Retry-After` seconds when given. Any other status, redirects included, is a permanent
 * failure: the receiver or the configured URL must be fixed first.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CalloutNotification } from '@peerlink/sdk';
import type { ContactChannel, NotificationSettings } from '@peerlink/sdk';
import { renderNotification } from './message.js';
import { fetchPoster, nodePoster } from './post.js';
import type { PostAnswer } from './post.js';
import { maxDelayMs } from './retry.js';
import type { DeliveryOutcome, RenderOptions, Transport } from './types.js';

export type WebhookSettings = NonNullable<NotificationSettings['webhook']>;

/** How far a timestamp may be from the receiver's clock, either way. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export const WEBHOOK_DELIVERY_HEADER = 'X-Peerlink-Delivery';
export const WEBHOOK_TIMESTAMP_HEADER = 'X-Peerlink-Timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'X-Peerlink-Signature';

/** The body of every webhook request. */
export interface WebhookPayload {
  type: 'peerlink.callout';
  /** The delivery id, as in `X-Peerlink-Delivery`. */
  id: string;
  recipient: ContactChannel;
  notification: CalloutNotification;
  /** Ready-made SMS text (at most 320 characters), so a gateway need not render anything. */
  text: string;
  sentAt: string;
}

export interface WebhookTransportOptions extends RenderOptions {
  /** Sends through this `fetch` (a proxy, instrumentation) instead of `node:http(s)`. */
  fetch?: typeof fetch;
  /** Per attempt, until the response headers arrive; 10 s by default. */
  timeoutMs?: number;
  /** Clock for `sentAt` and the signature timestamp. */
  now?: () => Date;
}

/** Header values as node's `IncomingHttpHeaders` or the fetch `Headers` hold them. */
export type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export type WebhookVerification =
  | { ok: true; deliveryId: string | null; timestamp: number }
  | { ok: false; reason: 'missing-headers' | 'malformed' | 'stale' | 'mismatch' };

const DEFAULT_TIMEOUT_MS = 10_000;

/** `sha256=<hex>` of HMAC-SHA256(secret, `<timestamp>.<body>`). */
export function signWebhook(secret: string, timestamp: number, body: string | Uint8Array): string {
  return `sha256=${hmacHex(secret, timestamp, body)}`;
}

/**
 * Checks a received webhook: signature over the raw body, in constant time, and a timestamp
 * within {@link WEBHOOK_TOLERANCE_SECONDS} of `now`. Pass the body exactly as received; a
 * re-serialized JSON object will not match.
 */
export function verifyWebhookSignature(
  secret: string,
  headers: HeaderSource,
  body: string | Uint8Array,
  now: Date = new Date(),
): WebhookVerification {
  const timestampText = header(headers, WEBHOOK_TIMESTAMP_HEADER);
  const signatureText = header(headers, WEBHOOK_SIGNATURE_HEADER);
  if (timestampText === null || signatureText === null) return { ok: false, reason: 'missing-headers' };
  if (!/^\d{1,12}$/.test(timestampText.trim())) return { ok: false, reason: 'malformed' };
  const timestamp = Number(timestampText.trim());
  if (Math.abs(now.getTime() / 1000 - timestamp) > WEBHOOK_TOLERANCE_SECONDS) return { ok: false, reason: 'stale' };

  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
  // A list lets a sender sign with an old and a new secret while receivers rotate.
  const candidates = signatureText
    .split(/[\s,]+/)
    .map((part) => /^sha256=([0-9a-f]{64})$/i.exec(part)?.[1])
    .filter((hex) => hex !== undefined);
  if (candidates.length === 0) return { ok: false, reason: 'malformed' };
  const matched = candidates.some((hex) => timingSafeEqual(Buffer.from(hex, 'hex'), expected));
  return matched
    ? { ok: true, deliveryId: header(headers, WEBHOOK_DELIVERY_HEADER), timestamp }
    : { ok: false, reason: 'mismatch' };
}

/** Posts each delivery, signed, to the configured URL. */
export function createWebhookTransport(settings: WebhookSettings, options: WebhookTransportOptions = {}): Transport {
  // Kept-alive sockets of its own, unless a `fetch` was given (see post.ts).
  const poster = options.fetch ? fetchPoster(options.fetch) : nodePoster();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());

  return {
    name: 'webhook',
    async send(deliveryId, recipient, n) {
      // Parsing drops keys outside the contract, so a caller's richer object cannot leak names.
      const parsed = CalloutNotification.safeParse(n);
      if (!parsed.success) return { ok: false, retryable: false, detail: 'notification does not match the contract' };
      const sentAt = now();
      const payload: WebhookPayload = {
        type: 'peerlink.callout',
        id: deliveryId,
        recipient: { kind: recipient.kind, address: recipient.address },
        notification: parsed.data,
        text: renderNotification(parsed.data, options).sms,
        sentAt: sentAt.toISOString(),
      };
      const body = JSON.stringify(payload);
      const timestamp = Math.floor(sentAt.getTime() / 1000);

      let answer: PostAnswer;
      try {
        const headers = {
          'Content-Type': 'application/json',
          'User-Agent': 'Peerlink-Webhook',
          [WEBHOOK_DELIVERY_HEADER]: deliveryId,
          [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
          [WEBHOOK_SIGNATURE_HEADER]: signWebhook(settings.secret, timestamp, body),
        };
        answer = await poster.post(settings.url, headers, body, timeoutMs);
      } catch (error) {
        return failureOf(error, timeoutMs);
      }
      return outcomeOf(answer.status, answer.header('retry-after'), sentAt);
    },
    close() {
      poster.close();
      return Promise.resolve();
    },
  };
}

/** What an HTTP status means for a delivery: 2xx sent, 408/429/5xx retried (after `Retry-After`), others final. */
export function outcomeOf(status: number, retryAfter: string | null, now: Date): DeliveryOutcome {
  if (status >= 200 && status < 300) return { ok: true, detail: `HTTP ${status}` };
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(retryAfter, now);
    return {
      ok: false,
      retryable: true,
      detail: `HTTP ${status}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  if (status >= 300 && status < 400) {
    return {
      ok: false,
      retryable: false,
      detail: `HTTP ${status}: redirects are not followed; configure the final URL`,
    };
  }
  return { ok: false, retryable: false, detail: `HTTP ${status}` };
}

/** Seconds or an HTTP date; capped so one answer cannot hold a call-out back for long. */
function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = at - now.getTime();
  }
  return Math.min(Math.max(ms, 0), maxDelayMs);
}

/** A request that got no answer: timeouts and network errors are retried, named by code only. */
export function failureOf(error: unknown, timeoutMs: number): DeliveryOutcome {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { ok: false, retryable: true, detail: `no answer within ${timeoutMs} ms` };
  }
  // Only the error code: messages can repeat the URL, and URLs can carry credentials.
  const code = errorCode(error instanceof Error ? error.cause : undefined) ?? errorCode(error);
  return { ok: false, retryable: true, detail: `network error${code === undefined ? '' : ` (${code})`}` };
}

function errorCode(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('code' in value)) return undefined;
  return typeof value.code === 'string' ? value.code : undefined;
}

function hmacHex(secret: string, timestamp: number, body: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

export function header(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    const first: string | undefined = typeof value === 'string' ? value : value[0];
    return first ?? null;
  }
  return null;
}
