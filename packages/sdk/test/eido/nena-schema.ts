// NENA's published EIDO schema (NENA-STA-021.1b, copied unchanged under test/fixtures/eido/nena),
// compiled for ajv. The schema is an OpenAPI 3.0.2 document whose components.schemas reference
// NIEM types in other YAML files; JSON Schema validators read neither YAML nor OpenAPI's dialect,
// so this gathers every definition reachable from EmergencyIncidentDataObjectType into one
// JSON Schema (2019-09, for `unevaluatedProperties`) with OpenAPI's differences translated.
import { readFileSync } from 'node:fs';
import Ajv2019 from 'ajv/dist/2019.js';
import type { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { load } from 'js-yaml';

export const nenaRoot = new URL('../fixtures/eido/nena/', import.meta.url);
const schemaRoot = new URL('Schema/', nenaRoot);
const rootFile = new URL('openapi.yaml', schemaRoot);
const rootType = 'EmergencyIncidentDataObjectType';

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

const files = new Map<string, Node>();
function schemasOf(file: URL): Node {
  let document = files.get(file.href);
  if (!document) {
    const parsed: unknown = load(readFileSync(file, 'utf8'));
    if (!isNode(parsed)) throw new Error(`${file.pathname} is not a YAML mapping`);
    document = parsed;
    files.set(file.href, document);
  }
  const schemas = isNode(document.components) ? document.components.schemas : undefined;
  if (!isNode(schemas)) throw new Error(`${file.pathname} has no components.schemas`);
  return schemas;
}

/** One name per definition: the root document's own names as they are, others prefixed by file. */
function definitionKey(file: URL, name: string): string {
  // A JSON pointer segment may not hold '/': the NIEM files' folder becomes part of the name.
  const path = file.href.slice(schemaRoot.href.length).replaceAll('/', '.');
  return path === 'openapi.yaml' ? name : `${path}:${name}`;
}

// OpenAPI 3.0 keywords that JSON Schema does not have, or that only annotate.
const openApiOnly = new Set([
  'nullable',
  'discriminator',
  'example',
  'xml',
  'externalDocs',
  'deprecated',
  'readOnly',
  'writeOnly',
]);
const countKeywords = new Set(['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties']);

/** What the translation had to do to the published text, so a report can say so. */
export interface Translation {
  /** Count keywords whose value is not a number in the published YAML, e.g. `minItems: 1,`. */
  repairedCounts: string[];
  /** References whose path has an empty segment, e.g. `NIEMComponents//j.yaml`. */
  repairedRefs: string[];
}

interface Walk {
  defs: Record<string, unknown>;
  pending: [file: URL, name: string][];
  closed: boolean;
  translation: Translation;
}

/**
 * `closed`: an object may hold only the properties its schema declares (through `allOf` too).
 * The published schema leaves objects open, as JSON Schema does by default, so a misspelt or
 * invented field passes it; closing them is what catches `organizationIdentification` on an agency.
 */
function convert(node: unknown, file: URL, walk: Walk, at: string, inAllOf = false): unknown {
  if (Array.isArray(node)) return node.map((item, index) => convert(item, file, walk, `${at}/${String(index)}`));
  if (!isNode(node)) return node;
  const close = walk.closed && !inAllOf ? { unevaluatedProperties: false } : {};
  if (typeof node.$ref === 'string') {
    // OpenAPI 3.0: a $ref replaces its object; siblings (here only descriptions) are ignored.
    const target = new URL(node.$ref, file);
    const pointer = /^#\/components\/schemas\/([^/]+)$/.exec(target.hash);
    if (!pointer?.[1]) throw new Error(`${at}: unsupported $ref ${node.$ref}`);
    target.hash = '';
    if (target.pathname.includes('//')) {
      // A file system reads `NIEMComponents//j.yaml` as `NIEMComponents/j.yaml`; so must the names.
      walk.translation.repairedRefs.push(`${at}: ${node.$ref}`);
      target.pathname = target.pathname.replace(/\/{2,}/g, '/');
    }
    const name = decodeURIComponent(pointer[1]);
    walk.pending.push([target, name]);
    return { $ref: `#/$defs/${definitionKey(target, name)}`, ...close };
  }
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) {
    if (openApiOnly.has(key)) continue;
    if (countKeywords.has(key) && typeof value !== 'number') {
      const count = Number.parseInt(String(value), 10);
      if (Number.isNaN(count)) throw new Error(`${at}/${key}: not a count: ${String(value)}`);
      walk.translation.repairedCounts.push(`${at}/${key}: ${JSON.stringify(value)} read as ${String(count)}`);
      out[key] = count;
    } else if (key === 'properties' && isNode(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [name, convert(schema, file, walk, `${at}/properties/${name}`)]),
      );
    } else if (key === 'allOf' && Array.isArray(value)) {
      out[key] = value.map((part, index) => convert(part, file, walk, `${at}/allOf/${String(index)}`, true));
    } else if (
      key === 'items' ||
      key === 'not' ||
      key === 'additionalProperties' ||
      key === 'anyOf' ||
      key === 'oneOf'
    ) {
      out[key] = convert(value, file, walk, `${at}/${key}`);
    } else {
      out[key] = value;
    }
  }
  if (node.nullable === true) {
    // OpenAPI 3.0's `nullable` widens `type` (and any `enum`) to admit null.
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
  }
  const describesObject = out.type === 'object' || 'properties' in out || 'allOf' in out;
  return describesObject ? { ...out, ...close } : out;
}

