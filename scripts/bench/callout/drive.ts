// Runs the load generator (`load.mjs`) in a process of its own and answers what it printed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What `load.mjs` prints: answered requests, their rate and latency, and what failed. */
export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  /** The open loop's errors by code (ECONNRESET, …). */
  errorCodes?: Record<string, number>;
  timeouts: number;
  non2xx: number;
  statuses: Record<string, number>;
  seconds: number;
}

export interface LoadOptions {
  url: string;
  token: string;
  connections: number;
  seconds: number;
  /** Requests a second on a fixed schedule; 0 (the default) is a closed loop at saturation. */
  rate?: number;
  /** GETs sent for every POST. */
  mix?: number;
  /** A GET (its path) sent alone, no call-outs. */
  read?: string;
}

/** The mixed load's reads, a CAD console's: its list of call-outs and a resource search. */
export const mixedReads = ['/v1/dispatches?limit=20', '/v1/resources/search?q=detox&limit=10'];

/** POSTs call-outs (or sends `options.read`) to `options.url` from another process for `options.seconds`; resolves when it is done. */
export function drive(options: LoadOptions): Promise<LoadResult> {
  const script = fileURLToPath(new URL('load.mjs', import.meta.url));
  const proc = spawn(process.execPath, [script, JSON.stringify({ rate: 0, mix: 0, reads: mixedReads, ...options })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (chunk: string) => (out += chunk));
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code !== 0 || !line) reject(new Error(`the load generator exited ${String(code)}: ${out}`));
      else resolve(JSON.parse(line) as LoadResult);
    });
  });
}
