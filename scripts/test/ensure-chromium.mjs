#!/usr/bin/env node
// Browser tests need Chromium. Use CHROME_PATH or Debian's chromium; install it when missing
// and allowed (root with apt-get), otherwise say exactly what to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];
const found = candidates.find((path) => path && existsSync(path));
if (found) process.exit(0);

const command = 'apt-get update && apt-get install -y chromium';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;

if (isRoot && hasApt) {
  console.log(`Chromium is missing; installing it: ${command}`);
  execFileSync('sh', ['-c', `${command} >/dev/null`], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (existsSync('/usr/bin/chromium')) process.exit(0);
}

console.error(
  [
    'Browser tests need Chromium and none was found.',
    `Install it with:  sudo sh -c '${command}'`,
    'or point CHROME_PATH at a Chrome or Chromium binary.',
  ].join('\n'),
);
process.exit(1);
