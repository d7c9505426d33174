import { toFieldErrors } from '../schema/problem.js';
import { LanguageTag } from '../schema/primitives.js';
import { InterceptStage, ResourceCategory, ResourceInput, ResourceSetting } from '../schema/resource.js';
import type { TaxonomyTerm } from '../schema/resource.js';
import { HsdsImportError } from './errors.js';
import type { HsdsWarning } from './errors.js';
import { isCategoryTaxonomy, isFieldTaxonomy } from './extensions.js';
import { mapCapacity, mapFees } from './fees.js';
import { languageFromCode, languageFromName } from './languages.js';
import { mapLocation } from './location.js';
import { clip, fieldValues, readText, rowsOf, termsOf, warn } from './read.js';
import type { Context, Row, Sources, Term } from './read.js';
import { at, checkRequired, isJson } from './required.js';
import type { Json } from './required.js';
import { mapSchedule } from './schedule.js';
import { categoriesOf, defaultTaxonomyMap } from './taxonomy.js';
import type { TaxonomyMap } from './taxonomy.js';

export interface FromHsdsOptions {
  /** Taxonomy terms → categories. Default: `defaultTaxonomyMap`. */
  taxonomyMap?: TaxonomyMap;
  /** ISO 3166-1 alpha-2 country for addresses whose `country` is blank. */
  defaultCountry?: string;
  /**
   * The directory's IANA time zone (`America/Denver`). HSDS 3.0 gives a schedule's zone as a UTC
   * offset, which cannot follow daylight saving: an offset this zone has at some time of year
   * (-7 or -6 for Denver) is read in this zone. Other offsets are read as fixed offsets
   * (`Etc/GMT+7`), with a `fixed_offset` warning. A schedule with no zone at all is read in this
   * one: times with an offset (`14:00Z`) are converted to it, and times without are taken as its
   * local hours (HSDS would say UTC) with a `local_time_assumed` warning.
   */
  timeZone?: string;
  /** "Today" for expired schedules and cost options. Default: the current time. */
  now?: Date;
}

export interface HsdsImportResult {
  /** One per service at location, or per service without a location; each valid `ResourceInput`. */
  resources: ResourceInput[];
  warnings: HsdsWarning[];
}

/** One HSDS service with everything needed to map it, wherever it sat in the payload. */
interface Unit {
  readonly service: Json;
  readonly path: string;
  readonly organization: Json | undefined;
  readonly organizationPath: string;
  readonly sals: readonly Row[];
}

/**
 * Imports Open Referral HSDS 3.0 JSON: a service, a `service_list` page, a service_at_location
 * (full or a list page) or an organization with its services. Anything else (a location, a
 * taxonomy term, an organization list without services) is refused with `HsdsImportError`, code
 * `not_a_service` at the record's path, rather than read as an empty directory.
 *
 * Produces one resource per service at location (one per service when it has none), each a
 * valid `ResourceInput` carrying its HSDS ids in `hsds`. A payload that misses a field HSDS
 * requires, or a service Peerlink cannot represent (no organization, a blank name), is rejected
 * whole with `HsdsImportError`. Invalid optional values are dropped and reported as warnings.
 *
 * Decisions:
 * - Categories come from Peerlink's own category attributes when present, else from the service's
 *   taxonomy terms through the taxonomy map, else from the map's phrases found in the service
 *   name (warning `category_from_name`). A service none of these maps is imported as `other`
 *   (warning `unmapped_service`), never skipped: an import must not drop services silently.
 * - `inactive` and `defunct` services are skipped; `temporarily closed` ones are imported with a
 *   warning.
 * - `settings` default to `treatment` for detox/treatment/MOUD and `community` for the rest;
 *   `interceptStages` default to `[0]` (community services). Peerlink's attributes replace both,
 *   and in a service Peerlink exported, a missing one means none.
 * - Schedules: weekly rules only. Rows with other recurrences (monthly, every other week, given
 *   weeks or days of the month, a count) are dropped rather than widened into "every week".
 *   Rules whose `valid_to` is past are dropped. The time zone comes from Peerlink's attribute, a
 *   string IANA `timezone`, or HSDS's numeric offset read through the `timeZone` option. Times
 *   written with an offset the zone never has (`14:00Z` in Chicago) are converted to its wall
 *   clock, days included when they cross midnight (warning `converted_time` when the result
 *   depends on the season or the days move); times with neither offset nor zone are read as
 *   local hours, not UTC (`local_time_assumed`). Every day 00:00 to 23:59 (or 24:00), HSDS's
 *   documented way of saying "open 24 hours", is read as `open24x7`.
 * - Languages: a `language-tag` attribute (the whole BCP 47 tag `toHsds` keeps beside the ISO
 *   639 code) wins over `code`, which wins over `name`.
 * - `acceptsMedicaid` is true only when the fees text or attributes say so; false means "not
 *   stated", since the contract requires a value.
 */
