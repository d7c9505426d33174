import assert from 'node:assert/strict';
import type * as z from 'zod/mini';
import { describe, it } from 'node:test';
import * as contract from '@peerlink/sdk';
import { endpoints, toFieldErrors } from '@peerlink/sdk';
import type { FieldError } from '@peerlink/sdk';
import { examples, ids } from './fixtures/examples.js';

type Schema = {
  safeParse(
    input: unknown,
  ): { success: true; data: unknown } | { success: false; error: { issues: readonly z.core.$ZodIssue[] } };
} & {
  _zod: { def: Def };
};
interface Def {
  type: string;
  shape?: Record<string, { _zod: { def: Def } }>;
  catchall?: { _zod: { def: Def } };
  innerType?: { _zod: { def: Def } };
  element?: { _zod: { def: Def } };
  in?: { _zod: { def: Def } };
  out?: { _zod: { def: Def } };
  options?: readonly { _zod: { def: Def } }[];
}

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && '_zod' in value;

const named = new Map<string, Schema>(
  Object.entries(contract as Record<string, unknown>).filter(
    (entry): entry is [string, Schema] => /^[A-Z]/.test(entry[0]) && isSchema(entry[1]),
  ),
);

function schemaNamed(name: string): Schema {
  const schema = named.get(name);
  assert.ok(schema, `no schema named ${name}`);
  return schema;
}

function errorsOf(schema: Schema, input: unknown): FieldError[] {
  const result = schema.safeParse(input);
  if (result.success) assert.fail(`expected ${JSON.stringify(input).slice(0, 120)} to be rejected`);
  return toFieldErrors(result.error.issues, input);
}

function wrongType(value: unknown): unknown {
  if (Array.isArray(value)) return { wrong: true };
  if (value === null) return 12345;
  switch (typeof value) {
    case 'string':
      return 12345;
    case 'number':
      return 'not a number';
    case 'boolean':
      return 'yes';
    default:
      return ['wrong'];
  }
}

const isStrict = (def: Def) => def.type === 'object' && def.catchall?._zod.def.type === 'never';

/** Every object reachable from `def` (through optional, nullable, arrays, pipes, unions). */
function* objectsIn(def: Def, path: string): Generator<[string, Def]> {
  if (def.type === 'object') {
    yield [path, def];
    for (const [key, child] of Object.entries(def.shape ?? {})) yield* objectsIn(child._zod.def, `${path}.${key}`);
  }
  for (const inner of [def.innerType, def.element, def.in, def.out]) if (inner) yield* objectsIn(inner._zod.def, path);
  for (const option of def.options ?? []) yield* objectsIn(option._zod.def, path);
}

describe('contract schemas', () => {
  it('has a valid example for every named schema, and no example without a schema', () => {
    const missing = [...named.keys()].filter((name) => !(name in examples));
    const orphans = Object.keys(examples).filter((name) => !named.has(name));
    assert.deepEqual(missing, [], `schemas without an example: ${missing.join(', ')}`);
    assert.deepEqual(orphans, [], `examples without a schema: ${orphans.join(', ')}`);
  });

  for (const [name, schema] of named) {
    describe(name, () => {
      const example = examples[name];

      it('accepts its example', () => {
        const result = schema.safeParse(example);
        const problems = result.success ? [] : toFieldErrors(result.error.issues, example);
        assert.deepEqual(problems, []);
      });

      if (example !== null && typeof example === 'object' && !Array.isArray(example)) {
        it('rejects a wrong type in each field, naming the field', () => {
          for (const [key, value] of Object.entries(example)) {
            const input = { ...example, [key]: wrongType(value) };
            const errors = errorsOf(schema, input);
            // A union of record shapes (a peer's full record or its summary) fails as a whole.
            const named =
              schema._zod.def.type === 'union'
                ? errors.length > 0
                : errors.some((error) => error.path === key || error.path.startsWith(`${key}.`));
            assert.ok(named, `${name}.${key}: no error names the field (got ${JSON.stringify(errors)})`);
            assert.ok(errors.every((error) => error.message.length > 0));
          }
        });

        if (isStrict(schema._zod.def)) {
          it('rejects unknown keys, naming each', () => {
            const errors = errorsOf(schema, { ...example, nickname: 'x', ssn: '078-05-1120' });
            assert.deepEqual(
              errors.filter((error) => error.code === 'unrecognized_key').map((error) => [error.path, error.message]),
              [
                ['nickname', 'Unknown field'],
                ['ssn', 'Unknown field'],
              ],
            );
          });
        } else if (schema._zod.def.type === 'object' && schema._zod.def.catchall?._zod.def.type === 'unknown') {
          it("keeps what it does not know: a standard's own document passes through whole", () => {
            const result = schema.safeParse({ ...example, addedInALaterVersion: true });
            assert.ok(result.success);
            assert.ok('addedInALaterVersion' in (result.data as object));
          });
        } else if (schema._zod.def.type === 'object') {
          it('reads records tolerantly: unknown keys are dropped, not kept', () => {
            const result = schema.safeParse({ ...example, addedInALaterVersion: true });
            assert.ok(result.success);
            assert.ok(!('addedInALaterVersion' in (result.data as object)));
          });
        }
      } else {
        it('rejects a value of the wrong type', () => {
          const errors = errorsOf(schema, wrongType(example));
          assert.ok(errors.length > 0 && errors.every((error) => error.path === '' && error.message.length > 0));
        });
      }
    });
  }

  it('rejects unknown keys at every depth of every request body and query', () => {
    const loose: string[] = [];
    for (const endpoint of Object.values(endpoints)) {
      // A provider's form (Twilio's webhook) carries parameters we do not read and cannot refuse.
      const body = endpoint.bodyType === undefined ? endpoint.body : undefined;
      for (const [part, schema] of [
        ['body', body],
        ['query', endpoint.query],
        ['params', endpoint.params],
      ] as const) {
        if (!schema) continue;
        for (const [path, def] of objectsIn(
          (schema as unknown as Schema)._zod.def,
          `${endpoint.operationId}.${part}`,
        )) {
          if (!isStrict(def)) loose.push(path);
        }
      }
    }
    assert.deepEqual(loose, []);
  });
});

