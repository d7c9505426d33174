// A local stand-in for Twilio's Messages API that checks each request as Twilio documents it and
// answers as Twilio does: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, HTTP Basic auth
// with the account SID and auth token, a form body with `To`, `Body` and either `From` or
// `MessagingServiceSid`; 201 with the message resource, or an error with `code`, `message`,
// `more_info` and `status`.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { listenOnLoopback } from '../loopback.js';

export const accountSid = `AC${'0123456789abcdef'.repeat(2)}`;
export const authToken = 'twilio-test-auth-token-0123456789';
export const fromNumber = '+13125550100';

/** One request as the receiver saw it. */
export interface TwilioHit {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
}

/** A status the receiver answers instead of checking the next request (429 and 5xx cases). */
export interface ForcedAnswer {
  status: 429 | 500 | 503;
  retryAfter?: string;
}

export interface TwilioReceiver {
  /** The base URL to configure as `apiBaseUrl`. */
  url: string;
  hits: TwilioHit[];
  /** Messages accepted (201), in order. */
  accepted: { sid: string; to: string; from: string | null; messagingServiceSid: string | null; body: string }[];
  /** Answers queued for the next requests. */
  forced: ForcedAnswer[];
  close(): Promise<void>;
}

const e164 = /^\+[1-9]\d{6,14}$/;

const error = (status: number, code: number, message: string): { status: number; body: Record<string, unknown> } => ({
  status,
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${String(code)}`, status },
});

function check(hit: TwilioHit, sid: string, token: string): { status: number; body: Record<string, unknown> } {
  const expectedPath = `/2010-04-01/Accounts/${sid}/Messages.json`;
  if (hit.method !== 'POST' || hit.path !== expectedPath) {
    return error(404, 20404, 'The requested resource was not found');
  }
  const expectedAuth = `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;
  if (hit.headers.authorization !== expectedAuth) return error(401, 20003, 'Authenticate');
  if (!hit.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
    return error(400, 21601, 'Request body must be form-encoded');
  }
  const to = hit.form.get('To');
  const from = hit.form.get('From');
  const service = hit.form.get('MessagingServiceSid');
  const body = hit.form.get('Body');
  if (to === null || !e164.test(to))
    return error(400, 21211, `The 'To' number ${to ?? ''} is not a valid phone number.`);
  if ((from === null) === (service === null)) return error(400, 21603, "A 'From' or 'MessagingServiceSid' is required");
  if (from !== null && !e164.test(from)) return error(400, 21212, "The 'From' number is not a valid phone number.");
  if (service !== null && !/^MG[0-9a-f]{32}$/.test(service)) {
    return error(400, 21704, 'The Messaging Service SID is invalid');
  }
  if (body === null || body === '') return error(400, 21602, 'Message body is required.');
  if (body.length > 1600) return error(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
  const messageSid = `SM${randomBytes(16).toString('hex')}`;
  return {
    status: 201,
    body: {
      sid: messageSid,
      account_sid: sid,
      to,
      from,
      messaging_service_sid: service,
      body,
      status: service === null ? 'queued' : 'accepted',
      num_segments: String(Math.ceil(body.length / 153)),
      direction: 'outbound-api',
      api_version: '2010-04-01',
      error_code: null,
      error_message: null,
      uri: `/2010-04-01/Accounts/${sid}/Messages/${messageSid}.json`,
    },
  };
}

/** Starts the receiver on a free loopback port. */
export async function startTwilioReceiver(sid = accountSid, token = authToken): Promise<TwilioReceiver> {
  const hits: TwilioHit[] = [];
  const accepted: TwilioReceiver['accepted'] = [];
  const forced: ForcedAnswer[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const hit: TwilioHit = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
      };
      hits.push(hit);
      const force = forced.shift();
      const answer = force
        ? error(force.status, force.status === 429 ? 20429 : 20500, 'Try again later')
        : check(hit, sid, token);
      if (answer.status === 201) {
        accepted.push({
          sid: String(answer.body.sid),
          to: hit.form.get('To') ?? '',
          from: hit.form.get('From'),
          messagingServiceSid: hit.form.get('MessagingServiceSid'),
          body: hit.form.get('Body') ?? '',
        });
      }
      response.writeHead(answer.status, {
        'Content-Type': 'application/json',
        ...(force?.retryAfter === undefined ? {} : { 'Retry-After': force.retryAfter }),
      });
      response.end(JSON.stringify(answer.body));
    });
  });
  return { ...(await listenOnLoopback(server)), hits, accepted, forced };
}
