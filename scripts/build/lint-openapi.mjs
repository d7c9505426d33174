#!/usr/bin/env node
// Lints packages/sdk/openapi.json (or the file given) with Redocly (`recommended`, redocly.yaml) and Spectral
// (`spectral:oas`, .spectral.yaml). Any error or warning from either fails: the document is
// generated, so a problem is fixed in the contract or the generator, never ignored here.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const document = process.argv[2] ?? 'packages/sdk/openapi.json';
const bin = (name) => fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url));

function run(name, args) {
  // No usage telemetry and no update check: lint must not reach the network.
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
  const result = spawnSync(bin(name), args, { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  try {
    return JSON.parse(result.stdout);
  } catch {
    process.stderr.write(result.stderr || String(result.error ?? ''));
    console.error(`${name}: no report (exit ${String(result.status)})`);
    return undefined;
  }
}

/** Each linter's problems as { severity: 'error' | 'warning' | 'info', rule, where, message }. */
const linters = {
  redocly: () =>
    run('redocly', ['lint', document, '--config', 'redocly.yaml', '--format', 'json'])?.problems.map((problem) => ({
      severity: problem.severity === 'warn' ? 'warning' : problem.severity,
      rule: problem.ruleId,
      where: problem.location?.[0]?.pointer ?? '',
      message: problem.message,
    })),
  spectral: () =>
    run('spectral', ['lint', document, '--ruleset', '.spectral.yaml', '--format', 'json', '--quiet'])?.map(
      (problem) => ({
        severity: ['error', 'warning', 'info', 'info'][problem.severity] ?? 'error',
        rule: problem.code,
        where: `#/${problem.path.join('/')}`,
        message: problem.message,
      }),
    ),
};

let failed = false;
for (const [name, lint] of Object.entries(linters)) {
  const problems = lint();
  if (!problems) {
    failed = true;
    continue;
  }
  for (const p of problems) console.log(`${name}: ${p.severity} ${p.rule} ${p.where}: ${p.message}`);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  if (errors + warnings > 0) failed = true;
  console.log(`${name}: ${document}: ${String(errors)} errors, ${String(warnings)} warnings`);
}
process.exit(failed ? 1 : 0);
