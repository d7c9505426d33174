// The browser bundles compact the elements' `css` templates (rollup.config.mjs, `compactStyles`). Chromium must
// read every element's styles the same from a bundle built with it as from one built without: each rule's text,
// as the CSS object model serializes it, for every `peer-*` element of the single file.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rollup, type Plugin, type RollupOptions } from 'rollup';
import type { Browser } from 'puppeteer-core';
import { bundle, elementEntries } from '../../rollup.config.mjs';
import { launchChromium } from './support/chromium.js';

const SINGLE_FILE = 'packages/elements/src/cdn.ts';

/** The single file as `pnpm build` writes it, or without the styles compacted. */
async function singleFile(compacted: boolean): Promise<string> {
  const config = bundle(SINGLE_FILE, 'peerlink.min.js') as RollupOptions & { plugins: Plugin[] };
  const plugins = compacted ? config.plugins : config.plugins.filter((p) => p.name !== 'peerlink-compact-styles');
  const build = await rollup({ ...config, plugins, onwarn: () => undefined });
  const { output } = await build.generate({ format: 'es', inlineDynamicImports: true });
  await build.close();
  return output[0].code;
}

/** Each element's style rules as Chromium serializes them, by tag, once `code` has run in a page. */
async function stylesRead(browser: Browser, code: string, tags: readonly string[]): Promise<Record<string, string[]>> {
  const page = await browser.newPage();
  try {
    await page.goto('about:blank');
    await page.addScriptTag({ content: code, type: 'module' });
    return await page.evaluate(async (names: readonly string[]) => {
      const read: Record<string, string[]> = {};
      for (const name of names) {
        await customElements.whenDefined(name);
        const element = customElements.get(name) as unknown as { elementStyles: { styleSheet?: CSSStyleSheet }[] };
        read[name] = element.elementStyles.flatMap((style) =>
          [...(style.styleSheet?.cssRules ?? [])].map((rule) => rule.cssText),
        );
      }
      return read;
    }, tags);
  } finally {
    await page.close();
  }
}

describe('compacted element styles', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
  });

  it('are read by Chromium exactly as the styles written, for every element, in fewer bytes', async () => {
    const tags = Object.keys(elementEntries());
    assert.ok(tags.length >= 10, `the elements: ${tags.join(', ')}`);
    const [compacted, written] = await Promise.all([singleFile(true), singleFile(false)]);
    assert.ok(
      compacted.length < written.length,
      `compacted ${String(compacted.length)} of ${String(written.length)} bytes`,
    );
    const [read, expected] = [await stylesRead(browser, compacted, tags), await stylesRead(browser, written, tags)];
    for (const tag of tags) {
      assert.ok((expected[tag]?.length ?? 0) > 0, `${tag} has style rules`);
      assert.deepEqual(read[tag], expected[tag], tag);
    }
  });
});
