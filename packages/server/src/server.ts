import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { ServerType } from '@hono/node-server';
import { createApp } from './http/app.js';
import { KeyStore } from './domain/auth.js';
import type { ServerConfig } from './config.js';
import { defaultConfig } from './config.js';
import type { Database } from './infra/db/database.js';
import { openDatabase } from './infra/db/database.js';
import { migrate } from './infra/db/migrate.js';
import { endInterruptedImports } from './domain/directory-import.js';
import { DeliveryWorker, deliveryBatch, deliveryLanes, slowLaneMs } from './infra/deliveries.js';
import type { DeliveryWorkerOptions } from './infra/deliveries.js';
import { originsChannel } from './domain/agency.js';
import { escalateOverdue } from './domain/dispatches.js';
import { EventHub } from './domain/events.js';
import { describeError } from './domain/problems.js';
import { RateLimiter } from './http/rate-limit.js';
import type { Clock } from './time.js';
import { systemClock } from './time.js';

export interface StartOptions {
  port?: number;
  host?: string;
  /** PGlite data folder (default `memory://`); ignored when `databaseUrl` is set. */
  dataDir?: string;
  databaseUrl?: string;
  /** Connections to the PostgreSQL server (default 10). */
  poolSize?: number;
  config?: Partial<ServerConfig>;
  clock?: Clock;
  delivery?: DeliveryWorkerOptions;
  /** Run escalation timers and deliveries in the background (default true). */
  background?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  config: ServerConfig;
  /** Runs one round of timers and deliveries now (tests drive time with this). */
  tick(): Promise<void>;
  close(): Promise<void>;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const db = await openDatabase({
    ...(options.databaseUrl ? { url: options.databaseUrl } : {}),
    ...(options.poolSize ? { poolSize: options.poolSize } : {}),
    dataDir: options.dataDir ?? 'memory://',
  });
  await migrate(db);
  const clock = options.clock ?? systemClock;
  await endInterruptedImports(db, clock());
  const keys = new KeyStore(db);
  await keys.serviceKey();
  const hub = new EventHub(db);
  await hub.start();
  const worker = new DeliveryWorker(db, clock, options.delivery);
  const host = options.host ?? '127.0.0.1';
  const config = defaultConfig(options.config);

  // Origins are cached for a few seconds. A change drops the cache at once on this instance and
  // stops caching while it may still be committing; its notification, sent at commit, drops the
  // cache of every other instance.
  const originCache = {
    at: 0,
    holdUntil: 0,
    all: new Set<string>(),
    byAgency: new Map<string, Set<string>>(),
  };
  const originsChanged = () => {
    originCache.at = 0;
    originCache.holdUntil = Date.now() + 5000;
  };
  const unlistenOrigins = await db.listen(originsChannel, () => {
    originCache.at = 0;
  });
  const loadOrigins = async () => {
    if (Date.now() - originCache.at < 5000 && Date.now() >= originCache.holdUntil) return originCache;
    const rows = await db.query<{ id: string; allowed_origins: string[] }>('select id, allowed_origins from agencies');
    originCache.byAgency = new Map(rows.map((row) => [row.id, new Set(row.allowed_origins)]));
    originCache.all = new Set(rows.flatMap((row) => row.allowed_origins));
    originCache.at = Date.now();
    return originCache;
  };

  // Background work: the escalation timers, one round at a time, and the messages due, sent in lanes.
  let escalating: Promise<void> | undefined;
  // Each lane out and when it started.
  const lanes = new Map<Promise<void>, number>();
  let later: ReturnType<typeof setTimeout> | undefined;
  // Messages may be due that no lane has claimed yet (a write queued some, or a batch came back full).
  let asked = false;
  const failed = (error: unknown) => {
    console.error(`background work failed: ${describeError(error)}`);
  };
  /**
   * Starts a lane when messages may be due and fewer than `deliveryLanes` are out. A lane claims a
   * batch, sends it and records it; a full batch means more are waiting. Another lane starts beside
   * those out only once the latest of them has been out `slowLaneMs` (a provider is slow): while
   * providers answer quickly, one lane at a time keeps the batches full and the service's time for
   * its requests. Each lane that ends looks again.
   */
  const pump = (): void => {
    while (asked && lanes.size < deliveryLanes) {
      const wait = Math.max(...lanes.values()) + slowLaneMs - performance.now();
      if (wait > 0) {
        later ??= setTimeout(() => {
          later = undefined;
          pump();
        }, wait);
        later.unref();
        return;
      }
      asked = false;
      const lane: Promise<void> = (async () => {
        const claimed = await worker.claim();
        if (claimed.length === deliveryBatch) asked = true;
        pump();
        await worker.deliver(claimed);
      })()
        .catch(failed)
        .finally(() => {
          lanes.delete(lane);
          pump();
        });
      lanes.set(lane, performance.now());
    }
  };
  /** Resolves once no lane is out and no round of timers runs. */
  const settled = async (): Promise<void> => {
    while (escalating || lanes.size > 0) await Promise.all([escalating, ...lanes.keys()]);
  };
  /**
   * One round of background work: the escalation timers when `timers` (a write makes no call-out
   * overdue), then the messages due. Answers once all of it is done, batch after batch until one
   * comes back short.
   */
  const round = (timers: boolean): Promise<void> => {
    if (timers) {
      escalating ??= db
        .transaction((tx) => escalateOverdue({ keys, config, now: clock() }, tx))
        .then(() => undefined, failed)
        .finally(() => {
          escalating = undefined;
          // Escalations queue messages of their own.
          asked = true;
          pump();
        });
    } else {
      asked = true;
      pump();
    }
    return settled();
  };
  const tick = () => round(true);

  const app = createApp({
    db,
    keys,
    hub,
    config,
    clock,
    limiter: new RateLimiter(config.rateLimit.capacity, config.rateLimit.perSecond),
    authFailures: new RateLimiter(config.authFailureLimit.capacity, config.authFailureLimit.perSecond),
    // Deferred past the answer in hand: the work it starts would otherwise be sent ahead of it.
    wake: () => {
      if (options.background !== false) setImmediate(() => void round(false));
    },
    allowedOrigins: async () => (await loadOrigins()).all,
    agencyOrigins: async (agencyId) => (await loadOrigins()).byAgency.get(agencyId) ?? new Set(),
    originsChanged,
  });

  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, () => {
      resolve(started);
    });
  });
  if ('keepAliveTimeout' in server) server.keepAliveTimeout = config.keepAliveTimeoutMs;
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${String(port)}`;
  // Acknowledgement links point at this service unless a public URL was configured.
  config.publicUrl = options.config?.publicUrl ?? url;
  let closing: Promise<void> | undefined;
  const interval = options.background === false ? undefined : setInterval(() => void tick(), config.tickMs);

  return {
    url,
    port,
    db,
    config,
    tick,
    close() {
      closing ??= shutdown();
      return closing;
    },
  };

  // Closing twice (a test's cleanup after a deliberate stop) waits for the one shutdown.
  async function shutdown(): Promise<void> {
    if (interval) clearInterval(interval);
    await settled();
    clearTimeout(later);
    await new Promise<void>((resolve) => {
      if ('closeAllConnections' in server) server.closeAllConnections();
      server.close(() => {
        resolve();
      });
    });
    await unlistenOrigins();
    await hub.stop();
    await worker.close();
    await db.close();
  }
}
