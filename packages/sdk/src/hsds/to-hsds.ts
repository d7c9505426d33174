import type { Capacity, Resource, ResourceInput, Schedule } from '../schema/resource.js';
import { categoryLabels, categoryTaxonomy, fieldTaxonomy, fieldTerms } from './extensions.js';
import type { FieldTerm } from './extensions.js';
import { isUuid, stableUuid } from './ids.js';
import { languageCode, languageName } from './languages.js';
import { utcOffset } from './offsets.js';
import type {
  HsdsAttribute,
  HsdsLanguage,
  HsdsLocation,
  HsdsPhone,
  HsdsSchedule,
  HsdsService,
  HsdsServiceAtLocation,
  HsdsServiceList,
} from './types.js';

export interface ToHsdsOptions {
  /** The moment whose UTC offsets fill HSDS's numeric `schedule.timezone`. Default: now. */
  now?: Date;
}

type AnyResource = Resource | ResourceInput;

/**
 * Exports resources as one HSDS 3.0 `service_list` page of fully nested services: organization,
 * service_at_locations with location, address, phones and schedules, languages, cost options and
 * taxonomy terms (as attributes). Valid against the specification's schemas.
 *
 * - HSDS ids kept in `resource.hsds` are reused (when they are UUIDs, as HSDS 3.0 requires);
 *   missing ones are derived from the resource, so exporting twice gives the same ids.
 * - Resources sharing `hsds.serviceId` become one service with several service_at_locations
 *   when their service-level fields agree; one that differs gets a service of its own.
 * - Fields HSDS has no place for (categories, settings, intercept stages, capacity, payment
 *   flags, the schedule's IANA time zone, 24x7, a language tag longer than its ISO 639 code)
 *   travel as attributes under Peerlink's taxonomies, which `fromHsds` reads back exactly.
 * - `language.code` is the ISO 639-1 or 639-3 code HSDS asks for (`es` for `es-MX`).
 * - 24x7 is written as HSDS's schedule guidance suggests, every day from 00:00 to 23:59, with a
 *   `description` that says "Open 24 hours a day, 7 days a week." in words.
 */
export function toHsds(resources: readonly AnyResource[], options: ToHsdsOptions = {}): HsdsServiceList {
  const now = options.now ?? new Date();
  const groups = new Map<string, { part: string; members: { resource: AnyResource; seed: string }[] }>();
  resources.forEach((resource, index) => {
    const seed = 'id' in resource ? `resource:${resource.id}` : `input:${String(index)}:${resource.name}`;
    let serviceId = exportId(resource.hsds?.serviceId, `${seed}:service`);
    const part = servicePart(resource);
    const existing = groups.get(serviceId);
    if (existing && existing.part !== part) serviceId = stableUuid(`${seed}:service:${String(index)}`);
    const group = groups.get(serviceId);
    if (group) group.members.push({ resource, seed });
    else groups.set(serviceId, { part, members: [{ resource, seed }] });
  });
  const descriptions = organizationDescriptions(resources);
  const contents = [...groups].flatMap(([serviceId, { members }]) => {
    const [first, ...rest] = members;
    return first ? [service(serviceId, first, rest, now, descriptions)] : [];
  });
  return {
    total_items: contents.length,
    total_pages: 1,
    page_number: 1,
    size: contents.length,
    first_page: true,
    last_page: true,
    empty: contents.length === 0,
    contents,
  };
}

const exportId = (id: string | undefined, seed: string): string =>
  id !== undefined && isUuid(id) ? id.toLowerCase() : stableUuid(id === undefined ? seed : `hsds:${id}`);

const organizationIdOf = (resource: AnyResource): string =>
  exportId(
    resource.hsds?.organizationId,
    `organization:${resource.organization.name}|${resource.organization.url ?? ''}`,
  );

/**
 * HSDS requires an organization description and Peerlink keeps none: say what the export knows,
 * the kinds of service it lists for the organization, the same in every copy of it.
 */
function organizationDescriptions(resources: readonly AnyResource[]): Map<string, string> {
  const offered = new Map<string, Set<string>>();
  for (const resource of resources) {
    const id = organizationIdOf(resource);
    const categories = offered.get(id) ?? new Set<string>();
    for (const category of resource.categories) categories.add(category);
    offered.set(id, categories);
  }
  const order = Object.keys(categoryLabels) as (keyof typeof categoryLabels)[];
  return new Map(
    [...offered].map(([id, categories]) => [
      id,
      `Services listed in this directory: ${order
        .filter((category) => categories.has(category))
        .map((category) => categoryLabels[category])
        .join(', ')}.`,
    ]),
  );
}

/** Everything a service_at_location cannot hold; resources may share a service only if equal. */
const servicePart = (resource: AnyResource): string =>
  JSON.stringify([
    resource.name,
    resource.organization,
    resource.description,
    resource.categories,
    resource.taxonomy ?? [],
    resource.eligibility,
    resource.languages,
    resource.fees,
    resource.url,
    resource.settings,
    resource.interceptStages,
    resource.hsds?.organizationId,
  ]);

