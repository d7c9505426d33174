// `pnpm size`, last part: the bytes a browser transfers for the CAD console page (examples/
// cad-console/) with the single file and with the loader (`?peerlink=loader`), measured in Chromium
// against the real service once the page shows a request button ready to press. Each file counts
// at its gzip -9 size, as a CDN sends it (the example host serves files plain).
import { newCall, startStack, until } from '../../test/e2e/support/stack.js';
import { recordTransfers, totalGzip, type Fetched } from '../../test/e2e/support/transfer.js';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const stack = await startStack();
try {
  const measure = async (viaLoader: boolean): Promise<{ peerlink: Fetched[]; all: Fetched[] }> => {
    const page = await stack.browser.newPage();
    try {
      const transfers = recordTransfers(page, stack.host.url);
      const url = new URL('/cad-console/index.html', stack.host.url);
      if (viaLoader) url.searchParams.set('peerlink', 'loader');
      url.searchParams.set('call', JSON.stringify(newCall('SIZE')));
      await page.goto(url.href, { waitUntil: 'load' });
      const phase = () =>
        page.evaluate(
          () => document.querySelector<Element & { phase?: string }>('#detail peer-request-button')?.phase ?? 'missing',
        );
      await until(
        async () => (await phase()) === 'ready',
        20_000,
        `the request button${viaLoader ? ' with the loader' : ''}`,
      );
      return { peerlink: await transfers.peerlink(), all: await transfers.files() };
    } finally {
      await page.close();
    }
  };
  const single = await measure(false);
  const loader = await measure(true);
  const line = (name: string, files: readonly Fetched[]) =>
    `${name} ${kb(totalGzip(files))} in ${String(files.length)} files`;
  console.log(
    `figure: CAD console page, Peerlink files transferred (Chromium, gzip -9 each)\t${line('loader', loader.peerlink)}\t${line('single file', single.peerlink)}`,
  );
  console.log(
    `  CAD console, loader:      ${loader.peerlink.map((file) => `${file.path.replace('/peerlink/', '')} ${kb(file.gzip)}`).join(', ')}`,
  );
  console.log(
    `  CAD console, single file: ${single.peerlink.map((file) => `${file.path.replace('/peerlink/', '')} ${kb(file.gzip)}`).join(', ')}`,
  );
  console.log(
    `  CAD console, whole page (host files too): loader ${kb(totalGzip(loader.all))}, single file ${kb(totalGzip(single.all))}`,
  );
} finally {
  await stack.close();
}
