// Privacy canaries: distinctive fake personal information typed into every input of a whole
// workflow — a call for service, the peer's steps and check-in, the call-out log (a kept phone
// number, a redacted e-mail address, the narrative, the investigator's note), a referral with
// consent, a credential, a person reference that is really a name, the program's notification
// secrets, a new peer's contacts and a directory file naming someone, through the supervisor's
// review queue and directory import — then looked for in every
// place it could end up: the service's output, the notifications, each role's event stream and
// reads, the audit trail, what the supervisor's console shows, the browser's storage before and
// after sign-out, and its console.
// Each canary may be only where the policy allows it; a few places where it must be show that
// the scan finds what is there.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  detectPii,
  findingKey,
  redactPii,
  type CalloutLogContent,
  type CreateCredentialRequest,
  type CreateReferralRequest,
  type Dispatch,
  type Role,
} from '@peerlink/sdk';
import type { Page } from 'puppeteer-core';
import { syntheticResources } from '../../packages/server/src/seed/resources.js';
import { insertResource } from '../../packages/server/src/domain/store.js';
import { createApiKey } from '../../packages/server/src/domain/auth.js';
import { hsdsService } from '../../packages/server/test/hsds-services.js';
import { shadowText, startStack, until, type Stack } from './support/stack.js';
import { embedToken } from './support/host-api.js';
import { Teardown } from './support/teardown.js';
import { choose, clickIn, existsIn, fillIn, watchPage, type WatchedPage } from './support/watched-page.js';

const ROLES = [
  'dispatcher',
  'specialist',
  'supervisor',
  'investigator',
  'court-staff',
  'clinician',
] as const satisfies readonly Role[];
type PlaceRole = (typeof ROLES)[number];

const PLACES = [
  'service output',
  'audit trail',
  'text (SMS)',
  'e-mail',
  ...ROLES.map((role) => `events: ${role}` as const),
  ...ROLES.map((role) => `reads: ${role}` as const),
  // The program report and its CSVs, as the supervisor and the agency's key read them: aggregates only.
  'reports',
  // What the supervisor's console shows of them: the review queue's list (call-out facts, never what a log says)
  // and the directory import's dry run and outcome (counts and problems by record, never a record's text).
  'program console',
  'device, signed in',
  'device, signed out',
  'browser console',
] as const;
type Place = (typeof PLACES)[number];

const dispatchRoles: PlaceRole[] = ['dispatcher', 'specialist', 'supervisor', 'investigator'];
const events = (...roles: PlaceRole[]): Place[] => roles.map((role) => `events: ${role}` as const);
const reads = (...roles: PlaceRole[]): Place[] => roles.map((role) => `reads: ${role}` as const);

interface Canary {
  name: string;
  value: string;
  /** Other spellings of the same thing a store or transport might use. */
  variants?: string[];
  /** Where policy lets it be. */
  allowed: Place[];
  /** Where it must be found (so a scan that finds nothing fails). */
  expected: Place[];
}

