// Runs the peerlink-server command line as an operator would, from the repository's root.
import { spawnSync } from 'node:child_process';
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
