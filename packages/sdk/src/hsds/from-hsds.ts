import { DateOnly, Timestamp } from '../schema/primitives.js';
import type { FieldError } from '../schema/problem.js';
import { toFieldErrors } from '../schema/problem.js';
import { InterceptStage, ResourceCategory, ResourceInput, ResourceSetting, Weekday } from '../schema/resource.js';
import type { Capacity, Fees, OpeningRule, PostalAddress, ResourceLocation, Schedule, TaxonomyTerm } from '../schema/resource.js';
import { HsdsImportError } from './errors.js';
import type { HsdsWarning } from './errors.js';
import { isCategoryTaxonomy, isFieldTaxonomy, isFieldTerm } from './extensions.js';
import type { FieldTerm } from './extensions.js';
import { languageFromCode, languageFromName } from './languages.js';
import { at, checkRequired, isJson } from './required.js';
import type { Json } from './required.js';
import { categoriesOf, defaultTaxonomyMap, normalizeWords } from './taxonomy.js';
import type { TaxonomyMap } from './taxonomy.js';

export interface FromHsdsOptions {
  /** Taxonomy terms → categories. Default: `defaultTaxonomyMap`. */
  taxonomyMap?: TaxonomyMap;
  /** ISO 3166-1 alpha-2 country for addresses whose `country` is blank. */
  defaultCountry?: string;
  /**
   * IANA time zone for schedules that name none Peerlink can use (HSDS 3.0 only has a numeric
   * UTC offset, which cannot follow daylight saving). Without it such schedules are dropped.
   */
  defaultTimeZone?: string;
  /** "Today" for expired schedules and cost options. Default: the current time. */
  now?: Date;
}

export interface HsdsImportResult {
  /** One per service at location, or per service without a location; each valid `ResourceInput`. */
  resources: ResourceInput[];
  warnings: HsdsWarning[];
}

interface Context {
  readonly map: TaxonomyMap;
  readonly defaultCountry: string | undefined;
  readonly defaultTimeZone: string | undefined;
  readonly today: string;
  readonly warnings: HsdsWarning[];
  readonly errors: FieldError[];
  readonly seen: Set<string>;
}

interface Row {
  readonly row: Json;
  readonly path: string;
}

/** One HSDS service with everything needed to map it, wherever it sat in the payload. */
interface Unit {
  readonly service: Json;
  readonly path: string;
  readonly organization: Json | undefined;
  readonly organizationPath: string;
  readonly sals: readonly Row[];
}

interface Term {
  readonly id: string | undefined;
  readonly code: string | undefined;
  readonly name: string | undefined;
  readonly taxonomy: string | undefined;
  readonly value: string | undefined;
  readonly path: string;
}

/** Where each mapped field came from, so a contract failure points into the HSDS payload. */
type Sources = Map<string, string>;

/**
 * Imports Open Referral HSDS 3.0 JSON: a service, a `service_list` page, a service_at_location
 * (full or a list page) or an organization with its services.
 *
 * Produces one resource per service at location (one per service when it has none), each a
 * valid `ResourceInput` carrying its HSDS ids in `hsds`. A payload that misses a field HSDS
 * requires, or a service Peerlink cannot represent (no organization, a blank name), is rejected
 * whole with `HsdsImportError`. Invalid optional values are dropped and reported as warnings.
 *
 * Decisions:
 * - Categories come from Peerlink's own category attributes when present, else from the service's
 *   taxonomy terms through the taxonomy map, else from the map's phrases found in the service
 *   name (warning `category_from_name`). A service with no category at all is skipped
 *   (`unmapped_service`): a referral directory entry without a kind cannot be searched for.
 * - `inactive` and `defunct` services are skipped; `temporarily closed` ones are imported with a
 *   warning.
 * - `settings` default to `treatment` for detox/treatment/MOUD and `community` for the rest;
 *   `interceptStages` default to `[0]` (community services). Peerlink attributes override both.
 * - Schedules: weekly rules only. Rows with other recurrences (monthly, every other week, given
 *   weeks or days of the month, a count) are dropped rather than widened into "every week".
 *   Rules whose `valid_to` is past are dropped. The time zone comes from Peerlink's attribute, a
 *   string IANA `timezone`, or `defaultTimeZone`; HSDS's numeric offset is reported and dropped.
 * - `acceptsMedicaid` is true only when the fees text or attributes say so; false means "not
 *   stated", since the contract requires a value.
 */
