// An agency's SMS gateway as the webhook transport reaches it: every post kept, each answered as the test says.
import { createServer } from 'node:http';
import type { TestContext } from 'node:test';
import type { WebhookPayload } from '../src/infra/notify/index.js';
import { listenOnLoopback } from './loopback.js';

export const webhookSecret = 'whsec_test_0123456789abcdef0123456789abcdef';

export interface WebhookReceiver {
  /** The agency's `webhook` settings that post here. */
  settings: { url: string; secret: string };
  /** Every payload posted so far, in the order they arrived. */
  received: WebhookPayload[];
}

/**
 * A receiver listening for the length of test `t`. `answer` gives the status for each payload (it may
 * take its time: a slow gateway); 200 by default.
 */
export async function webhookReceiver(
  t: TestContext,
  answer: (payload: WebhookPayload) => number | Promise<number> = () => 200,
): Promise<WebhookReceiver> {
  const received: WebhookPayload[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const payload = JSON.parse(body) as WebhookPayload;
      received.push(payload);
      void Promise.resolve(answer(payload)).then((status) => res.writeHead(status).end());
    });
  });
  const listening = await listenOnLoopback(server);
  t.after(() => listening.close());
  return { settings: { url: `${listening.url}/hook`, secret: webhookSecret }, received };
}
