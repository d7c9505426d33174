// What a page fetched, file by file, and what each file weighs as a CDN sends it (gzip -9): the
// example host serves files uncompressed, so the transferred size is computed from each body.
import { gzipSync } from 'node:zlib';
import type { HTTPResponse, Page } from 'puppeteer-core';

export interface Fetched {
  /** Path on the host, such as `/peerlink/cdn/loader.js`. */
  path: string;
  bytes: number;
  gzip: number;
  /** gzip -9 of the file without the `//# sourceMappingURL=` line it ends with, as bundles are measured by `pnpm size`. */
  codeGzip: number;
}

export interface Transfers {
  /** Every same-origin file fetched so far (source maps aside: a browser fetches them only with devtools open). */
  files(): Promise<Fetched[]>;
  /** The Peerlink files among them (served under /peerlink/). */
  peerlink(): Promise<Fetched[]>;
}

/** Starts recording the page's responses; call before it navigates. */
export function recordTransfers(page: Page, origin: string): Transfers {
  const pending: Promise<Fetched | undefined>[] = [];
  const measure = async (response: HTTPResponse): Promise<Fetched | undefined> => {
    const url = new URL(response.url());
    if (url.origin !== origin || response.status() !== 200 || url.pathname.endsWith('.map')) return undefined;
    const body = await response.buffer();
    const code = body.toString('utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '');
    const gzip = (data: Buffer | string) => gzipSync(data, { level: 9 }).length;
    return { path: url.pathname, bytes: body.length, gzip: gzip(body), codeGzip: gzip(code) };
  };
  page.on('response', (response) => {
    pending.push(measure(response).catch(() => undefined));
  });
  const files = async () => (await Promise.all(pending)).filter((file): file is Fetched => file !== undefined);
  return { files, peerlink: async () => (await files()).filter((file) => file.path.startsWith('/peerlink/')) };
}

export const totalGzip = (files: readonly Fetched[]): number => files.reduce((sum, file) => sum + file.gzip, 0);

/** The files' code as `pnpm size` weighs bundles: gzip -9 each, without the source-map line. */
export const totalCodeGzip = (files: readonly Fetched[]): number => files.reduce((sum, file) => sum + file.codeGzip, 0);
