// Reaching into elements' shadow roots from a test: a path of selectors, each looked up inside the
// shadow root of the node the one before it found.
import type { ElementHandle, Page } from 'puppeteer-core';

/** The node at a path of selectors, each inside the previous one's shadow root; null where the path breaks. */
export async function nodeAt(page: Page, path: readonly string[]): Promise<ElementHandle | null> {
  const handle = await page.evaluateHandle((selectors: readonly string[]) => {
    let scope: Document | ShadowRoot | null = document;
    let node: Element | null = null;
    for (const selector of selectors) {
      node = scope?.querySelector(selector) ?? null;
      if (!node) return null;
      scope = node.shadowRoot;
    }
    return node;
  }, path);
  const node = handle.asElement();
  if (!node) await handle.dispose();
  return node as ElementHandle | null;
}

/** Runs `action` on the node at `path` (see {@link nodeAt}); throws, naming the path, when there is none. */
export async function withNodeAt<T>(
  page: Page,
  path: readonly string[],
  action: (node: ElementHandle, where: string) => Promise<T>,
): Promise<T> {
  const where = path.join(' >> ');
  const node = await nodeAt(page, path);
  if (!node) throw new Error(`nothing at ${where}`);
  try {
    return await action(node, where);
  } finally {
    await node.dispose();
  }
}
