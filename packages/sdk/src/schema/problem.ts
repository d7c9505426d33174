import * as z from 'zod/mini';

/** One broken rule of a request, placed at the field it concerns. */
export const FieldError = z.object({
  /** Dotted path into the body or query (`callForService.location.lat`, `peopleServed.0.count`). */
  path: z.string().check(z.maxLength(500)),
  /** The rule that failed, in words a person can act on. */
  message: z.string().check(z.maxLength(500)),
  /** Machine-readable rule name (`invalid_type`, `too_small`, `unrecognized_key`, …). */
  code: z.string().check(z.maxLength(64)),
});
export type FieldError = z.infer<typeof FieldError>;

/** RFC 9457 problem details, as sent with `application/problem+json`. */
export const Problem = z.object({
  type: z.string().check(z.maxLength(500)),
  title: z.string().check(z.maxLength(500)),
  status: z.number().check(z.int(), z.gte(400), z.lte(599)),
  detail: z.optional(z.string().check(z.maxLength(2000))),
  instance: z.optional(z.string().check(z.maxLength(500))),
  /** Matches the `X-Request-Id` response header. */
  requestId: z.optional(z.string().check(z.maxLength(100))),
  errors: z.optional(z.array(FieldError)),
});
export type Problem = z.infer<typeof Problem>;

/** The `type` URIs this service uses; relative so they resolve against the API's own docs. */
export const problemTypes = {
  validation: '/problems/validation',
  unauthorized: '/problems/unauthorized',
  forbidden: '/problems/forbidden',
  notFound: '/problems/not-found',
  conflict: '/problems/conflict',
  idempotencyMismatch: '/problems/idempotency-key-reused',
  payloadTooLarge: '/problems/payload-too-large',
  rateLimited: '/problems/rate-limited',
  /** A submitted text holds personal information the author neither redacted nor kept (422). */
  piiUnresolved: '/problems/pii-unresolved',
  internal: '/problems/internal',
} as const;

/**
 * Turns zod issues into field errors with a readable message per broken rule.
 * zod/mini ships no message catalog, so the wording lives here, once, for server and browser.
 */
export function toFieldErrors(
  issues: readonly z.core.$ZodIssue[],
  input?: unknown,
  prefix: readonly PropertyKey[] = [],
): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    // zod reports no input values (they may be personal data); look the value up to word the message.
    const value = input === undefined ? unknownValue : valueAt(input, issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push({ path: joinPath([...path, key]), message: 'Unknown field', code: 'unrecognized_key' });
      }
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0 && issue.discriminator === undefined) {
      errors.push({ path: joinPath(path), message: 'Does not match any allowed form', code: issue.code });
    } else {
      errors.push({ path: joinPath(path), message: describe(issue, value), code: codeOf(issue) });
    }
  }
  return errors;
}

/** A refinement names its rule in `params.code` (`invalid_text`); other issues by zod's code. */
function codeOf(issue: z.core.$ZodIssue): string {
  return issue.code === 'custom' && typeof issue.params?.code === 'string' ? issue.params.code : issue.code;
}

export function joinPath(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'symbol' ? (part.description ?? '') : String(part))).join('.');
}

const unknownValue = Symbol('unknown');

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describe(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === unknownValue) return `Expected ${issue.expected}`;
      return value === undefined ? 'Required' : `Expected ${issue.expected}, received ${typeName(value)}`;
    case 'too_small':
      return bound(issue.origin, 'at least', issue.minimum, issue.inclusive);
    case 'too_big':
      return bound(issue.origin, 'at most', issue.maximum, issue.inclusive);
    case 'invalid_format':
      return issue.message && issue.message !== 'Invalid input'
        ? issue.message
        : `Expected a valid ${formatName(issue.format)}`;
    case 'invalid_value':
      return `Expected one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'not_multiple_of':
      return `Expected a multiple of ${String(issue.divisor)}`;
    case 'invalid_key':
      return 'Invalid key';
    case 'invalid_element':
      return 'Invalid entry';
    case 'invalid_union':
      return 'Does not match any allowed form';
    default:
      return issue.message || 'Invalid value';
  }
}

function bound(origin: string, word: string, limit: number | bigint, inclusive: boolean | undefined): string {
  const n = Number(limit);
  switch (origin) {
    case 'string':
      return `Expected ${word} ${String(n)} character${n === 1 ? '' : 's'}`;
    case 'array':
    case 'set':
      return `Expected ${word} ${String(n)} item${n === 1 ? '' : 's'}`;
    default: {
      const relation =
        word === 'at least'
          ? inclusive === false
            ? 'greater than'
            : 'at least'
          : inclusive === false
            ? 'less than'
            : 'at most';
      return `Expected a number ${relation} ${String(n)}`;
    }
  }
}

function typeName(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'number' && Number.isNaN(input)) return 'NaN';
  return typeof input;
}

function formatName(format: string): string {
  const names: Record<string, string> = {
    datetime: 'ISO 8601 date-time with offset',
    date: 'ISO 8601 date (YYYY-MM-DD)',
    uuid: 'UUID',
    email: 'e-mail address',
    url: 'URL',
    regex: 'value',
  };
  return names[format] ?? format;
}