const cases: [schema: string, mutate: (example: Record<string, unknown>) => unknown, path: string, message: RegExp][] =
  [
    ['Dispatch', (d) => ({ ...d, escalationLevel: 6 }), 'escalationLevel', /at most 5/],
    [
      'Dispatch',
      (d) => ({ ...d, timeline: Array.from({ length: 201 }, () => (d.timeline as unknown[])[0]) }),
      'timeline',
      /at most 200 items/,
    ],
    [
      'CreateDispatchRequest',
      (d) => withPath(d, ['callForService', 'location', 'lat'], 91),
      'callForService.location.lat',
      /at most 90/,
    ],
    [
      'CreateDispatchRequest',
      (d) => withPath(d, ['callForService', 'receivedAt'], '2026-11-22T14:05:00'),
      'callForService.receivedAt',
      /date-time with offset/,
    ],
    [
      'CreateDispatchRequest',
      (d) => withPath(d, ['callForService', 'type'], 'fire'),
      'callForService.type',
      /one of: "overdose-fatal"/,
    ],
    ['CallForServiceInput', (d) => ({ ...d, externalId: '   ' }), 'externalId', /at least 1 character/],
    ['OnCallShift', (d) => ({ ...d, endsAt: '2026-11-22T07:00:00-06:00' }), 'endsAt', /after startsAt/],
    ['DispatchTransitionRequest', () => ({ to: 'checked-in' }), 'checkIn', /Required when checking in/],
    ['DispatchTransitionRequest', () => ({ to: 'flying' }), 'to', /one of/],
    ['CalloutTimes', (d) => ({ ...d, arrivedAt: '2026-11-22T13:00:00-06:00' }), 'arrivedAt', /before dispatchedAt/],
    ['CalloutTimes', (d) => ({ ...d, clearedAt: '2026-11-22T14:35:00-06:00' }), 'clearedAt', /before enteredSceneAt/],
    ['PeopleServed', (d) => ({ ...d, count: 0 }), 'count', /at least 1/],
    ['PeopleServed', (d) => ({ ...d, name: 'Jane Doe' }), 'name', /Unknown field/],
    ['ServicesDelivered', (d) => ({ ...d, support: ['emotional', 'emotional'] }), 'support', /must not repeat/],
    ['ReviewCalloutLogRequest', () => ({ decision: 'return' }), 'comment', /Required when returning/],
    ['CalloutLogContent', (d) => ({ ...d, narrative: 'x'.repeat(5001) }), 'narrative', /at most 5000 characters/],
    ['Resource', (d) => ({ ...d, languages: ['english language'] }), 'languages.0', /BCP 47/],
    ['OpeningRule', (d) => ({ ...d, opensAt: '25:00' }), 'opensAt', /HH:MM/],
    ['Schedule', (d) => ({ ...d, timeZone: 'Mars/Olympus' }), 'timeZone', /IANA time zone/],
    ['PostalAddress', (d) => ({ ...d, country: 'USA' }), 'country', /ISO 3166-1/],
    ['ConsentInput', (d) => ({ ...d, part2NoticeAcknowledged: false }), 'part2NoticeAcknowledged', /one of: true/],
    ['ConsentInput', (d) => ({ ...d, expiresAt: '2020-01-01T00:00:00Z' }), 'expiresAt', /after grantedAt/],
    ['CreateReferralRequest', (d) => ({ ...d, personRef: 'John Smith' }), 'personRef', /not a name/],
    ['ReferralTransitionRequest', () => ({ to: 'scheduled' }), 'scheduledAt', /Required when scheduling/],
    ['EmbedSessionRequest', (d) => ({ ...d, ttlSeconds: 3600 }), 'ttlSeconds', /at most 900/],
    ['Agency', (d) => ({ ...d, allowedOrigins: ['javascript:alert(1)'] }), 'allowedOrigins.0', /origin/],
    ['Specialist', (d) => ({ ...d, roles: [] }), 'roles', /at least 1 item/],
    ['Credential', (d) => ({ ...d, type: 'Peer Recovery' }), 'type', /lowercase code/],
    ['ResourceSearchQuery', (d) => ({ ...d, categories: 'detox,spa' }), 'categories.1', /one of/],
    ['ResourceSearchQuery', (d) => ({ ...d, limit: '500' }), 'limit', /at most 200/],
    ['Id', () => 'not-a-uuid', '', /UUID/],
  ];

