// `pnpm gen` (or `node --conditions=source --import tsx packages/react/scripts/generate.ts`):
// writes packages/react/src from packages/elements/custom-elements.json. Generated files that no
// element needs any more are removed; hand-written files (no generated header) are left alone.
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { isGenerated, renderWrappers } from './wrappers.js';

export const manifestUrl = new URL('../../elements/custom-elements.json', import.meta.url);
export const sourceUrl = new URL('../src/', import.meta.url);

/** The wrappers as the manifest on disk describes them, by file name in packages/react/src. */
export function expectedWrappers(): Map<string, string> {
  return renderWrappers(JSON.parse(readFileSync(manifestUrl, 'utf8')));
}

/** Writes the wrappers; returns the names written and the stale generated names removed. */
export function writeWrappers(): { written: string[]; removed: string[] } {
  const files = expectedWrappers();
  const removed: string[] = [];
  for (const name of readdirSync(sourceUrl)) {
    if (files.has(name) || !name.endsWith('.ts')) continue;
    const url = new URL(name, sourceUrl);
    if (isGenerated(readFileSync(url, 'utf8'))) {
      rmSync(url);
      removed.push(name);
    }
  }
  for (const [name, text] of files) writeFileSync(new URL(name, sourceUrl), text);
  return { written: [...files.keys()], removed };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { written, removed } = writeWrappers();
  console.log(
    `wrote packages/react/src: ${written.join(', ')}${removed.length > 0 ? `; removed ${removed.join(', ')}` : ''}`,
  );
}
