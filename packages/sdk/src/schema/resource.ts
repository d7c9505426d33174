import * as z from 'zod/mini';
import { agencyRecord } from './fields.js';
import {
  DateOnly,
  LanguageTag,
  Latitude,
  Longitude,
  PageQuery,
  TimeOfDay,
  TimeZone,
  Timestamp,
  list,
  set,
  text,
} from './primitives.js';

export const ResourceCategory = z.enum([
  'detox',
  'treatment',
  'moud',
  'recovery-residence',
  'mutual-aid',
  /** Peer-run: warm lines, recovery community centers, drop-ins. */
  'peer-support',
  'crisis-stabilization',
  'housing',
  'employment',
  'food',
  'transport',
  'harm-reduction',
  /** A service no other category describes; an import keeps it rather than drop it. */
  'other',
]);
export type ResourceCategory = z.infer<typeof ResourceCategory>;

/** Where a service sits in the justice and care system. */
export const ResourceSetting = z.enum(['community', 'hospital', 'jail-prison', 'court', 'treatment']);
export type ResourceSetting = z.infer<typeof ResourceSetting>;

/** Sequential Intercept Model stage, 0 (community services) to 5 (community corrections). */
export const InterceptStage = z.number().check(z.int(), z.gte(0), z.lte(5));

export const Weekday = z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']);
export type Weekday = z.infer<typeof Weekday>;

/** A weekly opening rule in the spirit of RFC 5545 `RRULE:FREQ=WEEKLY;BYDAY=…`. */
export const OpeningRule = z.strictObject({
  byDay: set(Weekday, 7, 1),
  opensAt: TimeOfDay,
  /** May be earlier than opensAt for hours that run past midnight. */
  closesAt: TimeOfDay,
  validFrom: z.optional(DateOnly),
  validTo: z.optional(DateOnly),
});
export type OpeningRule = z.infer<typeof OpeningRule>;

export const Schedule = z.strictObject({
  timeZone: TimeZone,
  open24x7: z.optional(z.boolean()),
  rules: list(OpeningRule, 50),
  /** Free-text notes from the directory ("closed on federal holidays"). */
  notes: z.optional(text(0, 500)),
});
export type Schedule = z.infer<typeof Schedule>;

export const PostalAddress = z.strictObject({
  street: text(1, 200),
  city: text(1, 100),
  region: text(1, 100),
  postalCode: text(1, 20),
  country: z.string().check(z.regex(/^[A-Z]{2}$/, 'Expected an ISO 3166-1 alpha-2 country code such as "US"')),
});
export type PostalAddress = z.infer<typeof PostalAddress>;

export const ResourceLocation = z.strictObject({
  address: z.optional(PostalAddress),
  lat: z.optional(Latitude),
  lon: z.optional(Longitude),
});
export type ResourceLocation = z.infer<typeof ResourceLocation>;

export const TaxonomyTerm = z.strictObject({
  code: text(1, 100),
  name: text(1, 200),
  taxonomy: z.optional(text(1, 100)),
});
export type TaxonomyTerm = z.infer<typeof TaxonomyTerm>;

export const Fees = z.strictObject({
  acceptsMedicaid: z.boolean(),
  acceptsMedicare: z.optional(z.boolean()),
  free: z.optional(z.boolean()),
  slidingScale: z.optional(z.boolean()),
  notes: z.optional(text(0, 500)),
});
export type Fees = z.infer<typeof Fees>;

const places = z.number().check(z.int(), z.gte(0), z.lte(100000));

export const Capacity = z.strictObject({
  /** Open places now; null when the provider does not report it. */
  available: z.nullable(places),
  total: z.optional(places),
  /** Open beds (residential services), as the provider or a supervisor last reported. */
  openBeds: z.optional(places),
  /** Open appointment or program slots. */
  openSlots: z.optional(places),
  /** Days a new client waits for a first appointment or a bed. */
  waitDays: z.optional(z.number().check(z.int(), z.gte(0), z.lte(365))),
  acceptingNewClients: z.optional(z.boolean()),
  /** When the figures were last reported; hosts show their age. */
  updatedAt: z.optional(Timestamp),
});
export type Capacity = z.infer<typeof Capacity>;

