#!/usr/bin/env node
// Runs a pnpm command in this workspace on a machine that has only Node.js and npm:
// uses a pnpm on PATH when its major version matches, otherwise the pinned one through npx,
// and installs the workspace first when node_modules is missing or older than the lockfile.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pinnedVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).config.pnpm;
const isWindows = process.platform === 'win32';

// npm passes its own configuration to scripts as npm_config_*; pnpm would read it as its own.
const keep = /^npm_config_(registry|@.*:registry|proxy|https_proxy|noproxy|cafile|strict_ssl)$/i;
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || keep.test(key)));

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env, shell: isWindows });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function localPnpmMatches() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', env, shell: isWindows });
  return probe.status === 0 && probe.stdout.trim().split('.')[0] === pinnedVersion.split('.')[0];
}

const pnpm = localPnpmMatches()
  ? (args) => run('pnpm', args)
  : (args) => run('npx', ['--yes', `pnpm@${pinnedVersion}`, ...args]);

const marker = join(root, 'node_modules', '.modules.yaml');
const lockfile = join(root, 'pnpm-lock.yaml');
const stale = !existsSync(marker) || (existsSync(lockfile) && statSync(lockfile).mtimeMs > statSync(marker).mtimeMs);
if (stale) {
  const frozen = process.env.CI ? ['--frozen-lockfile'] : [];
  const status = pnpm(['install', ...frozen]);
  if (status !== 0) process.exit(status);
}

process.exit(pnpm(process.argv.slice(2)));
