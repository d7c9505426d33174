import { createHash } from 'node:crypto';
import { Id, importRoster, problemTypes, rosterLimits } from '@peerlink/sdk';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { except } from 'hono/combine';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { RequestMeta } from '../domain/audit.js';
import { audit, auditedRecordType } from '../domain/audit.js';
import type { Principal } from '../domain/auth.js';
import { gatewayOf } from '../domain/sms-replies.js';
import {
  AuditedRefusal,
  HttpProblem,
  describeError,
  forbidden,
  invalid,
  notFound,
  rateLimited,
  tooLarge,
  unauthorized,
} from '../domain/problems.js';
import type { Database } from '../infra/db/database.js';
import { ackPage, isAckFormPost } from './ack-page.js';
import { clientAddress, principalKey } from './authenticate.js';
import type { AppDeps, Env } from './deps.js';
import { eventStream, resumeAfter, streamSlots } from './events-stream.js';
import { runWrite } from './idempotency.js';
import { bodyLimit, cors, echoRequestId, noStore } from './middleware.js';
import { replayed } from './replay.js';
import { drain } from './route.js';
import type { Route, StoredResponse } from './route.js';
import { routes as allRoutes } from './routes/index.js';

export type { AppDeps } from './deps.js';

const json = { 'Content-Type': 'application/json; charset=utf-8' };

// Problems carry no `instance`: the path can hold an acknowledgement token or whatever a client wrote.
function problemResponse(problem: HttpProblem, requestId: string): Response {
  return new Response(JSON.stringify(problem.toProblem(requestId)), {
    status: problem.status,
    headers: { 'Content-Type': 'application/problem+json', 'X-Request-Id': requestId, ...problem.headers },
  });
}

const isForm = (c: Context) => c.req.header('content-type')?.startsWith('application/x-www-form-urlencoded') === true;

// The body limit middleware has already refused anything larger than `bodyLimit`. The text is kept
// as received: a signed webhook is checked over its exact bytes.
async function readBody(c: Context): Promise<{ text: string; parsed: unknown }> {
  const text = await c.req.text();
  if (isForm(c)) return { text, parsed: Object.fromEntries(new URLSearchParams(text)) };
  if (text.trim() === '') return { text, parsed: {} };
  try {
    return { text, parsed: JSON.parse(text) as unknown };
  } catch {
    throw invalid([{ path: '', message: 'The body is not valid JSON', code: 'invalid_json' }]);
  }
}

/**
 * Records a refused request (403, or 404 for a record the caller may not see, or a gateway's
 * request refused for its signature) in its own transaction — the request's own rolled back — and
 * throws the refusal on.
 */
async function refuse(
  db: Database,
  principal: Principal | null,
  meta: RequestMeta,
  path: string,
  id: string | undefined,
  error: unknown,
): Promise<never> {
  const recordType = auditedRecordType(path);
  if (principal && recordType && error instanceof HttpProblem && (error.status === 403 || error.status === 404)) {
    const recordId = id !== undefined && Id.safeParse(id).success ? id : null;
    await db.transaction((tx) => audit(tx, principal, meta, 'denied', recordType, recordId));
  } else if (!principal && recordType && error instanceof AuditedRefusal) {
    await db.transaction((tx) => audit(tx, gatewayOf(error.agencyId), meta, 'denied', recordType, null));
  }
  throw error;
}

const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