/** The JSON Schema for an EIDO: NENA's definitions reachable from EmergencyIncidentDataObjectType. */
export function eidoJsonSchema(options: { closed: boolean }): { schema: Node; translation: Translation } {
  const walk: Walk = {
    defs: {},
    pending: [[rootFile, rootType]],
    closed: options.closed,
    translation: { repairedCounts: [], repairedRefs: [] },
  };
  for (let next = walk.pending.pop(); next; next = walk.pending.pop()) {
    const [file, name] = next;
    const key = definitionKey(file, name);
    if (key in walk.defs) continue;
    const definition = schemasOf(file)[name];
    if (definition === undefined) throw new Error(`no schema ${name} in ${file.pathname}`);
    walk.defs[key] = convert(definition, file, walk, key, true);
  }
  const schema: Node = {
    $schema: 'https://json-schema.org/draft/2019-09/schema',
    $ref: `#/$defs/${rootType}`,
    ...(options.closed ? { unevaluatedProperties: false } : {}),
    $defs: walk.defs,
  };
  return { schema, translation: walk.translation };
}

export interface EidoIssue {
  /** JSON pointer into the document, e.g. `/agencyComponent/0`. */
  path: string;
  keyword: string;
  message: string;
}

export interface EidoValidator {
  /** Against NENA's schema as written, where objects are open to fields it does not declare. */
  published(document: unknown): EidoIssue[];
  /** The same, and no field the schema does not define (misspelt, invented or from a draft). */
  closed(document: unknown): EidoIssue[];
}

function messageOf(error: ErrorObject): string {
  const params = error.params as { unevaluatedProperty?: unknown; missingProperty?: unknown };
  if (error.keyword === 'unevaluatedProperties')
    return `has ${String(params.unevaluatedProperty)}, which the schema does not define`;
  if (error.keyword === 'required') return `lacks ${String(params.missingProperty)}`;
  return error.message ?? error.keyword;
}

let compiled: EidoValidator | undefined;

/**
 * Compiled once per process: the schema holds some 3,400 definitions (NIEM's person type reaches
 * most of NIEM), which takes ajv seconds. One closed schema serves both checks: closing adds only
 * `unevaluatedProperties` errors, so without them its answer is the published schema's.
 */
export function eidoValidator(): EidoValidator {
  if (compiled) return compiled;
  const { schema } = eidoJsonSchema({ closed: true });
  // Strict mode stays on but for its type check: NENA writes `required` and `properties` without
  // `type: object` (ReferenceType), and closing puts `unevaluatedProperties` beside `$ref`s whose
  // target holds the type. Both are legal JSON Schema. Code optimisation is off: it halves the
  // compile time, and the documents checked are small.
  const ajv = new Ajv2019({ allErrors: true, strict: true, strictTypes: false, code: { optimize: false } });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const closed = (document: unknown): EidoIssue[] => {
    if (validate(document)) return [];
    // The same failure reached through two `allOf` parts comes twice; once is enough.
    const issues = new Map<string, EidoIssue>();
    for (const error of validate.errors ?? []) {
      const issue = { path: error.instancePath, keyword: error.keyword, message: messageOf(error) };
      issues.set(`${issue.path} ${issue.message}`, issue);
    }
    return [...issues.values()];
  };
  compiled = {
    closed,
    published: (document) => closed(document).filter((issue) => issue.keyword !== 'unevaluatedProperties'),
  };
  return compiled;
}

/** A fresh copy of a JSON file under the NENA fixtures, e.g. `Samples/Sample call transfer EIDO.json`. */
export function nenaFile(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(path, nenaRoot), 'utf8')) as Record<string, unknown>;
}
