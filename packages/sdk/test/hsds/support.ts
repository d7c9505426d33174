// Shared by the HSDS tests: the specification's examples and schemas (copied unchanged under
// test/fixtures/hsds/hsds-3.0) and a generator of varied, valid resources.
import { readFileSync, readdirSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpeningRule, Resource, ResourceInput, ResourceSetting, Weekday } from '@peerlink/sdk';
import { ResourceCategory } from '@peerlink/sdk';

const root = new URL('../fixtures/hsds/hsds-3.0/', import.meta.url);

export const exampleNames = readdirSync(new URL('examples/', root))
  .filter((name) => name.endsWith('.json'))
  .sort();

/** A fresh copy of one of the specification's example payloads. */
export function example(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`examples/${name}`, root), 'utf8')) as Record<string, unknown>;
}

const readSchema = (path: string) =>
  JSON.parse(readFileSync(new URL(`schema/${path}`, root), 'utf8')) as Record<string, unknown>;

/**
 * Validators for the published schemas. They declare no `$schema`; the HSDS OpenAPI document
 * uses the 2020-12 dialect, so Ajv2020 it is. The table schemas carry no `$id` and reference each
 * other by file name (`"$ref": "phone.json"`), so each is registered under its file name. Their
 * Frictionless Data annotations are declared as keywords so strict mode still catches typos.
 */
function validators() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addVocabulary([
    'name',
    'path',
    'datapackage_metadata',
    'datapackage_type',
    'constraints',
    'example',
    'core',
    'tabular_required',
  ]);
  for (const file of readdirSync(new URL('schema/tables/', root))) ajv.addSchema(readSchema(`tables/${file}`), file);
  const table = (file: string): ValidateFunction => {
    const validate = ajv.getSchema(file);
    if (!validate) throw new Error(`no schema ${file}`);
    return validate;
  };
  return {
    /** Fully nested service: tables/service.json and every table it references. */
    service: table('service.json'),
    /** The compiled, self-contained service schema. */
    serviceWithDefinitions: ajv.compile(readSchema('service_with_definitions.json')),
    /** Items of `GET /services` (`contents` of the page). */
    serviceListItem: ajv.compile(readSchema('service_list.json')),
    /** `components.schemas.Page` of the HSDS 3.0 OpenAPI document. */
    page: ajv.compile({
      type: 'object',
      properties: {
        total_items: { type: 'integer' },
        total_pages: { type: 'integer' },
        page_number: { type: 'integer' },
        size: { type: 'integer' },
        first_page: { type: 'boolean' },
        last_page: { type: 'boolean' },
        empty: { type: 'boolean' },
        contents: { type: 'array' },
      },
      required: ['empty'],
    }),
  };
}

export const schemas = validators();

