// The responder phone view as a peer uses it, at 390 px by keyboard: the call-out log stays
// offered after clearing — closing the page and opening the notification link again brings the
// form back with the draft kept on the phone — and the page speaks the language the peer picks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createClientCore, dispatchesApi } from '@peerlink/sdk';
import type { Page } from 'puppeteer-core';
import { CARD, checkIn, step } from './support/phone.js';
import { focusIn, newCall, shadowText, stackPerSuite, until, type Stack } from './support/stack.js';

const FORM = 'peer-callout-log-form';

/** The narrative as the log form on the page holds it, or undefined without a form. */
const narrative = (phone: Page): Promise<string | undefined> =>
  phone.evaluate(
    (form: string) =>
      document.querySelector(form)?.shadowRoot?.querySelector<HTMLTextAreaElement>('#f-narrative')?.value,
    FORM,
  );

describe('the responder phone view in Chromium', { timeout: 180_000 }, () => {
  let stack: Stack;
  stackPerSuite((started) => (stack = started));

  /** A new call-out for the primary peer; resolves to its notification link. */
  async function callOut(): Promise<string> {
    const dispatcher = dispatchesApi(
      createClientCore({
        baseUrl: stack.server.url,
        offline: false,
        getToken: async () => {
          const response = await fetch(`${stack.host.url}/host/session`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Origin: stack.host.url },
            body: JSON.stringify({ role: 'dispatcher' }),
          });
          return (await response.json()) as { token: string; expiresAt: string };
        },
      }),
    );
    const dispatch = await dispatcher.create({ callForService: newCall('PHONE') });
    const text = await stack.waitFor('texts', (m) => m.dispatchId === dispatch.id && m.to === '+12175550101');
    return text.ackUrl ?? '';
  }

  async function openPhone(link: string): Promise<Page> {
    const phone = await stack.browser.newPage();
    await phone.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    await phone.goto(link, { waitUntil: 'load' });
    return phone;
  }

  it('offers the call-out log again, with the draft, when the peer reopens the link after clearing', async () => {
    const link = await callOut();
    const phone = await openPhone(link);
    for (const to of ['acknowledged', 'en-route', 'on-scene'] as const) await step(phone, to);
    await checkIn(phone, 'Det. A. Rivera', 1, 'County Sheriff');
    await until(
      async () => (await shadowText(phone, [CARD, '[part="checked-in"]'])).includes('Det. A. Rivera'),
      15_000,
      'the check-in on the card',
    );
    await step(phone, 'engaged');
    await step(phone, 'cleared');

    await until(async () => (await narrative(phone)) !== undefined, 15_000, 'the log form after clearing');
    await focusIn(phone, [FORM, '#f-narrative']);
    await phone.keyboard.type('Talked with the family on the porch.');
    await until(
      async () => (await shadowText(phone, [FORM, '.actions'])).includes('Draft saved on this device'),
      15_000,
      'the draft to be saved',
    );
    await phone.close();

    // Later, from the same notification.
    const again = await openPhone(link);
    await until(async () => (await narrative(again)) !== undefined, 15_000, 'the log form on reopening');
    assert.equal(await narrative(again), 'Talked with the family on the porch.');
    assert.match(
      await shadowText(again, [FORM, '[part="restored"]']),
      /^Your draft from this device is back, as saved at /,
    );
    assert.equal(
      await shadowText(again, [CARD, '[part="outcome"]']),
      'You cleared this call-out. Its call-out log is the last step.',
    );
    assert.match(
      await shadowText(again, [CARD, '[part="checked-in"]']),
      /^Checked in with Det\. A\. Rivera \(Coroner investigator, County Sheriff\)$/,
    );

    // The peer switches to Spanish; the choice stays for the next visit.
    await again.select('#language', 'es');
    await until(
      async () => (await shadowText(again, [CARD, '[part="heading"]'])) === 'Sobredosis (no mortal)',
      15_000,
      'the card in Spanish',
    );
    assert.equal(await shadowText(again, [FORM, '[part="heading"]']), 'Registro de intervención');
    assert.equal(await again.$eval('header h1', (h1) => h1.textContent), 'Intervención de par');
    await again.reload({ waitUntil: 'load' });
    await until(
      async () =>
        (await shadowText(again, [CARD, '[part="outcome"]'])) ===
        'Finalizaste esta intervención. Su registro es el último paso.',
      15_000,
      'Spanish after a reload',
    );
    assert.equal(await again.evaluate(() => document.documentElement.lang), 'es');
    await again.close();
  });

  it('speaks the phone’s language until the peer picks another', async () => {
    const link = await callOut();
    // A phone set to Mexican Spanish that never opened the page (nothing remembered).
    const context = await stack.browser.createBrowserContext();
    const phone = await context.newPage();
    // As source text: the function form would carry the TypeScript loader's helpers into the page.
    await phone.evaluateOnNewDocument(
      `Object.defineProperty(navigator, 'languages', { get: () => ['es-MX', 'es', 'en'] });`,
    );
    await phone.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    await phone.goto(link, { waitUntil: 'load' });
    await until(
      async () => (await shadowText(phone, [CARD, '[part="heading"]'])) === 'Sobredosis (no mortal)',
      15_000,
      'the card in Spanish',
    );
    assert.equal(await phone.evaluate(() => document.documentElement.lang), 'es-MX', 'with its regional formats');
    assert.equal(await phone.$eval('#language', (select) => (select as HTMLSelectElement).value), 'es');
    await phone.select('#language', 'en');
    await until(
      async () => (await shadowText(phone, [CARD, '[part="heading"]'])) === 'Overdose (non-fatal)',
      15_000,
      'the card in English',
    );
    await context.close();
  });
});
