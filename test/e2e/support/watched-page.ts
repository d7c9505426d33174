// A Chromium page watched for what a host page must never do: CSP and Trusted Types violations,
// console messages, uncaught errors and failed requests.
import type { Browser, ElementHandle, Page } from 'puppeteer-core';

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
export async function clickIn(page: Page, path: readonly string[]): Promise<void> {
  await page.evaluate((selectors: readonly string[]) => {
    let scope: Document | ShadowRoot | null = document;
    let node: Element | null = null;
    for (const selector of selectors) {
      node = scope?.querySelector(selector) ?? null;
      if (!node) throw new Error(`nothing at ${selectors.join(' >> ')}`);
      scope = node.shadowRoot;
    }
    if (!(node instanceof HTMLElement)) throw new Error(`${selectors.join(' >> ')} is not clickable`);
    node.click();
  }, path);
}

/** Sets the value of a control at a path of selectors (through shadow roots) as typing would: with `input` and `change`. */
export async function fillIn(page: Page, path: readonly string[], value: string): Promise<void> {
  await page.evaluate(
    (selectors: readonly string[], text: string) => {
      let scope: Document | ShadowRoot | null = document;
      let node: Element | null = null;
      for (const selector of selectors) {
        node = scope?.querySelector(selector) ?? null;
        if (!node) throw new Error(`nothing at ${selectors.join(' >> ')}`);
        scope = node.shadowRoot;
      }
      if (!(
        node instanceof HTMLInputElement ||
        node instanceof HTMLTextAreaElement ||
        node instanceof HTMLSelectElement
      )) {
        throw new Error(`${selectors.join(' >> ')} is not a control`);
      }
      node.value = text;
      node.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      node.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    },
    path,
    value,
  );
}

/** Whether the node at a path of selectors (through shadow roots) exists. */
export function existsIn(page: Page, path: readonly string[]): Promise<boolean> {
  return page.evaluate((selectors: readonly string[]) => {
    let scope: Document | ShadowRoot | null = document;
    for (const selector of selectors) {
      const node: Element | null = scope?.querySelector(selector) ?? null;
      if (!node) return false;
      scope = node.shadowRoot;
    }
    return true;
  }, path);
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