/** Ids from the HSDS directory a resource came from, kept for round trips. */
export const HsdsRef = z.strictObject({
  serviceId: z.optional(z.string().check(z.maxLength(100))),
  organizationId: z.optional(z.string().check(z.maxLength(100))),
  locationId: z.optional(z.string().check(z.maxLength(100))),
  serviceAtLocationId: z.optional(z.string().check(z.maxLength(100))),
});

/**
 * A link hosts show as a link: http or https only, so a directory entry can never carry a
 * `javascript:` or `data:` URL into a page.
 */
const WebUrl = z.url({ protocol: /^https?$/, error: 'Expected an http or https URL' });

const resourceFields = {
  name: text(1, 200),
  organization: z.strictObject({ name: text(1, 200), url: z.optional(WebUrl) }),
  description: text(0, 4000),
  categories: set(ResourceCategory, ResourceCategory.options.length, 1),
  taxonomy: z.optional(list(TaxonomyTerm, 50)),
  location: ResourceLocation,
  eligibility: z.optional(text(0, 1000)),
  languages: set(LanguageTag, 30),
  fees: Fees,
  schedule: z.optional(Schedule),
  phone: z.optional(text(3, 40)),
  url: z.optional(WebUrl),
  capacity: z.optional(Capacity),
  settings: set(ResourceSetting, 5),
  interceptStages: set(InterceptStage, 6),
  hsds: z.optional(HsdsRef),
};

/** A service at a location, shaped after Open Referral HSDS 3. */
export const ResourceInput = z.strictObject(resourceFields);
export type ResourceInput = z.infer<typeof ResourceInput>;

export const Resource = z.object({
  ...agencyRecord,
  updatedAt: Timestamp,
  ...resourceFields,
  /** False once deactivated: hidden from search, still readable by the referrals that name it. */
  active: z.optional(z.boolean()),
});
export type Resource = z.infer<typeof Resource>;

const csv = <T extends z.core.SomeType>(item: T, max: number) =>
  z.pipe(
    z.transform((value: unknown) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value)),
    list(item, max),
  );

const flag = z.pipe(
  z.transform((value: unknown) => (value === 'true' ? true : value === 'false' ? false : value)),
  z.boolean(),
);

/** Query of `GET /v1/resources/search`. Lists are comma separated in the URL. */
export const ResourceSearchQuery = z.strictObject({
  q: z.optional(text(0, 200)),
  categories: z.optional(csv(ResourceCategory, ResourceCategory.options.length)),
  openNow: z.optional(flag),
  openAt: z.optional(Timestamp),
  languages: z.optional(csv(LanguageTag, 10)),
  medicaid: z.optional(flag),
  free: z.optional(flag),
  capacity: z.optional(flag),
  lat: z.optional(z.coerce.number().check(z.gte(-90), z.lte(90))),
  lon: z.optional(z.coerce.number().check(z.gte(-180), z.lte(180))),
  radiusKm: z.optional(z.coerce.number().check(z.gt(0), z.lte(1000))),
  settings: z.optional(csv(ResourceSetting, 5)),
  interceptStages: z.optional(csv(z.coerce.number().check(z.int(), z.gte(0), z.lte(5)), 6)),
  ...PageQuery,
});
export type ResourceSearchQuery = z.infer<typeof ResourceSearchQuery>;

export const ResourceHit = z.object({
  resource: Resource,
  score: z.number(),
  distanceKm: z.nullable(z.number()),
  openNow: z.nullable(z.boolean()),
});
export type ResourceHit = z.infer<typeof ResourceHit>;

export const ResourceSearchResult = z.object({
  items: z.array(ResourceHit),
  total: z.number().check(z.int(), z.gte(0)),
  nextCursor: z.nullable(z.string().check(z.maxLength(512))),
});
export type ResourceSearchResult = z.infer<typeof ResourceSearchResult>;
