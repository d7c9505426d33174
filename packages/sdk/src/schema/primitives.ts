import * as z from 'zod/mini';

/** Record ids are UUIDs (HSDS 3 uses UUIDs too, so imported ids are kept as they are). */
export const Id = z.uuid();

// U+0000 and unpaired UTF-16 surrogates have no UTF-8 form: PostgreSQL cannot store them in text or JSON.
const unstorable = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Refuses text with U+0000 or an unpaired surrogate; every free text of the contract carries it. */
export const storable = z.refine<string>((value) => !unstorable.test(value), {
  message: 'Text must not contain U+0000 or unpaired surrogate characters',
  params: { code: 'invalid_text' },
});

// The instants PostgreSQL's timestamptz and JavaScript's Date both hold as four-digit years (PostgreSQL has no year 0).
const earliest = Date.parse('0001-01-01T00:00:00Z');
const latest = Date.parse('9999-12-31T23:59:59.999Z');

/** ISO 8601 date-time that always states its offset (`Z` or `±hh:mm`), from year 1 to 9999 in UTC. */
export const Timestamp = z.iso.datetime({ offset: true }).check(
  // A malformed value is the format check's to report; this one judges only the instant.
  z.refine<string>(
    (value) => {
      const at = Date.parse(value);
      return Number.isNaN(at) || (at >= earliest && at <= latest);
    },
    {
      message: 'Expected a time between the years 0001 and 9999',
      params: { code: 'out_of_range' },
    },
  ),
);

/** ISO 8601 calendar date, `YYYY-MM-DD`. */
export const DateOnly = z.iso.date();

/** Wall-clock time of day, `HH:MM` (24 h). */
export const TimeOfDay = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a time of day as HH:MM'));

/** Trimmed text between `min` and `max` characters. */
export const text = (min: number, max: number) =>
  z.string().check(z.trim(), storable, z.minLength(min), z.maxLength(max));

/** A short human-facing label: names, titles, codes. */
export const Label = text(1, 200);

/** Free text written by people, bounded so one field cannot carry a document. */
export const Note = text(0, 2000);

/** BCP 47 language tag, e.g. `en`, `es-MX`, `zh-Hant`. */
export const LanguageTag = z
  .string()
  .check(
    z.maxLength(35),
    z.regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Expected a BCP 47 language tag such as "en" or "es-MX"'),
  );

/** IANA time zone name, e.g. `America/Chicago`. */
export const TimeZone = z
  .string()
  .check(z.maxLength(64), z.refine(isTimeZone, 'Expected an IANA time zone such as "America/Chicago"'));

// Building a formatter is slow and zone names repeat across a directory: remember the answers.
const knownZones = new Map<string, boolean>();

function isTimeZone(value: string): boolean {
  let known = knownZones.get(value);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      known = value.length > 0;
    } catch {
      known = false;
    }
    if (knownZones.size < 1000) knownZones.set(value, known);
  }
  return known;
}

/** A web origin (`scheme://host[:port]`), as browsers send in the `Origin` header. */
export const Origin = z
  .string()
  .check(
    z.maxLength(255),
    z.regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i, 'Expected an origin such as "https://cad.example.org"'),
  );

export const Latitude = z.number().check(z.gte(-90), z.lte(90));
export const Longitude = z.number().check(z.gte(-180), z.lte(180));

export const GeoPoint = z.strictObject({ lat: Latitude, lon: Longitude });
export type GeoPoint = z.infer<typeof GeoPoint>;

/** Embed-token roles; each token carries exactly one. */
export const Role = z.enum(['dispatcher', 'specialist', 'supervisor', 'investigator', 'court-staff', 'clinician']);
export type Role = z.infer<typeof Role>;

/** Who made a change: a person in a role, or the service itself (timers, escalation). */
export const Actor = z.object({
  kind: z.enum(['user', 'system']),
  role: z.optional(Role),
  subjectId: z.optional(Id),
});
export type Actor = z.infer<typeof Actor>;

/** Bounded array helper: every list in the contract has an upper size. */
export const list = <T extends z.core.SomeType>(item: T, max: number, min = 0) =>
  z.array(item).check(z.minLength(min), z.maxLength(max));

/** Array whose items must be distinct (tags, categories, roles). */
export const set = <T extends z.core.SomeType>(item: T, max: number, min = 0) =>
  list(item, max, min).check(
    z.refine((items: readonly unknown[]) => new Set(items).size === items.length, 'Items must not repeat'),
  );

/** Cursor-paginated list envelope used by every list endpoint. */
export const page = <T extends z.core.SomeType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.nullable(z.string().check(z.maxLength(512))) });

export const PageQuery = {
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(200))),
  cursor: z.optional(z.string().check(storable, z.maxLength(512))),
};
