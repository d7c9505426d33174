import { createHash, randomUUID } from 'node:crypto';
import type { Endpoint, PeerEvent } from '@peerlink/sdk';
import { Id, problemTypes, toFieldErrors } from '@peerlink/sdk';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { streamSSE } from 'hono/streaming';
import * as z from 'zod/mini';
import type { RequestMeta } from '../domain/audit.js';
import { audit, auditedRecordType } from '../domain/audit.js';
import type { KeyStore, Principal } from '../domain/auth.js';
import { authenticateApiKey, verifyAckToken, verifyEmbedToken } from '../domain/auth.js';
import type { ServerConfig } from '../config.js';
import type { Database, Sql } from '../infra/db/database.js';
import type { EventHub } from '../domain/events.js';
import { HttpProblem, describeError, forbidden, idempotencyMismatch, invalid, notFound, rateLimited, tooLarge, tooManyStreams, unauthorized } from '../domain/problems.js';
import type { RateLimiter } from './rate-limit.js';
import { ackPage, handlers, replayed } from './routes.js';
import type { Route } from './route.js';

type Infer<S> = S extends z.core.$ZodType ? z.output<S> : undefined;
import type { Clock } from '../time.js';

export interface AppDeps {
  db: Database;
  keys: KeyStore;
  hub: EventHub;
  config: ServerConfig;
  clock: Clock;
  limiter: RateLimiter;
  /** Refused API keys per client address. */
  authFailures: RateLimiter;
  /** Called after a commit that queued notifications, so they go out now rather than next tick. */
  wake: () => void;
  /** Origins any agency allows; answers CORS preflights, which carry no credentials. */
  allowedOrigins: () => Promise<Set<string>>;
  agencyOrigins: (agencyId: string) => Promise<Set<string>>;
}

const json = { 'Content-Type': 'application/json; charset=utf-8' };

// Problems carry no `instance`: the path can hold an acknowledgement token or whatever a client wrote.
function problemResponse(problem: HttpProblem, requestId: string): Response {
  return new Response(JSON.stringify(problem.toProblem(requestId)), {
    status: problem.status,
    headers: { 'Content-Type': 'application/problem+json', 'X-Request-Id': requestId, ...problem.headers },
  });
}

function parse<S extends z.core.$ZodType | undefined>(schema: S, input: unknown): Infer<S> {
  if (!schema) return undefined as Infer<S>;
  const result = z.safeParse(schema, input);
  if (!result.success) throw invalid(toFieldErrors(result.error.issues, input));
  return result.data as Infer<S>;
}

const requestIdOf = (c: Context) => c.get('requestId' as never) as string;

const bearer = (c: Context): string | undefined => {
  const header = c.req.header('authorization');
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
};

/** The caller's address: the socket's, or behind a trusted proxy the last hop that proxy recorded. */
function clientAddress(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',').map((hop) => hop.trim()).filter(Boolean).at(-1) : undefined;
  return forwarded ?? getConnInfo(c).remote.address ?? 'unknown';
}

/** Checks a secret API key; refused keys count against the caller's address, so keys cannot be guessed at speed. */
async function authenticateKey(c: Context, deps: AppDeps): Promise<Principal> {
  // Whatever reaches a browser can be read there: a request with an Origin must not carry the secret.
  if (c.req.header('origin') !== undefined) {
    throw forbidden("A secret API key must never be sent from a browser; exchange it for an embed token on the host's server");
  }
  const key = bearer(c);
  if (!key) throw unauthorized('Send the secret API key as a Bearer token');
  const address = clientAddress(c, deps.config.trustProxy);
  const wait = deps.authFailures.wait(address);
  if (wait > 0) throw rateLimited(wait);
  try {
    return await authenticateApiKey(deps.db, key);
  } catch (error) {
    if (error instanceof HttpProblem && error.status === 401) deps.authFailures.take(address);
    throw error;
  }
}

