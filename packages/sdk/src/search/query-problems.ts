// What makes a resource search unanswerable, checked before any work: the contract's rules for
// each field plus the combinations it cannot express (a radius needs a point).
import type { FieldError } from '../schema/problem.js';
import type { ResourceSearchQuery } from '../schema/resource.js';
import { categoryBits, settingBits } from './facets.js';

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** What makes a query unanswerable, by field path; the contract's rules plus the combinations. */
export function problemsOf(query: ResourceSearchQuery): FieldError[] {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string, code = 'invalid_value') => errors.push({ path, message, code });
  if (query.q !== undefined && typeof query.q !== 'string') fail('q', 'Expected text', 'invalid_type');
  const range = (path: 'lat' | 'lon', limit: number) => {
    const value: unknown = query[path];
    if (value !== undefined && !(isFiniteNumber(value) && Math.abs(value) <= limit)) {
      fail(path, `Expected a number from -${String(limit)} to ${String(limit)}`);
    }
  };
  range('lat', 90);
  range('lon', 180);
  const radius: unknown = query.radiusKm;
  if (radius !== undefined && !(isFiniteNumber(radius) && radius > 0))
    fail('radiusKm', 'Expected kilometers above 0', 'too_small');
  if (query.lat !== undefined && query.lon === undefined) fail('lon', 'Needs lat and lon together', 'required');
  if (query.lon !== undefined && query.lat === undefined) fail('lat', 'Needs lat and lon together', 'required');
  if (query.radiusKm !== undefined && (query.lat === undefined || query.lon === undefined)) {
    fail('radiusKm', 'Needs lat and lon', 'required');
  }
  if (query.openAt !== undefined && Number.isNaN(Date.parse(query.openAt)))
    fail('openAt', 'Expected an ISO 8601 date and time', 'invalid_format');
  if (query.limit !== undefined && !(Number.isInteger(query.limit) && query.limit >= 1))
    fail('limit', 'Expected a whole number of 1 or more', 'too_small');
  if (query.cursor !== undefined && !/^\d{1,9}$/.test(query.cursor))
    fail('cursor', 'Not a cursor this service issued', 'invalid_cursor');
  const each = <T>(path: string, values: readonly T[] | undefined, valid: (value: T) => boolean, message: string) => {
    values?.forEach((value, i) => {
      if (!valid(value)) fail(`${path}.${String(i)}`, message);
    });
  };
  each(
    'categories',
    query.categories,
    (value) => Object.hasOwn(categoryBits, value),
    `Expected one of ${Object.keys(categoryBits).join(', ')}`,
  );
  each(
    'settings',
    query.settings,
    (value) => Object.hasOwn(settingBits, value),
    `Expected one of ${Object.keys(settingBits).join(', ')}`,
  );
  each(
    'interceptStages',
    query.interceptStages,
    (value) => Number.isInteger(value) && value >= 0 && value <= 5,
    'Expected a stage from 0 to 5',
  );
  each(
    'languages',
    query.languages,
    (value) => typeof value === 'string' && value.length > 0,
    'Expected a language tag such as "es"',
  );
  return errors;
}
