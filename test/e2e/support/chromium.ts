// Headless Chromium for the end-to-end suites. A missing browser fails at once with the command to run.
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
import { chromiumFlags, chromiumPath } from '../../support/chromium-flags.js';

/** Background pages keep their timers and animation frames, as a console left open would. */
export const keepBackgroundPagesAwake = [
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/** Throws at once, naming the command to run, when there is no browser to launch. */
export function requireChromium(): void {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium was not found at ${chromiumPath}: run \`node scripts/test/ensure-chromium.mjs\` (npm test does) or set CHROME_PATH`,
    );
  }
}

export function launchChromium(extraFlags: readonly string[] = []): Promise<Browser> {
  requireChromium();
  return puppeteer.launch({ executablePath: chromiumPath, headless: true, args: [...chromiumFlags, ...extraFlags] });
}