const canaries = {
  address: {
    name: 'call address',
    value: '4471 Canary Heron Ln, Springfield',
    // Where to go is what the notification is for.
    allowed: ['text (SMS)', 'e-mail', ...events(...dispatchRoles), ...reads(...dispatchRoles), 'device, signed in'],
    expected: ['text (SMS)', 'e-mail', 'events: dispatcher', 'reads: investigator'],
  },
  notes: {
    name: 'call notes',
    value: 'Canary call note: side gate, ask for Zyxwvut.',
    // Notifications carry no notes by contract.
    allowed: [...events(...dispatchRoles), ...reads(...dispatchRoles), 'device, signed in'],
    expected: ['events: specialist', 'reads: dispatcher'],
  },
  checkIn: {
    name: 'check-in name',
    value: 'CANARY-NAME-Zyxwvut',
    allowed: [...events(...dispatchRoles), ...reads(...dispatchRoles), 'device, signed in'],
    expected: ['events: dispatcher', 'reads: investigator', 'device, signed in'],
  },
  narrative: {
    name: 'narrative sentence',
    value: 'Canary narrative: the quiet heron crossed the Zyxwvut footbridge.',
    // The supervisor reviews it and its author wrote it; nobody else reads it, nothing carries it.
    allowed: reads('supervisor', 'specialist').concat('device, signed in'),
    expected: ['reads: supervisor', 'device, signed in'],
  },
  phone: {
    name: 'phone (kept)',
    value: '+1 217 555 0199',
    variants: ['217-555-0199', '(217) 555-0199', '2175550199'],
    allowed: reads('supervisor', 'specialist').concat('device, signed in'),
    expected: ['reads: supervisor', 'device, signed in'],
  },
  email: {
    name: 'e-mail (redacted)',
    value: 'zyxwvut.canary@example.org',
    // Redacted before submitting: it never leaves the device.
    allowed: ['device, signed in'],
    expected: ['device, signed in'],
  },
  note: {
    name: 'investigator note',
    value: 'Canary note: a grey van idled outside unit Qwxzyv.',
    // The lead investigators and the supervisor; the author only until submitting.
    allowed: reads('investigator', 'supervisor').concat('device, signed in'),
    expected: ['reads: investigator', 'reads: supervisor', 'device, signed in'],
  },
  ssn: {
    name: 'SSN-like (referral note)',
    value: '078-05-1120',
    variants: ['078051120'],
    // The referral's readers under its consent: the program and the court (share-with-court), not the care team.
    allowed: reads('specialist', 'supervisor', 'court-staff'),
    expected: ['reads: court-staff', 'reads: supervisor'],
  },
  purpose: {
    name: 'consent purpose',
    value: 'Canary consent purpose: report Zyxwvut progress to the court.',
    allowed: reads('specialist', 'supervisor', 'court-staff'),
    expected: ['reads: court-staff'],
  },
  witness: {
    name: 'consent witness',
    value: 'Canary Witness Zyxwvut-Ortega',
    allowed: reads('specialist', 'supervisor', 'court-staff'),
    expected: ['reads: specialist'],
  },
  personRef: {
    name: 'person reference that is a name',
    value: 'Zyxwvut Canaryson',
    // Refused by the contract: it is stored and echoed nowhere.
    allowed: [],
    expected: [],
  },
  credential: {
    name: 'credential number',
    value: 'CANARY-CRED-Zyxwvut-1042',
    // Any role of the program may read a peer's credential (badges on court and hospital pages).
    allowed: reads(...ROLES),
    expected: ['reads: court-staff'],
  },
  smtpPassword: {
    name: 'SMTP password',
    value: 'CANARY-SMTP-PASS-Zyxwvut-7731',
    // A secret of the program's setup: written once, shown back only as `{ set, last4 }`, nowhere else.
    allowed: [],
    expected: [],
  },
  inboundSecret: {
    name: 'inbound SMS secret',
    value: 'canary-inbound-secret-Zyxwvut-0123456789abcdef',
    allowed: [],
    expected: [],
  },
  peerPhone: {
    name: "peer's text number",
    value: '+1 217 555 0177',
    variants: ['+12175550177', '217-555-0177', '(217) 555-0177', '2175550177'],
    // The roster's readers (the supervisor; the peer themself, who is not the suite's specialist).
    allowed: reads('supervisor'),
    expected: ['reads: supervisor'],
  },
  peerEmail: {
    name: "peer's e-mail",
    value: 'qwxzyv.peer.canary@example.org',
    allowed: reads('supervisor'),
    expected: ['reads: supervisor'],
  },
  // Program staff: an override's free-text reason (a supervisor may write why someone covers).
  overrideReason: {
    name: "an override's reason",
    value: 'Covering while Qvrzt Wyxlop is in hospital',
    // Whoever may list overrides reads it; the schedule's events name the area and record only.
    allowed: reads('dispatcher', 'specialist', 'supervisor'),
    expected: ['reads: supervisor'],
  },
  // Program staff: a directory file's free text that names someone, as an HSDS export may.
  directoryText: {
    name: 'directory file text',
    value: 'Canary intake: ask for Wyxqzt Plover at the side desk.',
    // Stored as the resource's description (checked in storage); nothing reports, logs or keeps it on the device.
    allowed: [],
    expected: [],
  },
} satisfies Record<string, Canary>;

const allCanaries: Canary[] = Object.values(canaries);