export function fromHsds(json: unknown, options: FromHsdsOptions = {}): HsdsImportResult {
  const ctx: Context = {
    map: options.taxonomyMap ?? defaultTaxonomyMap,
    defaultCountry: options.defaultCountry?.trim().toUpperCase(),
    timeZone: options.timeZone,
    today: (options.now ?? new Date()).toISOString().slice(0, 10),
    warnings: [],
    errors: [],
    seen: new Set(),
  };
  const units = collect(json, ctx);
  if (ctx.errors.length > 0) throw new HsdsImportError(ctx.errors);
  const resources = units.flatMap((unit) => mapService(unit, ctx));
  if (ctx.errors.length > 0) throw new HsdsImportError(ctx.errors);
  return { resources, warnings: ctx.warnings };
}

// ---------------------------------------------------------------------------------------------
// Payload shapes

/** What an HSDS record is; the strings name the records Peerlink cannot import. */
type Kind =
  | 'service'
  | 'service_at_location'
  | 'organization'
  | 'an organization without its services'
  | 'a location'
  | 'a taxonomy term'
  | 'a taxonomy';

const organizationOnly = [
  'website',
  'tax_status',
  'tax_id',
  'year_incorporated',
  'legal_status',
  'logo',
  'parent_organization_id',
  'organization_identifiers',
  'locations',
  'programs',
];
const locationOnly = [
  'location_type',
  'latitude',
  'longitude',
  'addresses',
  'accessibility',
  'transportation',
  'external_identifier',
  'external_identifier_type',
];
const termOnly = ['code', 'parent_id', 'taxonomy', 'taxonomy_detail', 'term_uri', 'taxonomy_id'];

// HSDS payloads do not name their type; tell them apart by fields only one type has. Anything
// unrecognised is read as a service, so a service missing `status` is still rejected as one.
function kindOf(record: Json): Kind {
  const has = (key: string) => record[key] !== undefined && record[key] !== null;
  if (has('status') || has('service_at_locations')) return 'service';
  if (isJson(record.service) || (isJson(record.location) && !has('name'))) return 'service_at_location';
  if (Array.isArray(record.services)) return 'organization';
  if (locationOnly.some(has)) return 'a location';
  if (organizationOnly.some(has)) return 'an organization without its services';
  if (termOnly.some(has)) return 'a taxonomy term';
  if (has('version')) return 'a taxonomy';
  return 'service';
}

const notAService =
  'Expected an HSDS service, a service_at_location with its service, or an organization with its services';

function collect(json: unknown, ctx: Context): Unit[] {
  if (!isJson(json)) {
    ctx.errors.push({ path: '', message: `${notAService}, or a list page of them`, code: 'invalid_type' });
    return [];
  }
  if (json.contents === undefined) return collectRecord(json, '', ctx);
  if (!Array.isArray(json.contents)) {
    ctx.errors.push({ path: 'contents', message: 'Expected array', code: 'invalid_type' });
    return [];
  }
  return json.contents.flatMap((item: unknown, index) => collectRecord(item, at('contents', index), ctx));
}

