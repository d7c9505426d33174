// The README promises a Node version and the root package.json's `engines.node` states it; pnpm
// only warns ("Unsupported engine") when a dependency asks for more, and the warning scrolls by.
// These fail instead, naming every installed package that would not run on the promised Node.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import semver from 'semver';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Installed {
  name: string;
  version: string;
  node: string | undefined;
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

function manifestOf(dir: string): Installed {
  const json = readJson(join(dir, 'package.json')) as { name?: string; version?: string; engines?: { node?: unknown } };
  const node = json.engines?.node;
  return { name: json.name ?? dir, version: json.version ?? '', node: typeof node === 'string' ? node : undefined };
}

/** The real directories of the packages a node_modules folder links to (scopes opened). */
function linkedFrom(nodeModules: string): string[] {
  if (!existsSync(nodeModules)) return [];
  const entries = readdirSync(nodeModules)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) =>
      name.startsWith('@') ? readdirSync(join(nodeModules, name)).map((inner) => join(name, inner)) : [name],
    );
  // A link to an optional dependency built for another platform points nowhere; it is not installed.
  return entries
    .map((name) => join(nodeModules, name))
    .filter((path) => existsSync(join(path, 'package.json')))
    .map((path) => realpathSync(path));
}

/** Where a package finds its dependencies: its own node_modules, and (pnpm's layout) the folder it sits in. */
function dependencyFolders(dir: string): string[] {
  const parent = basename(dirname(dir)).startsWith('@') ? dirname(dirname(dir)) : dirname(dir);
  return [join(dir, 'node_modules'), ...(basename(parent) === 'node_modules' ? [parent] : [])];
}

/**
 * Every package installed for the workspace, reached from its projects through their links. The
 * store folder (node_modules/.pnpm) keeps versions no project uses any more until it is pruned, so
 * it is walked from the projects, not listed.
 */
function installedPackages(): Installed[] {
  const current = load(readFileSync(join(root, 'node_modules/.pnpm/lock.yaml'), 'utf8')) as {
    importers: Record<string, unknown>;
  };
  const pending = Object.keys(current.importers).map((project) => join(root, project));
  const seen = new Set<string>(pending);
  const found: Installed[] = [];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    found.push(manifestOf(dir));
    for (const next of dependencyFolders(dir).flatMap(linkedFrom)) {
      if (seen.has(next)) continue;
      seen.add(next);
      pending.push(next);
    }
  }
  return found;
}

const promise = (readJson(join(root, 'package.json')) as { engines: { node: string } }).engines.node;
const oldestPromised = semver.minVersion(promise)?.version ?? '';

describe('the Node versions the project promises', () => {
  it('are what the README says and what the root package.json checks', () => {
    const readme = /Needs Node\.js (\d+(?:\.\d+)*) or newer/.exec(readFileSync(join(root, 'README.md'), 'utf8'))?.[1];
    assert.ok(readme, 'README.md says "Needs Node.js <version> or newer"');
    assert.equal(
      semver.coerce(readme)?.version,
      oldestPromised,
      `README.md promises Node.js ${readme}, package.json engines.node is ${promise}`,
    );
  });

  it('run every installed package: none asks for a newer Node than the running one or the oldest promised', () => {
    const packages = installedPackages();
    assert.ok(
      packages.length > 100,
      `found ${String(packages.length)} installed packages; is the workspace installed?`,
    );
    const running = process.versions.node;
    const offenders = packages
      .filter(
        ({ node }) =>
          node !== undefined && !(semver.satisfies(running, node) && semver.satisfies(oldestPromised, node)),
      )
      .map(({ name, version, node }) => `${name}@${version} wants Node ${String(node)}`);
    const list = [...new Set(offenders)].sort();
    assert.deepEqual(
      list,
      [],
      `on Node ${running} (promised: ${promise}) these declare an engine that excludes it:\n  ${list.join('\n  ')}`,
    );
  });
});