export function fromHsds(json: unknown, options: FromHsdsOptions = {}): HsdsImportResult {
  const ctx: Context = {
    map: options.taxonomyMap ?? defaultTaxonomyMap,
    defaultCountry: options.defaultCountry?.trim().toUpperCase(),
    defaultTimeZone: options.defaultTimeZone,
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

function warn(ctx: Context, path: string, code: string, message: string): void {
  // Service-level problems would repeat once per location; report each once.
  const key = `${path}\u0000${code}`;
  if (ctx.seen.has(key)) return;
  ctx.seen.add(key);
  ctx.warnings.push({ path, message, code });
}

// ---------------------------------------------------------------------------------------------
// Payload shapes

type Kind = 'service' | 'service_at_location' | 'organization' | 'taxonomy_term';

const organizationOnly = ['website', 'tax_status', 'tax_id', 'year_incorporated', 'legal_status', 'logo', 'parent_organization_id', 'organization_identifiers', 'locations', 'programs'];
const termOnly = ['code', 'parent_id', 'taxonomy', 'taxonomy_detail', 'term_uri', 'taxonomy_id'];

// HSDS payloads do not name their type; tell them apart by fields only one type has. Anything
// unrecognised is read as a service, so a service missing `status` is still rejected as one.
function kindOf(record: Json): Kind {
  const has = (key: string) => record[key] !== undefined && record[key] !== null;
  if (has('status') || has('service_at_locations')) return 'service';
  if (isJson(record.service) || (isJson(record.location) && !has('name'))) return 'service_at_location';
  if (Array.isArray(record.services) || organizationOnly.some(has)) return 'organization';
  if (termOnly.some(has)) return 'taxonomy_term';
  return 'service';
}

const rowsOf = (owner: Json | undefined, key: string, path: string): Row[] => {
  const list = owner?.[key];
  if (!Array.isArray(list)) return [];
  return list.flatMap((row: unknown, index) => (isJson(row) ? [{ row, path: at(path, key, index) }] : []));
};

function collect(json: unknown, ctx: Context): Unit[] {
  if (!isJson(json)) {
    ctx.errors.push({ path: '', message: 'Expected an HSDS service, service_at_location, organization or list page object', code: 'invalid_type' });
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
  switch (kindOf(record)) {
    case 'taxonomy_term':
      warn(ctx, path, 'not_a_service', 'A taxonomy term, not a service: nothing to import');
      return [];
    case 'service_at_location': {
      checkRequired(record, 'service_at_location', path, ctx.errors, ctx.warnings);
      const service = record.service;
      if (!isJson(service)) {
        ctx.errors.push({ path: at(path, 'service'), message: 'Required: a service_at_location needs its service to become a resource', code: 'invalid_type' });
        return [];
      }
      const organization = isJson(service.organization) ? service.organization : undefined;
      return [{ service, path: at(path, 'service'), organization, organizationPath: at(path, 'service', 'organization'), sals: [{ row: record, path }] }];
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
      return [{ service: record, path, organization, organizationPath: at(path, 'organization'), sals: rowsOf(record, 'service_at_locations', path) }];
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Scalars

const typeName = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

function readText(ctx: Context, owner: Json | undefined, key: string, path: string): string | undefined {
  const value = owner?.[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    warn(ctx, at(path, key), 'invalid_type', `Expected string, received ${typeName(value)}; dropped`);
    return undefined;
  }
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function readNumber(ctx: Context, owner: Json | undefined, key: string, path: string): number | undefined {
  const value = owner?.[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    warn(ctx, at(path, key), 'invalid_type', `Expected number, received ${typeName(value)}; dropped`);
    return undefined;
  }
  return value;
}

function clip(ctx: Context, value: string | undefined, max: number, path: string): string | undefined {
  if (value === undefined || value.length <= max) return value;
  warn(ctx, path, 'truncated', `Longer than ${String(max)} characters; shortened`);
  return `${value.slice(0, max - 1).trimEnd()}…`;
}

function readDate(ctx: Context, owner: Json, key: string, path: string): string | undefined {
  const value = readText(ctx, owner, key, path);
  if (value === undefined) return undefined;
  if (DateOnly.safeParse(value).success) return value;
  warn(ctx, at(path, key), 'invalid_value', 'Expected an ISO 8601 date (YYYY-MM-DD); dropped');
  return undefined;
}

function canonicalTimeZone(value: string): string | undefined {
  if (value === '') return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Taxonomy terms and Peerlink attributes

function termsOf(ctx: Context, owner: Json | undefined, path: string): Term[] {
  return rowsOf(owner, 'attributes', path).flatMap(({ row, path: attributePath }) => {
    const term = row.taxonomy_term;
    if (!isJson(term)) return [];
    const termPath = at(attributePath, 'taxonomy_term');
    const detail = isJson(term.taxonomy_detail) ? term.taxonomy_detail : undefined;
    return [
      {
        id: readText(ctx, term, 'id', termPath),
        code: readText(ctx, term, 'code', termPath),
        name: readText(ctx, term, 'name', termPath),
        taxonomy: readText(ctx, term, 'taxonomy', termPath) ?? readText(ctx, detail, 'name', at(termPath, 'taxonomy_detail')),
        value: typeof row.value === 'string' ? row.value.trim() : undefined,
        path: termPath,
      },
    ];
  });
}

const fieldValues = (terms: readonly Term[], field: FieldTerm) =>
  terms.filter((term) => isFieldTaxonomy(term.taxonomy) && term.code === field);

function flag(ctx: Context, terms: readonly Term[], field: FieldTerm): boolean | undefined {
  const term = fieldValues(terms, field)[0];
  if (!term) return undefined;
  const value = term.value?.toLowerCase();
  if (value === 'true' || value === 'yes') return true;
  if (value === 'false' || value === 'no') return false;
  warn(ctx, term.path, 'invalid_value', `Expected "true" or "false" for ${field}; ignored`);
  return undefined;
}

const clinical: readonly ResourceCategory[] = ['detox', 'treatment', 'moud'];

function mapCategories(ctx: Context, unit: Unit, terms: readonly Term[], name: string, alternateName: string | undefined): ResourceCategory[] {
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
    warn(ctx, at(unit.path, 'name'), 'category_from_name', `No taxonomy term maps to a category; "${[...found].join(', ')}" read from the service name`);
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

function mapSettings(ctx: Context, terms: readonly Term[], categories: readonly ResourceCategory[]): ResourceSetting[] {
  const explicit: ResourceSetting[] = [];
  for (const term of fieldValues(terms, 'setting')) {
    const parsed = ResourceSetting.safeParse(term.value);
    if (!parsed.success) warn(ctx, term.path, 'invalid_value', 'Not a Peerlink setting; ignored');
    else if (!explicit.includes(parsed.data)) explicit.push(parsed.data);
  }
  if (explicit.length > 0) return explicit;
  const settings: ResourceSetting[] = [];
  if (categories.some((category) => clinical.includes(category))) settings.push('treatment');
  if (categories.some((category) => !clinical.includes(category))) settings.push('community');
  return settings;
}

function mapStages(ctx: Context, terms: readonly Term[]): number[] {
  const stages: number[] = [];
  for (const term of fieldValues(terms, 'intercept-stage')) {
    const parsed = InterceptStage.safeParse(term.value === undefined || term.value === '' ? undefined : Number(term.value));
    if (!parsed.success) warn(ctx, term.path, 'invalid_value', 'Expected an intercept stage 0-5; ignored');
    else if (!stages.includes(parsed.data)) stages.push(parsed.data);
  }
  return stages.length > 0 ? stages : [0];
}

// ---------------------------------------------------------------------------------------------
// Fees

const negation = /\b(no|not|never|without|cannot|can't|won't|doesn't|don't|isn't|aren't)\b/i;

/** true when some clause mentions `word` plainly, false when it is only mentioned negated. */
function mentioned(texts: readonly string[], word: RegExp): boolean | undefined {
  let result: boolean | undefined;
  for (const text of texts) {
    for (const clause of text.split(/[.;!?\n,]+|\bbut\b/i)) {
      if (!word.test(clause)) continue;
      if (!negation.test(clause)) return true;
      result = false;
    }
  }
  return result;
}

const medicaid = /\b(medicaid|medi-?cal|masshealth|tenncare|soonercare|badgercare|ahcccs)\b/i;
const medicare = /\bmedicare\b/i;
const slidingScale = /\bsliding[\s-]*(fee|scale)|\bincome[\s-]*based\s+(fee|rate|pric)/i;
// "Toll-free", "drug-free", "free of alcohol" say nothing about cost.
const freeOfCost = /(?<![\w-])(?<!\b(?:toll|drug|alcohol|smoke|tobacco|substance|sugar|gluten|scent|barrier|hands)\s)(free|no cost|no charge|without charge)(?![\w-])(?!\s+of\s+(?:drugs?|alcohol|substances?|tobacco|smoke))/i;

function mapFees(ctx: Context, unit: Unit, terms: readonly Term[]): Fees {
  const { service, path } = unit;
  const notes = clip(ctx, readText(ctx, service, 'fees_description', path), 500, at(path, 'fees_description'));
  const withNotes = (fees: Fees): Fees => (notes === undefined ? fees : { ...fees, notes });
  const stated = {
    acceptsMedicaid: flag(ctx, terms, 'accepts-medicaid'),
    acceptsMedicare: flag(ctx, terms, 'accepts-medicare'),
    free: flag(ctx, terms, 'free'),
    slidingScale: flag(ctx, terms, 'sliding-scale'),
  };
  if (Object.values(stated).some((value) => value !== undefined)) {
    // Peerlink's own attributes are exact; reading the text as well would only add guesses.
    return withNotes({
      acceptsMedicaid: stated.acceptsMedicaid ?? false,
      ...(stated.acceptsMedicare === undefined ? {} : { acceptsMedicare: stated.acceptsMedicare }),
      ...(stated.free === undefined ? {} : { free: stated.free }),
      ...(stated.slidingScale === undefined ? {} : { slidingScale: stated.slidingScale }),
    });
  }
  const texts: string[] = [];
  const add = (value: string | undefined) => {
    if (value !== undefined) texts.push(value);
  };
  add(notes);
  add(readText(ctx, service, 'fees', path));
  let zero = false;
  let paid = false;
  for (const { row, path: optionPath } of rowsOf(service, 'cost_options', path)) {
    const from = readDate(ctx, row, 'valid_from', optionPath);
    const to = readDate(ctx, row, 'valid_to', optionPath);
    if ((from !== undefined && from > ctx.today) || (to !== undefined && to < ctx.today)) continue;
    add(readText(ctx, row, 'option', optionPath));
    add(readText(ctx, row, 'amount_description', optionPath));
    const amount = readNumber(ctx, row, 'amount', optionPath);
    if (amount === 0) zero = true;
    else if (amount !== undefined && amount > 0) paid = true;
  }
  for (const term of terms) {
    if (isFieldTaxonomy(term.taxonomy) || isCategoryTaxonomy(term.taxonomy)) continue;
    const label = [term.name, term.code].filter((part) => part !== undefined).join(' ');
    const negated = term.value !== undefined && /^(false|no)$/i.test(term.value);
    add(negated ? `not ${label}` : label);
  }
  const freeText = mentioned(texts, freeOfCost);
  const free = freeText === true || zero ? true : freeText === false || paid ? false : undefined;
  const acceptsMedicare = mentioned(texts, medicare);
  return withNotes({
    acceptsMedicaid: mentioned(texts, medicaid) ?? false,
    ...(acceptsMedicare === undefined ? {} : { acceptsMedicare }),
    ...(free === undefined ? {} : { free }),
    ...(texts.some((text) => slidingScale.test(text)) ? { slidingScale: true } : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// Capacity

function count(ctx: Context, term: Term | undefined): number | null | undefined {
  if (!term) return undefined;
  const value = term.value ?? '';
  if (value === '' || /^(null|unknown)$/i.test(value)) return null;
  const parsed = Number(value);
  if (Number.isInteger(parsed) && parsed >= 0 && parsed <= 100000) return parsed;
  warn(ctx, term.path, 'invalid_value', 'Expected a whole number of places (0-100000); ignored');
  return undefined;
}

function mapCapacity(ctx: Context, owners: readonly { owner: Json; path: string; terms: readonly Term[] }[]): Capacity | undefined {
  for (const { owner, path, terms } of owners) {
    const available = count(ctx, fieldValues(terms, 'capacity-available')[0]);
    const total = count(ctx, fieldValues(terms, 'capacity-total')[0]);
    const updatedTerm = fieldValues(terms, 'capacity-updated-at')[0];
    let updatedAt = updatedTerm?.value;
    if (updatedTerm && !Timestamp.safeParse(updatedAt).success) {
      warn(ctx, updatedTerm.path, 'invalid_value', 'Expected an ISO 8601 date-time with offset; ignored');
      updatedAt = undefined;
    }
    if (available !== undefined || typeof total === 'number' || updatedAt !== undefined) {
      return { available: available ?? null, ...(typeof total === 'number' ? { total } : {}), ...(updatedAt === undefined ? {} : { updatedAt }) };
    }
    // HSDS 3.1 adds `capacities` (service_capacity); read it when a 3.0 feed already carries it.
    const first = rowsOf(owner, 'capacities', path)[0];
    if (first) {
      const availableNow = readNumber(ctx, first.row, 'available', first.path);
      const maximum = readNumber(ctx, first.row, 'maximum', first.path);
      const updated = readText(ctx, first.row, 'updated', first.path);
      const whole = (value: number | undefined) => (value !== undefined && Number.isInteger(value) && value >= 0 && value <= 100000 ? value : undefined);
      return {
        available: whole(availableNow) ?? null,
        ...(whole(maximum) === undefined ? {} : { total: whole(maximum) }),
        ...(updated !== undefined && Timestamp.safeParse(updated).success ? { updatedAt: updated } : {}),
      };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Languages

function addLanguages(ctx: Context, rows: readonly Row[], languages: string[], sources: Sources): void {
  for (const { row, path } of rows) {
    const code = readText(ctx, row, 'code', path);
    const name = readText(ctx, row, 'name', path);
    const tag = (code === undefined ? undefined : languageFromCode(code)) ?? (name === undefined ? undefined : languageFromName(name));
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

// ---------------------------------------------------------------------------------------------
// Location

const countryNames: Readonly<Record<string, string>> = {
  usa: 'US',
  'u s': 'US',
  'u s a': 'US',
  'united states': 'US',
  'united states of america': 'US',
  uk: 'GB',
  'united kingdom': 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  canada: 'CA',
  mexico: 'MX',
};

function country(ctx: Context, raw: string | undefined): string | undefined {
  if (raw === undefined) return ctx.defaultCountry;
  if (/^[A-Za-z]{2}$/.test(raw)) return raw.toUpperCase() === 'UK' ? 'GB' : raw.toUpperCase();
  return countryNames[normalizeWords(raw)];
}

function mapAddress(ctx: Context, location: Json, path: string, sources: Sources): PostalAddress | undefined {
  const addresses = rowsOf(location, 'addresses', path).filter(({ row }) => row.address_type !== 'virtual');
  const physical = addresses.find(({ row }) => row.address_type === 'physical');
  const chosen = physical ?? addresses[0];
  if (!chosen) return undefined;
  const { row, path: addressPath } = chosen;
  if (!physical) warn(ctx, addressPath, 'postal_address_used', 'No physical address; the postal address is used');
  const street = [readText(ctx, row, 'address_1', addressPath), readText(ctx, row, 'address_2', addressPath)].filter((part) => part !== undefined).join(', ');
  const city = readText(ctx, row, 'city', addressPath);
  const region = readText(ctx, row, 'state_province', addressPath) ?? readText(ctx, row, 'region', addressPath);
  const postalCode = readText(ctx, row, 'postal_code', addressPath);
  const rawCountry = readText(ctx, row, 'country', addressPath);
  const code = country(ctx, rawCountry);
  if (code === undefined) {
    warn(ctx, at(addressPath, 'country'), 'invalid_country', `Expected an ISO 3166-1 alpha-2 country code such as "US"; the address is dropped`);
    return undefined;
  }
  if (street === '' || city === undefined || region === undefined || postalCode === undefined) {
    warn(ctx, addressPath, 'incomplete_address', 'Street, city, state/province and postal code are all needed; the address is dropped');
    return undefined;
  }
  sources.set('location.address', addressPath);
  return { street, city, region, postalCode, country: code };
}

function coordinate(ctx: Context, location: Json, key: 'latitude' | 'longitude', path: string): number | undefined {
  const value = readNumber(ctx, location, key, path);
  const limit = key === 'latitude' ? 90 : 180;
  if (value === undefined || Math.abs(value) <= limit) return value;
  warn(ctx, at(path, key), 'out_of_range', `${key === 'latitude' ? 'Latitude' : 'Longitude'} ${String(value)} is outside -${String(limit)}..${String(limit)}; dropped`);
  return undefined;
}

function mapLocation(ctx: Context, location: Json | undefined, path: string, sources: Sources): ResourceLocation {
  if (!location) return {};
  sources.set('location', path);
  const address = mapAddress(ctx, location, path, sources);
  const lat = coordinate(ctx, location, 'latitude', path);
  const lon = coordinate(ctx, location, 'longitude', path);
  const result: ResourceLocation = address ? { address } : {};
  if (lat !== undefined && lon !== undefined) {
    sources.set('location.lat', at(path, 'latitude'));
    sources.set('location.lon', at(path, 'longitude'));
    return { ...result, lat, lon };
  }
  // Half a coordinate pair places nothing on a map.
  if (lat !== undefined) warn(ctx, at(path, 'latitude'), 'incomplete_coordinates', 'No valid longitude to pair with; dropped');
  if (lon !== undefined) warn(ctx, at(path, 'longitude'), 'incomplete_coordinates', 'No valid latitude to pair with; dropped');
  return result;
}

// ---------------------------------------------------------------------------------------------
// Schedules

const timePattern = /^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function readTime(ctx: Context, row: Json, key: string, path: string): string | undefined {
  const value = readText(ctx, row, key, path);
  if (value === undefined) return undefined;
  const match = timePattern.exec(value);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) {
    warn(ctx, at(path, key), 'invalid_value', 'Expected a time of day as HH:MM; the rule is dropped');
    return undefined;
  }
  // HSDS allows an offset on the time; Peerlink reads hours in the schedule's own zone.
  return `${String(hours % 24).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

const present = (row: Json, key: string) => row[key] !== undefined && row[key] !== null && row[key] !== '';

function mapRule(ctx: Context, row: Json, path: string): OpeningRule | undefined {
  const limits: string[] = [];
  if (present(row, 'freq') && row.freq !== 'WEEKLY') limits.push(`freq ${JSON.stringify(row.freq)}`);
  if (present(row, 'interval') && row.interval !== 1) limits.push(`interval ${JSON.stringify(row.interval)}`);
  for (const key of ['byweekno', 'bymonthday', 'byyearday', 'count']) if (present(row, key)) limits.push(key);
  const byday = readText(ctx, row, 'byday', path);
  const days = byday?.split(',').map((day) => day.trim().toUpperCase()) ?? [];
  const weekdays = days.flatMap((day) => {
    const parsed = Weekday.safeParse(day);
    return parsed.success ? [parsed.data] : [];
  });
  if (weekdays.length < days.length) limits.push(`byday "${byday ?? ''}"`);
  if (limits.length > 0) {
    // Widening "weeks 41 and 42" or "every other Monday" into "every week" would send people to a
    // closed door; dropping the rule only loses information.
    warn(ctx, path, 'unsupported_recurrence', `Only plain weekly rules are supported (${limits.join(', ')}); the rule is dropped`);
    return undefined;
  }
  if (weekdays.length === 0 || !present(row, 'opens_at') || !present(row, 'closes_at')) {
    warn(ctx, path, 'incomplete_schedule', 'A weekly rule needs byday, opens_at and closes_at; the rule is dropped');
    return undefined;
  }
  const opensAt = readTime(ctx, row, 'opens_at', path);
  const closesAt = readTime(ctx, row, 'closes_at', path);
  if (opensAt === undefined || closesAt === undefined) return undefined;
  const validFrom = readDate(ctx, row, 'valid_from', path) ?? readDate(ctx, row, 'dtstart', path);
  const ends = [readDate(ctx, row, 'valid_to', path), readDate(ctx, row, 'until', path)].filter((date) => date !== undefined).sort();
  const validTo = ends[0];
  if (validTo !== undefined && validTo < ctx.today) {
    warn(ctx, path, 'expired', `Valid only until ${validTo}; the rule is dropped`);
    return undefined;
  }
  return {
    byDay: [...new Set(weekdays)],
    opensAt,
    closesAt,
    ...(validFrom === undefined ? {} : { validFrom }),
    ...(validTo === undefined ? {} : { validTo }),
  };
}

function rowTimeZone(ctx: Context, row: Json, path: string, terms: readonly Term[]): string | undefined {
  const term = fieldValues(terms, 'time-zone')[0];
  if (term) {
    const zone = canonicalTimeZone(term.value ?? '');
    if (zone !== undefined) return zone;
    warn(ctx, term.path, 'invalid_time_zone', 'Expected an IANA time zone such as "America/Chicago"; ignored');
  }
  const value = row.timezone;
  if (value === undefined || value === null || value === '') return undefined;
  const zone = typeof value === 'string' ? canonicalTimeZone(value.trim()) : undefined;
  if (zone !== undefined) return zone;
  const fallback = ctx.defaultTimeZone === undefined ? '' : `; ${ctx.defaultTimeZone} is used instead`;
  warn(
    ctx,
    at(path, 'timezone'),
    'invalid_time_zone',
    typeof value === 'number'
      ? `A UTC offset (${String(value)}) cannot follow daylight saving time; Peerlink needs an IANA time zone such as "America/Chicago". Dropped${fallback}`
      : `Expected an IANA time zone such as "America/Chicago"; dropped${fallback}`,
  );
  return undefined;
}

function mapSchedule(ctx: Context, rows: readonly Row[], sources: Sources): Schedule | undefined {
  const first = rows[0];
  if (!first) return undefined;
  let timeZone: string | undefined;
  let open24x7 = false;
  const rules: OpeningRule[] = [];
  const ruleKeys = new Set<string>();
  const notes: string[] = [];
  for (const { row, path } of rows) {
    const terms = termsOf(ctx, row, path);
    const zone = rowTimeZone(ctx, row, path, terms);
    if (zone !== undefined && timeZone !== undefined && zone !== timeZone) {
      warn(ctx, path, 'time_zone_conflict', `In ${zone}, unlike the first schedule (${timeZone}); dropped`);
      continue;
    }
    timeZone ??= zone;
    for (const key of ['description', 'notes']) {
      const note = readText(ctx, row, key, path);
      if (note !== undefined && !notes.includes(note)) notes.push(note);
    }
    if (fieldValues(terms, 'open-24x7').some((term) => term.value !== 'false')) {
      // Peerlink writes 24x7 as its own row so HSDS readers see the hours; it is not a rule.
      open24x7 = true;
      continue;
    }
    if (!['byday', 'opens_at', 'closes_at', 'freq'].some((key) => present(row, key))) continue;
    const rule = mapRule(ctx, row, path);
    if (!rule) continue;
    const key = JSON.stringify(rule);
    if (ruleKeys.has(key)) continue;
    if (rules.length === 50) {
      warn(ctx, path, 'too_many', 'More than 50 opening rules; the rest are dropped');
      break;
    }
    ruleKeys.add(key);
    sources.set(at('schedule', 'rules', rules.length), path);
    rules.push(rule);
  }
  timeZone ??= ctx.defaultTimeZone;
  const note = clip(ctx, notes.join(' ') || undefined, 500, first.path);
  if (rules.length === 0 && !open24x7 && note === undefined && timeZone === undefined) return undefined;
  if (timeZone === undefined) {
    warn(ctx, first.path, 'missing_time_zone', 'No usable time zone (pass defaultTimeZone to supply one); the schedule is dropped');
    return undefined;
  }
  sources.set('schedule', first.path);
  return { timeZone, ...(open24x7 ? { open24x7 } : {}), rules, ...(note === undefined ? {} : { notes: note }) };
}

// ---------------------------------------------------------------------------------------------
// Phones

function firstPhone(ctx: Context, lists: readonly Row[][], sources: Sources): string | undefined {
  for (const list of lists) {
    for (const { row, path } of list) {
      // Some feeds (the specification's own example) quote the number inside the string.
      const number = readText(ctx, row, 'number', path)?.replace(/^["'\s]+|["'\s]+$/g, '');
      if (number === undefined || number === '') continue;
      const extension = row.extension;
      const suffix = typeof extension === 'number' || (typeof extension === 'string' && extension.trim() !== '') ? ` ext. ${String(extension).trim()}` : '';
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
    warn(ctx, at(path, 'status'), 'temporarily_closed', 'The service is temporarily closed; imported, but check before referring');
  }
  const name = typeof service.name === 'string' ? service.name.trim() : '';
  const alternateName = readText(ctx, service, 'alternate_name', path);
  const terms = termsOf(ctx, service, path);
  const categories = mapCategories(ctx, unit, terms, name, alternateName);
  if (categories.length === 0) {
    warn(ctx, path, 'unmapped_service', 'No taxonomy term or name maps to a Peerlink category (extend the taxonomy map to include it); skipped');
    return [];
  }
  const organization = unit.organization;
  if (!organization) {
    ctx.errors.push({ path: at(path, 'organization'), message: 'Required: Peerlink needs the organization that provides the service', code: 'invalid_type' });
    return [];
  }
  const shared = {
    name,
    categories,
    settings: mapSettings(ctx, terms, categories),
    interceptStages: mapStages(ctx, terms),
    fees: mapFees(ctx, unit, terms),
    description: clip(ctx, readText(ctx, service, 'description', path), 4000, at(path, 'description')),
    eligibility: clip(ctx, readText(ctx, service, 'eligibility_description', path), 1000, at(path, 'eligibility_description')),
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
    const scheduleRows = [rowsOf(sal, 'schedules', salPath), rowsOf(service, 'schedules', path), rowsOf(location, 'schedules', locationPath)].find((rows) => rows.length > 0) ?? [];
    const schedule = mapSchedule(ctx, scheduleRows, sources);
    const phone = firstPhone(
      ctx,
      [rowsOf(sal, 'phones', salPath), rowsOf(service, 'phones', path), rowsOf(location, 'phones', locationPath), rowsOf(organization, 'phones', unit.organizationPath)],
      sources,
    );
    const capacityOwners = [
      ...(sal && entry ? [{ owner: sal, path: entry.path, terms: termsOf(ctx, sal, entry.path) }] : []),
      { owner: service, path, terms },
    ];
    const capacity = mapCapacity(ctx, capacityOwners);
    const description = shared.description ?? clip(ctx, readText(ctx, sal, 'description', salPath), 4000, at(salPath, 'description'));
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
      if (second === 'lat' || second === 'lon') return { ...resource, location: without(without(resource.location, 'lat'), 'lon') };
      return undefined;
    case 'languages':
      return Number.isInteger(index) ? withoutIndex(resource, 'languages', index) : undefined;
    case 'fees':
      return second === 'notes' ? { ...resource, fees: without(resource.fees, 'notes') } : undefined;
    case 'taxonomy':
      if (Number.isInteger(index) && resource.taxonomy && resource.taxonomy.length > 1) return withoutIndex(resource, 'taxonomy', index);
      return without(resource, 'taxonomy');
    case 'schedule':
      if (second === 'rules' && Number.isInteger(Number(third)) && resource.schedule) {
        return { ...resource, schedule: withoutIndex(resource.schedule, 'rules', Number(third)) };
      }
      return without(resource, 'schedule');
    case 'hsds':
      return second !== undefined && resource.hsds ? { ...resource, hsds: without(resource.hsds, second) } : without(resource, 'hsds');
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

function validate(ctx: Context, candidate: ResourceInput, sources: Sources, servicePath: string): ResourceInput | undefined {
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
