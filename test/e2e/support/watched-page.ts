// A Chromium page watched for what a host page must never do: CSP and Trusted Types violations,
// console messages, uncaught errors and failed requests. Optionally the page's documents are
// served under a given Content-Security-Policy instead of the one their server sent.
import type { Browser, Page } from 'puppeteer-core';

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
  /** The Content-Security-Policy each document arrived with, before any replacement. */
  sentPolicies: string[];
  /** `securitypolicyviolation` events the page saw, from before any of its scripts ran. */
  violations(): Promise<string[]>;
}

export interface WatchOptions {
  /** Serve documents from `origin` under this policy, replacing the header their server sent. */
  policy?: { origin: string; value: string };
}

export async function watchPage(browser: Browser, options: WatchOptions = {}): Promise<WatchedPage> {
  const page = await browser.newPage();
  const consoleEntries: ConsoleEntry[] = [];
  const errors: string[] = [];
  const failed: string[] = [];
  const sentPolicies: string[] = [];
  page.on('console', (message) => consoleEntries.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => errors.push(error instanceof Error ? error.message : String(error)));
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) failed.push(`${String(response.status())} ${response.url()}`);
  });
  await page.evaluateOnNewDocument(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__cspViolations', { value: seen });
    // Capture on the window: violations in shadow roots are composed and reach it too.
    window.addEventListener(
      'securitypolicyviolation',
      (event) => {
        seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile || '?'}:${String(event.lineNumber)}${event.sample ? ` (${event.sample})` : ''}`);
      },
      true,
    );
  });
  const policy = options.policy;
  if (policy) {
    // Documents pause at the response, get the policy in place of theirs, and go on; nothing else is touched.
    const cdp = await page.createCDPSession();
    cdp.on('Fetch.requestPaused', (event) => {
      void (async () => {
        const headers = (event.responseHeaders ?? []).filter(({ name }) => !/^(?:content-security-policy|content-length|content-encoding|transfer-encoding)$/i.test(name));
        const original = (event.responseHeaders ?? []).find(({ name }) => name.toLowerCase() === 'content-security-policy');
        if (original) sentPolicies.push(original.value);
        // Fulfilled anew with the same body: the browser then parses only the headers given here.
        const { body, base64Encoded } = await cdp.send('Fetch.getResponseBody', { requestId: event.requestId });
        await cdp.send('Fetch.fulfillRequest', {
          requestId: event.requestId,
          responseCode: event.responseStatusCode ?? 200,
          responseHeaders: [...headers, { name: 'Content-Security-Policy', value: policy.value }],
          body: base64Encoded ? body : Buffer.from(body).toString('base64'),
        });
      })().catch((error: unknown) => errors.push(`could not set the policy: ${error instanceof Error ? error.message : String(error)}`));
    });
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: `${policy.origin}/*`, resourceType: 'Document', requestStage: 'Response' }] });
  }
  return {
    page,
    console: consoleEntries,
    errors,
    failed,
    sentPolicies,
    violations: () => page.evaluate(() => [...((window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])]),
  };
}

/** Console messages that speak of the Content-Security-Policy or Trusted Types. */
export const policyMessages = (entries: readonly ConsoleEntry[]): ConsoleEntry[] =>
  entries.filter((entry) => /content[ -]security[ -]policy|trusted ?types?|TrustedHTML|TrustedScript|require-trusted-types/i.test(entry.text));

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
      if (!(node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement)) {
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
