// Contract fuzzing: bodies and queries generated from the contract's own JSON Schemas drive every
// endpoint of the real service. Nothing may answer 5xx, and every body the contract refuses must
// come back as problem+json naming its fields.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import * as z from 'zod/mini';
import type { Endpoint, Problem, Role } from '@peerlink/sdk';
import { endpoints } from '@peerlink/sdk';
import { buildOpenApi } from '../../packages/sdk/scripts/contract-docs.js';
import { harnessFor, ids, postgresUnavailable } from '../../packages/server/test/harness.js';
import { arbitraryFor, breakBody } from './support/arbitrary.js';

const runs = Number(process.env.PEERLINK_FUZZ_RUNS ?? 40);
interface Operation {
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  parameters?: { name?: string; in?: string; required?: boolean; schema?: Record<string, unknown> }[];
}
const document = buildOpenApi() as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};
const components = document.components.schemas;
const operationOf = (endpoint: Endpoint): Operation =>
  document.paths[endpoint.path]?.[endpoint.method.toLowerCase()] ?? {};
/** The query as one object schema, from the operation's query parameters. */
const querySchemaOf = (operation: Operation) => {
  const parameters = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
  if (parameters.length === 0) return undefined;
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map((parameter) => [parameter.name ?? '', parameter.schema ?? {}])),
    required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
  };
};

const subjectFor = (role: Role) =>
  role === 'specialist' ? ids.primary : role === 'supervisor' ? ids.supervisor : undefined;
/** Path ids: half real records of the agency, half random. */
const pathId = fc.oneof(fc.constantFrom(ids.resource, ids.primary, ids.agency), fc.uuid({ version: 4 }));

describe('contract fuzzing', () => {
  it('never answers 5xx, and answers every invalid body with problem+json naming the field', async (t) => {
    // Every arbitrary is built before the service starts: a slow build (the first URL arbitrary takes
    // seconds) between two endpoints would leave the kept-alive connection idle past the server's timeout.
    const arbitraries = new Map(
      Object.values<Endpoint>(endpoints).map((endpoint) => {
        const operation = operationOf(endpoint);
        const bodySchema = operation.requestBody?.content['application/json']?.schema;
        const querySchema = querySchemaOf(operation);
        return [
          endpoint.operationId,
          {
            body: bodySchema ? arbitraryFor(bodySchema, components) : fc.constant(undefined),
            query: querySchema ? arbitraryFor(querySchema, components) : fc.constant(undefined),
          },
        ];
      }),
    );
    const storage = (await postgresUnavailable()) ? 'pglite' : 'postgres';
    const h = await harnessFor(t, storage, { config: { rateLimit: { capacity: 1_000_000, perSecond: 100_000 } } });
    const rows: string[] = [];
    const failures: string[] = [];
    let total = 0;

    for (const endpoint of Object.values<Endpoint>(endpoints)) {
      if (endpoint.stream || endpoint.auth === 'ack-token') continue;
      const role = endpoint.roles[0];
      const subjectId = role ? subjectFor(role) : undefined;
      // An earlier endpoint's fuzzed calls may have deactivated this peer (path ids name them), and a deactivated
      // peer gets no session: active again first.
      if (subjectId) {
        await h.server.db.query(
          "update specialists set active = true, doc = jsonb_set(doc, '{active}', 'true'::jsonb) where id = $1",
          [subjectId],
        );
      }
      const token =
        endpoint.auth === 'api-key' ? h.apiKey : role ? await h.token(role, subjectId ? { subjectId } : {}) : undefined;
      const { body, query } = arbitraries.get(endpoint.operationId) ?? {
        body: fc.constant(undefined),
        query: fc.constant(undefined),
      };
      const counts = { valid: 0, invalid: 0, refused: 0, statuses: new Map<number, number>() };

      const send = async (payload: unknown, search: unknown, id: string) => {
        const path = endpoint.path.replace(/\{\w+\}/g, id);
        const qs =
          search && typeof search === 'object'
            ? new URLSearchParams(
                Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]),
              )
            : undefined;
        const result = await h.call(endpoint.method, `${path}${qs && qs.size > 0 ? `?${qs.toString()}` : ''}`, {
          ...(token ? { token } : {}),
          ...(endpoint.body ? { body: payload ?? {} } : {}),
        });
        total += 1;
        counts.statuses.set(result.status, (counts.statuses.get(result.status) ?? 0) + 1);
        if (result.status >= 500)
          failures.push(
            `${endpoint.operationId}: ${String(result.status)} for ${JSON.stringify(payload).slice(0, 200)}`,
          );
        return result;
      };

      await fc.assert(
        fc.asyncProperty(body, query, pathId, async (payload, search, id) => {
          counts.valid += 1;
          await send(payload, search, id);
        }),
        { numRuns: runs },
      );

      if (endpoint.body) {
        const schema = endpoint.body;
        await fc.assert(
          fc.asyncProperty(
            body.chain((valid) => breakBody(valid)),
            pathId,
            async (broken, id) => {
              const refused = !z.safeParse(schema, broken).success;
              const result = await send(broken, undefined, id);
              if (!refused) return;
              counts.invalid += 1;
              // Auth and existence are checked before the body, as they must be.
              if (result.status === 404 || result.status === 403) return;
              counts.refused += 1;
              const problem = result.body as Problem;
              if (
                result.status !== 400 ||
                result.headers.get('content-type') !== 'application/problem+json' ||
                !problem.errors?.length
              ) {
                failures.push(
                  `${endpoint.operationId}: invalid body answered ${String(result.status)} ${JSON.stringify(result.body).slice(0, 200)}`,
                );
              }
            },
          ),
          { numRuns: runs },
        );
      }
      rows.push(
        `${endpoint.operationId.padEnd(24)} ${String(counts.valid).padStart(4)} generated ${String(counts.invalid).padStart(4)} invalid (${String(counts.refused)} refused with field errors)  ${[
          ...counts.statuses,
        ]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${String(s)}×${String(n)}`)
          .join(' ')}`,
      );
    }
    console.log(
      `\ncontract fuzzing on ${storage}: ${String(total)} requests\n${rows.join('\n')}\n5xx: ${String(failures.filter((f) => / 5\d\d /.test(f)).length)}`,
    );
    assert.deepEqual(failures, []);
  });
});