/** Ajv's errors, one line each, for assertion messages. */
export const describeErrors = (errors: readonly ErrorObject[] | null | undefined): string =>
  (errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`).join('\n');

// ---------------------------------------------------------------------------------------------

/** Small deterministic generator (a 32-bit xorshift) so failures reproduce. */
export function random(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <const T extends readonly [unknown, ...unknown[]]>(items: T): T[number] =>
    items[int(0, items.length - 1)] ?? items[0];
  const some = <T>(items: readonly T[], min: number, max: number): T[] => {
    const pool = [...items];
    const chosen: T[] = [];
    const wanted = int(min, Math.min(max, pool.length));
    while (chosen.length < wanted) {
      const [item] = pool.splice(int(0, pool.length - 1), 1);
      if (item !== undefined) chosen.push(item);
    }
    return chosen;
  };
  return { next, int, pick, some };
}

const categories: readonly ResourceCategory[] = ResourceCategory.options;
const settings: readonly ResourceSetting[] = ['community', 'hospital', 'jail-prison', 'court', 'treatment'];
const days: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const cities = [
  { city: 'Chicago', region: 'IL', lat: 41.8781, lon: -87.6298, timeZone: 'America/Chicago' },
  { city: 'Phoenix', region: 'AZ', lat: 33.4484, lon: -112.074, timeZone: 'America/Phoenix' },
  { city: 'Boston', region: 'MA', lat: 42.3601, lon: -71.0589, timeZone: 'America/New_York' },
  { city: 'Honolulu', region: 'HI', lat: 21.3069, lon: -157.8583, timeZone: 'Pacific/Honolulu' },
  { city: 'Anchorage', region: 'AK', lat: 61.2181, lon: -149.9003, timeZone: 'America/Anchorage' },
] as const;
const languages = ['en', 'es', 'vi', 'zh', 'zh-Hant', 'ht', 'so', 'hmn', 'nv', 'ase', 'tl', 'es-MX', 'haw'];

const hex = (rng: ReturnType<typeof random>, length: number) =>
  Array.from({ length }, () => rng.int(0, 15).toString(16)).join('');
const uuid = (rng: ReturnType<typeof random>) =>
  `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`;

/**
 * `count` valid resources covering what the adapter must carry: every category, settings and
 * stages, hours (overnight, dated, 24x7, none), capacity, fees, locations or none, kept HSDS ids,
 * services at several locations, and stored `Resource`s next to plain inputs.
 */
export function syntheticResources(count: number, seed = 7): (Resource | ResourceInput)[] {
  const rng = random(seed);
  const resources: (Resource | ResourceInput)[] = [];
  for (let index = 0; index < count; index++) {
    const place = rng.pick(cities);
    const located = rng.next() < 0.9;
    const rules: OpeningRule[] = Array.from({ length: rng.int(0, 3) }, (_, ruleIndex) => ({
      byDay: rng.some(days, 1, 7),
      opensAt: `${String(rng.int(0, 23)).padStart(2, '0')}:${rng.pick(['00', '15', '30', '45'])}`,
      closesAt: `${String(rng.int(0, 23)).padStart(2, '0')}:${rng.pick(['00', '30'])}`,
      ...(ruleIndex === 1 ? { validFrom: '2025-06-01' } : {}),
      ...(ruleIndex === 2 ? { validTo: '2031-12-31' } : {}),
    }));
    const category = rng.some(categories, 1, 3);
    const input: ResourceInput = {
      name: `${rng.pick(['Harbor Light', 'Riverbend', 'New Horizons', 'Open Door', 'Second Wind'])} ${String(index)}`,
      organization: {
        name: `Org ${String(index % 97)}`,
        ...(rng.next() < 0.7 ? { url: `https://org${String(index % 97)}.example.org/` } : {}),
      },
      description: rng.next() < 0.8 ? `Service number ${String(index)} — walk-ins welcome.` : '',
      categories: category,
      ...(rng.next() < 0.5
        ? { taxonomy: [{ code: `RX-${String(8000 + index)}`, name: `Term ${String(index)}`, taxonomy: 'AIRS' }] }
        : {}),
      location: located
        ? {
            address: {
              street: `${String(100 + index)} Main St`,
              city: place.city,
              region: place.region,
              postalCode: String(10000 + index),
              country: 'US',
            },
            lat: Math.round((place.lat + rng.next() / 10) * 1e5) / 1e5,
            lon: Math.round((place.lon - rng.next() / 10) * 1e5) / 1e5,
          }
        : {},
      ...(rng.next() < 0.6 ? { eligibility: 'Adults 18 and over' } : {}),
      languages: rng.some(languages, 0, 4),
      fees: {
        acceptsMedicaid: rng.next() < 0.5,
        ...(rng.next() < 0.5 ? { acceptsMedicare: rng.next() < 0.5 } : {}),
        ...(rng.next() < 0.5 ? { free: rng.next() < 0.5 } : {}),
        ...(rng.next() < 0.3 ? { slidingScale: true } : {}),
        ...(rng.next() < 0.4 ? { notes: 'Call about payment options.' } : {}),
      },
      ...(rng.next() < 0.85
        ? {
            schedule: {
              timeZone: place.timeZone,
              ...(rng.next() < 0.15 ? { open24x7: true } : {}),
              rules,
              ...(rng.next() < 0.3 ? { notes: 'Closed on federal holidays.' } : {}),
            },
          }
        : {}),
      ...(rng.next() < 0.8 ? { phone: `(${String(rng.int(200, 999))}) 555-01${String(rng.int(10, 99))}` } : {}),
      ...(rng.next() < 0.7 ? { url: `https://svc${String(index)}.example.org/intake` } : {}),
      ...(rng.next() < 0.3
        ? {
            capacity: {
              available: rng.next() < 0.2 ? null : rng.int(0, 30),
              ...(rng.next() < 0.5 ? { total: 30 } : {}),
              ...(rng.next() < 0.5 ? { updatedAt: '2026-01-14T08:00:00-06:00' } : {}),
            },
          }
        : {}),
      settings: rng.some(settings, 0, 2),
      interceptStages: rng.some([0, 1, 2, 3, 4, 5], 0, 2),
      ...(rng.next() < 0.5
        ? {
            hsds: {
              serviceId: uuid(rng),
              organizationId: uuid(rng),
              ...(located ? { locationId: uuid(rng), serviceAtLocationId: uuid(rng) } : {}),
            },
          }
        : {}),
    };
    resources.push(
      rng.next() < 0.3
        ? {
            id: uuid(rng),
            agencyId: '0b6c3f9e-2a51-4c1e-9d55-6f2f1c9a7e01',
            updatedAt: '2026-01-14T08:00:00-06:00',
            ...input,
          }
        : input,
    );
    // Every tenth service is also delivered at a second location.
    const previous = resources[resources.length - 1];
    if (index % 10 === 0 && located && previous?.hsds?.serviceId !== undefined) {
      resources.push({
        ...previous,
        location: { ...previous.location, lat: place.lat, lon: place.lon },
        hsds: { ...previous.hsds, locationId: uuid(rng), serviceAtLocationId: uuid(rng) },
      });
    }
  }
  return resources;
}

/** What fromHsds can give back for a resource: the input fields, without a stored row's own. */
export function asInput(resource: Resource | ResourceInput): ResourceInput {
  if (!('id' in resource)) return resource;
  const { id: _id, agencyId: _agencyId, updatedAt: _updatedAt, ...input } = resource;
  return input;
}