const needsLocation = (resource: AnyResource): boolean =>
  resource.location.address !== undefined ||
  resource.location.lat !== undefined ||
  resource.location.lon !== undefined ||
  resource.hsds?.locationId !== undefined ||
  resource.hsds?.serviceAtLocationId !== undefined;

function service(
  id: string,
  first: { resource: AnyResource; seed: string },
  rest: readonly { resource: AnyResource; seed: string }[],
  now: Date,
  descriptions: ReadonlyMap<string, string>,
): HsdsService {
  const { resource } = first;
  const organization = resource.organization;
  const organizationId = organizationIdOf(resource);
  const result: HsdsService = {
    id,
    organization_id: organizationId,
    name: resource.name,
    status: 'active',
    ...(resource.description === '' ? {} : { description: resource.description }),
    ...(resource.url === undefined ? {} : { url: resource.url }),
    ...(resource.eligibility === undefined ? {} : { eligibility_description: resource.eligibility }),
    ...(resource.fees.notes === undefined ? {} : { fees_description: resource.fees.notes }),
    ...('updatedAt' in resource ? { last_modified: resource.updatedAt } : {}),
    organization: {
      id: organizationId,
      name: organization.name,
      description: descriptions.get(organizationId) ?? '',
      ...(organization.url === undefined ? {} : { website: organization.url }),
    },
    service_at_locations: [],
    phones: [],
    schedules: [],
    languages: resource.languages.map((tag) => language(tag, id)),
    cost_options:
      resource.fees.free === true
        ? [{ id: stableUuid(`${id}:cost:free`), service_id: id, option: 'Free', amount: 0 }]
        : [],
    attributes: serviceAttributes(resource, id),
  };
  if (rest.length === 0 && !needsLocation(resource)) {
    // A service delivered nowhere in particular (a hotline): its details sit on the service.
    result.phones = phones(resource, id);
    result.schedules = resource.schedule ? schedules(resource.schedule, id, now) : [];
    result.attributes.push(...capacityAttributes(resource.capacity, id, 'service'));
    return result;
  }
  result.service_at_locations = [first, ...rest].map((member) =>
    serviceAtLocation(member.resource, member.seed, id, now),
  );
  return result;
}

function serviceAtLocation(resource: AnyResource, seed: string, serviceId: string, now: Date): HsdsServiceAtLocation {
  const id = exportId(resource.hsds?.serviceAtLocationId, `${seed}:service_at_location`);
  const location = hsdsLocation(resource, seed);
  return {
    id,
    service_id: serviceId,
    location_id: location.id,
    location,
    phones: phones(resource, id),
    schedules: resource.schedule ? schedules(resource.schedule, id, now) : [],
    attributes: capacityAttributes(resource.capacity, id, 'service_at_location'),
  };
}

function hsdsLocation(resource: AnyResource, seed: string): HsdsLocation {
  const id = exportId(resource.hsds?.locationId, `${seed}:location`);
  const { address, lat, lon } = resource.location;
  return {
    id,
    location_type: address !== undefined || lat !== undefined || lon !== undefined ? 'physical' : 'virtual',
    ...(lat === undefined ? {} : { latitude: lat }),
    ...(lon === undefined ? {} : { longitude: lon }),
    addresses: address
      ? [
          {
            id: stableUuid(`${id}:address`),
            location_id: id,
            address_1: address.street,
            city: address.city,
            state_province: address.region,
            postal_code: address.postalCode,
            country: address.country,
            address_type: 'physical',
          },
        ]
      : [],
  };
}

/**
 * HSDS's `language.code` is an ISO 639-1 or 639-3 code, not a BCP 47 tag: it gets the tag's
 * primary language subtag (`es` for `es-MX`, `zh` for `zh-Hant`, `ase` as it is), two letters
 * where ISO 639-1 has them. The name says the rest ("Mexican Spanish"), and a tag with more than
 * that code travels whole in a `language-tag` attribute, which `fromHsds` reads back.
 */
function language(tag: string, serviceId: string): HsdsLanguage {
  const id = stableUuid(`${serviceId}:language:${tag}`);
  const code = languageCode(tag);
  const name = languageName(tag);
  return {
    id,
    ...(name === undefined ? {} : { name }),
    code,
    ...(code === tag ? {} : { attributes: [field(id, 'language', 'language-tag', tag)] }),
  };
}

const phones = (resource: AnyResource, ownerId: string): HsdsPhone[] =>
  resource.phone === undefined ? [] : [{ id: stableUuid(`${ownerId}:phone`), number: resource.phone }];

// ---------------------------------------------------------------------------------------------
// Attributes

