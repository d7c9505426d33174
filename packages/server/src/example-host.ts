import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmbedSessionRequest } from '@peerlink/sdk';
import { createApiKey } from './domain/auth.js';
import type { Database } from './infra/db/database.js';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface ExampleHost {
  url: string;
  pages: string[];
  close(): Promise<void>;
}

/**
 * Plays the part of a host system for the example pages: serves them under a strict CSP and,
 * like a real host's server, keeps the agency's secret API key server-side and exchanges it for
 * short-lived embed tokens (`POST /host/session`). The browser never sees the key.
 */
export async function startExampleHost(options: {
  root: string;
  apiUrl: string;
  db: Database;
  port?: number;
  host?: string;
}): Promise<ExampleHost> {
  const [program] = await options.db.query<{ id: string }>(
    "select id from agencies where kind = 'peer-program' order by created_at limit 1",
  );
  if (!program) throw new Error('no program agency to host examples for; run with --seed-if-empty');
  const { key } = await createApiKey(options.db, program.id, 'example host');
  /**
   * The peer the program console acts as, read on each page load as the roster changes: one that
   * others report to, else one with the supervisor role, else the first active peer.
   */
  const supervisorOf = async (agencyId: string): Promise<string | null> => {
    const [row] = await options.db.query<{ id: string }>(
      `select s.id from specialists s where s.agency_id = $1 and s.active
        order by exists (select 1 from specialists r where r.supervisor_id = s.id and r.active) desc,
                 coalesce(s.doc->'roles' ? 'supervisor', false) desc, s.created_at, s.id
        limit 1`,
      [agencyId],
    );
    return row?.id ?? null;
  };
  const bundleDir = fileURLToPath(new URL('../../elements/dist/', import.meta.url));
  const apiOrigin = new URL(options.apiUrl).origin;
  const csp = `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ${apiOrigin}; img-src 'self' data:; require-trusted-types-for 'script'; frame-ancestors 'none'`;

  const send = (res: ServerResponse, status: number, body: string | Buffer, type: string) => {
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  };

  /** Serves a file under `base` only where its real path (symlinks followed) stays under `base`. */
  const file = async (res: ServerResponse, base: string, path: string): Promise<boolean> => {
    if (!servable(path)) return false;
    try {
      const realBase = await realpath(base);
      const full = await realpath(join(base, path));
      if (!full.startsWith(realBase + sep) && full !== realBase) return false;
      // A folder is served by its index.html, so links can name a page by its folder.
      const target = (await stat(full)).isDirectory() ? await realpath(join(full, 'index.html')) : full;
      if (!target.startsWith(realBase + sep) || !(await stat(target)).isFile()) return false;
      send(res, 200, await readFile(target), types[extname(target)] ?? 'application/octet-stream');
      return true;
    } catch {
      return false;
    }
  };

  const viteConfig = /(^|[\\/])vite\.config\.[cm]?[jt]s$/;

  const pagesIn = async (): Promise<string[]> => {
    try {
      const names = (await readdir(options.root, { recursive: true })).filter(servable);
      // A Vite app's own index.html is its source; the page is its build, listed from dist/.
      const apps = new Set(names.filter((name) => viteConfig.test(name)).map((name) => dirname(name)));
      return names.filter((name) => name.endsWith('.html') && !apps.has(dirname(name))).sort();
    } catch {
      return [];
    }
  };

  /** Whether `path` names the folder of a Vite app (sources beside a vite.config), whose page is its dist/. */
  const isViteApp = async (path: string): Promise<boolean> => {
    const full = normalize(join(options.root, path));
    if (!full.startsWith(normalize(options.root + sep))) return false;
    try {
      return (await readdir(full)).some((name) => viteConfig.test(name));
    } catch {
      return false;
    }
  };

  /** Inside a Vite app only its build (dist/) is served, never its sources or configuration. */
  const isViteSource = async (path: string): Promise<boolean> => {
    const parts = path.split('/').filter(Boolean);
    for (let depth = 0; depth < parts.length - 1; depth++) {
      if (parts[depth + 1] !== 'dist' && (await isViteApp(parts.slice(0, depth + 1).join('/')))) return true;
    }
    return false;
  };

  const session = async (req: IncomingMessage, res: ServerResponse) => {
    // Only this host's own pages may ask for a token: a page elsewhere (or a rebound host name) is refused.
    if (req.headers.origin !== url) {
      send(
        res,
        403,
        JSON.stringify({ title: `embed sessions are only for pages served at ${url}` }),
        'application/json',
      );
      return;
    }
    if (req.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
      send(res, 415, '{"title":"send the session request as application/json"}', 'application/json');
      return;
    }
    let text = '';
    for await (const chunk of req) {
      text += String(chunk);
      if (text.length > 4096) {
        send(res, 413, '{"title":"too large"}', 'application/json');
        return;
      }
    }
    let input: unknown;
    try {
      input = JSON.parse(text || '{}');
    } catch {
      send(res, 400, '{"title":"invalid JSON"}', 'application/json');
      return;
    }
    const request = EmbedSessionRequest.safeParse(input);
    if (!request.success) {
      send(res, 400, '{"title":"invalid session request"}', 'application/json');
      return;
    }
    const response = await fetch(`${options.apiUrl}/v1/embed-sessions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(request.data),
    });
    send(res, response.status, await response.text(), response.headers.get('content-type') ?? 'application/json');
  };

  const server = createServer((req, res) => {
    void (async () => {
      const path = decodedPath(req.url ?? '/');
      if (path === undefined) {
        send(res, 400, 'Bad request path', 'text/plain');
        return;
      }
      if (req.method === 'POST' && path === '/host/session') return session(req, res);
      if (req.method !== 'GET') {
        send(res, 405, 'Method not allowed', 'text/plain');
        return;
      }
      if (path === '/host/config.json') {
        const config = { apiUrl: options.apiUrl, agencyId: program.id, supervisorId: await supervisorOf(program.id) };
        send(res, 200, JSON.stringify(config), 'application/json');
        return;
      }
      if (path.startsWith('/peerlink/') && (await file(res, bundleDir, path.slice('/peerlink/'.length)))) return;
      // A folder of examples with its own index page (examples/index.html) is introduced by it.
      if (path === '/' && (await file(res, options.root, '/index.html'))) return;
      if (path === '/') {
        const links = (await pagesIn()).map((page) => `<li><a href="/${page}">${page}</a></li>`).join('');
        send(
          res,
          200,
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Peerlink examples</title></head><body><h1>Peerlink example hosts</h1><ul>${links || '<li>No example pages yet.</li>'}</ul></body></html>`,
          types['.html'] ?? 'text/html',
        );
        return;
      }
      if (await isViteSource(path)) {
        send(res, 404, 'Not found', 'text/plain');
        return;
      }
      if (await isViteApp(path)) {
        res.writeHead(302, { Location: `${path.replace(/\/+$/, '')}/dist/`, 'Cache-Control': 'no-store' }).end();
        return;
      }
      if (await file(res, options.root, path)) return;
      send(res, 404, 'Not found', 'text/plain');
    })().catch(() => {
      send(res, 500, 'Internal error', 'text/plain');
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 4173, options.host ?? '127.0.0.1', resolve));
  const url = `http://${options.host ?? '127.0.0.1'}:${String((server.address() as AddressInfo).port)}`;
  const pages = await pagesIn();
  return {
    url,
    pages: [`Example hosts    ${url}/`, ...pages.map((page) => `  ${page.padEnd(30)} ${url}/${page}`)],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** The request's path, decoded; undefined when its percent-encoding is broken or it holds a NUL. */
function decodedPath(url: string): string | undefined {
  try {
    const path = decodeURIComponent(new URL(url, 'http://host').pathname);
    return path.includes('\0') ? undefined : path;
  } catch {
    return undefined;
  }
}

/** Built pages only: no dotfiles or dot-folders, nothing from node_modules. */
function servable(path: string): boolean {
  return path.split(/[\\/]/).every((part) => !part.startsWith('.') && part !== 'node_modules');
}
