// Runs the peerlink-server command line as an operator would, from the repository's root.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const cli = ['--conditions=source', '--import', 'tsx', 'packages/server/src/cli.ts'];

/** One command to its end; DATABASE_URL is cleared unless `env` sets it. */
export function run(args: string[], env: Record<string, string> = {}, timeout = 120_000) {
  const result = spawnSync(process.execPath, [...cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '', ...env },
    timeout,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** One command that must succeed (it may take `timeout` ms): its standard output, or an error with its standard error. */
export function runOk(args: string[], timeout = 240_000): string {
  const result = run(args, {}, timeout);
  if (result.code !== 0) {
    throw new Error(`peerlink-server ${args.join(' ')} exited ${String(result.code)}: ${result.stderr}`);
  }
  return result.stdout;
}

/**
 * `agency create` in the data folder `data`, with its settings (`--name`, `--timezone`, …): the new
 * agency's id and first key, as printed.
 */
export function createAgency(data: string, settings: string[]): { agencyId: string; apiKey: string } {
  const printed = runOk(['agency', 'create', ...settings, '--data', data]);
  const agencyId = /agency ([0-9a-f-]{36})/.exec(printed)?.[1];
  const apiKey = /key (plk_\S+)/.exec(printed)?.[1];
  assert.ok(agencyId && apiKey, `agency create printed no id and key: ${printed}`);
  return { agencyId, apiKey };
}

/**
 * The API address a `start` command prints once it listens. Rejects when the process exits first
 * or prints none within `timeoutMs`, with what it printed and `logs()` (say, its standard error).
 */
export function printedApiUrl(child: ChildProcess, timeoutMs = 240_000, logs = () => ''): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let printed = '';
    const timer = setTimeout(() => {
      reject(new Error(`the service did not start: ${printed}${logs()}`));
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      printed += chunk.toString('utf8');
      const url = /Peerlink API\s+(http:\/\/\S+)/.exec(printed)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the service exited ${String(code)}: ${printed}${logs()}`));
    });
  });
}

/**
 * `peerlink-server start` in a process of its own (on port 0, then `args`), once it prints the API's
 * address: the process, the address, the last 4,000 characters it printed, and a stop that sends
 * SIGTERM and waits for it to exit.
 */
export async function startedService(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [...cli, 'start', '--port', '0', ...args], { cwd: root, env });
  let printed = '';
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString('utf8')).slice(-4000);
  };
  child.stderr.on('data', keep);
  const url = await printedApiUrl(child, 240_000, () => printed);
  child.stdout.on('data', keep);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else {
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGTERM');
      }
    });
  return { child, url, logs: () => printed, stop };
}
