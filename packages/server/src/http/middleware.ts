import type { MiddlewareHandler } from 'hono';
import { bodyLimit as countedBodyLimit } from 'hono/body-limit';
import type { Env } from './deps.js';

/**
 * Answers hold records and tokens: no cache (browser, proxy) may keep a copy.
 *
 * @example app.use('/v1/*', noStore());
 */
export const noStore = (): MiddlewareHandler => async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
};

/**
 * CORS for the origins an agency has registered; credentials travel in the Authorization header.
 * A preflight from any other origin is refused (403) rather than answered without permission,
 * which is why this is not `hono/cors`.
 *
 * @example app.use('*', cors(() => registeredOrigins()));
 */
export const cors =
  (allowedOrigins: () => Promise<Set<string>>): MiddlewareHandler =>
  async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origin ? (await allowedOrigins()).has(origin) : false;
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
  };

/**
 * Sends the request id (`hono/request-id` chose it) on every answer: that middleware sets the
 * header before the handler runs, and a handler that returns its own Response drops it.
 *
 * @example app.use('*', requestId({ limitLength: 64 }), echoRequestId());
 */
export const echoRequestId = (): MiddlewareHandler<Env> => async (c, next) => {
  await next();
  c.header('X-Request-Id', c.get('requestId'));
};

/**
 * Hono's `bodyLimit`, deciding from the headers alone when they suffice. A request without a chunked body
 * either declares its length (Node's parser reads exactly that many bytes) or has none, so it is passed or
 * refused without touching `c.req.raw.body`: touching it wraps Node's request in a web `Request` and stream,
 * and the handler's `c.req.text()` then reads through them instead of reading Node's stream directly (some
 * 0.3 ms of CPU a request, GETs included, in the call-out bench's profile). A chunked body is counted by
 * Hono's middleware as it arrives, and refused at the limit.
 *
 * @example app.use('/v1/*', bodyLimit({ maxSize: 64 * 1024, onError: () => { throw tooLarge(64 * 1024) } }));
 */
export const bodyLimit = (options: { maxSize: number; onError: () => never }): MiddlewareHandler => {
  const counted = countedBodyLimit(options);
  return async (c, next) => {
    if (c.req.header('transfer-encoding') !== undefined) return counted(c, next);
    const length = c.req.header('content-length');
    if (length !== undefined && Number.parseInt(length, 10) > options.maxSize) options.onError();
    await next();
  };
};
