// Plays the host system for outbox-app.ts: serves the page (the SDK bundled from its sources)
// under a strict CSP and exchanges its API key for embed tokens with the service directly, as a
// host's server does, so only the browser's link to the service goes through the cuttable proxy.
import { createServer } from 'node:http';
import { listenOnLoopback } from '../../../packages/server/test/loopback.js';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface OutboxHost {
  url: string;
  close(): Promise<void>;
}

export interface OutboxHostOptions {
  /** Where the page reaches the service (the proxy). */
  apiUrl: string;
  /** Where the host's server reaches the service. */
  serviceUrl: string;
  apiKey: string;
  role?: string;
}

export async function startOutboxHost(options: OutboxHostOptions): Promise<OutboxHost> {
  const bundled = await build({
    entryPoints: [fileURLToPath(new URL('./outbox-app.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source'],
    write: false,
    logLevel: 'silent',
  });
  const script = bundled.outputFiles[0]?.text ?? '';
  const page =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Outbox host</title><script type="module" src="/app.js"></script></head><body></body></html>';
  const csp = `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ${new URL(options.apiUrl).origin}; require-trusted-types-for 'script'`;
  const server = createServer((req, res) => {
    const send = (status: number, type: string, body: string) => {
      res
        .writeHead(status, { 'Content-Type': type, 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' })
        .end(body);
    };
    const path = new URL(req.url ?? '/', 'http://host').pathname;
    const routes: Record<string, [string, string] | undefined> = {
      '/': ['text/html; charset=utf-8', page],
      '/app.js': ['text/javascript; charset=utf-8', script],
      '/config.json': ['application/json', JSON.stringify({ apiUrl: options.apiUrl })],
    };
    const route = req.method === 'GET' ? routes[path] : undefined;
    if (route) {
      send(200, ...route);
      return;
    }
    if (req.method === 'POST' && path === '/session') {
      void fetch(`${options.serviceUrl}/v1/embed-sessions`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${options.apiKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ role: options.role ?? 'dispatcher' }),
      })
        .then(async (response) => {
          send(response.status, 'application/json', await response.text());
        })
        .catch(() => {
          send(502, 'application/json', '{"title":"service unreachable"}');
        });
      return;
    }
    send(404, 'text/plain', 'Not found');
  });
  return listenOnLoopback(server);
}
