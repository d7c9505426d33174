// The HTTP edge of the service: what it refuses before any handler runs, and what it never echoes or logs.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import type { Dispatch, Problem } from '@peerlink/sdk';
import { harnessFor, hostOrigin, ids, incident, storages } from './harness.js';
import { keptConnection } from './kept-connection.js';
import { readEvents } from './sse.js';

const problemOf = (response: { body: unknown }) => response.body as Problem;
const jwks = `/v1/agencies/${ids.agency}/jwks.json`;

/** Sends a chunked body of `total` bytes; resolves with the answer and how many bytes went out before it came. */
function chunkedUpload(
  url: string,
  token: string,
  total: number,
): Promise<{ status: number; sentBeforeAnswer: number; contentType: string | undefined }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(`${url}/v1/dispatches`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    });
    req.on('response', (res) => {
      answered = true;
      const sentBeforeAnswer = sent;
      res.resume();
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, sentBeforeAnswer, contentType: res.headers['content-type'] });
      });
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(16 * 1024, 'x');
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', () => setTimeout(pump, 1));
          return;
        }
      }
      if (!answered) req.end();
    };
    req.write('{"note":"');
    pump();
  });
}

describe('HTTP edge', () => {
  it('keeps an idle connection open past the 60 s idle timeout of common proxies, and as long as it is told', async (t) => {
    const byDefault = await harnessFor(t, 'pglite');
    const kept = await keptConnection(byDefault.server.url);
    assert.equal(kept.keepAlive, 'timeout=72', 'longer than a load balancer keeps its idle connections');
    // (Node's client gives up a connection itself when told 1 s: its margin is a second.)
    const h = await harnessFor(t, 'pglite', { config: { keepAliveTimeoutMs: 2000 } });
    const short = await keptConnection(h.server.url);
    assert.equal(short.keepAlive, 'timeout=2');
    const closedAfter = await short.closedAfterMs;
    assert.ok(closedAfter > 1500 && closedAfter < 4500, `closed after ${closedAfter.toFixed(0)} ms idle`);
  });

  it('refuses a chunked body as soon as it passes the limit, with a problem', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const dispatcher = await h.token('dispatcher');
    const answer = await chunkedUpload(h.server.url, dispatcher, 10 * 1024 * 1024);
    assert.equal(answer.status, 413);
    assert.equal(answer.contentType, 'application/problem+json');
    assert.ok(
      answer.sentBeforeAnswer < 2 * 1024 * 1024,
      `the refusal came after ${String(answer.sentBeforeAnswer)} bytes of a 10 MB upload`,
    );
    assert.equal((await h.call('GET', '/v1/dispatches', { token: dispatcher })).status, 200, 'the service goes on');
  });

  it('decides a declared body by its length, to the byte, and still reads a chunked one under the limit', async (t) => {
    const limit = 2048;
    const h = await harnessFor(t, 'pglite', { config: { bodyLimit: limit } });
    const dispatcher = await h.token('dispatcher');
    /** A call-out padded with an unknown field to `bytes` bytes of JSON: refused by the contract (400) or the limit (413). */
    const padded = (bytes: number) => {
      const bare = JSON.stringify({ ...incident(), pad: '' });
      return JSON.stringify({ ...(JSON.parse(bare) as object), pad: 'x'.repeat(bytes - bare.length) });
    };
    const atLimit = await h.call('POST', '/v1/dispatches', { token: dispatcher, body: padded(limit) });
    assert.equal(atLimit.status, 400, 'a body of exactly the limit is read (and refused for its unknown field)');
    const over = await h.call('POST', '/v1/dispatches', { token: dispatcher, body: padded(limit + 1) });
    assert.equal(over.status, 413);
    assert.equal(over.headers.get('content-type'), 'application/problem+json');

    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${h.server.url}/v1/dispatches`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${dispatcher}`, 'Content-Type': 'application/json' },
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body });
        });
      });
      req.on('error', reject);
      const text = JSON.stringify(incident());
      req.write(text.slice(0, 40));
      req.end(text.slice(40));
    });
    assert.equal(chunked.status, 201, chunked.body);
    assert.equal((JSON.parse(chunked.body) as Dispatch).status, 'notified');
  });

  it('limits anonymous callers by their socket address, whatever X-Forwarded-For says', async (t) => {
    const h = await harnessFor(t, 'pglite', { config: { rateLimit: { capacity: 3, perSecond: 0.1 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await h.call('GET', jwks, { headers: { 'X-Forwarded-For': `203.0.113.${String(i)}` } })).status);
    assert.deepEqual(statuses, [200, 200, 200, 429, 429], 'rotating the header does not make a new caller');
  });

  it('behind a trusted proxy, tells callers apart by the address the proxy recorded', async (t) => {
    const h = await harnessFor(t, 'pglite', {
      config: { trustProxy: true, rateLimit: { capacity: 2, perSecond: 0.1 } },
    });
    const from = (chain: string) => h.call('GET', jwks, { headers: { 'X-Forwarded-For': chain } });
    assert.equal((await from('198.51.100.7')).status, 200);
    assert.equal(
      (await from('203.0.113.1, 198.51.100.7')).status,
      200,
      'a client-written first entry does not make a new caller',
    );
    const limited = await from('203.0.113.2, 198.51.100.7');
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.equal((await from('198.51.100.8')).status, 200, 'another client keeps its own bucket');
  });

  it('limits refused API keys per address with 429 and Retry-After', async (t) => {
    const h = await harnessFor(t, 'pglite', { config: { authFailureLimit: { capacity: 3, perSecond: 0.01 } } });
    const wrongKey = `plk_000000000000_${'a'.repeat(43)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await h.call('POST', '/v1/embed-sessions', { token: wrongKey, body: { role: 'dispatcher' } })).status,
      );
    assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
    const limited = await h.call('POST', '/v1/embed-sessions', { token: h.apiKey, body: { role: 'dispatcher' } });
    assert.equal(limited.status, 429, 'while limited, no key is tried at all');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  });

  it('refuses a secret API key sent from a browser, saying why', async (t) => {
    const h = await harnessFor(t, 'pglite');
    for (const origin of [hostOrigin, 'https://evil.example', 'null']) {
      const refused = await h.call('POST', '/v1/embed-sessions', {
        token: h.apiKey,
        body: { role: 'dispatcher' },
        headers: { Origin: origin },
      });
      assert.equal(refused.status, 403, origin);
      assert.match(problemOf(refused).detail ?? '', /secret API key must never be sent from a browser/);
    }
    assert.equal(
      (await h.call('POST', '/v1/embed-sessions', { token: h.apiKey, body: { role: 'dispatcher' } })).status,
      201,
      'from a server it works',
    );
  });

  it('refuses a Last-Event-ID it never issued, without a database error', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const logged = t.mock.method(console, 'error', () => undefined);
    const dispatcher = await h.token('dispatcher');
    for (const id of ['99999999999999999999', '9223372036854775808', '-1', '00012', '1e3', 'abc']) {
      const refused = await h.call('GET', '/v1/events', { token: dispatcher, headers: { 'Last-Event-ID': id } });
      assert.equal(refused.status, 400, id);
      assert.equal(problemOf(refused).errors?.[0]?.path, 'Last-Event-ID');
    }
    const largest = await readEvents(h.server.url, dispatcher, { lastEventId: '9223372036854775807' });
    largest.close();
    assert.equal(logged.mock.callCount(), 0, 'nothing reached the log');
  });

  it('lists at most 50 field errors and counts the rest', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const dispatcher = await h.token('dispatcher');
    const body: Record<string, unknown> = { ...incident() };
    for (let i = 0; i < 4000; i++) body[`k${String(i)}`] = 0;
    const text = JSON.stringify(body);
    const answer = await fetch(`${h.server.url}/v1/dispatches`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${dispatcher}`, 'Content-Type': 'application/json' },
      body: text,
    });
    const answerText = await answer.text();
    assert.equal(answer.status, 400);
    const problem = JSON.parse(answerText) as Problem;
    assert.equal(problem.errors?.length, 50);
    assert.match(problem.detail ?? '', /4000 fields are invalid; the first 50 are listed, 3950 more are not/);
    assert.ok(
      answerText.length < text.length,
      `answer ${String(answerText.length)} bytes for a request of ${String(text.length)}`,
    );
  });

  it('sends Cache-Control: no-store with records, tokens, problems and the acknowledgement page', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const session = await h.call('POST', '/v1/embed-sessions', { token: h.apiKey, body: { role: 'dispatcher' } });
    const dispatcher = (session.body as { token: string }).token;
    const created = await h.call('POST', '/v1/dispatches', { token: dispatcher, body: incident() });
    const answers = [
      session,
      created,
      await h.call('GET', '/v1/dispatches', { token: dispatcher }),
      await h.call('GET', `/v1/dispatches/${(created.body as Dispatch).id}`, { token: dispatcher }),
      await h.call('GET', '/v1/referrals', { token: await h.token('specialist', { subjectId: ids.primary }) }),
      await h.call('GET', '/v1/callout-logs', { token: await h.token('supervisor', { subjectId: ids.supervisor }) }),
      await h.call('GET', '/v1/dispatches'),
      await h.call('GET', `/v1/ack/${'x'.repeat(40)}`),
    ];
    for (const answer of answers)
      assert.equal(
        answer.headers.get('cache-control'),
        'no-store',
        `${String(answer.status)} ${JSON.stringify(answer.body).slice(0, 80)}`,
      );
  });

  it('echoes neither the request path in a 404 nor an acknowledgement token in a problem', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const missing = await h.call('GET', '/v1/nothing-here/<b>Dana-555-0100</b>');
    assert.equal(missing.status, 404);
    // The number whole: the problem's random request id can hold "555" by chance.
    assert.doesNotMatch(JSON.stringify(missing.body), /nothing-here|Dana|555-0100/);
    const token = `eyJhbGciOiJFZERTQSJ9.${'A'.repeat(40)}.${'B'.repeat(40)}`;
    const refused = await h.call('POST', `/v1/ack/${token}`, { body: { decision: 'acknowledge' } });
    assert.equal(refused.status, 401);
    assert.ok(!JSON.stringify(refused.body).includes('A'.repeat(40)), JSON.stringify(refused.body));
  });

  it('caps the event streams one token subject holds open, and frees a slot when one closes', async (t) => {
    const h = await harnessFor(t, 'pglite', { config: { streamsPerPrincipal: 2 } });
    const dispatcher = await h.token('dispatcher');
    const first = await readEvents(h.server.url, dispatcher);
    const second = await readEvents(h.server.url, dispatcher);
    t.after(() => {
      second.close();
    });
    const third = await h.call('GET', '/v1/events', { token: dispatcher });
    assert.equal(third.status, 429);
    assert.equal(problemOf(third).type, '/problems/rate-limited');
    const peer = await readEvents(h.server.url, await h.token('specialist', { subjectId: ids.primary }));
    peer.close();
    first.close();
    const deadline = Date.now() + 5000;
    let again: Awaited<ReturnType<typeof readEvents>> | undefined;
    while (!again && Date.now() < deadline) {
      again = await readEvents(h.server.url, dispatcher).catch(() => undefined);
      if (!again) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(again, 'a closed stream gives its slot back');
    again.close();
  });
});

