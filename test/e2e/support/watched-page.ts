// A Chromium page watched for what a host page must never do: CSP and Trusted Types violations,
// console messages, uncaught errors and failed requests.
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { nodeAt, withNodeAt } from './shadow-path.js';

export interface ConsoleEntry {
  type: string;
  text: string;
}

export interface WatchedPage {
  page: Page;
  /** Every console message, of every type, in order. */
  console: ConsoleEntry[];
  /** Uncaught errors and unhandled rejections. */
  errors: string[];
  /** Responses of 400 or more (the browser's own favicon probe aside). */
  failed: string[];
  /** The Content-Security-Policy each document arrived with. */
  policies: string[];
  /** `securitypolicyviolation` events the page saw, from before any of its scripts ran. */
  violations(): Promise<string[]>;
}

export async function watchPage(browser: Browser): Promise<WatchedPage> {
  const page = await browser.newPage();
  const consoleEntries: ConsoleEntry[] = [];
  const errors: string[] = [];
  const failed: string[] = [];
  const policies: string[] = [];
  page.on('console', (message) => consoleEntries.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => errors.push(error instanceof Error ? error.message : String(error)));
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico'))
      failed.push(`${String(response.status())} ${response.url()}`);
    if (response.request().resourceType() === 'document')
      policies.push(response.headers()['content-security-policy'] ?? '');
  });
  await page.evaluateOnNewDocument(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__cspViolations', { value: seen });
    // Capture on the window: violations in shadow roots are composed and reach it too.
    window.addEventListener(
      'securitypolicyviolation',
      (event) => {
        seen.push(
          `${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile || '?'}:${String(event.lineNumber)}${event.sample ? ` (${event.sample})` : ''}`,
        );
      },
      true,
    );
  });
  return {
    page,
    console: consoleEntries,
    errors,
    failed,
    policies,
    violations: () =>
      page.evaluate(() => [...((window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])]),
  };
}

/** Console messages that speak of the Content-Security-Policy or Trusted Types. */
export const policyMessages = (entries: readonly ConsoleEntry[]): ConsoleEntry[] =>
  entries.filter((entry) =>
    /content[ -]security[ -]policy|trusted ?types?|TrustedHTML|TrustedScript|require-trusted-types/i.test(entry.text),
  );

/** Clicks the node at a path of selectors, each inside the previous one's shadow root. */
export function clickIn(page: Page, path: readonly string[]): Promise<void> {
  return withNodeAt(page, path, (node, where) =>
    node.evaluate((element: Element, name: string) => {
      if (!(element instanceof HTMLElement)) throw new Error(`${name} is not clickable`);
      element.click();
    }, where),
  );
}

/** Sets the value of a control at a path of selectors (through shadow roots) as typing would: with `input` and `change`. */
export function fillIn(page: Page, path: readonly string[], value: string): Promise<void> {
  return withNodeAt(page, path, (node, where) =>
    node.evaluate(
      (element: Element, name: string, text: string) => {
        if (!(
          element instanceof HTMLInputElement ||
          element instanceof HTMLTextAreaElement ||
          element instanceof HTMLSelectElement
        )) {
          throw new Error(`${name} is not a control`);
        }
        element.value = text;
        element.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        element.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      },
      where,
      value,
    ),
  );
}

/** Whether the node at a path of selectors (through shadow roots) exists. */
export async function existsIn(page: Page, path: readonly string[]): Promise<boolean> {
  const node = await nodeAt(page, path);
  await node?.dispose();
  return node !== null;
}

/** Chooses a file in a file input inside an element's shadow root, as the file picker would. */
export async function choose(page: Page, host: string, selector: string, file: string): Promise<void> {
  const handle = await page.evaluateHandle(
    (tag: string, inner: string) => document.querySelector(tag)?.shadowRoot?.querySelector(inner) ?? null,
    host,
    selector,
  );
  const input = handle.asElement() as ElementHandle<HTMLInputElement> | null;
  if (!input) throw new Error(`no file input at ${host} >> ${selector}`);
  await input.uploadFile(file);
}
