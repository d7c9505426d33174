import type { ServerConfig } from './config.js';

/**
 * The operator's settings of `peerlink-server start`: each a flag, or else an environment
 * variable, or else the default. A busy dispatch center raises the rate limit or the pool without
 * a code change; a wrong value stops the start with one line naming the flag and what it takes.
 */
export interface OperatorSettings {
  config: Partial<ServerConfig>;
  /** Connections to the PostgreSQL server (each process). */
  poolSize?: number;
  /** Service processes sharing the port (PostgreSQL only). */
  workers: number;
  /** How long a stop may take to finish open work and close storage before the process exits anyway. */
  shutdownTimeoutSeconds: number;
}

interface Setting {
  flag: string;
  env: string;
  min: number;
  max: number;
  /** What the value is, for the error message. */
  unit: string;
}

export const operatorSettings = {
  rateLimitPerSecond: {
    flag: 'rate-limit',
    env: 'PEERLINK_RATE_LIMIT',
    min: 1,
    max: 1_000_000,
    unit: 'requests per second per caller',
  },
  rateLimitBurst: {
    flag: 'rate-limit-burst',
    env: 'PEERLINK_RATE_LIMIT_BURST',
    min: 1,
    max: 10_000_000,
    unit: 'requests a caller may send at once',
  },
  poolSize: { flag: 'db-pool', env: 'PEERLINK_DB_POOL', min: 1, max: 1000, unit: 'database connections per process' },
  bodyLimit: {
    flag: 'body-limit',
    env: 'PEERLINK_BODY_LIMIT',
    min: 1024,
    max: 64 * 1024 * 1024,
    unit: 'bytes',
  },
  ackTimeout: { flag: 'ack-timeout', env: 'PEERLINK_ACK_TIMEOUT', min: 10, max: 24 * 3600, unit: 'seconds' },
  workers: { flag: 'workers', env: 'PEERLINK_WORKERS', min: 1, max: 64, unit: 'processes' },
  shutdownTimeout: { flag: 'shutdown-timeout', env: 'PEERLINK_SHUTDOWN_TIMEOUT', min: 1, max: 3600, unit: 'seconds' },
  keepAliveTimeout: {
    flag: 'keep-alive-timeout',
    env: 'PEERLINK_KEEP_ALIVE_TIMEOUT',
    min: 1,
    max: 3600,
    unit: 'seconds',
  },
} as const satisfies Record<string, Setting>;

export type SettingFlags = Partial<Record<(typeof operatorSettings)[keyof typeof operatorSettings]['flag'], string>>;

export class SettingError extends Error {}

function read(setting: Setting, flags: SettingFlags, env: NodeJS.ProcessEnv): number | undefined {
  const fromFlag = (flags as Record<string, string | undefined>)[setting.flag];
  const raw = fromFlag ?? env[setting.env];
  if (raw === undefined || raw === '') return undefined;
  const where = fromFlag === undefined ? setting.env : `--${setting.flag}`;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value)) {
    throw new SettingError(`${where} must be a whole number of ${setting.unit}, got "${raw}"`);
  }
  if (value < setting.min || value > setting.max) {
    throw new SettingError(
      `${where} must be from ${String(setting.min)} to ${String(setting.max)} ${setting.unit}, got ${String(value)}`,
    );
  }
  return value;
}

/** The settings from flags and environment; throws `SettingError` with one line on a wrong value. */
export function readOperatorSettings(flags: SettingFlags, env: NodeJS.ProcessEnv = process.env): OperatorSettings {
  const perSecond = read(operatorSettings.rateLimitPerSecond, flags, env);
  const burst = read(operatorSettings.rateLimitBurst, flags, env);
  const poolSize = read(operatorSettings.poolSize, flags, env);
  const bodyLimit = read(operatorSettings.bodyLimit, flags, env);
  const ackTimeout = read(operatorSettings.ackTimeout, flags, env);
  const workers = read(operatorSettings.workers, flags, env) ?? 1;
  const shutdownTimeoutSeconds = read(operatorSettings.shutdownTimeout, flags, env) ?? 30;
  const keepAliveTimeout = read(operatorSettings.keepAliveTimeout, flags, env);
  const config: Partial<ServerConfig> = {};
  if (perSecond !== undefined || burst !== undefined) {
    // A burst of six seconds' worth unless given, as the built-in 20/s with 120 has.
    const rate = perSecond ?? 20;
    config.rateLimit = { perSecond: rate, capacity: burst ?? rate * 6 };
  }
  if (bodyLimit !== undefined) config.bodyLimit = bodyLimit;
  if (ackTimeout !== undefined) config.ackTimeoutMs = ackTimeout * 1000;
  if (keepAliveTimeout !== undefined) config.keepAliveTimeoutMs = keepAliveTimeout * 1000;
  return { config, workers, shutdownTimeoutSeconds, ...(poolSize === undefined ? {} : { poolSize }) };
}

/** The flags as `parseArgs` options. */
export const settingOptions = Object.fromEntries(
  Object.values(operatorSettings).map((setting) => [setting.flag, { type: 'string' as const }]),
) as Record<keyof SettingFlags, { type: 'string' }>;
