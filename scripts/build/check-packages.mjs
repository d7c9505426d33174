#!/usr/bin/env node
// Package hygiene for every publishable package: what `npm pack` would ship (README, LICENSE and
// the build in; tests out) and whether its exports resolve with types (are-the-types-wrong).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const attw = fileURLToPath(new URL('../../node_modules/.bin/attw', import.meta.url));
let passed = 0;
let failed = 0;

for (const name of ['sdk', 'elements', 'react', 'server']) {
  const dir = `${root}packages/${name}`;
  const manifest = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  if (!existsSync(`${dir}/dist`)) {
    console.log(`  skipped  ${manifest.name}: nothing built yet (no sources)`);
    continue;
  }
  const problems = [];
  const [pack] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  );
  const files = pack.files.map((file) => file.path);
  for (const required of ['README.md', 'LICENSE', 'package.json', 'dist/index.js', 'dist/index.d.ts']) {
    if (!files.includes(required)) problems.push(`missing ${required}`);
  }
  const tests = files.filter((file) => /(^|\/)(test|tests|__tests__)\/|\.test\.[cm]?[jt]s$/.test(file));
  if (tests.length > 0) problems.push(`ships tests: ${tests.slice(0, 3).join(', ')}`);
  try {
    execFileSync(
      attw,
      ['--pack', dir, '--profile', 'esm-only', '--format', 'ascii', '--exclude-entrypoints', 'themes.css'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (error) {
    problems.push(
      `types do not resolve for every export:\n${String(error.stdout ?? '')
        .split('\n')
        .filter((line) => /❌|💀|⚠️/.test(line) && !line.includes('ignored'))
        .join('\n')}`,
    );
  }
  if (problems.length === 0) {
    passed += 1;
    console.log(
      `  ok       ${manifest.name}: ${String(files.length)} files, ${(pack.unpackedSize / 1024).toFixed(0)} KB unpacked, exports typed`,
    );
  } else {
    failed += 1;
    console.log(`  FAIL     ${manifest.name}: ${problems.join('; ')}`);
  }
}
console.log(`packages: ${String(passed)} passed, ${String(failed)} failed`);
process.exit(failed > 0 ? 1 : 0);