for (const storage of await storages()) {
  describe(`input PostgreSQL cannot store, on ${storage}`, () => {
    it('is refused with a field error, in bodies, queries, cursors and timestamps', async (t) => {
      const h = await harnessFor(t, storage);
      const dispatcher = await h.token('dispatcher');
      const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
      const withAddress = (address: string) => {
        const body = incident();
        return { callForService: { ...body.callForService, location: { ...body.callForService.location, address } } };
      };
      const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const cases: [string, Promise<{ status: number; body: unknown }>, string][] = [
        [
          'U+0000 in a body',
          h.call('POST', '/v1/dispatches', { token: dispatcher, body: withAddress('12 Elm\u0000St') }),
          'callForService.location.address',
        ],
        [
          'a lone surrogate in a body',
          h.call('POST', '/v1/dispatches', {
            token: dispatcher,
            body: '{"callForService":{"externalId":"CAD-\\ud800x","type":"overdose-nonfatal","location":{"address":"1 Elm"},"receivedAt":"2026-01-01T00:00:00Z"}}',
          }),
          'callForService.externalId',
        ],
        ['U+0000 in a query', h.call('GET', '/v1/dispatches?externalId=CAD%0042', { token: dispatcher }), 'externalId'],
        [
          'a cursor of garbage values',
          h.call('GET', `/v1/dispatches?cursor=${cursor(['Dana Smith 555-0100', 'x'])}`, { token: dispatcher }),
          'cursor',
        ],
        [
          'a cursor with a year 0000 time',
          h.call('GET', `/v1/dispatches?cursor=${cursor(['0000-01-01T00:00:00Z', ids.agency])}`, { token: dispatcher }),
          'cursor',
        ],
        [
          'year 0000 in at',
          h.call('GET', '/v1/specialists/on-call?at=0000-06-01T00:00:00Z', { token: dispatcher }),
          'at',
        ],
        [
          'year 0000 in since',
          h.call('GET', `/v1/audit?since=${encodeURIComponent('0001-01-01T00:00:00+01:00')}`, { token: supervisor }),
          'since',
        ],
      ];
      for (const [what, pending, path] of cases) {
        const answer = await pending;
        assert.equal(answer.status, 400, `${what}: ${JSON.stringify(answer.body)}`);
        assert.deepEqual(
          problemOf(answer).errors?.map((e) => e.path),
          [path],
          what,
        );
      }
    });

    it('logs a database error by request id and SQLSTATE only, never its values', async (t) => {
      const h = await harnessFor(t, storage);
      // A trigger that refuses the row quoting what it holds, as PostgreSQL's own errors do.
      await h.server.db.exec(`
        create function refuse_dispatch() returns trigger language plpgsql as $$
        begin raise exception 'refused %', new.doc->'callForService'->'location'->>'address' using errcode = '23514'; end $$;
        create trigger refuse_dispatch before insert on dispatches for each row execute function refuse_dispatch();`);
      const lines: string[] = [];
      t.mock.method(console, 'error', (...args: unknown[]) => {
        lines.push(args.map(String).join(' '));
      });
      const dispatcher = await h.token('dispatcher');
      const body = incident();
      const address = 'Dana Smith 555-0100\n[forged] all good';
      const failed = await h.call('POST', '/v1/dispatches', {
        token: dispatcher,
        body: { callForService: { ...body.callForService, location: { ...body.callForService.location, address } } },
      });
      assert.equal(failed.status, 500);
      const requestId = problemOf(failed).requestId ?? '';
      const log = lines.join('\n');
      assert.ok(log.startsWith(`[${requestId}] `), log);
      assert.match(log, /SQLSTATE 23514/);
      // The number whole: a random request id or a stack's folder can hold "555" by chance.
      assert.doesNotMatch(log, /Dana|555-0100|forged/);
    });
  });
}
