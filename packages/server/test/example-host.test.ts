// The example host ships and gets copied: it serves built pages only and mints tokens only for its own pages.
// Its config names the program and the peer its console signs in as the supervisor.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { startExampleHost } from '../src/example-host.js';
import { harnessFor, ids } from './harness.js';

function tree(t: { after: (fn: () => void) => void }) {
  const dir = mkdtempSync(join(tmpdir(), 'peerlink-host-'));
  t.after(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const put = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  put('outside/secret.txt', 'outside the examples');
  put('examples/page/index.html', '<!doctype html><title>page</title>');
  put('examples/.env', 'SECRET=1');
  put('examples/app/vite.config.ts', 'export default {}');
  put('examples/app/src/main.ts', 'source');
  put('examples/app/dist/index.html', '<!doctype html><title>built</title>');
  put('examples/app/node_modules/pkg/index.js', 'dependency');
  symlinkSync(join(dir, 'outside/secret.txt'), join(dir, 'examples/page/leak.txt'));
  symlinkSync(join(dir, 'outside'), join(dir, 'examples/page/linked'));
  return join(dir, 'examples');
}

describe('example host', () => {
  it('serves built pages only: no sources, node_modules, dotfiles or symlinks out, and 400 for a broken path', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const host = await startExampleHost({ root: tree(t), apiUrl: h.server.url, db: h.server.db, port: 0 });
    t.after(() => host.close());
    const get = (path: string) => fetch(`${host.url}${path}`, { redirect: 'manual' });
    assert.equal((await get('/page/')).status, 200);
    assert.equal((await get('/app/dist/')).status, 200);
    assert.equal((await get('/app/')).status, 302);
    for (const path of [
      '/app/src/main.ts',
      '/app/vite.config.ts',
      '/app/node_modules/pkg/index.js',
      '/.env',
      '/%2e%2e/outside/secret.txt',
      '/page/leak.txt',
      '/page/linked/secret.txt',
    ]) {
      const answer = await get(path);
      assert.equal(answer.status, 404, path);
      assert.doesNotMatch(await answer.text(), /outside the examples|SECRET|dependency|source/, path);
    }
    for (const path of ['/%E0%A4%A', '/page/%00.html']) assert.equal((await get(path)).status, 400, path);
    assert.doesNotMatch(await (await get('/')).text(), /node_modules|\.env/);
  });

  it('mints embed tokens only for its own pages, from a JSON request', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const host = await startExampleHost({ root: tree(t), apiUrl: h.server.url, db: h.server.db, port: 0 });
    t.after(() => host.close());
    const session = (headers: Record<string, string>) =>
      fetch(`${host.url}/host/session`, {
        method: 'POST',
        headers,
        body: '{"role":"supervisor","subjectId":"00000000-0000-4000-8000-000000000000"}',
      });
    const json = { 'Content-Type': 'application/json' };
    assert.equal((await session(json)).status, 403, 'no Origin');
    assert.equal((await session({ ...json, Origin: 'https://evil.example' })).status, 403, 'another origin');
    assert.equal(
      (await session({ ...json, Origin: 'http://rebound.example:4173' })).status,
      403,
      'a rebound host name',
    );
    assert.equal(
      (await session({ 'Content-Type': 'text/plain', Origin: host.url })).status,
      415,
      'a simple (form-like) request',
    );
    const own = await fetch(`${host.url}/host/session`, {
      method: 'POST',
      headers: { ...json, Origin: host.url },
      body: '{"role":"dispatcher"}',
    });
    assert.equal(own.status, 201, await own.clone().text());
    assert.match(((await own.json()) as { token: string }).token, /^ey/);
  });

  it('names the program and its supervisor, a peer others report to, for the program console', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const host = await startExampleHost({ root: tree(t), apiUrl: h.server.url, db: h.server.db, port: 0 });
    t.after(() => host.close());
    const config = (await (await fetch(`${host.url}/host/config.json`)).json()) as Record<string, unknown>;
    assert.deepEqual(config, { apiUrl: h.server.url, agencyId: ids.agency, supervisorId: ids.supervisor });
  });
});