/** Quoted-printable undone (soft breaks, =XX), as a mail reader shows the message. */
const fromQuotedPrintable = (text: string): string =>
  Buffer.from(
    text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

/** Payloads of any JWTs in the text, decoded (a signed credential carries its claims in base64). */
function jwtPayloads(text: string): string {
  const decoded: string[] = [];
  for (const match of text.matchAll(/eyJ[\w-]+\.([\w-]+)\.[\w-]*/g)) {
    try {
      decoded.push(Buffer.from(match[1] ?? '', 'base64url').toString('utf8'));
    } catch {
      // not a JWT after all
    }
  }
  return decoded.join('\n');
}

/** Whether the canary is in the text, in any of its spellings, raw, JSON-escaped or URL-encoded. */
function contains(text: string, canary: Canary): boolean {
  const haystack = `${text}\n${jwtPayloads(text)}`;
  return [canary.value, ...(canary.variants ?? [])].some(
    (value) =>
      haystack.includes(value) ||
      haystack.includes(JSON.stringify(value).slice(1, -1)) ||
      haystack.includes(encodeURIComponent(value)) ||
      haystack.includes(encodeURIComponent(value).replace(/%20/g, '+')),
  );
}

/** Everything a page keeps on the device: every IndexedDB database and store, web storage, cookies, caches. */
async function deviceStorage(page: Page): Promise<string> {
  const inPage = await page.evaluate(async () => {
    // No named inner functions: the page gets this function's source alone.
    const parts: string[] = [];
    for (const storage of [localStorage, sessionStorage]) {
      for (let index = 0; index < storage.length; index += 1) {
        const key = storage.key(index) ?? '';
        parts.push(`web storage ${key}=${storage.getItem(key) ?? ''}`);
      }
    }
    parts.push(`cookie ${document.cookie}`);
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const name = info.name;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.addEventListener('success', () => {
          resolve(request.result);
        });
        request.addEventListener('error', () => {
          reject(new Error(`cannot open ${name}`));
        });
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const [keys, values] = await Promise.all(
          ['getAllKeys', 'getAll'].map(
            (method) =>
              new Promise<unknown>((resolve, reject) => {
                const request =
                  method === 'getAll'
                    ? db.transaction(store).objectStore(store).getAll()
                    : db.transaction(store).objectStore(store).getAllKeys();
                request.addEventListener('success', () => {
                  resolve(request.result);
                });
                request.addEventListener('error', () => {
                  reject(new Error(`cannot read ${name}/${store}`));
                });
              }),
          ),
        );
        parts.push(`indexeddb ${name}/${store} ${JSON.stringify(keys)} ${JSON.stringify(values)}`);
      }
      db.close();
    }
    if ('caches' in window) {
      for (const cacheName of await caches.keys())
        parts.push(
          `cache ${cacheName} ${(await (await caches.open(cacheName)).keys()).map((request) => request.url).join(' ')}`,
        );
    }
    return parts.join('\n');
  });
  const cookies = await page.browserContext().cookies();
  return `${inPage}\ncookies ${JSON.stringify(cookies)}`;
}

/** Everything written to this process's stdout and stderr (the service runs in it) while capturing. */
function captureOutput(): { text: () => string; stop: () => void } {
  const chunks: string[] = [];
  const originals = [process.stdout.write.bind(process.stdout), process.stderr.write.bind(process.stderr)] as const;
  const tee = (original: (typeof originals)[number]) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (original as (chunk: string | Uint8Array, ...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
  process.stdout.write = tee(originals[0]);
  process.stderr.write = tee(originals[1]);
  return {
    text: () => chunks.join(''),
    stop: () => {
      process.stdout.write = originals[0];
      process.stderr.write = originals[1];
    },
  };
}

interface Stream {
  text: () => string;
  close: () => void;
}

/** `GET /v1/events` read raw, as a role's browser would; resolves once the stream is subscribed. */
async function openStream(url: string, token: string): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(`${url}/v1/events`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
    signal: controller.signal,
  });
  assert.equal(response.status, 200, 'event stream');
  const body = response.body;
  assert.ok(body, 'event stream body');
  let text = '';
  let ready: () => void = () => undefined;
  const subscribed = new Promise<void>((resolve) => {
    ready = resolve;
  });
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body as AsyncIterable<Uint8Array>) {
        text += decoder.decode(chunk, { stream: true });
        if (text.includes('event: ready')) ready();
      }
    } catch {
      // closed
    }
  })();
  await subscribed;
  return {
    text: () => text,
    close: () => {
      controller.abort();
    },
  };
}

