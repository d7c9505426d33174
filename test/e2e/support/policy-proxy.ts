// An HTTP proxy in front of a host that sends every response under a given
// Content-Security-Policy in place of the host's own, so pages can be tested under an exact
// policy without changing the host. Everything else passes through unchanged, except that its
// own pages' Origin reaches the host as the host's origin (the pages stand in for its own).
import { createServer, request } from 'node:http';
import { listenOnLoopback } from '../../../packages/server/test/loopback.js';

export interface PolicyProxy {
  url: string;
  close(): Promise<void>;
}

export async function startPolicyProxy(target: string, policy: string): Promise<PolicyProxy> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        // Pages here stand in for the host's own: their requests reach it as its own origin's.
        headers: {
          ...req.headers,
          host: upstream.host,
          ...(req.headers.origin === proxy.url ? { origin: upstream.origin } : {}),
        },
      },
      (answer) => {
        const headers = { ...answer.headers, 'content-security-policy': policy };
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => {
      res.writeHead(502).end();
    });
    req.pipe(forwarded);
  });
  const proxy = await listenOnLoopback(server);
  return proxy;
}
