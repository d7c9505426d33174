// The whole duty call-out as it runs for real: the reference service (PGlite in a temporary
// folder, or a PostgreSQL database), the example host pages, a real SMTP receiver and a real
// webhook receiver standing in for the agency's mail server and SMS gateway, and Chromium.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CallForServiceInput, CalloutNotification } from '@peerlink/sdk';
import type { Browser, Page } from 'puppeteer-core';
import type { SMTPServer } from 'smtp-server';
import {
  startServer,
  verifyWebhookSignature,
  type RunningServer,
  type ServerConfig,
} from '../../../packages/server/src/index.js';
import { startExampleHost, type ExampleHost } from '../../../packages/server/src/example-host.js';
import { mailReceiver } from '../../../packages/server/test/mail-receiver.js';
import { insertOnCallProgram } from '../../support/on-call-program.js';
import { keepBackgroundPagesAwake, launchChromium, requireChromium } from './chromium.js';
import { Teardown, closeServer, setUp } from './teardown.js';
import { nodeAt } from './shadow-path.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const bundlePath = join(root, 'packages/elements/dist/peerlink.min.js');
const webhookSecret = 'whsec_e2e_0123456789abcdef0123456789abcdef';

export interface Received {
  /** When the receiver had the whole message (performance.now() of this process). */
  at: number;
  /** The same moment in milliseconds since the epoch, comparable with a browser's clock here. */
  epochMs: number;
  dispatchId: string;
  kind: CalloutNotification['kind'];
  to: string;
  ackUrl?: string;
  /** The message as it arrived: the webhook's JSON body, or the whole SMTP message. */
  raw: string;
}