async function authenticate(c: Context, endpoint: Endpoint, deps: AppDeps, params: Record<string, string>): Promise<Principal | null> {
  const now = deps.clock();
  switch (endpoint.auth) {
    case 'public':
      return null;
    case 'api-key':
      return authenticateKey(c, deps);
    case 'ack-token':
      return verifyAckToken(deps.keys, params.token ?? '', now);
    case 'embed-token': {
      const token = bearer(c);
      if (!token) throw unauthorized('Send the embed token as a Bearer token');
      const principal = await verifyEmbedToken(deps.keys, token, now);
      // The role is checked by the route, which audits a refusal.
      // A browser request must come from one of the agency's embedding hosts.
      const origin = c.req.header('origin');
      if (origin && !(await deps.agencyOrigins(principal.agencyId)).has(origin)) {
        throw forbidden('This origin is not an allowed host of the agency');
      }
      return principal;
    }
  }
}

/**
 * Whose stored answers an `Idempotency-Key` replays: the agency, the role and the person, or for
 * a subject-less session the host system (API key) that asked for the token, so the fresh token
 * a page reload brings matches. Tokens of one owner may differ in scope: replays are checked
 * against the record like a read.
 */
const idempotencyOwner = (principal: Principal | null): string =>
  principal?.kind === 'embed'
    ? `embed:${principal.agencyId}:${principal.role}:${principal.subjectId ?? `host:${principal.hostId ?? principal.tokenId}`}`
    : principalKey(principal);

const principalKey = (principal: Principal | null): string => {
  if (!principal) return 'public';
  switch (principal.kind) {
    case 'embed':
      return `embed:${principal.agencyId}:${principal.role}:${principal.subjectId ?? principal.tokenId}`;
    case 'api-key':
      return `key:${principal.keyId}`;
    case 'ack':
      return `ack:${principal.tokenId}`;
  }
};

// The body limit middleware has already refused anything larger than `bodyLimit`.
async function readBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid([{ path: '', message: 'The body is not valid JSON', code: 'invalid_json' }]);
  }
}

interface StoredResponse {
  status: number;
  body: unknown;
}

/**
 * Runs a write in one transaction with its idempotency record: a retried request with the same
 * key and body gets the first answer; the same key with another body is refused.
 */
async function runWrite(
  deps: AppDeps,
  principal: Principal | null,
  key: string | undefined,
  requestHash: string,
  work: (tx: Sql) => Promise<StoredResponse>,
  replay: (tx: Sql, earlier: StoredResponse) => Promise<StoredResponse>,
): Promise<StoredResponse> {
  const owner = idempotencyOwner(principal);
  const stored = async (): Promise<StoredResponse | undefined> => {
    if (!key) return undefined;
    const rows = await deps.db.query<{ request_hash: string; status: number; response: unknown }>(
      'select request_hash, status, response from idempotency_keys where principal = $1 and key = $2',
      [owner, key],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.request_hash !== requestHash) throw idempotencyMismatch();
    return { status: row.status, body: row.response };
  };
  const earlier = await stored();
  if (earlier) return deps.db.transaction((tx) => replay(tx, earlier));
  try {
    return await deps.db.transaction(async (tx) => {
      const result = await work(tx);
      if (key) {
        await tx.query(
          'insert into idempotency_keys (principal, key, request_hash, status, response) values ($1, $2, $3, $4, $5::text::jsonb)',
          [owner, key, requestHash, result.status, JSON.stringify(result.body)],
        );
      }
      return result;
    });
  } catch (error) {
    // A concurrent twin committed first: answer with its result.
    const twin = key && !(error instanceof HttpProblem) ? await stored() : undefined;
    if (twin) return deps.db.transaction((tx) => replay(tx, twin));
    throw error;
  }
}

/**
 * Records a refused request (403, or 404 for a record the caller may not see) in its own
 * transaction — the request's own rolled back — and throws the refusal on.
 */
async function refuse(db: Database, principal: Principal | null, meta: RequestMeta, path: string, id: string | undefined, error: unknown): Promise<never> {
  const recordType = auditedRecordType(path);
  if (principal && recordType && error instanceof HttpProblem && (error.status === 403 || error.status === 404)) {
    await db.transaction((tx) => audit(tx, principal, meta, 'denied', recordType, id !== undefined && Id.safeParse(id).success ? id : null));
  }
  throw error;
}

const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

