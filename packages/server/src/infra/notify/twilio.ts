/**
 * Twilio: texts go out through its Messages API, and its incoming-message webhooks are checked by
 * their `X-Twilio-Signature`.
 *
 * Outbound, each delivery is one `POST {apiBaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json`
 * with HTTP Basic auth (account SID and auth token) and a form body: `To`, `Body`, and `From` (a
 * number) or `MessagingServiceSid` (when the configured sender is an `MG…` service). Twilio answers
 * 201 with the message (`sid`, `status`); an error answers with `code`, `message` and `more_info`.
 * 429 and 5xx (and timeouts and network errors) are retried; other 4xx are permanent (a bad `To`
 * is error 21211, and sending it again cannot help).
 *
 * Inbound, Twilio signs each webhook: base64 HMAC-SHA1, keyed with the auth token, of the full URL
 * it called (scheme, host, path and query, exactly as configured in Twilio) followed by every POST
 * parameter sorted by name, each name then its value.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NotificationSettings } from '@peerlink/sdk';
import { renderNotification } from './message.js';
import type { DeliveryOutcome, RenderOptions, Transport } from './types.js';
import { failureOf, outcomeOf } from './webhook.js';

export type TwilioSettings = NonNullable<NotificationSettings['twilio']>;

export const TWILIO_API_BASE_URL = 'https://api.twilio.com';
export const TWILIO_SIGNATURE_HEADER = 'X-Twilio-Signature';

export interface TwilioTransportOptions extends RenderOptions {
  /** Replaces the global `fetch`, for proxies or instrumentation. */
  fetch?: typeof fetch;
  /** Per attempt, until the response headers arrive; 10 s by default. */
  timeoutMs?: number;
  /** Clock for reading `Retry-After` dates. */
  now?: () => Date;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** `X-Twilio-Signature` of a request to `url` with the POST parameters `params`, in any order. */
export function twilioSignature(authToken: string, url: string, params: Iterable<readonly [string, string]>): string {
  const byName = new Map<string, string[]>();
  for (const [name, value] of params) byName.set(name, [...(byName.get(name) ?? []), value]);
  let data = url;
  for (const name of [...byName.keys()].sort()) {
    // A repeated parameter counts each of its values, sorted, as Twilio's own libraries do.
    for (const value of [...new Set(byName.get(name))].sort()) data += name + value;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Checks `X-Twilio-Signature` in constant time; false when it is missing or does not match. */
export function verifyTwilioSignature(
  authToken: string,
  signature: string | null | undefined,
  url: string,
  params: Iterable<readonly [string, string]>,
): boolean {
  if (typeof signature !== 'string' || signature.trim() === '') return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const xmlEscapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** TwiML answering an incoming message: one `<Message>` with `text`, or nothing sent when null. */
export function twiml(text: string | null): string {
  const body = text === null ? '' : `<Message>${text.replace(/[&<>"']/g, (c) => xmlEscapes[c] ?? c)}</Message>`;
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;
}

/** Sends SMS deliveries through Twilio's Messages API; e-mail recipients fail permanently here. */
export function createTwilioTransport(settings: TwilioSettings, options: TwilioTransportOptions = {}): Transport {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());
  const base = (settings.apiBaseUrl ?? TWILIO_API_BASE_URL).replace(/\/+$/, '');
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  const sender = settings.from.startsWith('MG') ? 'MessagingServiceSid' : 'From';

  return {
    name: 'twilio',
    async send(_deliveryId, recipient, n) {
      if (recipient.kind !== 'sms') {
        return { ok: false, retryable: false, detail: 'Twilio sends text messages only; set up SMTP for e-mail' };
      }
      const form = new URLSearchParams({ To: recipient.address, [sender]: settings.from });
      form.set('Body', renderNotification(n, options).sms);
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method: 'POST',
          headers: {
            Authorization: authorization,
            'Content-Type': 'application/x-www-form-urlencoded',
            Accept: 'application/json',
            'User-Agent': 'Peerlink-Twilio',
          },
          body: form.toString(),
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        return failureOf(error, timeoutMs);
      }
      const answer = await readAnswer(response);
      return describe(outcomeOf(response.status, response.headers.get('retry-after'), now()), answer);
    },
    close() {
      return Promise.resolve();
    },
  };
}

interface TwilioAnswer {
  sid?: string;
  status?: string;
  code?: number;
  moreInfo?: string;
}

async function readAnswer(response: Response): Promise<TwilioAnswer> {
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return {};
  }
  if (typeof json !== 'object' || json === null) return {};
  const field = (name: string): unknown => (name in json ? (json as Record<string, unknown>)[name] : undefined);
  const text = (value: unknown) =>
    typeof value === 'string' && /^[\w.:/#?=&-]{1,200}$/.test(value) ? value : undefined;
  const sid = text(field('sid'));
  const status = text(field('status'));
  const code = field('code');
  const moreInfo = text(field('more_info'));
  return {
    ...(sid === undefined ? {} : { sid }),
    ...(status === undefined ? {} : { status }),
    ...(typeof code === 'number' ? { code } : {}),
    ...(moreInfo === undefined ? {} : { moreInfo }),
  };
}

/**
 * Adds what Twilio said to the outcome. Twilio's `message` is left out: it can repeat the number,
 * and an operator's detail never carries a recipient address; the code and its page say enough.
 */
function describe(outcome: DeliveryOutcome, answer: TwilioAnswer): DeliveryOutcome {
  if (outcome.ok) {
    const parts = [outcome.detail, answer.sid && `sid ${answer.sid}`, answer.status && `status ${answer.status}`];
    return { ok: true, detail: parts.filter(Boolean).join(', ') };
  }
  const error = answer.code === undefined ? '' : `, Twilio error ${String(answer.code)}`;
  const more = answer.moreInfo === undefined ? '' : ` (${answer.moreInfo})`;
  return { ...outcome, detail: `${outcome.detail}${error}${more}` };
}