function withPath(value: Record<string, unknown>, path: readonly string[], leaf: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const child = value[head] as Record<string, unknown>;
  return { ...value, [head]: rest.length === 0 ? leaf : withPath(child, rest, leaf) };
}

describe('illegal values name the field and the broken rule', () => {
  for (const [name, mutate, path, message] of cases) {
    it(`${name}: ${path || '(value)'} ${String(message)}`, () => {
      const errors = errorsOf(schemaNamed(name), mutate(examples[name] as Record<string, unknown>));
      const error = errors.find((candidate) => candidate.path === path);
      assert.ok(error, `no error at "${path}": ${JSON.stringify(errors)}`);
      assert.match(error.message, message);
    });
  }

  it('says which type was expected and which arrived, and what is missing', () => {
    const input = { callForService: { externalId: 7, type: 'overdose-fatal', receivedAt: '2026-11-22T14:05:00Z' } };
    const errors = errorsOf(schemaNamed('CreateDispatchRequest'), input);
    assert.deepEqual(
      errors.map((error) => [error.path, error.message]),
      [
        ['callForService.externalId', 'Expected string, received number'],
        ['callForService.location', 'Required'],
      ],
    );
  });

  it('never echoes the rejected value (it may be personal data)', () => {
    const secret = 'Jane Q. Example 555-0199';
    const errors = errorsOf(schemaNamed('CreateReferralRequest'), { personRef: secret });
    assert.ok(!JSON.stringify(errors).includes(secret));
  });

  it('uses the fixture ids as valid UUIDs', () => {
    for (const id of Object.values(ids)) assert.ok(contract.Id.safeParse(id).success, id);
  });
});

describe('text and times PostgreSQL cannot store are refused by the contract', () => {
  const dispatch = (address: string) => {
    const example = examples.CreateDispatchRequest as { callForService: { location: Record<string, unknown> } };
    return {
      ...example,
      callForService: { ...example.callForService, location: { ...example.callForService.location, address } },
    };
  };

  it('refuses U+0000 and unpaired surrogates in text, and keeps paired ones', () => {
    for (const address of ['12 Elm\u0000St', '12 Elm \ud800St', '12 Elm \udc00St', '12 Elm St \ud83d']) {
      assert.deepEqual(
        errorsOf(schemaNamed('CreateDispatchRequest'), dispatch(address)).map((error) => [error.path, error.code]),
        [['callForService.location.address', 'invalid_text']],
        JSON.stringify(address),
      );
    }
    assert.ok(schemaNamed('CreateDispatchRequest').safeParse(dispatch('12 Elm St 🚑')).success);
    assert.deepEqual(
      errorsOf(schemaNamed('DispatchListQuery'), { externalId: 'CAD\u00001' }).map((error) => error.code),
      ['invalid_text'],
    );
  });

  it('refuses times outside the years 0001 to 9999 in UTC, with one error', () => {
    for (const at of ['0000-06-01T00:00:00Z', '0001-01-01T00:30:00+01:00', '9999-12-31T23:00:00-02:00']) {
      assert.deepEqual(
        errorsOf(schemaNamed('OnCallQuery'), { at }).map((error) => [error.path, error.code]),
        [['at', 'out_of_range']],
        at,
      );
    }
    for (const at of ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z'])
      assert.ok(contract.Timestamp.safeParse(at).success, at);
    assert.deepEqual(
      errorsOf(schemaNamed('OnCallQuery'), { at: 'yesterday' }).map((error) => error.code),
      ['invalid_format'],
    );
  });
});