export interface Stack {
  server: RunningServer;
  host: ExampleHost;
  browser: Browser;
  people: { agency: string; primary: string; backup: string; supervisor: string };
  /** Texts through the webhook (SMS gateway), signature checked. */
  texts: Received[];
  /** E-mails through SMTP. */
  mails: Received[];
  /** Resolves once `count` messages for the dispatch arrived through `channel`. */
  waitFor(channel: 'texts' | 'mails', match: (message: Received) => boolean, timeoutMs?: number): Promise<Received>;
  page(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** A call for service no other test uses, in the area the test program staffs. */
export function newCall(prefix = 'E2E'): CallForServiceInput {
  return {
    externalId: `${prefix}-${randomUUID().slice(0, 8)}`,
    type: 'overdose-nonfatal',
    location: { address: '1200 W Jefferson St, Springfield', area: 'county', lat: 39.8017, lon: -89.6672 },
    receivedAt: new Date().toISOString(),
    notes: 'EMS on scene.',
  };
}

async function listen(server: Server | SMTPServer['server']): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

export interface StackOptions {
  ackTimeoutMs?: number;
  databaseUrl?: string;
  tickMs?: number;
  /** Anything else of the service's configuration (benchmarks lift the rate limit). */
  config?: Partial<ServerConfig>;
}

/** The newest modification time of the sources the single-file bundle is built from. */
function newestSource(): number {
  let newest = 0;
  for (const pkg of ['sdk', 'elements']) {
    for (const name of readdirSync(join(root, 'packages', pkg, 'src'), { recursive: true, encoding: 'utf8' })) {
      if (name.endsWith('.ts')) newest = Math.max(newest, statSync(join(root, 'packages', pkg, 'src', name)).mtimeMs);
    }
  }
  return newest;
}

/**
 * One stack for the tests of the calling `describe` block: started before them and handed to
 * `started`, closed after them.
 */
export function stackPerSuite(started: (stack: Stack) => void, options: StackOptions = {}): void {
  const teardown = new Teardown();
  before(async () => {
    started(teardown.add('the stack', await startStack(options), (stack) => stack.close()));
  });
  after(() => teardown.run());
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  // Before anything starts: without a browser there is nothing to test.
  requireChromium();
  if (!existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run \`pnpm build\` first (npm test does)`);
  // The pages load the built bundle: testing an old one would test old code.
  if (statSync(bundlePath).mtimeMs < newestSource())
    throw new Error(`${bundlePath} is older than the sources: run \`pnpm build\` first (npm test does)`);
  return setUp('starting the end-to-end stack', (teardown) => buildStack(teardown, options));
}

async function buildStack(teardown: Teardown, options: StackOptions): Promise<Stack> {
  const dataDir = teardown.add('the data folder', mkdtempSync(join(tmpdir(), 'peerlink-e2e-')), (dir) => {
    rmSync(dir, { recursive: true, force: true });
  });
  const texts: Received[] = [];
  const mails: Received[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of waiters) waiter();
  };

  const hook = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const verified = verifyWebhookSignature(webhookSecret, req.headers, body);
      if (!verified.ok) {
        res.writeHead(401).end();
        return;
      }
      const payload = JSON.parse(body) as { recipient: { address: string }; notification: CalloutNotification };
      texts.push({
        at: performance.now(),
        epochMs: performance.timeOrigin + performance.now(),
        dispatchId: payload.notification.dispatchId,
        kind: payload.notification.kind,
        to: payload.recipient.address,
        ...(payload.notification.ackUrl ? { ackUrl: payload.notification.ackUrl } : {}),
        raw: body,
      });
      res.writeHead(204).end();
      wake();
    });
  });
  const smtp = mailReceiver((raw, to) => {
    // Long lines (the link) arrive quoted-printable: undo the soft breaks before reading.
    const text = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const dispatchId = /Dispatch: ([0-9a-f-]{36})/.exec(text)?.[1] ?? '';
    const ackUrl = /(http:\/\/127\.0\.0\.1:\d+\/\S+#ack=[\w.-]+)/.exec(text)?.[1];
    mails.push({
      at: performance.now(),
      epochMs: performance.timeOrigin + performance.now(),
      dispatchId,
      kind: /Supervisor copy/i.test(text) ? 'supervisor-copy' : /Escalated/i.test(text) ? 'escalation' : 'callout',
      to: to.join(','),
      ...(ackUrl ? { ackUrl } : {}),
      raw,
    });
    wake();
  });
  const [hookPort, smtpPort] = await Promise.all([listen(hook), listen(smtp.server)]);
  teardown.add('the webhook receiver', hook, closeServer);
  teardown.add('the SMTP receiver', smtp, closeServer);

  const server = await startServer({
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : { dataDir }),
    config: {
      tickMs: options.tickMs ?? 50,
      ...(options.ackTimeoutMs ? { ackTimeoutMs: options.ackTimeoutMs } : {}),
      ...options.config,
    },
    delivery: { retryScale: 0.01 },
  });
  teardown.add('the service', server, (running) => running.close());
  const people = { agency: randomUUID(), primary: randomUUID(), backup: randomUUID(), supervisor: randomUUID() };
  const contacts = {
    primary: [
      { kind: 'sms', address: '+12175550101' },
      { kind: 'email', address: 'peer1@example.org' },
    ],
    backup: [{ kind: 'sms', address: '+12175550102' }],
    supervisor: [{ kind: 'email', address: 'supervisor@example.org' }],
  } as const;
  await insertOnCallProgram(
    server.db,
    { id: people.agency, name: 'End-to-end test program' },
    (['primary', 'backup', 'supervisor'] as const).map((position) => ({
      id: people[position],
      position,
      displayName: `Test ${position}`,
      contacts: [...contacts[position]],
    })),
    {
      notification: {
        transport: 'by-channel',
        smtp: { host: '127.0.0.1', port: smtpPort, secure: false, from: 'callouts@example.org' },
        webhook: { url: `http://127.0.0.1:${String(hookPort)}/sms`, secret: webhookSecret },
      },
    },
  );
  const host = teardown.add(
    'the example host',
    await startExampleHost({ root: join(root, 'examples'), apiUrl: server.url, db: server.db, port: 0 }),
    (started) => started.close(),
  );
  await server.db.query('update agencies set allowed_origins = $2::text::text[] where id = $1', [
    people.agency,
    `{"${host.url}"}`,
  ]);
  // Notification links open the example responder view, as `npm start` sets up.
  server.config.responderUrl = `${host.url}/responder/`;

  const browser = teardown.add('Chromium', await launchChromium(keepBackgroundPagesAwake), (launched) =>
    launched.close(),
  );

  const waitFor: Stack['waitFor'] = (channel, match, timeoutMs = 15_000) =>
    new Promise((resolve, reject) => {
      const list = channel === 'texts' ? texts : mails;
      const check = () => {
        const found = list.find(match);
        if (!found) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no matching message through ${channel} in ${String(timeoutMs)} ms`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    server,
    host,
    browser,
    people,
    texts,
    mails,
    waitFor,
    async page(path) {
      const page = await browser.newPage();
      page.on('pageerror', (error) => {
        console.error(`page error on ${path}: ${error instanceof Error ? error.message : String(error)}`);
      });
      await page.goto(`${host.url}${path}`, { waitUntil: 'load' });
      return page;
    },
    close: () => teardown.run(),
  };
}

/** Text of a node found by a path of selectors, each inside the previous one's shadow root. */
export async function shadowText(page: Page, path: readonly string[]): Promise<string> {
  const node = await nodeAt(page, path);
  if (!node) return '';
  try {
    return await node.evaluate((element: Element) =>
      (element.shadowRoot?.textContent ?? element.textContent).replace(/\s+/g, ' ').trim(),
    );
  } finally {
    await node.dispose();
  }
}

/** Focuses a node found by a path of selectors through shadow roots (for keyboard-only steps). */
export async function focusIn(page: Page, path: readonly string[]): Promise<void> {
  const node = await nodeAt(page, path);
  const focused =
    (await node?.evaluate((element: Element) => {
      if (!(element instanceof HTMLElement)) return false;
      element.focus();
      return true;
    })) ?? false;
  await node?.dispose();
  if (!focused) throw new Error(`nothing to focus at ${path.join(' >> ')}`);
}

export { until } from '../../support/until.js';