function attribute(
  ownerId: string,
  entity: string,
  linkType: string,
  taxonomy: string,
  term: { code: string; name: string; description: string },
  value?: string,
): HsdsAttribute {
  const termId = stableUuid(`term:${taxonomy}:${term.code}`);
  return {
    id: stableUuid(`${ownerId}:attribute:${taxonomy}:${term.code}:${value ?? ''}`),
    link_id: ownerId,
    link_type: linkType,
    link_entity: entity,
    taxonomy_term_id: termId,
    taxonomy_term: { id: termId, code: term.code, name: term.name, description: term.description, taxonomy },
    ...(value === undefined ? {} : { value }),
  };
}

const field = (ownerId: string, entity: string, code: FieldTerm, value: string): HsdsAttribute =>
  attribute(ownerId, entity, 'peerlink', fieldTaxonomy, { code, name: code, description: fieldTerms[code] }, value);

function serviceAttributes(resource: AnyResource, id: string): HsdsAttribute[] {
  const attributes = resource.categories.map((category) =>
    attribute(id, 'service', 'category', categoryTaxonomy, {
      code: category,
      name: categoryLabels[category],
      description: categoryLabels[category],
    }),
  );
  for (const term of resource.taxonomy ?? []) {
    const taxonomy = term.taxonomy ?? '';
    const termId = stableUuid(`term:${taxonomy}:${term.code}`);
    attributes.push({
      id: stableUuid(`${id}:attribute:${taxonomy}:${term.code}:`),
      link_id: id,
      link_type: 'taxonomy',
      link_entity: 'service',
      taxonomy_term_id: termId,
      taxonomy_term: {
        id: termId,
        code: term.code,
        name: term.name,
        description: term.name,
        ...(term.taxonomy === undefined ? {} : { taxonomy: term.taxonomy }),
      },
    });
  }
  for (const setting of resource.settings) attributes.push(field(id, 'service', 'setting', setting));
  for (const stage of resource.interceptStages) attributes.push(field(id, 'service', 'intercept-stage', String(stage)));
  const { fees } = resource;
  attributes.push(field(id, 'service', 'accepts-medicaid', String(fees.acceptsMedicaid)));
  if (fees.acceptsMedicare !== undefined)
    attributes.push(field(id, 'service', 'accepts-medicare', String(fees.acceptsMedicare)));
  if (fees.free !== undefined) attributes.push(field(id, 'service', 'free', String(fees.free)));
  if (fees.slidingScale !== undefined)
    attributes.push(field(id, 'service', 'sliding-scale', String(fees.slidingScale)));
  return attributes;
}

function capacityAttributes(capacity: Capacity | undefined, ownerId: string, entity: string): HsdsAttribute[] {
  if (!capacity) return [];
  return [
    // Written even when unknown (empty value) so a reader knows capacity is reported here.
    field(ownerId, entity, 'capacity-available', capacity.available === null ? '' : String(capacity.available)),
    ...(capacity.total === undefined ? [] : [field(ownerId, entity, 'capacity-total', String(capacity.total))]),
    ...(capacity.updatedAt === undefined ? [] : [field(ownerId, entity, 'capacity-updated-at', capacity.updatedAt)]),
  ];
}

// ---------------------------------------------------------------------------------------------
// Schedules

const everyDay = 'MO,TU,WE,TH,FR,SA,SU';
const open24x7Description = 'Open 24 hours a day, 7 days a week.';

function schedules(schedule: Schedule, ownerId: string, now: Date): HsdsSchedule[] {
  const offset = utcOffset(schedule.timeZone, now);
  const row = (key: string): HsdsSchedule => {
    const id = stableUuid(`${ownerId}:schedule:${key}`);
    return {
      id,
      ...(offset === undefined ? {} : { timezone: offset }),
      attributes: [field(id, 'schedule', 'time-zone', schedule.timeZone)],
    };
  };
  const rows: HsdsSchedule[] = [];
  if (schedule.open24x7) {
    // HSDS 3.0 has no field for round-the-clock opening. Its (non-normative) schedule guidance,
    // "24h opening" in the specification's docs/hsds/schedules.md, names 00:00 to 23:59 as the
    // sign of it; the description says it in words, for a reader that would take 23:59 literally.
    const open = row('24x7');
    open.attributes.push(field(open.id, 'schedule', 'open-24x7', 'true'));
    rows.push({
      ...open,
      freq: 'WEEKLY',
      byday: everyDay,
      opens_at: '00:00',
      closes_at: '23:59',
      description: open24x7Description,
    });
  }
  schedule.rules.forEach((rule, index) => {
    rows.push({
      ...row(String(index)),
      freq: 'WEEKLY',
      byday: rule.byDay.join(','),
      opens_at: rule.opensAt,
      closes_at: rule.closesAt,
      ...(rule.validFrom === undefined ? {} : { valid_from: rule.validFrom }),
      ...(rule.validTo === undefined ? {} : { valid_to: rule.validTo }),
    });
  });
  // A schedule with no hours (only notes, or "call first") still carries its time zone.
  const [first = row('notes')] = rows;
  if (rows.length === 0) rows.push(first);
  if (schedule.notes !== undefined && schedule.notes !== '') first.notes = schedule.notes;
  return rows;
}
