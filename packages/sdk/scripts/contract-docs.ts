// Builds the OpenAPI 3.1 document and the JSON Schemas from the zod contract.
// Nothing here is written by hand: every schema comes from packages/sdk/src/schema.
import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import * as contract from '../src/schema/index.js';
import type { Endpoint } from '../src/schema/api.js';

type JsonObject = Record<string, unknown>;

const sdkPackage = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

function isSchema(value: unknown): value is z.core.$ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/** Named schemas of the contract: every exported zod schema whose name starts with a capital. */
export function namedSchemas(): Map<string, z.core.$ZodType> {
  const named = new Map<string, z.core.$ZodType>();
  for (const [name, value] of Object.entries(contract)) {
    if (/^[A-Z]/.test(name) && isSchema(value)) named.set(name, value);
  }
  return named;
}

const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

function buildComponents(endpoints: readonly Endpoint[]): {
  schemas: Record<string, JsonObject>;
  names: Map<z.core.$ZodType, string>;
} {
  const registry = z.registry<{ id: string }>();
  const names = new Map<z.core.$ZodType, string>();
  const add = (schema: z.core.$ZodType, name: string) => {
    if (names.has(schema)) return;
    names.set(schema, name);
    registry.add(schema, { id: name });
  };
  for (const [name, schema] of namedSchemas()) add(schema, name);
  for (const endpoint of endpoints) {
    if (endpoint.body) add(endpoint.body, `${pascal(endpoint.operationId)}Body`);
    add(endpoint.response, `${pascal(endpoint.operationId)}Response`);
    if (endpoint.jsonResponse) add(endpoint.jsonResponse, `${pascal(endpoint.operationId)}JsonResponse`);
    if (endpoint.query) add(endpoint.query, `${pascal(endpoint.operationId)}Query`);
    if (endpoint.params) add(endpoint.params, `${pascal(endpoint.operationId)}Params`);
  }
  const generated = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonObject> };
  const schemas: Record<string, JsonObject> = {};
  for (const [name, schema] of Object.entries(generated.schemas)) {
    const { $id: _id, $schema: _schema, ...rest } = schema;
    schemas[name] = rest;
  }
  return { schemas, names };
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

function parameters(location: 'path' | 'query', schema: JsonObject | undefined): JsonObject[] {
  if (!schema) return [];
  const properties = (schema.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    ...(property.description ? { description: property.description } : {}),
    schema: property,
    ...(property.type === 'array' ? { style: 'form', explode: false } : {}),
  }));
}