export function createApp(deps: AppDeps, routes: readonly Route[] = handlers): Hono {
  const app = new Hono();

  app.use('*', async (c, next) => {
    const requestId = /^[\w-]{1,64}$/.test(c.req.header('x-request-id') ?? '') ? (c.req.header('x-request-id') ?? '') : randomUUID();
    c.set('requestId' as never, requestId);
    await next();
    c.header('X-Request-Id', requestId);
  });

  // Answers hold records and tokens: no cache (browser, proxy) may keep a copy.
  app.use('/v1/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], formAction: ["'self'"], styleSrc: ["'self'"] },
      crossOriginResourcePolicy: 'cross-origin',
      referrerPolicy: 'no-referrer',
    }),
  );

  // CORS: only origins an agency has registered; credentials travel in the Authorization header.
  app.use('*', async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origin ? (await deps.allowedOrigins()).has(origin) : false;
    if (c.req.method === 'OPTIONS') {
      if (!allowed || !origin) return c.body(null, 403);
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, PATCH, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, Idempotency-Key, Last-Event-ID, X-Request-Id',
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    await next();
    if (allowed && origin) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After');
      c.header('Vary', 'Origin');
    }
  });

  // Counted while the body arrives, chunked or not: a large upload is refused at the limit, not after it
  // (inside CORS, so a browser can read the refusal).
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: deps.config.bodyLimit,
      onError: () => {
        throw tooLarge(deps.config.bodyLimit);
      },
    }),
  );

  const streams = streamSlots(deps.config.streamsPerPrincipal);

  app.get('/health', (c) => c.json({ ok: true }));
  app.get('/v1/ack/:token', (c) => ackPage(c, deps));

  for (const { endpoint, handler } of routes) {
    const method = endpoint.method.toLowerCase() as 'get' | 'post' | 'patch';
    app[method](honoPath(endpoint.path), async (c) => {
      const requestId = requestIdOf(c);
      const now = deps.clock();
      const params = c.req.param() as Record<string, string>;
      const principal = await authenticate(c, endpoint, deps, params);
      const wait = deps.limiter.take(principal ? principalKey(principal) : `ip:${clientAddress(c, deps.config.trustProxy)}`);
      if (wait > 0) throw rateLimited(wait);
      const refused = (error: unknown) => refuse(deps.db, principal, { requestId, origin: c.req.header('origin') ?? null, now }, endpoint.path, params.id, error);
      if (principal?.kind === 'embed' && !endpoint.roles.includes(principal.role)) {
        await refused(forbidden(`The ${principal.role} role may not call ${endpoint.operationId}`));
      }

      const parsedParams = parse(endpoint.params, params);
      const query = parse(endpoint.query, Object.fromEntries(new URL(c.req.url).searchParams));
      const meta: RequestMeta = { requestId, origin: c.req.header('origin') ?? null, now };

      if (endpoint.stream) {
        if (principal?.kind !== 'embed') throw unauthorized();
        const after = resumeAfter(c);
        return eventStream(c, deps, { principal, recordId: (query as { recordId?: string } | undefined)?.recordId, after, release: streams.open(principalKey(principal)) });
      }

      const rawBody = endpoint.body ? await readBody(c) : undefined;
      const body = parse(endpoint.body, rawBody);
      const run = async (tx: Sql): Promise<StoredResponse> => {
        const result = await handler({ params: parsedParams, query, body, principal: principal as Principal, tx, meta, deps });
        const wrapped = typeof result === 'object' && result !== null && 'status' in result && 'body' in result && Object.keys(result).length === 2;
        const status = wrapped ? (result as { status: number }).status : endpoint.status;
        const payload = wrapped ? (result as { body: unknown }).body : result;
        // The response is validated by the contract too: a bug here must not reach a host.
        const checked = z.safeParse(endpoint.response, payload);
        if (!checked.success) {
          console.error(`[${requestId}] response of ${endpoint.operationId} broke the contract:`, toFieldErrors(checked.error.issues).map((e) => e.path).join(', '));
          throw new HttpProblem(500, problemTypes.internal, 'Internal error', 'The service produced an invalid response');
        }
        return { status, body: checked.data };
      };

      const replay = async (tx: Sql, earlier: StoredResponse): Promise<StoredResponse> => ({
        status: earlier.status,
        body: principal ? await replayed({ tx, principal, meta, path: endpoint.path, body: earlier.body }) : earlier.body,
      });
      const result =
        endpoint.method === 'GET'
          ? await deps.db.transaction(run).catch(refused)
          : await runWrite(
              deps,
              principal,
              c.req.header('idempotency-key')?.slice(0, 255),
              createHash('sha256').update(`${endpoint.operationId}\n${JSON.stringify(params)}\n${JSON.stringify(rawBody)}`).digest('hex'),
              run,
              replay,
            ).catch(refused);
      if (endpoint.method !== 'GET') deps.wake();
      // The acknowledgement page posts a plain form: send the phone back to the page, which now shows the answer.
      if (c.req.header('content-type')?.startsWith('application/x-www-form-urlencoded')) {
        return c.redirect(new URL(c.req.url).pathname, 303);
      }
      return new Response(JSON.stringify(result.body), { status: result.status, headers: json });
    });
  }

  app.notFound((c) => problemResponse(notFound('No route for this method and path'), requestIdOf(c)));

  app.onError((error, c) => {
    const requestId = requestIdOf(c);
    if (error instanceof HttpProblem) return problemResponse(error, requestId);
    console.error(`[${requestId}] ${describeError(error)}`);
    return problemResponse(new HttpProblem(500, problemTypes.internal, 'Internal error', 'Something went wrong; quote the request id'), requestId);
  });

  return app;
}

