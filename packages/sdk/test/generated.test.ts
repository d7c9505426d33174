import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { endpoints } from '@peerlink/sdk';
import { buildJsonSchemas, buildOpenApi, stringify } from '../scripts/contract-docs.js';

const sdk = new URL('../', import.meta.url);
const stale = 'is stale: run `pnpm gen` and commit the result';

describe('generated contract documents', () => {
  it(`openapi.json matches the contract (else it ${stale})`, () => {
    const onDisk = readFileSync(new URL('openapi.json', sdk), 'utf8');
    assert.ok(onDisk === stringify(buildOpenApi()), `packages/sdk/openapi.json ${stale}`);
  });

  it(`schemas/*.json match the contract (else they are stale: run \`pnpm gen\`)`, () => {
    const expected = buildJsonSchemas();
    const files = readdirSync(new URL('schemas/', sdk)).sort();
    assert.deepEqual(
      files,
      Object.keys(expected)
        .map((name) => `${name}.json`)
        .sort(),
    );
    for (const [name, schema] of Object.entries(expected)) {
      const onDisk = readFileSync(new URL(`schemas/${name}.json`, sdk), 'utf8');
      assert.ok(onDisk === stringify(schema), `packages/sdk/schemas/${name}.json ${stale}`);
    }
  });

  it('describes every endpoint of the contract, with problem responses and auth', () => {
    const document = buildOpenApi() as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { operationId: string; responses: Record<string, unknown>; security: unknown[] }>
      >;
    };
    assert.equal(document.openapi, '3.1.0');
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));
    assert.deepEqual(operations.map((operation) => operation.operationId).sort(), Object.keys(endpoints).sort());
    for (const operation of operations) {
      assert.ok(operation.responses['400'], `${operation.operationId} documents 400`);
    }
    const required = [
      'POST /v1/embed-sessions',
      'GET /v1/specialists/on-call',
      'POST /v1/dispatches',
      'POST /v1/dispatches/{id}/transitions',
      'GET /v1/events',
      'POST /v1/callout-logs/{id}/review',
      'GET /v1/resources/search',
      'POST /v1/referrals/{id}/transitions',
      'GET /v1/credentials',
      'GET /v1/agencies/{id}/jwks.json',
      'GET /v1/audit',
    ];
    for (const entry of required) {
      const [method = '', path = ''] = entry.split(' ');
      assert.ok(document.paths[path]?.[method.toLowerCase()], `missing ${entry}`);
    }
  });

  it('gives servers, a description for every operation and tag, and no component nothing refers to', () => {
    const document = buildOpenApi() as {
      servers?: { url: string }[];
      tags: { name: string; description?: string }[];
      paths: Record<string, Record<string, { operationId: string; description?: string; tags: string[] }>>;
      components: { schemas: Record<string, unknown> };
    };
    assert.ok((document.servers ?? []).length > 0, 'servers');
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));
    for (const operation of operations) assert.ok(operation.description, `${operation.operationId} has a description`);
    assert.deepEqual(
      document.tags.map((tag) => tag.name).sort(),
      [...new Set(operations.flatMap((operation) => operation.tags))].sort(),
    );
    for (const tag of document.tags) assert.ok(tag.description, `tag ${tag.name} has a description`);
    const text = JSON.stringify(document);
    for (const name of Object.keys(document.components.schemas)) {
      assert.ok(text.includes(`"#/components/schemas/${name}"`), `${name} is referred to`);
    }
    // The event stream's items are described where OpenAPI tools look, not in an extension.
    assert.ok(document.components.schemas.PeerEvent);
  });
});