describe('privacy canaries through a whole workflow', { timeout: 180_000 }, () => {
  let stack: Stack;
  let output: ReturnType<typeof captureOutput>;
  const found = new Map<Place, string>();
  const table: string[] = [];

  const teardown = new Teardown();
  before(async () => {
    // From before the service starts: anything it prints is scanned.
    output = teardown.add('the output capture', captureOutput(), (capture) => {
      capture.stop();
      for (const line of table) console.log(line);
    });
    stack = teardown.add('the stack', await startStack(), (started) => started.close());
  });

  after(() => teardown.run());

  it('each canary appears only where policy allows it', async (t) => {
    const token = (role: Role, subjectId?: string) => embedToken(stack.host.url, role, subjectId);
    const subjects: Partial<Record<PlaceRole, string>> = {
      specialist: stack.people.primary,
      supervisor: stack.people.supervisor,
    };
    const tokens = {} as Record<PlaceRole, string>;
    for (const role of ROLES) tokens[role] = await token(role, subjects[role]);
    /** The id of the record an answer carries. */
    const idOf = (answer: { json: unknown }): string => (answer.json as { id: string }).id;
    const call = async (
      role: PlaceRole,
      method: 'GET' | 'POST' | 'PATCH',
      path: string,
      body?: unknown,
    ): Promise<{ status: number; text: string; json: unknown }> => {
      const response = await fetch(`${stack.server.url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${tokens[role]}`,
          'Content-Type': 'application/json',
          ...(method === 'POST' ? { 'Idempotency-Key': randomUUID() } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, text, json: text ? (JSON.parse(text) as unknown) : undefined };
    };

    // Every role listens from the start.
    const streams = new Map<PlaceRole, Stream>();
    for (const role of ROLES) streams.set(role, await openStream(stack.server.url, tokens[role]));

    const watched: WatchedPage[] = [];
    try {
      // 0. Program setup, server to server with the program's API key (no Origin): notification secrets
      // added while the transport stays as it is (the stack's SMTP asks for no login, so mail still flows).
      const { key } = await createApiKey(stack.server.db, stack.people.agency, 'privacy canaries');
      const agency = (method: 'GET' | 'PATCH', body?: unknown) =>
        fetch(`${stack.server.url}/v1/agency`, {
          method,
          headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }).then(async (response) => ({ status: response.status, text: await response.text() }));
      const current = await agency('GET');
      assert.equal(current.status, 200, current.text);
      const { notification } = JSON.parse(current.text) as {
        notification: { transport: string; smtp: { host: string; port: number; secure: boolean; from: string } };
      };
      const { host, port, secure, from } = notification.smtp;
      const patched = await agency('PATCH', {
        notification: {
          transport: notification.transport,
          smtp: { host, port, secure, from, password: canaries.smtpPassword.value },
          inboundSecret: canaries.inboundSecret.value,
        },
      });
      assert.equal(patched.status, 200, patched.text);
      const readBack = await agency('GET');
      assert.match(readBack.text, /"password":\{"set":true,"last4":"7731"\}/, 'the password shows as set');
      for (const answer of [patched, readBack])
        for (const secret of [canaries.smtpPassword, canaries.inboundSecret])
          assert.ok(!contains(answer.text, secret), `${secret.name} is not shown back`);

      // A peer added to the roster with canary contacts, then changed once.
      const peer = await call('supervisor', 'POST', '/v1/specialists', {
        displayName: 'Canary Peer',
        roles: ['recovery-coach'],
        contacts: [
          { kind: 'sms', address: canaries.peerPhone.value },
          { kind: 'email', address: canaries.peerEmail.value },
        ],
      });
      assert.equal(peer.status, 201, peer.text);
      const peerUpdate = await call('supervisor', 'PATCH', `/v1/specialists/${idOf(peer)}`, {
        displayName: 'Canary Peer (updated)',
      });
      assert.equal(peerUpdate.status, 200, peerUpdate.text);
      // The canary peer covers an hour of the on-call schedule, for a reason that names someone.
      const override = await call('supervisor', 'POST', '/v1/schedule/overrides', {
        area: 'county',
        position: 'backup',
        specialistId: idOf(peer),
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 90_000_000).toISOString(),
        reason: canaries.overrideReason.value,
      });
      assert.equal(override.status, 201, override.text);

      // 1. Dispatch: the CAD console requests a peer for a call with the canary address and notes.
      const cad = await watchPage(stack.browser);
      watched.push(cad);
      const incident = {
        externalId: `PRIV-${randomUUID().slice(0, 8)}`,
        type: 'overdose-nonfatal',
        location: { address: canaries.address.value, area: 'county' },
        receivedAt: new Date().toISOString(),
        notes: canaries.notes.value,
      };
      await cad.page.goto(
        `${stack.host.url}/cad-console/index.html?call=${encodeURIComponent(JSON.stringify(incident))}`,
        { waitUntil: 'load' },
      );
      const button = '#detail peer-request-button';
      const requestButton = () =>
        cad.page.evaluate((selector: string) => {
          const element = document.querySelector<Element & { phase?: string; dispatch?: Dispatch }>(selector);
          return { phase: element?.phase ?? 'missing', id: element?.dispatch?.id };
        }, button);
      await until(async () => (await requestButton()).phase === 'ready', 15_000, 'the request button');
      await clickIn(cad.page, [button, '.button']);
      await until(async () => (await requestButton()).phase === 'confirm', 15_000, 'who is on call');
      await clickIn(cad.page, [button, '.button']);
      await until(async () => (await requestButton()).id !== undefined, 15_000, 'the call-out');
      const dispatchId = (await requestButton()).id ?? '';
      const text = await stack.waitFor(
        'texts',
        (message) => message.dispatchId === dispatchId && message.to === '+12175550101',
      );
      await stack.waitFor(
        'mails',
        (message) => message.dispatchId === dispatchId && message.to === 'supervisor@example.org',
      );

      // 2. The peer's phone: every step, checking in with the canary name, then the log's draft.
      const phone = await watchPage(stack.browser);
      watched.push(phone);
      await phone.page.goto(text.ackUrl ?? '', { waitUntil: 'load' });
      const card = 'peer-dispatch-card';
      const step = async (to: string) => {
        await until(() => existsIn(phone.page, [card, `[data-to="${to}"]`]), 15_000, `a "${to}" button`);
        await clickIn(phone.page, [card, `[data-to="${to}"]`]);
        // Clearing asks once more.
        if (to === 'cleared') {
          await until(() => existsIn(phone.page, [card, '[data-confirm]']), 15_000, 'the question before clearing');
          await clickIn(phone.page, [card, '[data-confirm]']);
        }
      };
      const status = () =>
        phone.page.evaluate(
          () => document.querySelector<Element & { dispatch?: Dispatch }>('peer-dispatch-card')?.dispatch?.status,
        );
      for (const to of ['acknowledged', 'en-route', 'on-scene']) {
        await step(to);
        await until(async () => (await status()) === to, 15_000, `the phone to show ${to}`);
      }
      await step('checked-in');
      await until(() => existsIn(phone.page, [card, '#check-in-name']), 15_000, 'the check-in form');
      await fillIn(phone.page, [card, '#check-in-name'], canaries.checkIn.value);
      await fillIn(phone.page, [card, '#check-in-role'], 'law-enforcement');
      await fillIn(phone.page, [card, '#check-in-agency'], 'County Sheriff');
      await clickIn(phone.page, [card, '[part~="check-in"] button[type="submit"]']);
      await until(async () => (await status()) === 'checked-in', 15_000, 'the phone to show checked-in');
      for (const to of ['engaged', 'cleared']) {
        await step(to);
        await until(async () => (await status()) === to, 15_000, `the phone to show ${to}`);
      }
      const form = 'peer-callout-log-form';
      await until(() => existsIn(phone.page, [form, '[data-path="narrative"]']), 15_000, 'the call-out log form');
      const narrative = `${canaries.narrative.value} Her sister asked me to call ${canaries.phone.value} or write to ${canaries.email.value}.`;
      await fillIn(phone.page, [form, '[data-path="narrative"]'], narrative);
      await fillIn(phone.page, [form, '[data-path="investigatorNote"]'], canaries.note.value);
      // The form keeps the draft on the device a second after typing stops.
      await until(
        async () => contains(await deviceStorage(phone.page), canaries.note),
        10_000,
        'the draft to be saved on the device',
      );
      found.set('device, signed in', await deviceStorage(phone.page));

      // 3. Sign-out: the SDK forgets the token and removes drafts and queued changes; the host then leaves the page.
      // As source text: the page runs it as written (a function would arrive with the test's helpers missing).
      await phone.page.evaluate(
        `import('/peerlink/peerlink.min.js').then((sdk) => sdk.createPeerlinkClient({ baseUrl: ${JSON.stringify(stack.server.url)}, getToken: () => '' }).clearLocalData())`,
      );
      await phone.page.goto(`${stack.host.url}/`, { waitUntil: 'load' });
      found.set('device, signed out', await deviceStorage(phone.page));

      // 4. The log as submitted: the phone kept (a finding the author chose to keep), the e-mail redacted.
      const dispatch = (await call('dispatcher', 'GET', `/v1/dispatches/${dispatchId}`)).json as Dispatch;
      const at = (entry: string) => dispatch.timeline.find((item) => item.status === entry)?.at ?? dispatch.updatedAt;
      const submitted = redactPii(
        narrative,
        detectPii(narrative).filter((finding) => finding.kind === 'email'),
      );
      assert.ok(!submitted.includes(canaries.email.value), 'the e-mail address is redacted');
      assert.ok(submitted.includes(canaries.phone.value), 'the phone number is kept');
      const resourceId = await insertResource(
        stack.server.db,
        stack.people.agency,
        syntheticResources(1, 3)[0] ?? assert.fail('a resource'),
      );

      // 5. A referral with consent, made by the peer; the court may read it, the care team may not.
      const consent = {
        scope: ['share-with-resource', 'share-with-court'],
        method: 'verbal',
        grantedAt: new Date(Date.now() - 60_000).toISOString(),
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        part2NoticeAcknowledged: true,
        recipient: 'Springfield treatment court',
        purpose: canaries.purpose.value,
        witnessedBy: canaries.witness.value,
      } satisfies CreateReferralRequest['consent'];
      const referralBody = {
        personRef: 'P-7781',
        resourceId,
        needs: ['detox'],
        urgency: 'urgent',
        consent,
        note: `Client gave ${canaries.ssn.value} at intake; do not record.`,
        dispatchId,
      } satisfies CreateReferralRequest;
      const referral = await call('specialist', 'POST', '/v1/referrals', referralBody);
      assert.equal(referral.status, 201, referral.text);
      const named = await call('specialist', 'POST', '/v1/referrals', {
        ...referralBody,
        personRef: canaries.personRef.value,
      });
      assert.equal(named.status, 400, 'a person reference that is a name is refused');
      assert.equal(
        await stack.server.db
          .query('select 1 from referrals where person_ref = $1', [canaries.personRef.value])
          .then((rows) => rows.length),
        0,
        'and stored nowhere',
      );
      assert.equal(
        (await call('specialist', 'POST', `/v1/referrals/${idOf(referral)}/transitions`, { to: 'sent' })).status,
        200,
        'referral sent',
      );

      const content: CalloutLogContent = {
        times: {
          dispatchedAt: at('requested'),
          arrivedAt: at('on-scene'),
          checkedInAt: at('checked-in'),
          enteredSceneAt: at('engaged'),
          clearedAt: at('cleared'),
        },
        checkIn: {
          investigatorName: canaries.checkIn.value,
          investigatorRole: 'law-enforcement',
          agencyName: 'County Sheriff',
        },
        sceneType: 'private-residence',
        peopleServed: [{ role: 'overdose-survivor', ageBand: '26-40', count: 1 }],
        services: {
          support: ['emotional', 'informational'],
          harmReduction: {
            naloxoneAdministered: 0,
            naloxoneLeftBehind: 2,
            fentanylTestStrips: 10,
            saferUseSupplies: true,
          },
        },
        referralIds: [idOf(referral)],
        transport: { kind: 'escort', destinationType: 'detox' },
        outcome: 'services-accepted',
        followUp: { planned: false },
        narrative: submitted,
        investigatorNote: canaries.note.value,
      };
      const log = await call('specialist', 'POST', '/v1/callout-logs', { dispatchId, content });
      assert.equal(log.status, 201, log.text);
      const keep = detectPii(submitted).map((finding) => ({ field: 'narrative' as const, key: findingKey(finding) }));
      const submit = await call('specialist', 'POST', `/v1/callout-logs/${idOf(log)}/submit`, { keep });
      assert.equal(submit.status, 200, submit.text);

      // 5b. The supervisor's console: the submitted log waits in the review queue, whose list shows what
      // happened, never the narrative or the note; a directory file naming someone goes through the import's
      // dry run and import. The peer reports to the supervisor the console signs in as.
      await stack.server.db.query('update specialists set supervisor_id = $1 where id = $2', [
        stack.people.supervisor,
        stack.people.primary,
      ]);
      const desk = await watchPage(stack.browser);
      watched.push(desk);
      await desk.page.setViewport({ width: 1280, height: 1000 });
      await desk.page.goto(`${stack.host.url}/program-console/`, { waitUntil: 'load' });
      const queue = 'peer-log-review-queue';
      const directory = 'peer-directory-import';
      await until(() => existsIn(desk.page, [queue, '[part~="item"]']), 30_000, 'the submitted log in the queue');
      const shown = [`review queue: ${await shadowText(desk.page, [queue, '[part~="list"]'])}`];
      const folder = mkdtempSync(join(tmpdir(), 'peerlink-privacy-'));
      try {
        const file = join(folder, 'directory.json');
        writeFileSync(
          file,
          JSON.stringify([
            hsdsService(9001, { description: canaries.directoryText.value }),
            hsdsService(9002, { name: 'Canary shelter' }),
          ]),
        );
        await choose(desk.page, directory, '#file', file);
        await until(() => existsIn(desk.page, [directory, '[part~="import"]']), 60_000, 'the directory dry run');
        shown.push(`directory dry run: ${await shadowText(desk.page, [directory])}`);
        await clickIn(desk.page, [directory, '[part~="import"]']);
        await until(() => existsIn(desk.page, [directory, '[part~="outcome"]']), 60_000, 'the directory import');
        shown.push(`directory import: ${await shadowText(desk.page, [directory])}`);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
      // What was scanned is what the elements showed: the queued call-out and the two records counted.
      assert.match(shown[0] ?? '', /\d/, `the queue lists the call-out: ${shown[0] ?? ''}`);
      assert.match(shown[1] ?? '', /\b2\b/, `the dry run counts the records: ${shown[1] ?? ''}`);
      found.set('program console', shown.join('\n'));
      found.set('device, signed in', `${found.get('device, signed in') ?? ''}\n${await deviceStorage(desk.page)}`);
      assert.equal(
        await stack.server.db
          .query("select 1 from resources where doc::text like '%' || $1 || '%'", [canaries.directoryText.value])
          .then((rows) => rows.length),
        1,
        'the directory text is stored as the resource’s',
      );

      const review = await call('supervisor', 'POST', `/v1/callout-logs/${idOf(log)}/review`, {
        decision: 'approve',
        comment: 'Approved.',
      });
      assert.equal(review.status, 200, review.text);

      // 6. A credential for the peer, issued (and signed) by the program.
      const credentialBody = {
        specialistId: stack.people.primary,
        type: 'peer-recovery',
        name: 'Peer Recovery Specialist',
        issuer: { name: 'Example Certification Board' },
        number: canaries.credential.value,
        issuedOn: '2025-01-15',
        expiresOn: '2027-01-14',
        evidence: [],
      } satisfies CreateCredentialRequest;
      const credential = await call('supervisor', 'POST', '/v1/credentials', credentialBody);
      assert.equal(credential.status, 201, credential.text);

      // 7. What each role reads of every record the workflow made.
      for (const role of ROLES) {
        const answers: string[] = [];
        for (const path of [
          `/v1/dispatches/${dispatchId}`,
          `/v1/callout-logs/${idOf(log)}`,
          `/v1/referrals/${idOf(referral)}`,
          `/v1/credentials/${idOf(credential)}`,
          '/v1/specialists',
          `/v1/specialists/${idOf(peer)}`,
          '/v1/schedule/overrides',
        ]) {
          const answer = await call(role, 'GET', path);
          answers.push(`${path} ${String(answer.status)} ${answer.text}`);
        }
        found.set(`reads: ${role}`, answers.join('\n'));
      }
      const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
      const reports: string[] = [];
      for (const path of [
        '/v1/reports/program?period=week&',
        '/v1/reports/program/csv?period=month&',
        '/v1/reports/callouts/csv?',
      ]) {
        // CSV is not JSON: read as text.
        const answer = await fetch(`${stack.server.url}${path}from=${day(-2)}&to=${day(1)}`, {
          headers: { Authorization: `Bearer ${tokens.supervisor}` },
        });
        const text = await answer.text();
        assert.equal(answer.status, 200, `${path} ${text}`);
        reports.push(text);
      }
      found.set('reports', reports.join('\n'));
      const audit = await call('supervisor', 'GET', '/v1/audit');
      assert.equal(audit.status, 200, 'audit trail');
      found.set('audit trail', audit.text);

      // Events of the last steps have arrived; then everything is collected.
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const role of ROLES) found.set(`events: ${role}`, streams.get(role)?.text() ?? '');
      found.set('text (SMS)', stack.texts.map((message) => message.raw).join('\n'));
      found.set(
        'e-mail',
        stack.mails.map((message) => `${message.raw}\n${fromQuotedPrintable(message.raw)}`).join('\n'),
      );
      found.set(
        'browser console',
        watched
          .flatMap((page) => [...page.console.map((entry) => `${entry.type}: ${entry.text}`), ...page.errors])
          .join('\n'),
      );
      assert.ok(
        (streams.get('dispatcher')?.text() ?? '').includes('dispatch.updated'),
        'the dispatcher’s stream carried the call-out',
      );
    } finally {
      for (const stream of streams.values()) stream.close();
      for (const page of watched) await page.page.close();
    }
    // The capture works: a line this process prints is in it.
    console.info('privacy: output capture check');
    found.set('service output', output.text());
    assert.ok(output.text().includes('privacy: output capture check'), 'the service output is captured');

    // The verdicts: canary × place.
    const leaks: string[] = [];
    const missing: string[] = [];
    const width = Math.max(...allCanaries.map((canary) => canary.name.length));
    table.push(
      `privacy: ${PLACES.length} places × ${allCanaries.length} canaries — ✓ found where allowed, · absent, ✗ LEAK (found where not allowed), ? missing (not found where it must be)`,
    );
    PLACES.forEach((place, index) => table.push(`privacy:   ${String.fromCharCode(65 + index)} = ${place}`));
    table.push(`privacy: ${''.padEnd(width)}  ${PLACES.map((_, index) => String.fromCharCode(65 + index)).join(' ')}`);
    for (const canary of allCanaries) {
      const cells = PLACES.map((place) => {
        const here = contains(found.get(place) ?? '', canary);
        const allowed = canary.allowed.includes(place);
        if (here && !allowed) leaks.push(`${canary.name} in ${place}`);
        if (!here && canary.expected.includes(place)) missing.push(`${canary.name} not in ${place}`);
        return here ? (allowed ? '✓' : '✗') : canary.expected.includes(place) ? '?' : '·';
      });
      table.push(`privacy: ${canary.name.padEnd(width)}  ${cells.join(' ')}`);
    }
    const cellsChecked = PLACES.length * allCanaries.length;
    table.push(
      `privacy: ${String(cellsChecked)} canary × place cells checked; leaks ${String(leaks.length)}; missing positive controls ${String(missing.length)}`,
    );
    t.diagnostic(
      `privacy: ${String(cellsChecked)} canary × place cells; leaks ${String(leaks.length)}; missing ${String(missing.length)}`,
    );
    assert.deepEqual(missing, [], 'canaries the scan must find where they belong');
    assert.deepEqual(leaks, [], 'canaries found where policy does not allow them');
  });
});
