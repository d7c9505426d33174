// The duty call-out end to end, keyboard only: a dispatcher presses the request button in the
// CAD console example; the on-call peer's phone (text through the SMS webhook) and e-mail (SMTP)
// receive the call-out; the link opens the responder view, where the peer walks the call-out to
// cleared; every CAD page following the call-out shows each step. When peers decline or do not
// answer, the CAD shows who holds the call-out and when it escalates, in the queue row and the
// detail panel alike, and the dispatcher escalates or cancels it by keyboard.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dispatch, DispatchStatus } from '@peerlink/sdk';
import type { Page } from 'puppeteer-core';
import { checkIn, step } from './support/phone.js';
import { focusIn, newCall, shadowText, stackPerSuite, until, type Stack } from './support/stack.js';

const BUTTON = '#detail peer-request-button';

interface Shown {
  phase: string;
  status?: DispatchStatus;
  escalationLevel?: number;
  id?: string;
  label: string;
}

/** What a request button of the CAD page (by default the detail panel's) shows now. */
const shown = (page: Page, button = BUTTON): Promise<Shown> =>
  page.evaluate((selector: string) => {
    const el = document.querySelector<HTMLElement & { phase: string; dispatch?: Dispatch }>(selector);
    const label =
      el?.shadowRoot?.querySelector('peer-status')?.shadowRoot?.querySelector('[part="label"]')?.textContent ?? '';
    return {
      phase: el?.phase ?? 'missing',
      ...(el?.dispatch
        ? { status: el.dispatch.status, escalationLevel: el.dispatch.escalationLevel, id: el.dispatch.id }
        : {}),
      label: label.replace(/\s+/g, ' ').trim(),
    };
  }, button);

interface Holding {
  /** Who holds the call-out (the detail panel's full line, the compact row's short one). */
  holder: string;
  due: string;
  passed: string[];
  /** Whether a "Request peer support" button is offered. */
  offersRequest: boolean;
}

/** Who a request button says holds the call-out, when it escalates and who it passed by. */
const holding = (page: Page, button = BUTTON): Promise<Holding> =>
  page.evaluate((selector: string) => {
    // Inline only: helpers declared in here would not exist in the page.
    const root = document.querySelector(selector)?.shadowRoot;
    const [holder, due, ...passed] = [
      root?.querySelector('.holder-now') ?? root?.querySelector('[part="holder"]'),
      root?.querySelector('.due'),
      ...(root?.querySelectorAll('.passed li') ?? []),
    ].map((node) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim());
    return { holder: holder ?? '', due: due ?? '', passed, offersRequest: Boolean(root?.querySelector('.button')) };
  }, button);

/** The request button in the queue row of the call. */
const rowButton = (call: { externalId: string }) =>
  `#calls tr[data-external-id="${call.externalId}"] peer-request-button`;

const cadPath = (call: object) => `/cad-console/index.html?call=${encodeURIComponent(JSON.stringify(call))}`;

async function pressToConfirm(cad: Page): Promise<void> {
  await until(async () => (await shown(cad)).phase === 'ready', 15_000, 'the request button');
  await focusIn(cad, [BUTTON, '.button']);
  await cad.keyboard.press('Enter');
  await until(async () => (await shown(cad)).phase === 'confirm', 15_000, 'who is on call');
}

/** Waits until the detail panel of each CAD page shows the call-out at this status. */
const untilShown = (status: DispatchStatus, what: string, ...pages: Page[]) =>
  until(
    async () => {
      for (const page of pages) if ((await shown(page)).status !== status) return false;
      return true;
    },
    15_000,
    what,
  );

/** The call-out as the service stored it. */
const storedDispatch = async (stack: Stack, id: string) =>
  (await stack.server.db.query<{ doc: Dispatch }>('select doc from dispatches where id = $1', [id]))[0]?.doc;

