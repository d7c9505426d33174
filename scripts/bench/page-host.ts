// The Node side of the benchmarks run in Chromium (the picker's and the staff elements'): the page
// bundled with esbuild, served on a free local port, one headless Chromium, and how busy the machine
// was. `page-timing.ts` is the page's side.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { chromiumFlags, chromiumPath } from '../../test/support/chromium-flags.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** Milliseconds as the tables print them. */
export const ms = (value: number) => value.toFixed(1);

/** The page's TypeScript (`contents`, named `sourcefile` in errors) bundled and minified for Chromium. */
export async function bundlePage(contents: string, sourcefile: string, plugins: Plugin[] = []): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: `${root}scripts/bench`, loader: 'ts', sourcefile },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    conditions: ['source'],
    tsconfig: `${root}tsconfig.base.json`,
    logLevel: 'error',
    plugins,
  });
  return result.outputFiles[0]?.text ?? '';
}

/**
 * Serves an empty page that loads `/page.js` with the page's own query, and `/page.js` as `script`
 * answers for that query, on a free port of 127.0.0.1.
 */
export async function servePage(script: (query: URLSearchParams) => string) {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/page.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script(url.searchParams));
    } else {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          `<!doctype html><html lang="en"><body style="margin:0"><script type="module" src="/page.js${url.search}"></script></body></html>`,
        );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}` };
}

export const launchChromium = () =>
  puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumFlags],
    protocolTimeout: 600_000,
  });

/**
 * The machine's cores and load average over 1, 5 and 15 minutes: other work on it shows in the tail
 * figures, so each run says how busy it was.
 */
export const machineLoad = () =>
  `${String(os.cpus().length)} cores, load average ${os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}`;