export function createApp(deps: AppDeps, routes: readonly Route[] = allRoutes): Hono<Env> {
  const app = new Hono<Env>();

  app.use('*', requestId({ limitLength: 64 }), echoRequestId());
  app.use('/v1/*', noStore());
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        styleSrc: ["'self'"],
      },
      crossOriginResourcePolicy: 'cross-origin',
      referrerPolicy: 'no-referrer',
    }),
  );
  app.use('*', cors(deps.allowedOrigins));

  // Counted while the body arrives, chunked or not: a large upload is refused at the limit, not after it
  // (inside CORS, so a browser can read the refusal).
  // Upload routes (a directory import) stream their body and count it themselves.
  const uploads = new Set(routes.filter((r) => r.upload).map((r) => honoPath(r.endpoint.path)));
  const limit = bodyLimit({
    maxSize: deps.config.bodyLimit,
    onError: () => {
      throw tooLarge(deps.config.bodyLimit);
    },
  });
  // A roster CSV (up to `rosterLimits.characters`, sent as a JSON string) has a limit of its own.
  const rosterPath = honoPath(importRoster.path);
  const rosterBytes = rosterLimits.characters * 2;
  const rosterLimit = bodyLimit({
    maxSize: rosterBytes,
    onError: () => {
      throw tooLarge(rosterBytes);
    },
  });
  app.use(
    '/v1/*',
    except((c) => uploads.has(c.req.path) || c.req.path === rosterPath, limit),
  );
  app.use(rosterPath, rosterLimit);

  const streams = streamSlots(deps.config.streamsPerPrincipal);

  app.get('/health', (c) => c.json({ ok: true }));
  app.get('/v1/ack/:token', (c) => ackPage(c, deps));

  for (const route of routes) {
    const { endpoint } = route;
    const method = endpoint.method.toLowerCase() as 'get' | 'post' | 'patch';
    app[method](honoPath(endpoint.path), async (c) => {
      if (!route.upload) return answer(c);
      try {
        return await answer(c);
      } finally {
        // A refused upload (bad query, role, JSON) is read to its end so the connection stays usable.
        await drain(c.req.raw.body);
      }
    });
    const answer = async (c: Context<Env>) => {
      const origin = c.req.header('origin') ?? null;
      const meta: RequestMeta = { requestId: c.get('requestId'), origin, now: deps.clock() };
      const params = c.req.param() as Record<string, string>;
      const call = await route.authenticate(c, deps, params);
      const { principal } = call;
      const limited = principal ? principalKey(principal) : `ip:${clientAddress(c, deps.config.trustProxy)}`;
      const wait = deps.limiter.take(limited);
      if (wait > 0) throw rateLimited(wait);
      const refused = (error: unknown) => refuse(deps.db, principal, meta, endpoint.path, params.id, error);
      if (principal?.kind === 'embed' && !endpoint.roles.includes(principal.role)) {
        await refused(forbidden(`The ${principal.role} role may not call ${endpoint.operationId}`));
      }

      const accepted = call.accept({ params, query: Object.fromEntries(new URL(c.req.url).searchParams) });

      if (endpoint.stream) {
        if (principal?.kind !== 'embed') throw unauthorized();
        const { query } = accepted;
        const recordId =
          typeof query === 'object' && query !== null && 'recordId' in query && typeof query.recordId === 'string'
            ? query.recordId
            : undefined;
        const after = resumeAfter(c);
        return eventStream(c, deps, { principal, recordId, after, release: streams.open(principalKey(principal)) });
      }

      if (accepted.upload) {
        const result = await accepted.upload(c.req.raw, meta).catch(refused);
        deps.wake();
        return new Response(JSON.stringify(result.body), { status: result.status, headers: json });
      }

      const received = endpoint.body ? await readBody(c) : undefined;
      const rawBody = received?.parsed;
      const url = new URL(c.req.url);
      const request = { text: received?.text ?? '', headers: c.req.raw.headers, path: `${url.pathname}${url.search}` };
      const run = accepted.handle(rawBody, meta, request);
      const replay = async (tx: Parameters<typeof run>[0], earlier: StoredResponse): Promise<StoredResponse> => ({
        status: earlier.status,
        body: principal ? await replayed(tx, principal, meta, endpoint.path, earlier.body) : earlier.body,
      });
      const requestHash = createHash('sha256')
        .update(`${endpoint.operationId}\n${JSON.stringify(params)}\n${JSON.stringify(rawBody)}`)
        .digest('hex');
      // A caller without credentials (a gateway, whose signature the handler checks) has no stored answers:
      // a replay would skip the check.
      const idempotencyKey = principal ? c.req.header('idempotency-key')?.slice(0, 255) : undefined;
      const result =
        endpoint.method === 'GET'
          ? (accepted.held?.(meta) ?? (await deps.db.transaction(run).catch(refused)))
          : await runWrite(deps.db, principal, idempotencyKey, requestHash, run, replay).catch(refused);
      if (endpoint.method !== 'GET') deps.wake();
      // The acknowledgement page posts a plain form: send the phone back to the page, which now shows the answer.
      if (endpoint.auth === 'ack-token' && isForm(c)) return c.redirect(url.pathname, 303);
      // A document the contract types as a string (TwiML for a gateway) goes out as it is.
      // An endpoint that also answers JSON to who asks for it answers by the Accept header: caches must know.
      const vary: Record<string, string> = endpoint.jsonResponse ? { Vary: 'Accept' } : {};
      if (endpoint.responseType && typeof result.body === 'string') {
        // A charset only where the media type takes one (text, XML): a JWS is ASCII by definition.
        const charset = /^text\/|xml$/.test(endpoint.responseType) ? '; charset=utf-8' : '';
        const headers = { 'Content-Type': `${endpoint.responseType}${charset}`, ...vary };
        return new Response(result.body, { status: result.status, headers });
      }
      return new Response(JSON.stringify(result.body), { status: result.status, headers: { ...json, ...vary } });
    };
  }

  app.notFound((c) => problemResponse(notFound('No route for this method and path'), c.get('requestId')));

  app.onError((error, c) => {
    const id = c.get('requestId');
    let problem: HttpProblem;
    if (error instanceof HttpProblem) problem = error;
    else {
      console.error(`[${id}] ${describeError(error)}`);
      const detail = 'Something went wrong; quote the request id';
      problem = new HttpProblem(500, problemTypes.internal, 'Internal error', detail);
    }
    // The acknowledgement page's form post is answered with the page (where the call-out stands), not a problem document.
    return isAckFormPost(c) ? ackPage(c, deps, problem) : problemResponse(problem, id);
  });

  return app;
}
