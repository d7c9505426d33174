// The responder phone view (examples/responder/) as the peer works it: by keyboard, on the card.
import type { Dispatch, DispatchStatus } from '@peerlink/sdk';
import type { Page } from 'puppeteer-core';
import { focusIn, until } from './stack.js';

export const CARD = 'peer-dispatch-card';

/** The phone card's call-out status. */
export const cardStatus = (phone: Page): Promise<string | undefined> =>
  phone.evaluate(
    (selector: string) => document.querySelector<HTMLElement & { dispatch?: Dispatch }>(selector)?.dispatch?.status,
    CARD,
  );

/** The id of what has focus inside the card. */
const focusedInCard = (phone: Page): Promise<string | undefined> =>
  phone.evaluate((selector: string) => document.querySelector(selector)?.shadowRoot?.activeElement?.id, CARD);

/**
 * The peer presses the step's button with the keyboard; returns when it pressed. Declining and
 * clearing ask once more: the question takes focus, Tab reaches "Yes", Enter sends.
 */
export async function step(phone: Page, to: DispatchStatus): Promise<number> {
  // The button is there and not waiting on an earlier step.
  await until(
    () =>
      phone.evaluate(
        (selector: string, target: string) => {
          const button = document.querySelector(selector)?.shadowRoot?.querySelector(`[data-to="${target}"]`);
          return Boolean(button) && button?.getAttribute('aria-disabled') !== 'true';
        },
        CARD,
        to,
      ),
    15_000,
    `a "${to}" button on the phone`,
  );
  await focusIn(phone, [CARD, `[data-to="${to}"]`]);
  let pressed = performance.now();
  await phone.keyboard.press('Enter');
  if (to === 'declined' || to === 'cleared') {
    await until(async () => (await focusedInCard(phone)) === 'confirm-question', 15_000, `the question before ${to}`);
    await phone.keyboard.press('Tab');
    pressed = performance.now();
    await phone.keyboard.press('Enter');
  }
  if (to === 'declined') {
    // A decline hands the call-out on at once: the card no longer offers this peer a step.
    await until(
      () =>
        phone.evaluate(
          (selector: string) => !document.querySelector(selector)?.shadowRoot?.querySelector('[data-to="declined"]'),
          CARD,
        ),
      15_000,
      'the phone to show the call-out declined',
    );
  } else if (to !== 'checked-in')
    await until(async () => (await cardStatus(phone)) === to, 15_000, `the phone to show ${to}`);
  return pressed;
}

/**
 * The peer presses "Check in" and answers who the lead investigator is, by keyboard: the name,
 * the role `roleDown` options down the list, the agency, Enter.
 */
export async function checkIn(phone: Page, name: string, roleDown: number, agency: string): Promise<void> {
  await step(phone, 'checked-in');
  await until(
    () =>
      phone.evaluate(
        (card: string) => Boolean(document.querySelector(card)?.shadowRoot?.querySelector('#check-in-name')),
        CARD,
      ),
    15_000,
    'the check-in form',
  );
  await focusIn(phone, [CARD, '#check-in-name']);
  await phone.keyboard.type(name);
  await phone.keyboard.press('Tab');
  for (let down = 0; down < roleDown; down += 1) await phone.keyboard.press('ArrowDown');
  await phone.keyboard.press('Tab');
  await phone.keyboard.type(agency);
  await phone.keyboard.press('Enter');
}
