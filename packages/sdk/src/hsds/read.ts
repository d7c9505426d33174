import { DateOnly } from '../schema/primitives.js';
import type { FieldError } from '../schema/problem.js';
import type { HsdsWarning } from './errors.js';
import type { FieldTerm } from './extensions.js';
import { isFieldTaxonomy } from './extensions.js';
import { at, isJson, typeName } from './required.js';
import type { Json } from './required.js';
import type { TaxonomyMap } from './taxonomy.js';

// What every part of the import shares: its context, and readers that turn an optional HSDS value
// of the wrong type into a warning instead of an exception.

export interface Context {
  readonly map: TaxonomyMap;
  readonly defaultCountry: string | undefined;
  /** The directory's IANA zone, from the options. */
  readonly timeZone: string | undefined;
  readonly today: string;
  readonly warnings: HsdsWarning[];
  readonly errors: FieldError[];
  readonly seen: Set<string>;
}

export interface Row {
  readonly row: Json;
  readonly path: string;
}

export interface Term {
  readonly id: string | undefined;
  readonly code: string | undefined;
  readonly name: string | undefined;
  readonly taxonomy: string | undefined;
  readonly value: string | undefined;
  readonly path: string;
}

/** Where each mapped field came from, so a contract failure points into the HSDS payload. */
export type Sources = Map<string, string>;

export function warn(ctx: Context, path: string, code: string, message: string): void {
  // Service-level problems would repeat once per location; report each once.
  const key = `${path}\u0000${code}`;
  if (ctx.seen.has(key)) return;
  ctx.seen.add(key);
  ctx.warnings.push({ path, message, code });
}

export const rowsOf = (owner: Json | undefined, key: string, path: string): Row[] => {
  const list = owner?.[key];
  if (!Array.isArray(list)) return [];
  return list.flatMap((row: unknown, index) => (isJson(row) ? [{ row, path: at(path, key, index) }] : []));
};

export function readText(ctx: Context, owner: Json | undefined, key: string, path: string): string | undefined {
  const value = owner?.[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    warn(ctx, at(path, key), 'invalid_type', `Expected string, received ${typeName(value)}; dropped`);
    return undefined;
  }
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function readNumber(ctx: Context, owner: Json | undefined, key: string, path: string): number | undefined {
  const value = owner?.[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    warn(ctx, at(path, key), 'invalid_type', `Expected number, received ${typeName(value)}; dropped`);
    return undefined;
  }
  return value;
}

export function clip(ctx: Context, value: string | undefined, max: number, path: string): string | undefined {
  if (value === undefined || value.length <= max) return value;
  warn(ctx, path, 'truncated', `Longer than ${String(max)} characters; shortened`);
  return `${value.slice(0, max - 1).trimEnd()}…`;
}

export function readDate(ctx: Context, owner: Json, key: string, path: string): string | undefined {
  const value = readText(ctx, owner, key, path);
  if (value === undefined) return undefined;
  if (DateOnly.safeParse(value).success) return value;
  warn(ctx, at(path, key), 'invalid_value', 'Expected an ISO 8601 date (YYYY-MM-DD); dropped');
  return undefined;
}

// Building an Intl.DateTimeFormat is slow and a feed repeats a handful of zones thousands of times.
const zones = new Map<string, string | undefined>();

export function canonicalTimeZone(value: string): string | undefined {
  if (value === '') return undefined;
  if (!zones.has(value)) {
    let zone: string | undefined;
    try {
      zone = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
    } catch {
      zone = undefined;
    }
    zones.set(value, zone);
  }
  return zones.get(value);
}

export function termsOf(ctx: Context, owner: Json | undefined, path: string): Term[] {
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
        taxonomy:
          readText(ctx, term, 'taxonomy', termPath) ?? readText(ctx, detail, 'name', at(termPath, 'taxonomy_detail')),
        value: typeof row.value === 'string' ? row.value.trim() : undefined,
        path: termPath,
      },
    ];
  });
}

export const fieldValues = (terms: readonly Term[], field: FieldTerm) =>
  terms.filter((term) => isFieldTaxonomy(term.taxonomy) && term.code === field);

export function flag(ctx: Context, terms: readonly Term[], field: FieldTerm): boolean | undefined {
  const term = fieldValues(terms, field)[0];
  if (!term) return undefined;
  const value = term.value?.toLowerCase();
  if (value === 'true' || value === 'yes') return true;
  if (value === 'false' || value === 'no') return false;
  warn(ctx, term.path, 'invalid_value', `Expected "true" or "false" for ${field}; ignored`);
  return undefined;
}
