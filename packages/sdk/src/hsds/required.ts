import type { FieldError } from '../schema/problem.js';
import type { HsdsWarning } from './errors.js';

// The required fields of every HSDS 3.0 table (schema/tables/*.json) and how tables nest in the
// fully nested JSON forms. A payload that breaks these is rejected whole, before any mapping,
// so an import never stops half way.

type Table =
  | 'accessibility'
  | 'address'
  | 'attribute'
  | 'contact'
  | 'cost_option'
  | 'funding'
  | 'language'
  | 'location'
  | 'metadata'
  | 'organization'
  | 'organization_identifier'
  | 'phone'
  | 'program'
  | 'required_document'
  | 'schedule'
  | 'service'
  | 'service_area'
  | 'service_at_location'
  | 'taxonomy'
  | 'taxonomy_term';

interface Rule {
  readonly required: readonly string[];
  readonly enums?: Readonly<Record<string, readonly string[]>>;
  readonly one?: Readonly<Record<string, Table>>;
  readonly many?: Readonly<Record<string, Table>>;
}

const plain: Rule = { required: ['id'] };
const named: Rule = { required: ['id', 'name', 'description'] };
const locationTypes = ['physical', 'postal', 'virtual'] as const;

const rules: Readonly<Record<Table, Rule>> = {
  accessibility: plain,
  address: {
    required: ['id', 'address_1', 'city', 'state_province', 'postal_code', 'country', 'address_type'],
    enums: { address_type: locationTypes },
  },
  attribute: { required: ['id'], one: { taxonomy_term: 'taxonomy_term' } },
  contact: { required: ['id'], many: { phones: 'phone' } },
  cost_option: plain,
  funding: plain,
  language: plain,
  location: {
    required: ['id', 'location_type'],
    enums: { location_type: locationTypes },
    many: {
      languages: 'language',
      addresses: 'address',
      contacts: 'contact',
      accessibility: 'accessibility',
      phones: 'phone',
      schedules: 'schedule',
    },
  },
  metadata: {
    required: [
      'id',
      'last_action_date',
      'last_action_type',
      'field_name',
      'previous_value',
      'replacement_value',
      'updated_by',
    ],
  },
  organization: {
    required: ['id', 'name', 'description'],
    many: {
      funding: 'funding',
      contacts: 'contact',
      phones: 'phone',
      locations: 'location',
      programs: 'program',
      organization_identifiers: 'organization_identifier',
      // Not in the table schema: the fully nested organization (`GET /organizations/{id}`).
      services: 'service',
    },
  },
  organization_identifier: { required: ['id', 'identifier_type', 'identifier'] },
  phone: { required: ['id', 'number'], many: { languages: 'language' } },
  program: named,
  required_document: plain,
  schedule: plain,
  service: {
    required: ['id', 'name', 'status'],
    enums: { status: ['active', 'inactive', 'defunct', 'temporarily closed'] },
    one: { organization: 'organization', program: 'program' },
    many: {
      phones: 'phone',
      schedules: 'schedule',
      service_areas: 'service_area',
      service_at_locations: 'service_at_location',
      languages: 'language',
      funding: 'funding',
      cost_options: 'cost_option',
      required_documents: 'required_document',
      contacts: 'contact',
    },
  },
  service_area: plain,
  service_at_location: {
    required: ['id'],
    // `service` is not in the table schema: the fully nested service_at_location carries it.
    one: { location: 'location', service: 'service' },
    many: { contacts: 'contact', phones: 'phone', schedules: 'schedule' },
  },
  taxonomy: named,
  taxonomy_term: { required: ['id', 'name', 'description'], one: { taxonomy_detail: 'taxonomy' } },
};

// Every table but these three may carry attributes; every table but metadata carries metadata.
const withoutAttributes = new Set<Table>(['attribute', 'metadata', 'taxonomy', 'taxonomy_term']);

interface Child {
  readonly key: string;
  readonly table: Table;
  readonly list: boolean;
}

// Worked out once per table: a large feed walks these tables hundreds of thousands of times.
const childCache = new Map<Table, readonly Child[]>();

function childrenOf(table: Table): readonly Child[] {
  let list = childCache.get(table);
  if (!list) {
    const rule = rules[table];
    const many: Record<string, Table> = { ...rule.many };
    if (!withoutAttributes.has(table)) many.attributes = 'attribute';
    if (table !== 'metadata') many.metadata = 'metadata';
    list = [
      ...Object.entries(rule.one ?? {}).map(([key, child]) => ({ key, table: child, list: false })),
      ...Object.entries(many).map(([key, child]) => ({ key, table: child, list: true })),
    ];
    childCache.set(table, list);
  }
  return list;
}

export type Json = Record<string, unknown>;

export const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const at = (base: string, ...parts: (string | number)[]): string =>
  [base, ...parts.map(String)].filter((part) => part !== '').join('.');

export const typeName = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Checks `value` as a row of `table`, and everything nested in it. */
export function checkRequired(
  value: unknown,
  table: Table,
  path: string,
  errors: FieldError[],
  warnings: HsdsWarning[],
): void {
  if (!isJson(value)) {
    errors.push({
      path,
      message: `Expected an HSDS ${table} object, received ${typeName(value)}`,
      code: 'invalid_type',
    });
    return;
  }
  const rule = rules[table];
  for (const key of rule.required) {
    const field = value[key];
    if (field === undefined || field === null) {
      errors.push({ path: at(path, key), message: 'Required', code: 'invalid_type' });
    } else if (typeof field !== 'string') {
      errors.push({
        path: at(path, key),
        message: `Expected string, received ${typeName(field)}`,
        code: 'invalid_type',
      });
    } else if (key === 'id' && field.trim() === '') {
      errors.push({ path: at(path, key), message: 'Expected at least 1 character', code: 'too_small' });
    }
  }
  for (const [key, allowed] of Object.entries(rule.enums ?? {})) {
    const field = value[key];
    if (typeof field === 'string' && !allowed.includes(field)) {
      errors.push({
        path: at(path, key),
        message: `Expected one of: ${allowed.map((v) => JSON.stringify(v)).join(', ')}`,
        code: 'invalid_value',
      });
    }
  }
  for (const child of childrenOf(table)) {
    const field = value[child.key];
    if (field === undefined || field === null) continue;
    const childPath = at(path, child.key);
    if (!child.list) {
      if (isJson(field)) checkRequired(field, child.table, childPath, errors, warnings);
      // A nested object or list of the wrong shape is an invalid optional value: dropped, not fatal.
      else
        warnings.push({
          path: childPath,
          message: `Expected object, received ${typeName(field)}; ignored`,
          code: 'invalid_type',
        });
    } else if (Array.isArray(field)) {
      field.forEach((item: unknown, index) => {
        checkRequired(item, child.table, at(childPath, index), errors, warnings);
      });
    } else {
      warnings.push({
        path: childPath,
        message: `Expected array, received ${typeName(field)}; ignored`,
        code: 'invalid_type',
      });
    }
  }
}
