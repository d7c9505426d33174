// fast-check arbitraries from the JSON Schemas the contract generates (OpenAPI components), so the
// fuzz suite follows the contract without a second description of it.
import fc from 'fast-check';

type Schema = Record<string, unknown>;

export function arbitraryFor(schema: Schema, components: Record<string, Schema>, depth = 0): fc.Arbitrary<unknown> {
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const target = components[ref.replace('#/components/schemas/', '')];
    if (!target) throw new Error(`unknown $ref ${ref}`);
    return arbitraryFor(target, components, depth + 1);
  }
  const options = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (options) return fc.oneof(...options.map((option) => arbitraryFor(option, components, depth + 1)));
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const type = schema.type;
  if (Array.isArray(type))
    return fc.oneof(...type.map((t: unknown) => arbitraryFor({ ...schema, type: t }, components, depth)));
  switch (type) {
    case 'string':
      return stringFor(schema);
    case 'integer':
    case 'number': {
      const min =
        typeof schema.minimum === 'number'
          ? schema.minimum
          : typeof schema.exclusiveMinimum === 'number'
            ? schema.exclusiveMinimum + 1
            : -1000;
      const max =
        typeof schema.maximum === 'number'
          ? schema.maximum
          : typeof schema.exclusiveMaximum === 'number'
            ? schema.exclusiveMaximum - 1
            : 1000;
      return type === 'integer'
        ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
        : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = (schema.items ?? {}) as Schema;
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const maxLength = Math.min(
        typeof schema.maxItems === 'number' ? schema.maxItems : 3,
        minLength + 3,
        depth > 4 ? minLength : 99,
      );
      return fc.array(arbitraryFor(items, components, depth + 1), { minLength, maxLength });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = new Set((schema.required ?? []) as string[]);
      const keys = Object.keys(properties).filter((key) => required.has(key) || depth < 6);
      return fc.record(
        Object.fromEntries(keys.map((key) => [key, arbitraryFor(properties[key] ?? {}, components, depth + 1)])),
        { requiredKeys: keys.filter((key) => required.has(key)) },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

function stringFor(schema: Schema): fc.Arbitrary<string> {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = Math.min(typeof schema.maxLength === 'number' ? schema.maxLength : 40, 60);
  switch (schema.format) {
    case 'uuid':
      return fc.uuid({ version: 4 });
    case 'date-time':
      return fc
        .date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
        .map((date) => date.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
    case 'uri':
      return fc.webUrl();
    default:
      break;
  }
  if (typeof schema.pattern === 'string') {
    return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length >= min && text.length <= max);
  }
  return fc.string({ minLength: min, maxLength: Math.max(min, max) });
}

/** Breaks one thing in a valid body: a wrong type, an unknown key, or a missing field. */
export function breakBody(body: unknown): fc.Arbitrary<unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return fc.constant(42);
  const keys = Object.keys(body);
  const wrong = [42, 'x', true, null, [], {}];
  return fc.oneof(
    fc
      .record({
        key: fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !keys.includes(key)),
        value: fc.jsonValue({ maxDepth: 1 }),
      })
      .map(({ key, value }) => ({ ...body, [key]: value })),
    ...(keys.length > 0
      ? [
          fc
            .record({ key: fc.constantFrom(...keys), value: fc.constantFrom(...wrong) })
            .map(({ key, value }) => ({ ...body, [key]: value })),
          fc
            .constantFrom(...keys)
            .map((key) => Object.fromEntries(Object.entries(body).filter(([name]) => name !== key))),
        ]
      : []),
  );
}
