import type { RequestIdVariables } from 'hono/request-id';
import type { KeyStore } from '../domain/auth.js';
import type { EventHub } from '../domain/events.js';
import type { ServerConfig } from '../config.js';
import type { Database } from '../infra/db/database.js';
import type { Clock } from '../time.js';
import type { RateLimiter } from './rate-limit.js';

/** What the HTTP layer is given: storage, keys, live events, settings and the limits it keeps. */
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
  /** Drops cached origins: an agency's allowed origins are being changed. */
  originsChanged: () => void;
}

/** What the app's middleware sets on a request's context. */
export interface Env {
  Variables: RequestIdVariables;
}