function collectRecord(record: unknown, path: string, ctx: Context): Unit[] {
  if (!isJson(record)) {
    ctx.errors.push({ path, message: 'Expected an HSDS object', code: 'invalid_type' });
    return [];
  }
  const kind = kindOf(record);
  switch (kind) {
    case 'service_at_location': {
      checkRequired(record, 'service_at_location', path, ctx.errors, ctx.warnings);
      const service = record.service;
      if (!isJson(service)) {
        ctx.errors.push({
          path: at(path, 'service'),
          message: 'Required: a service_at_location needs its service to become a resource',
          code: 'invalid_type',
        });
        return [];
      }
      const organization = isJson(service.organization) ? service.organization : undefined;
      return [
        {
          service,
          path: at(path, 'service'),
          organization,
          organizationPath: at(path, 'service', 'organization'),
          sals: [{ row: record, path }],
        },
      ];
    }
    case 'organization': {
      checkRequired(record, 'organization', path, ctx.errors, ctx.warnings);
      const services = rowsOf(record, 'services', path);
      if (services.length === 0) warn(ctx, path, 'no_services', 'An organization without services: nothing to import');
      return services.map(({ row, path: servicePath }) => ({
        service: row,
        path: servicePath,
        organization: isJson(row.organization) ? row.organization : record,
        organizationPath: isJson(row.organization) ? at(servicePath, 'organization') : path,
        sals: rowsOf(row, 'service_at_locations', servicePath),
      }));
    }
    case 'service': {
      checkRequired(record, 'service', path, ctx.errors, ctx.warnings);
      const organization = isJson(record.organization) ? record.organization : undefined;
      return [
        {
          service: record,
          path,
          organization,
          organizationPath: at(path, 'organization'),
          sals: rowsOf(record, 'service_at_locations', path),
        },
      ];
    }
    default:
      // Importing nothing from it would look like success; the caller sent the wrong list.
      ctx.errors.push({ path, message: `${notAService}; this is ${kind}`, code: 'not_a_service' });
      return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Categories, settings and stages

const clinical: readonly ResourceCategory[] = ['detox', 'treatment', 'moud'];

function mapCategories(
  ctx: Context,
  unit: Unit,
  terms: readonly Term[],
  name: string,
  alternateName: string | undefined,
): ResourceCategory[] {
  const explicit = terms.filter((term) => isCategoryTaxonomy(term.taxonomy));
  if (explicit.length > 0) {
    const categories: ResourceCategory[] = [];
    for (const term of explicit) {
      const parsed = ResourceCategory.safeParse(term.code);
      if (!parsed.success) warn(ctx, term.path, 'invalid_value', 'Not a Peerlink resource category; ignored');
      else if (!categories.includes(parsed.data)) categories.push(parsed.data);
    }
    if (categories.length > 0) return categories;
  }
  const found = new Set<ResourceCategory>();
  for (const term of terms) {
    if (isFieldTaxonomy(term.taxonomy)) continue;
    for (const category of categoriesOf(ctx.map, term)) found.add(category);
  }
  if (found.size > 0) return [...found];
  for (const text of [name, alternateName]) {
    if (text !== undefined) for (const category of categoriesOf(ctx.map, { name: text })) found.add(category);
  }
  if (found.size > 0) {
    warn(
      ctx,
      at(unit.path, 'name'),
      'category_from_name',
      `No taxonomy term maps to a category; "${[...found].join(', ')}" read from the service name`,
    );
  }
  return [...found];
}

function keptTerms(ctx: Context, terms: readonly Term[], sources: Sources): TaxonomyTerm[] | undefined {
  const kept: TaxonomyTerm[] = [];
  const keys = new Set<string>();
  for (const term of terms) {
    if (isFieldTaxonomy(term.taxonomy) || isCategoryTaxonomy(term.taxonomy)) continue;
    const code = term.code ?? term.id;
    if (code === undefined || term.name === undefined) continue;
    const key = `${term.taxonomy ?? ''}\u0000${code}`;
    if (keys.has(key)) continue;
    keys.add(key);
    if (kept.length === 50) {
      warn(ctx, term.path, 'too_many', 'More than 50 taxonomy terms; the rest are not kept');
      break;
    }
    sources.set(at('taxonomy', kept.length), term.path);
    kept.push({ code, name: term.name, ...(term.taxonomy === undefined ? {} : { taxonomy: term.taxonomy }) });
  }
  return kept.length > 0 ? kept : undefined;
}

/** Written by Peerlink: every Peerlink field is then stated, and a missing one means "none". */
const fromPeerlink = (terms: readonly Term[]) => terms.some((term) => isCategoryTaxonomy(term.taxonomy));

function mapSettings(ctx: Context, terms: readonly Term[], categories: readonly ResourceCategory[]): ResourceSetting[] {
  const explicit: ResourceSetting[] = [];
  for (const term of fieldValues(terms, 'setting')) {
    const parsed = ResourceSetting.safeParse(term.value);
    if (!parsed.success) warn(ctx, term.path, 'invalid_value', 'Not a Peerlink setting; ignored');
    else if (!explicit.includes(parsed.data)) explicit.push(parsed.data);
  }
  if (explicit.length > 0 || fromPeerlink(terms)) return explicit;
  const settings: ResourceSetting[] = [];
  if (categories.some((category) => clinical.includes(category))) settings.push('treatment');
  if (categories.some((category) => !clinical.includes(category))) settings.push('community');
  return settings;
}

function mapStages(ctx: Context, terms: readonly Term[]): number[] {
  const stages: number[] = [];
  for (const term of fieldValues(terms, 'intercept-stage')) {
    const parsed = InterceptStage.safeParse(
      term.value === undefined || term.value === '' ? undefined : Number(term.value),
    );
    if (!parsed.success) warn(ctx, term.path, 'invalid_value', 'Expected an intercept stage 0-5; ignored');
    else if (!stages.includes(parsed.data)) stages.push(parsed.data);
  }
  return stages.length > 0 || fromPeerlink(terms) ? stages : [0];
}

// ---------------------------------------------------------------------------------------------
// Languages and phones

function addLanguages(ctx: Context, rows: readonly Row[], languages: string[], sources: Sources): void {
  for (const { row, path } of rows) {
    const code = readText(ctx, row, 'code', path);
    const name = readText(ctx, row, 'name', path);
    const tag =
      taggedLanguage(ctx, row, path) ??
      (code === undefined ? undefined : languageFromCode(code)) ??
      (name === undefined ? undefined : languageFromName(name));
    if (tag === undefined) {
      if (code !== undefined || name !== undefined) {
        warn(ctx, path, 'unknown_language', `Cannot tell which language "${code ?? name ?? ''}" is; dropped`);
      }
      continue;
    }
    if (languages.includes(tag)) continue;
    if (languages.length === 30) {
      warn(ctx, path, 'too_many', 'More than 30 languages; the rest are dropped');
      return;
    }
    sources.set(at('languages', languages.length), path);
    languages.push(tag);
  }
}

/** The whole BCP 47 tag `toHsds` keeps beside a language's ISO 639 code (`es-MX` beside `es`). */
function taggedLanguage(ctx: Context, row: Json, path: string): string | undefined {
  const term = fieldValues(termsOf(ctx, row, path), 'language-tag')[0];
  if (term === undefined) return undefined;
  if (term.value !== undefined && LanguageTag.safeParse(term.value).success) return term.value;
  warn(ctx, term.path, 'invalid_value', 'Expected a BCP 47 language tag such as "es-MX"; the code is read instead');
  return undefined;
}

function firstPhone(ctx: Context, lists: readonly Row[][], sources: Sources): string | undefined {
  for (const list of lists) {
    for (const { row, path } of list) {
      // Some feeds (the specification's own example) quote the number inside the string.
      const number = readText(ctx, row, 'number', path)?.replace(/^["'\s]+|["'\s]+$/g, '');
      if (number === undefined || number === '') continue;
      const extension = row.extension;
      const suffix =
        typeof extension === 'number' || (typeof extension === 'string' && extension.trim() !== '')
          ? ` ext. ${String(extension).trim()}`
          : '';
      sources.set('phone', at(path, 'number'));
      return `${number}${suffix}`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Putting a resource together

function mapService(unit: Unit, ctx: Context): ResourceInput[] {
  const { service, path } = unit;
  if (service.status === 'inactive' || service.status === 'defunct') {
    warn(ctx, at(path, 'status'), 'inactive_service', `The service is ${service.status}; skipped`);
    return [];
  }
  if (service.status === 'temporarily closed') {
    warn(
      ctx,
      at(path, 'status'),
      'temporarily_closed',
      'The service is temporarily closed; imported, but check before referring',
    );
  }
  // What every resource needs is checked before anything may skip the service, so whether a
  // payload is accepted never depends on the taxonomy map.
  const name = typeof service.name === 'string' ? service.name.trim() : '';
  if (name === '')
    ctx.errors.push({ path: at(path, 'name'), message: 'Expected at least 1 character', code: 'too_small' });
  const organization = unit.organization;
  if (!organization) {
    ctx.errors.push({
      path: at(path, 'organization'),
      message: 'Required: Peerlink needs the organization that provides the service',
      code: 'invalid_type',
    });
  }
  if (name === '' || !organization) return [];
  const alternateName = readText(ctx, service, 'alternate_name', path);
  const terms = termsOf(ctx, service, path);
  const mapped = mapCategories(ctx, unit, terms, name, alternateName);
  // Dropping it would shrink the directory without anyone noticing; "other" keeps it findable.
  const categories: ResourceCategory[] = mapped.length > 0 ? mapped : ['other'];
  if (mapped.length === 0) {
    warn(
      ctx,
      path,
      'unmapped_service',
      'No taxonomy term or name maps to a Peerlink category; imported as "other" (extend the taxonomy map to file it)',
    );
  }
  const shared = {
    name,
    categories,
    settings: mapSettings(ctx, terms, categories),
    interceptStages: mapStages(ctx, terms),
    fees: mapFees(ctx, service, path, terms),
    description: clip(ctx, readText(ctx, service, 'description', path), 4000, at(path, 'description')),
    eligibility: clip(
      ctx,
      readText(ctx, service, 'eligibility_description', path),
      1000,
      at(path, 'eligibility_description'),
    ),
    url: readText(ctx, service, 'url', path),
    organizationName: typeof organization.name === 'string' ? organization.name.trim() : '',
    website: readText(ctx, organization, 'website', unit.organizationPath),
    serviceId: typeof service.id === 'string' ? service.id : undefined,
    organizationId: typeof organization.id === 'string' ? organization.id : undefined,
  };
  const entries: (Row | undefined)[] = unit.sals.length > 0 ? [...unit.sals] : [undefined];
  return entries.flatMap((entry) => {
    const sal = entry?.row;
    const salPath = entry?.path ?? '';
    const location = isJson(sal?.location) ? sal.location : undefined;
    const locationPath = at(salPath, 'location');
    const sources: Sources = new Map([
      ['name', at(path, 'name')],
      ['description', at(path, 'description')],
      ['organization', unit.organizationPath],
      ['organization.name', at(unit.organizationPath, 'name')],
      ['organization.url', at(unit.organizationPath, 'website')],
      ['url', at(path, 'url')],
      ['eligibility', at(path, 'eligibility_description')],
      ['fees', at(path, 'fees_description')],
      ['hsds', at(path, 'id')],
      ['hsds.organizationId', at(unit.organizationPath, 'id')],
      ['hsds.locationId', at(locationPath, 'id')],
      ['hsds.serviceAtLocationId', at(salPath, 'id')],
    ]);
    const taxonomy = keptTerms(ctx, terms, sources);
    const languages: string[] = [];
    addLanguages(ctx, rowsOf(service, 'languages', path), languages, sources);
    addLanguages(ctx, rowsOf(location, 'languages', locationPath), languages, sources);
    const scheduleRows =
      [
        rowsOf(sal, 'schedules', salPath),
        rowsOf(service, 'schedules', path),
        rowsOf(location, 'schedules', locationPath),
      ].find((rows) => rows.length > 0) ?? [];
    const schedule = mapSchedule(ctx, scheduleRows, sources);
    const phone = firstPhone(
      ctx,
      [
        rowsOf(sal, 'phones', salPath),
        rowsOf(service, 'phones', path),
        rowsOf(location, 'phones', locationPath),
        rowsOf(organization, 'phones', unit.organizationPath),
      ],
      sources,
    );
    const capacityOwners = [
      ...(sal ? [{ owner: sal, path: salPath, terms: termsOf(ctx, sal, salPath) }] : []),
      { owner: service, path, terms },
    ];
    const capacity = mapCapacity(ctx, capacityOwners);
    const description =
      shared.description ?? clip(ctx, readText(ctx, sal, 'description', salPath), 4000, at(salPath, 'description'));
    const hsds = {
      ...(shared.serviceId === undefined ? {} : { serviceId: shared.serviceId }),
      ...(shared.organizationId === undefined ? {} : { organizationId: shared.organizationId }),
      ...(typeof location?.id === 'string' ? { locationId: location.id } : {}),
      ...(typeof sal?.id === 'string' ? { serviceAtLocationId: sal.id } : {}),
    };
    const candidate: ResourceInput = {
      name: shared.name,
      organization: { name: shared.organizationName, ...(shared.website === undefined ? {} : { url: shared.website }) },
      description: description ?? '',
      categories: shared.categories,
      ...(taxonomy === undefined ? {} : { taxonomy }),
      location: mapLocation(ctx, location, locationPath, sources),
      ...(shared.eligibility === undefined ? {} : { eligibility: shared.eligibility }),
      languages,
      fees: shared.fees,
      ...(schedule === undefined ? {} : { schedule }),
      ...(phone === undefined ? {} : { phone }),
      ...(shared.url === undefined ? {} : { url: shared.url }),
      ...(capacity === undefined ? {} : { capacity }),
      settings: shared.settings,
      interceptStages: shared.interceptStages,
      hsds,
    };
    const resource = validate(ctx, candidate, sources, path);
    return resource ? [resource] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// The contract as the last word

const optionalFields = new Set(['taxonomy', 'eligibility', 'schedule', 'phone', 'url', 'capacity', 'hsds']);

function without<T extends object>(value: T, key: string): T {
  return Object.fromEntries(Object.entries(value).filter(([name]) => name !== key)) as T;
}

function withoutIndex<T extends object>(value: T, key: string, index: number): T {
  const list = (value as Record<string, unknown>)[key];
  if (!Array.isArray(list)) return without(value, key);
  return { ...value, [key]: list.filter((_item: unknown, i) => i !== index) };
}

/** The resource without the field at `path`, or undefined when that field may not go. */
function drop(resource: ResourceInput, path: readonly string[]): ResourceInput | undefined {
  const [head = '', second, third] = path;
  const index = Number(second);
  switch (head) {
    case 'organization':
      return second === 'url' ? { ...resource, organization: without(resource.organization, 'url') } : undefined;
    case 'location':
      if (second === 'address') return { ...resource, location: without(resource.location, 'address') };
      if (second === 'lat' || second === 'lon')
        return { ...resource, location: without(without(resource.location, 'lat'), 'lon') };
      return undefined;
    case 'languages':
      return Number.isInteger(index) ? withoutIndex(resource, 'languages', index) : undefined;
    case 'fees':
      return second === 'notes' ? { ...resource, fees: without(resource.fees, 'notes') } : undefined;
    case 'taxonomy':
      if (Number.isInteger(index) && resource.taxonomy && resource.taxonomy.length > 1)
        return withoutIndex(resource, 'taxonomy', index);
      return without(resource, 'taxonomy');
    case 'schedule':
      if (second === 'rules' && Number.isInteger(Number(third)) && resource.schedule) {
        return { ...resource, schedule: withoutIndex(resource.schedule, 'rules', Number(third)) };
      }
      return without(resource, 'schedule');
    case 'hsds':
      return second !== undefined && resource.hsds
        ? { ...resource, hsds: without(resource.hsds, second) }
        : without(resource, 'hsds');
    default:
      return optionalFields.has(head) ? without(resource, head) : undefined;
  }
}

function sourceOf(sources: Sources, path: readonly string[], fallback: string): string {
  for (let length = path.length; length > 0; length--) {
    const source = sources.get(path.slice(0, length).join('.'));
    if (source !== undefined) return source;
  }
  return fallback;
}

function validate(
  ctx: Context,
  candidate: ResourceInput,
  sources: Sources,
  servicePath: string,
): ResourceInput | undefined {
  let current = candidate;
  // Each pass drops one offending optional field; a resource has far fewer fields than this.
  for (let pass = 0; pass < 100; pass++) {
    const result = ResourceInput.safeParse(current);
    if (result.success) return result.data;
    const [error] = toFieldErrors(result.error.issues, current);
    if (!error) return undefined;
    const path = error.path.split('.');
    const next = drop(current, path);
    const source = sourceOf(sources, path, servicePath);
    if (!next) {
      ctx.errors.push({ path: source, message: error.message, code: error.code });
      return undefined;
    }
    warn(ctx, source, 'contract', `${error.message} (Peerlink field "${error.path}"); dropped`);
    current = next;
  }
  return undefined;
}