export function buildOpenApi(): JsonObject {
  const endpoints = Object.values(contract.endpoints);
  const { schemas, names } = buildComponents(endpoints);
  const ref = (schema: z.core.$ZodType) => ({ $ref: `#/components/schemas/${names.get(schema) ?? ''}` });
  const componentOf = (schema: z.core.$ZodType | undefined) => (schema ? schemas[names.get(schema) ?? ''] : undefined);

  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const endpoint of endpoints) {
    const security = {
      'api-key': [{ apiKey: [] }],
      'embed-token': [{ embedToken: [] }],
      'embed-token-or-api-key': [{ embedToken: [] }, { apiKey: [] }],
      'ack-token': [],
      public: [],
    }[endpoint.auth];
    const success = endpoint.stream
      ? {
          // OpenAPI 3.1 cannot describe an event stream; the schema given is that of one event.
          description: 'A stream of Server-Sent Events; the `data:` line of each is one JSON document of this schema.',
          content: { 'text/event-stream': { schema: ref(endpoint.response) } },
        }
      : {
          description: endpoint.jsonResponse
            ? `Success: \`${endpoint.responseType ?? ''}\`, or the JSON form to a caller that asks for \`application/json\` only`
            : 'Success',
          content: {
            [endpoint.responseType ?? 'application/json']: { schema: ref(endpoint.response) },
            ...(endpoint.jsonResponse ? { 'application/json': { schema: ref(endpoint.jsonResponse) } } : {}),
          },
        };
    const operation: JsonObject = {
      operationId: endpoint.operationId,
      summary: endpoint.summary,
      description: endpoint.description,
      tags: [endpoint.tag],
      security,
      ...(endpoint.roles.length > 0 ? { 'x-roles': [...endpoint.roles] } : {}),
      parameters: [
        ...parameters('path', componentOf(endpoint.params)),
        ...parameters('query', componentOf(endpoint.query)),
        ...(endpoint.method === 'POST' ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : []),
        ...(endpoint.stream ? [{ $ref: '#/components/parameters/LastEventId' }] : []),
      ],
      ...(endpoint.body
        ? {
            requestBody: {
              required: true,
              content: { [endpoint.bodyType ?? 'application/json']: { schema: ref(endpoint.body) } },
            },
          }
        : {}),
      responses: {
        [String(endpoint.status)]: success,
        '400': problemResponse('The request broke a rule of the contract; `errors` names each field.'),
        ...(endpoint.auth === 'public' && endpoint.signed !== true
          ? {}
          : { '401': problemResponse('Missing, expired or invalid credentials.') }),
        ...(endpoint.roles.length > 0 ? { '403': problemResponse("The token's role may not do this.") } : {}),
        ...(endpoint.params ? { '404': problemResponse('No such record in this agency.') } : {}),
        ...(endpoint.method === 'POST'
          ? {
              '409': problemResponse(
                'The record is not in a state that allows this (illegal transition, stale version).',
              ),
              '422': problemResponse('The Idempotency-Key was used before with another body.'),
            }
          : {}),
        '429': problemResponse('Too many requests; wait as Retry-After says.'),
      },
    };
    paths[endpoint.path] = { ...paths[endpoint.path], [endpoint.method.toLowerCase()]: operation };
  }

  const used = new Set(endpoints.map((endpoint) => endpoint.tag));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Peerlink API',
      version: sdkPackage.version,
      summary: 'Peer-recovery workflows for dispatch, court and hospital software.',
      description:
        'The HTTP API of a Peerlink service: duty call-outs of peer support specialists, their call-out logs, ' +
        'the resource directory and closed-loop referrals, certifications, and the audit trail. Every request is ' +
        'authorized by role and agency; errors are RFC 9457 problem details naming the failing fields.',
      contact: { name: 'Peerlink' },
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    // Each program runs its own service; the default is `peerlink-server start` on this machine.
    servers: [
      {
        url: '{origin}',
        description: "Your program's Peerlink service",
        variables: {
          origin: { default: 'http://localhost:8787', description: 'Scheme, host and port of the service.' },
        },
      },
    ],
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    tags: Object.entries(contract.apiTags)
      .filter(([name]) => used.has(name as contract.ApiTag))
      .map(([name, description]) => ({ name, description })),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      // Only what the operations refer to; every named schema has its own document in schemas/.
      schemas: reachable(schemas, paths),
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'Repeating a POST with the same key and body returns the first result.',
          schema: { type: 'string', minLength: 8, maxLength: 255 },
        },
        LastEventId: {
          name: 'Last-Event-ID',
          in: 'header',
          required: false,
          description: 'Resume the stream after this event id.',
          schema: { type: 'string', maxLength: 40 },
        },
      },
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: "A host's secret API key. Server to server only; never sent to a browser.",
        },
        embedToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A short-lived embed token (at most 15 minutes) for one role and agency.',
        },
      },
    },
  };
}

/** The component schemas `paths` refers to, directly or through other components. */
function reachable(schemas: Record<string, JsonObject>, paths: unknown): Record<string, JsonObject> {
  const prefix = '#/components/schemas/';
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(prefix)) {
        const name = child.slice(prefix.length);
        if (!found.has(name)) {
          found.add(name);
          visit(schemas[name]);
        }
      } else visit(child);
    }
  };
  visit(paths);
  return Object.fromEntries(Object.entries(schemas).filter(([name]) => found.has(name)));
}

/** One self-contained JSON Schema (draft 2020-12) per named contract schema. */
export function buildJsonSchemas(): Record<string, JsonObject> {
  const documents: Record<string, JsonObject> = {};
  for (const [name, schema] of namedSchemas()) {
    const document = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io: 'output',
      unrepresentable: 'any',
    }) as JsonObject;
    documents[name] = { $id: `https://peerlink.invalid/schemas/${name}.json`, title: name, ...document };
  }
  return documents;
}

export const stringify = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
