import type { MiddlewareHandler } from 'hono';
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