/** The largest id PostgreSQL's `bigint` event ids reach. */
const maxEventId = 2n ** 63n - 1n;

/** The event id to resume after (`Last-Event-ID`): only an id this service could have issued. */
function resumeAfter(c: Context): string | undefined {
  const given = c.req.header('last-event-id') ?? c.req.query('lastEventId');
  if (given === undefined || given === '') return undefined;
  if (/^(0|[1-9]\d{0,18})$/.test(given) && BigInt(given) <= maxEventId) return given;
  throw invalid([{ path: 'Last-Event-ID', message: 'Not an event id this service issued', code: 'invalid_event_id' }]);
}

/** Counts the event streams each principal holds open on this instance. */
function streamSlots(limit: number) {
  const open = new Map<string, number>();
  return {
    /** Takes a slot for `key` (429 when all are taken); the returned function gives it back, once. */
    open(key: string): () => void {
      const count = open.get(key) ?? 0;
      if (count >= limit) throw tooManyStreams(limit);
      open.set(key, count + 1);
      let held = true;
      return () => {
        if (!held) return;
        held = false;
        const left = (open.get(key) ?? 1) - 1;
        if (left > 0) open.set(key, left);
        else open.delete(key);
      };
    },
  };
}

interface StreamRequest {
  principal: Principal & { kind: 'embed' };
  recordId: string | undefined;
  after: string | undefined;
  /** Gives the principal's stream slot back when the stream ends. */
  release: () => void;
}

function eventStream(c: Context, deps: AppDeps, { principal, recordId, after, release }: StreamRequest): Response {
  const requestId = requestIdOf(c);
  return streamSSE(
    c,
    async (stream) => {
      const queue: PeerEvent[] = [];
      let wake: (() => void) | undefined;
      let lastSent = after;
      const push = (event: PeerEvent) => {
        queue.push(event);
        wake?.();
      };
      const unsubscribe = deps.hub.subscribe({ principal, ...(recordId ? { recordId } : {}), push });
      stream.onAbort(() => {
        unsubscribe();
        release();
        wake?.();
      });
      try {
        // Subscribe first, then replay, then drop duplicates by id: no event falls in between.
        if (lastSent !== undefined) queue.unshift(...(await deps.hub.backlog(principal, lastSent, recordId)));
        await stream.writeSSE({ event: 'ready', data: '{}', retry: 3000 });
        while (!stream.aborted) {
          const event = queue.shift();
          if (!event) {
            await new Promise<void>((resolve) => {
              wake = resolve;
              setTimeout(resolve, 15_000);
            });
            wake = undefined;
            if (queue.length === 0) await stream.write(': keep-alive\n\n');
            continue;
          }
          if (lastSent !== undefined && BigInt(event.id) <= BigInt(lastSent)) continue;
          await stream.writeSSE({ id: event.id, event: event.type, data: JSON.stringify(event) });
          lastSent = event.id;
        }
      } finally {
        unsubscribe();
        release();
      }
    },
    (error) => {
      console.error(`[${requestId}] event stream ended: ${describeError(error)}`);
      return Promise.resolve();
    },
  );
}