/** A phone-sized page opened on the link of a text or e-mail. */
async function phoneAt(stack: Stack, link: string): Promise<Page> {
  const phone = await stack.browser.newPage();
  await phone.setViewport({ width: 360, height: 740, isMobile: true, hasTouch: true });
  await phone.goto(link, { waitUntil: 'load' });
  return phone;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

describe('duty call-out end to end in Chromium', { timeout: 180_000 }, () => {
  let stack: Stack;
  stackPerSuite((started) => (stack = started));

  it('goes from the CAD button to the peer’s text and e-mail, through the link, to cleared — by keyboard, on two CAD pages', async (t) => {
    const call = newCall('CAD');
    const cad = await stack.page(cadPath(call));
    await pressToConfirm(cad);
    const onCall = await shadowText(cad, [BUTTON, '.on-call-box']);
    assert.match(onCall, /Primary: Test primary/);
    assert.match(onCall, /Backup: Test backup/);
    assert.match(onCall, /Supervisor: Test supervisor/);

    const pressed = performance.now();
    await cad.keyboard.press('Enter');
    await until(async () => (await shown(cad)).id !== undefined, 15_000, 'the call-out');
    const id = (await shown(cad)).id ?? '';

    const text = await stack.waitFor('texts', (m) => m.dispatchId === id && m.to === '+12175550101');
    const mail = await stack.waitFor('mails', (m) => m.dispatchId === id && m.to === 'peer1@example.org');
    const copy = await stack.waitFor('mails', (m) => m.dispatchId === id && m.to === 'supervisor@example.org');
    assert.equal(text.kind, 'callout');
    assert.equal(copy.kind, 'supervisor-copy');
    assert.equal(copy.ackUrl, undefined, 'the supervisor copy carries no acknowledgement link');
    await untilShown('notified', 'the CAD page to show notified', cad);
    const notifiedShown = performance.now();
    assert.match((await shown(cad)).label, /Notified$/);

    // A second console opened on the same call finds the call-out and follows it too.
    const cad2 = await stack.page(cadPath(call));
    await untilShown('notified', 'the second CAD page', cad2);

    const link = text.ackUrl ?? '';
    assert.ok(
      link.startsWith(`${stack.host.url}/responder/?dispatch=${id}&specialist=${stack.people.primary}#ack=`),
      link,
    );
    assert.equal(mail.ackUrl, link, 'e-mail and text carry the same single-use link');
    const phone = await phoneAt(stack, link);
    const acknowledgedAt = await step(phone, 'acknowledged');
    await untilShown('acknowledged', 'the CAD page to show acknowledged', cad);
    const acknowledgedShown = performance.now();
    await untilShown('acknowledged', 'the second CAD page to show acknowledged', cad2);

    for (const to of ['en-route', 'on-scene', 'checked-in', 'engaged', 'cleared'] as const) {
      // Checking in asks who the lead investigator is; the peer answers by keyboard.
      if (to === 'checked-in') await checkIn(phone, 'Det. A. Rivera', 2, 'County Sheriff');
      else await step(phone, to);
      await untilShown(to, `both CAD pages to show ${to}`, cad, cad2);
    }
    assert.match((await shown(cad)).label, /Cleared$/);
    const dispatch = await storedDispatch(stack, id);
    assert.deepEqual(
      dispatch?.timeline.map((entry) => entry.status),
      ['requested', 'notified', 'acknowledged', 'en-route', 'on-scene', 'checked-in', 'engaged', 'cleared'],
    );
    assert.deepEqual(dispatch.checkIn, {
      name: 'Det. A. Rivera',
      role: 'law-enforcement',
      agencyName: 'County Sheriff',
    });
    const figures = [
      `press → text received ${ms(text.at - pressed)}`,
      `press → e-mail received ${ms(mail.at - pressed)}`,
      `press → CAD shows notified ${ms(notifiedShown - pressed)}`,
      `acknowledge on the phone → CAD shows acknowledged ${ms(acknowledgedShown - acknowledgedAt)}`,
    ];
    t.diagnostic(figures.join('; '));
    console.log(`latency: ${figures.join('; ')}`);
    await Promise.all([cad.close(), cad2.close(), phone.close()]);
  });
});

describe('escalation end to end in Chromium', { timeout: 120_000 }, () => {
  let stack: Stack;
  stackPerSuite((started) => (stack = started), { ackTimeoutMs: 2000 });

  it('calls the backup when the primary does not acknowledge within 2 seconds, and the CAD page shows it', async () => {
    const cad = await stack.page(cadPath(newCall('ESC')));
    await pressToConfirm(cad);
    const pressed = performance.now();
    await cad.keyboard.press('Enter');
    await untilShown('notified', 'notified', cad);
    const id = (await shown(cad)).id ?? '';
    const first = await stack.waitFor('texts', (m) => m.dispatchId === id && m.to === '+12175550101');
    assert.equal(first.kind, 'callout');
    const backup = await stack.waitFor('texts', (m) => m.dispatchId === id && m.to === '+12175550102', 10_000);
    assert.equal(backup.kind, 'escalation');
    assert.ok(backup.ackUrl?.includes(`specialist=${stack.people.backup}`), 'the backup gets a link of their own');
    assert.ok(
      backup.at - pressed >= 2000,
      `escalated after the 2 s timer (${ms(backup.at - pressed)} after the press)`,
    );
    await until(
      async () => {
        const now = await shown(cad);
        return now.status === 'notified' && now.escalationLevel === 1;
      },
      15_000,
      'the CAD page to show the backup notified',
    );
    // The CAD says why: nobody answered the primary's call-out; it stays amber while it waits.
    const after = await holding(cad);
    assert.equal(after.passed[0], 'No answer: Test primary');
    assert.match(after.holder, /^Notified now: Test (backup \(Backup\)|supervisor \(Supervisor\))$/);
    assert.match((await shown(cad)).label, /^Warning: Escalated/);
    assert.deepEqual(
      (await storedDispatch(stack, id))?.timeline.map((entry) => entry.status),
      ['requested', 'notified', 'escalated', 'notified'],
    );
    await cad.close();
  });
});

describe(
  'decline, Escalate now and Cancel from the CAD, queue row and detail panel agreeing',
  { timeout: 150_000 },
  () => {
    let stack: Stack;
    stackPerSuite((started) => (stack = started), { ackTimeoutMs: 60_000 });

    it('shows who declined, who is notified now and when it escalates; escalates and cancels by keyboard; the row shows the same', async () => {
      const call = newCall('DEC');
      const row = rowButton(call);
      const cad = await stack.page(cadPath(call));
      await until(async () => (await shown(cad, row)).phase === 'ready', 15_000, 'the queue row button');
      await pressToConfirm(cad);
      await cad.keyboard.press('Enter');
      await untilShown('notified', 'notified', cad);
      const id = (await shown(cad)).id ?? '';

      // The queue row follows the request made in the detail panel, without being pressed.
      await until(async () => (await shown(cad, row)).id === id, 15_000, 'the queue row to show the call-out');
      assert.equal((await holding(cad, row)).offersRequest, false, 'the row offers no second request');
      assert.equal((await holding(cad, row)).holder, 'Test primary (Primary)');
      const first = await holding(cad);
      assert.equal(first.holder, 'Notified now: Test primary (Primary)');
      assert.equal(first.due, 'Escalates in 1 min. unless acknowledged');

      // The primary declines from the link in their text.
      const text = await stack.waitFor('texts', (m) => m.dispatchId === id && m.to === '+12175550101');
      const phone = await phoneAt(stack, text.ackUrl ?? '');
      await step(phone, 'declined');
      await until(async () => (await shown(cad)).escalationLevel === 1, 15_000, 'the CAD to show the backup notified');
      await until(
        async () => (await shown(cad, row)).escalationLevel === 1,
        15_000,
        'the row to show the backup notified',
      );
      assert.match((await shown(cad)).label, /^Warning: Escalated/);
      assert.deepEqual(await holding(cad), {
        holder: 'Notified now: Test backup (Backup)',
        due: 'Escalates in 1 min. unless acknowledged',
        passed: ['Declined: Test primary'],
        offersRequest: false,
      });
      assert.match((await shown(cad, row)).label, /^Warning: Escalated/);
      assert.equal((await holding(cad, row)).holder, 'Test backup (Backup)');

      // The dispatcher does not wait the backup's minute.
      await focusIn(cad, [BUTTON, '.escalate']);
      await cad.keyboard.press('Enter');
      await until(async () => (await shown(cad)).escalationLevel === 2, 15_000, 'the supervisor notified');
      const supervisorMail = await stack.waitFor(
        'mails',
        (m) => m.dispatchId === id && m.to === 'supervisor@example.org' && m.kind === 'escalation',
      );
      assert.ok(supervisorMail.ackUrl, 'the supervisor gets a link to answer');
      assert.deepEqual(await holding(cad), {
        holder: 'Notified now: Test supervisor (Supervisor)',
        due: 'Last level: no further escalation',
        passed: ['Declined: Test primary', 'Escalated past: Test backup'],
        offersRequest: false,
      });
      await until(
        async () => (await holding(cad, row)).holder === 'Test supervisor (Supervisor)',
        15_000,
        'the row to name the supervisor',
      );

      // Cancelling asks first, then both buttons show the call-out cancelled.
      await focusIn(cad, [BUTTON, '.cancel-callout']);
      await cad.keyboard.press('Enter');
      await until(
        () =>
          cad.evaluate(
            (selector: string) =>
              document.querySelector(selector)?.shadowRoot?.activeElement?.classList.contains('confirm-cancel') ===
              true,
            BUTTON,
          ),
        5_000,
        'Confirm cancel to take the focus',
      );
      await cad.keyboard.press('Enter');
      await until(
        async () => (await shown(cad)).status === 'cancelled' && (await shown(cad, row)).status === 'cancelled',
        15_000,
        'both to show cancelled',
      );
      assert.match((await shown(cad, row)).label, /Cancelled$/);
      assert.deepEqual(
        (await storedDispatch(stack, id))?.timeline.map((entry) => entry.status),
        ['requested', 'notified', 'declined', 'escalated', 'notified', 'escalated', 'notified', 'cancelled'],
      );
      await Promise.all([cad.close(), phone.close()]);
    });
  },
);
