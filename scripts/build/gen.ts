// `pnpm gen`: writes the generated contract documents and the React wrappers (from the Custom
// Elements Manifest, so run `pnpm cem` first when an element changed). Tests fail when they are stale.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { writeWrappers } from '../../packages/react/scripts/generate.js';
import { buildJsonSchemas, buildOpenApi, stringify } from '../../packages/sdk/scripts/contract-docs.js';

const sdk = new URL('../../packages/sdk/', import.meta.url);
writeFileSync(new URL('openapi.json', sdk), stringify(buildOpenApi()));

const dir = new URL('schemas/', sdk);
mkdirSync(dir, { recursive: true });
for (const file of readdirSync(dir)) rmSync(new URL(file, dir));
const schemas = buildJsonSchemas();
for (const [name, schema] of Object.entries(schemas)) writeFileSync(new URL(`${name}.json`, dir), stringify(schema));
console.log(`wrote packages/sdk/openapi.json and ${String(Object.keys(schemas).length)} JSON Schemas`);

const wrappers = writeWrappers();
console.log(
  `wrote packages/react/src: ${String(wrappers.written.length)} files${wrappers.removed.length > 0 ? `, removed ${wrappers.removed.join(', ')}` : ''}`,
);
