#!/usr/bin/env node
// `pnpm build`: JavaScript with rollup, declarations with tsc, the Custom Elements Manifest,
// the page-level theme stylesheet, and the framework example hosts (Vite apps in examples/).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name) => fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url));
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });
const packages = ['sdk', 'elements', 'react', 'server'].filter(
  (pkg) =>
    existsSync(`${root}packages/${pkg}/src`) &&
    readdirSync(`${root}packages/${pkg}/src`).some((name) => name.endsWith('.ts')),
);

for (const pkg of packages) rmSync(`${root}packages/${pkg}/dist`, { recursive: true, force: true });

const started = performance.now();
run(bin('rollup'), ['-c', '--silent']);
run(bin('tsc'), ['-b', ...packages.map((pkg) => `packages/${pkg}/tsconfig.build.json`)]);
run(bin('cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet']);

const tokens = `${root}packages/elements/dist/base/tokens.js`;
if (existsSync(tokens)) {
  const { themeCss } = await import(tokens);
  writeFileSync(`${root}packages/elements/dist/themes.css`, themeCss());
}
// The React and Vue example hosts build from the packages' sources, into their own dist/.
const apps = ['court-portal', 'hospital-discharge'].filter((app) =>
  existsSync(`${root}examples/${app}/vite.config.ts`),
);
for (const app of apps) run(bin('vite'), ['build', `examples/${app}`, '--logLevel', 'warn']);
console.log(
  `built ${[...packages, ...apps.map((app) => `examples/${app}`)].join(', ')} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
