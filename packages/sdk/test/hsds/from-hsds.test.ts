import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResourceInput, isOpenAt } from '@peerlink/sdk';
import { HsdsImportError, defaultTaxonomyMap, fromHsds } from '@peerlink/sdk/hsds';
import type { HsdsWarning, TaxonomyMap } from '@peerlink/sdk/hsds';
import { example, exampleNames } from './support.js';
import { thrown } from '../support/thrown.js';

const now = new Date('2026-01-15T12:00:00Z');
// The specification's example service is counselling, which peer-recovery directories file
// under treatment; this is the configuration a host importing it would use.
const counselling: TaxonomyMap = [...defaultTaxonomyMap, { category: 'treatment', names: ['counselling'] }];

type Json = Record<string, unknown>;

let counter = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

const attribute = (code: string, name: string, extra: Json = {}): Json => ({
  id: uuid(),
  taxonomy_term: { id: uuid(), code, name, description: name, taxonomy: 'Local directory' },
  ...extra,
});

/** A builder of one kind of HSDS record: a fresh id, the kind's defaults, then the fields given. */
const record =
  (defaults: () => Json) =>
  (fields: Json = {}): Json => ({ id: uuid(), ...defaults(), ...fields });

const service = record(() => ({
  name: 'Harbor Light Detox',
  status: 'active',
  organization: { id: uuid(), name: 'Harbor Light', description: 'A nonprofit', website: 'https://harbor.example.org' },
}));

const address = record(() => ({
  address_1: '1 Main St',
  city: 'Chicago',
  state_province: 'IL',
  postal_code: '60601',
  country: 'US',
  address_type: 'physical',
}));

const location = record(() => ({
  location_type: 'physical',
  latitude: 41.88,
  longitude: -87.63,
  addresses: [address()],
}));

const warningAt = (warnings: readonly HsdsWarning[], path: string, code: string) =>
  warnings.find((warning) => warning.path === path && warning.code === code);

const rejection = (payload: unknown) =>
  thrown(HsdsImportError, () => fromHsds(payload, { now }), 'expected the payload to be rejected');

function only(payload: unknown, options: Parameters<typeof fromHsds>[1] = {}) {
  const { resources, warnings } = fromHsds(payload, { now, ...options });
  assert.equal(resources.length, 1, JSON.stringify(warnings));
  const [resource] = resources;
  assert.ok(resource);
  return { resource, warnings };
}

describe('fromHsds on the specification examples', () => {
  const expected: Record<string, number> = {
    'organization_full.json': 1,
    'service_at_location_full.json': 1,
    'service_at_location_list.json': 1,
    'service_full.json': 1,
    'service_list.json': 1,
  };
  const services = exampleNames.filter((name) => name !== 'taxonomy_term_list.json');

  it('has every example file under test', () => {
    assert.deepEqual(services, Object.keys(expected).sort());
    assert.deepEqual(exampleNames, [...services, 'taxonomy_term_list.json'].sort());
  });

  for (const name of services) {
    it(`imports ${name}`, (t) => {
      const { resources, warnings } = fromHsds(example(name), { taxonomyMap: counselling, now });
      for (const warning of warnings) t.diagnostic(`${warning.code} ${warning.path}: ${warning.message}`);
      assert.equal(resources.length, expected[name]);
      for (const resource of resources) {
        assert.ok(ResourceInput.safeParse(resource).success);
        assert.equal(resource.name, 'Community Counselling');
        assert.deepEqual(resource.categories, ['treatment']);
        assert.equal(resource.organization.name, 'Example Organization Inc.');
        assert.equal(resource.hsds?.serviceId, 'ac148810-d857-441c-9679-408f346de14b');
      }
    });
  }

  it('imports the example service with the default settings: no category maps to it, so it is "other"', () => {
    const { resource, warnings } = only(example('service_full.json'));
    assert.deepEqual(resource.categories, ['other']);
    assert.deepEqual(resource.settings, ['community']);
    assert.match(warningAt(warnings, '', 'unmapped_service')?.message ?? '', /imported as "other"/);
    assert.equal(resource.hsds?.serviceId, 'ac148810-d857-441c-9679-408f346de14b');
  });

  it('drops the latitude of 100, reads the numeric time zone as a fixed offset, with their paths, and imports the rest', () => {
    const { resource, warnings } = only(example('service_full.json'), { taxonomyMap: counselling });
    assert.ok(
      warningAt(warnings, 'service_at_locations.0.location.latitude', 'out_of_range'),
      JSON.stringify(warnings),
    );
    assert.ok(warningAt(warnings, 'service_at_locations.0.location.longitude', 'incomplete_coordinates'));
    assert.ok(warningAt(warnings, 'service_at_locations.0.schedules.0.timezone', 'fixed_offset'));
    assert.equal(resource.schedule?.timeZone, 'Etc/GMT-3');
    assert.equal(resource.location.lat, undefined);
    assert.equal(resource.location.lon, undefined);
    assert.deepEqual(resource.location.address, {
      street: '1-30 Main Street, MyVillage',
      city: 'MyCity',
      region: 'MyState',
      postalCode: 'ABC 1234',
      country: 'US',
    });
    assert.equal(resource.phone, '+44 1234 234567 ext. 100');
    assert.deepEqual(resource.languages, ['ur']);
    assert.equal(resource.url, 'http://example.com/counselling');
    assert.deepEqual(resource.organization, { name: 'Example Organization Inc.', url: 'http://example.com' });
    assert.match(resource.eligibility ?? '', /aged 12 and over/);
    assert.deepEqual(resource.taxonomy, [{ code: 'code', name: 'name', taxonomy: 'taxonomy' }]);
    assert.equal(resource.fees.acceptsMedicaid, false);
    assert.match(resource.fees.notes ?? '', /£50 per hour/);
    assert.deepEqual(resource.hsds, {
      serviceId: 'ac148810-d857-441c-9679-408f346de14b',
      organizationId: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610',
      locationId: '3a19ff88-4620-4d17-9830-ac1d859eb5d5',
      serviceAtLocationId: 'e94c9f38-1e8f-4564-91d4-d53501ab1765',
    });
  });

  it('reports the same problems at their own paths in the other payload shapes', () => {
    const sal = fromHsds(example('service_at_location_full.json'), { taxonomyMap: counselling, now }).warnings;
    assert.ok(warningAt(sal, 'location.latitude', 'out_of_range'));
    assert.ok(warningAt(sal, 'schedules.0.timezone', 'fixed_offset'));
    const organization = fromHsds(example('organization_full.json'), { taxonomyMap: counselling, now }).warnings;
    assert.ok(warningAt(organization, 'services.0.service_at_locations.0.location.latitude', 'out_of_range'));
    const list = fromHsds(example('service_at_location_list.json'), { taxonomyMap: counselling, now }).warnings;
    assert.ok(warningAt(list, 'contents.0.location.latitude', 'out_of_range'));
  });

  it("drops the example schedule's week-number rule instead of widening it to every week", () => {
    const { resource, warnings } = only(example('service_full.json'), {
      taxonomyMap: counselling,
      timeZone: 'Europe/London',
    });
    assert.ok(warningAt(warnings, 'service_at_locations.0.schedules.0', 'unsupported_recurrence'));
    // The example's offset is +3, which London never is: its hours are read at +3, not in London.
    assert.match(
      warningAt(warnings, 'service_at_locations.0.schedules.0.timezone', 'fixed_offset')?.message ?? '',
      /Europe\/London is never UTC\+3/,
    );
    assert.equal(resource.schedule?.timeZone, 'Etc/GMT-3');
    assert.deepEqual(resource.schedule.rules, []);
    assert.match(resource.schedule.notes ?? '', /10 am to 6pm weekdays/);
  });

  it('takes organization fields from the parent of an organization payload', () => {
    const { resource } = only(example('organization_full.json'), { taxonomyMap: counselling });
    assert.deepEqual(resource.organization, { name: 'Example Organization Inc.', url: 'http://example.com' });
    assert.equal(resource.hsds?.organizationId, 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610');
  });
});

describe('fromHsds rejects a payload that misses required fields, whole', () => {
  function list(count: number): Json {
    const contents = Array.from({ length: count }, (_, index) => service({ name: `Detox ${String(index)}` }));
    return {
      total_items: count,
      total_pages: 1,
      page_number: 1,
      size: count,
      first_page: true,
      last_page: true,
      empty: false,
      contents,
    };
  }

  it('names the missing field by its HSDS path and imports nothing', () => {
    const payload = list(5);
    const contents = payload.contents as Json[];
    delete contents[3]?.name;
    const error = rejection(payload);
    assert.equal(error.name, 'HsdsImportError');
    assert.ok(error instanceof Error);
    assert.deepEqual(error.errors, [{ path: 'contents.3.name', message: 'Required', code: 'invalid_type' }]);
    assert.equal(error.fieldErrors['contents.3.name'], 'Required');
    assert.match(error.message, /contents\.3\.name/);
  });

  it('reports every problem at once', () => {
    const payload = list(3);
    const [first, second, third] = payload.contents as Json[];
    assert.ok(first && second && third);
    delete first.id;
    second.status = 'open';
    const withoutCity = address();
    delete withoutCity.city;
    third.service_at_locations = [
      {
        id: uuid(),
        location: location({
          addresses: [withoutCity],
        }),
      },
    ];
    const paths = rejection(payload).errors.map((error) => `${error.path} ${error.code}`);
    assert.deepEqual(paths, [
      'contents.0.id invalid_type',
      'contents.1.status invalid_value',
      'contents.2.service_at_locations.0.location.addresses.0.city invalid_type',
    ]);
  });

  it('rejects the specification example once a required field is removed', () => {
    const payload = example('service_full.json');
    delete payload.status;
    const phones = payload.phones as Json[];
    delete phones[0]?.number;
    assert.deepEqual(
      rejection(payload).errors.map((error) => error.path),
      ['status', 'phones.0.number'],
    );
  });

  it('rejects a service Peerlink cannot represent: no organization, a blank name', () => {
    assert.deepEqual(
      rejection(service({ organization: undefined })).errors.map((error) => error.path),
      ['organization'],
    );
    assert.deepEqual(
      rejection(service({ name: '   ' })).errors.map((error) => error.path),
      ['name'],
    );
  });

  it('rejects what is not an HSDS object', () => {
    assert.deepEqual(rejection(42).errors, [
      {
        path: '',
        message:
          'Expected an HSDS service, a service_at_location with its service, or an organization with its services, or a list page of them',
        code: 'invalid_type',
      },
    ]);
    assert.deepEqual(
      rejection({ contents: 'x' }).errors.map((error) => error.path),
      ['contents'],
    );
    assert.deepEqual(
      rejection({ contents: [service(), 'x'] }).errors.map((error) => error.path),
      ['contents.1'],
    );
  });

  it('refuses payloads that are not services, each the same way: not_a_service at its path, naming what was expected', () => {
    const expected =
      'Expected an HSDS service, a service_at_location with its service, or an organization with its services';
    const terms = rejection(example('taxonomy_term_list.json'));
    assert.equal(terms.code, 'hsds_invalid');
    assert.deepEqual(terms.errors, [
      { path: 'contents.0', message: `${expected}; this is a taxonomy term`, code: 'not_a_service' },
    ]);
    assert.deepEqual(rejection(location()).errors, [
      { path: '', message: `${expected}; this is a location`, code: 'not_a_service' },
    ]);
    const organizations = {
      total_items: 1,
      contents: [
        { id: uuid(), name: 'Harbor Light', description: 'A nonprofit', website: 'https://harbor.example.org' },
      ],
    };
    assert.deepEqual(rejection(organizations).errors, [
      {
        path: 'contents.0',
        message: `${expected}; this is an organization without its services`,
        code: 'not_a_service',
      },
    ]);
    const taxonomy = { id: uuid(), name: 'AIRS', description: '211 LA taxonomy', version: '2024' };
    assert.deepEqual(
      rejection(taxonomy).errors.map((error) => `${error.path} ${error.code}`),
      [' not_a_service'],
    );
    // One stray record refuses the whole page: nothing half-imported.
    const mixed = rejection({ contents: [service(), location()] });
    assert.deepEqual(
      mixed.errors.map((error) => `${error.path} ${error.code}`),
      ['contents.1 not_a_service'],
    );
  });

  it('rejects a service_at_location without its service', () => {
    const sal = example('service_at_location_full.json');
    delete sal.service;
    assert.deepEqual(
      rejection(sal).errors.map((error) => error.path),
      ['service'],
    );
  });
});

describe('fromHsds drops invalid optional values with a warning', () => {
  it('drops what the contract refuses and keeps the rest', () => {
    const payload = service({
      url: 'not a url',
      organization: { id: uuid(), name: 'Harbor Light', description: '', website: 'also not a url' },
      languages: [
        { id: uuid(), name: 'Spanish' },
        { id: uuid(), name: 'Klingonese' },
      ],
      service_at_locations: [{ id: uuid(), location: location({ longitude: 200 }) }],
      phones: 'call us',
    });
    const { resource, warnings } = only(payload);
    assert.ok(warningAt(warnings, 'url', 'contract'));
    assert.ok(warningAt(warnings, 'organization.website', 'contract'));
    assert.ok(warningAt(warnings, 'languages.1', 'unknown_language'));
    assert.ok(warningAt(warnings, 'service_at_locations.0.location.longitude', 'out_of_range'));
    assert.ok(warningAt(warnings, 'phones', 'invalid_type'));
    assert.equal(resource.url, undefined);
    assert.deepEqual(resource.organization, { name: 'Harbor Light' });
    assert.deepEqual(resource.languages, ['es']);
    assert.equal(resource.location.lat, undefined);
    assert.equal(resource.location.address?.city, 'Chicago');
  });

  it('shortens over-long text and says so', () => {
    const { resource, warnings } = only(service({ description: 'x'.repeat(5000) }));
    assert.equal(resource.description.length, 4000);
    assert.ok(warningAt(warnings, 'description', 'truncated'));
  });

  it('uses defaultCountry for a blank country and drops an address whose country is unknown', () => {
    const blank = location({
      addresses: [address({ country: ' ' })],
    });
    assert.equal(
      only(service({ service_at_locations: [{ id: uuid(), location: blank }] }), { defaultCountry: 'us' }).resource
        .location.address?.country,
      'US',
    );
    const named = location({
      addresses: [address({ country: 'United States' })],
    });
    assert.equal(
      only(service({ service_at_locations: [{ id: uuid(), location: named }] })).resource.location.address?.country,
      'US',
    );
    const odd = location({
      addresses: [address({ country: 'Atlantis' })],
    });
    const { resource, warnings } = only(service({ service_at_locations: [{ id: uuid(), location: odd }] }));
    assert.equal(resource.location.address, undefined);
    assert.ok(warningAt(warnings, 'service_at_locations.0.location.addresses.0.country', 'invalid_country'));
  });
});

describe('fromHsds maps taxonomy terms through a configurable map', () => {
  const named = (name: string) =>
    fromHsds(service({ name: 'Intake', attributes: [attribute('X-1', name)] }), { now }).resources[0]?.categories;

  it('maps common term names with the default map', () => {
    assert.deepEqual(named('Detoxification'), ['detox']);
    assert.deepEqual(named('Withdrawal Management'), ['detox']);
    assert.deepEqual(named('Medication Assisted Treatment (MAT)'), ['moud']);
    assert.deepEqual(named('Buprenorphine Clinics'), ['moud']);
    assert.deepEqual(named('Methadone Maintenance'), ['moud']);
    assert.deepEqual(named('Substance Use Treatment'), ['treatment']);
    assert.deepEqual(named('Sober Living Homes'), ['recovery-residence']);
    assert.deepEqual(named('12-Step Meetings'), ['mutual-aid']);
    assert.deepEqual(named('Alcoholics Anonymous'), ['mutual-aid']);
    assert.deepEqual(named('Mobile Crisis Teams'), ['crisis-stabilization']);
    assert.deepEqual(named('Emergency Shelter'), ['housing']);
    assert.deepEqual(named('Job Training'), ['employment']);
    assert.deepEqual(named('Food Pantries'), ['food']);
    assert.deepEqual(named('Transportation'), ['transport']);
    assert.deepEqual(named('Syringe Services Programs'), ['harm-reduction']);
    assert.deepEqual(named('Naloxone Distribution'), ['harm-reduction']);
  });

  it('does not map look-alikes', () => {
    assert.deepEqual(named('Crisis Pregnancy Centers'), ['other']);
    assert.deepEqual(named('Floor Mats'), ['other']);
    assert.deepEqual(named('Maternity Care'), ['other']);
  });

  it('matches codes case-insensitively, with prefixes, from a custom map', () => {
    const map: TaxonomyMap = [
      { category: 'moud', codes: ['rx-8450*'] },
      { category: 'food', codes: ['BD-1800.2000'] },
    ];
    const payload = service({
      name: 'Clinic',
      attributes: [attribute('RX-8450.1800', 'Opioid programs'), attribute('bd-1800.2000', 'Pantry')],
    });
    const { resource, warnings } = only(payload, { taxonomyMap: map });
    assert.deepEqual(resource.categories, ['moud', 'food']);
    assert.equal(warnings.length, 0, JSON.stringify(warnings));
    assert.deepEqual(
      resource.taxonomy?.map((term) => term.code),
      ['RX-8450.1800', 'bd-1800.2000'],
    );
  });

  it('maps the example through its term code when the map says so', () => {
    const { resource, warnings } = only(example('service_full.json'), {
      taxonomyMap: [{ category: 'mutual-aid', codes: ['code'] }],
    });
    assert.deepEqual(resource.categories, ['mutual-aid']);
    assert.equal(warningAt(warnings, 'name', 'category_from_name'), undefined);
  });

  it('falls back to the service name, then keeps a service with no category as "other"', () => {
    const byName = only(service({ name: 'Riverbend Sober Living' }));
    assert.deepEqual(byName.resource.categories, ['recovery-residence']);
    assert.ok(warningAt(byName.warnings, 'name', 'category_from_name'));
    const { resources, warnings } = fromHsds(
      { contents: [service({ name: 'Legal Aid Clinic' }), service({ name: 'Detox Unit' })] },
      { now },
    );
    assert.deepEqual(
      resources.map((resource) => [resource.name, resource.categories]),
      [
        ['Legal Aid Clinic', ['other']],
        ['Detox Unit', ['detox']],
      ],
    );
    assert.ok(warningAt(warnings, 'contents.0', 'unmapped_service'));
    assert.equal(warningAt(warnings, 'contents.1', 'unmapped_service'), undefined);
  });

  it('files peer-run warm lines, recovery community centers and drop-ins under peer support', () => {
    const warmLine = only(
      service({ name: 'Eastside Warm Line', attributes: [attribute('peer-support', 'Peer support')] }),
    );
    assert.deepEqual(warmLine.resource.categories, ['peer-support']);
    assert.deepEqual(warmLine.resource.settings, ['community']);
    assert.equal(warningAt(warmLine.warnings, '', 'unmapped_service'), undefined);
    assert.deepEqual(named('Peer-Run Warm Lines'), ['peer-support']);
    assert.deepEqual(named('Recovery Community Centers'), ['peer-support']);
    assert.deepEqual(named('Peer Recovery Support Services'), ['peer-support']);
    assert.deepEqual(named('Recovery Coaching'), ['peer-support']);
  });

  it('derives settings and stages from the categories by default', () => {
    const plain = only(service({ name: 'Detox and Food Pantry' })).resource;
    assert.deepEqual(plain.settings, ['treatment', 'community']);
    assert.deepEqual(plain.interceptStages, [0]);
  });
});

describe('fromHsds reads fees, languages, schedules and locations', () => {
  it('reads Medicaid, Medicare, free and sliding scale from the text', () => {
    const fees = (text: string, fields: Json = {}) =>
      only(service({ fees_description: text, ...fields })).resource.fees;
    assert.deepEqual(fees('We accept Medicaid, but not Medicare. Services are free.'), {
      acceptsMedicaid: true,
      acceptsMedicare: false,
      free: true,
      notes: 'We accept Medicaid, but not Medicare. Services are free.',
    });
    assert.equal(fees('We do not accept Medicaid.').acceptsMedicaid, false);
    assert.equal(fees('Medi-Cal accepted').acceptsMedicaid, true);
    assert.equal(fees('Call our toll-free line. Drug-free environment.').free, undefined);
    assert.equal(fees('Sliding fee scale available').slidingScale, true);
    const current = [{ id: uuid(), amount: 0, option: 'Everyone', valid_to: '2027-01-01' }];
    assert.equal(fees('', { cost_options: current }).free, true);
    const expired = [{ id: uuid(), amount: 0, option: 'Everyone', valid_to: '2020-01-01' }];
    assert.equal(fees('', { cost_options: expired }).free, undefined);
    assert.equal(fees('', { cost_options: [{ id: uuid(), amount: 20 }] }).free, false);
    assert.equal(fees('Medicaid not accepted; we take Medicare').acceptsMedicaid, false);
    assert.equal(fees('We accept Medicaid and do not need a referral').acceptsMedicaid, true);
    const payer = (name: string, value?: string) =>
      only(service({ attributes: [attribute('pay-1', name, value === undefined ? {} : { value })] })).resource.fees
        .acceptsMedicaid;
    assert.equal(payer('Medicaid'), true);
    assert.equal(payer('Accepts Medicaid', 'no'), false);
    assert.equal(payer('Medicaid Enrollment Assistance'), false);
  });

  it('turns language codes and names into BCP 47 tags', () => {
    const languages = [
      { id: uuid(), code: 'eng' },
      { id: uuid(), name: 'Spanish' },
      { id: uuid(), name: 'Español' },
      { id: uuid(), name: 'Chinese (Cantonese)' },
      { id: uuid(), code: 'zh-hant-tw' },
      { id: uuid(), name: 'American Sign Language' },
    ];
    const location_ = location({
      languages: [
        { id: uuid(), name: 'Somali' },
        { id: uuid(), code: 'en' },
      ],
    });
    const { resource } = only(service({ languages, service_at_locations: [{ id: uuid(), location: location_ }] }));
    assert.deepEqual(resource.languages, ['en', 'es', 'yue', 'zh-Hant-TW', 'ase', 'so']);
  });

  it('turns weekly HSDS schedules into opening rules in their time zone', () => {
    const schedules = [
      {
        id: uuid(),
        freq: 'WEEKLY',
        byday: 'MO,TU,WE',
        opens_at: '09:00:00',
        closes_at: '17:30',
        timezone: 'America/Chicago',
        description: 'Walk-ins until 4pm.',
      },
      {
        id: uuid(),
        byday: 'FR,SA',
        opens_at: '20:00-06:00',
        closes_at: '24:00',
        valid_from: '2025-01-01',
        valid_to: '2030-12-31',
      },
      { id: uuid(), freq: 'MONTHLY', byday: '1MO', opens_at: '10:00', closes_at: '12:00' },
      { id: uuid(), freq: 'WEEKLY', interval: 2, byday: 'SU', opens_at: '10:00', closes_at: '12:00' },
      { id: uuid(), freq: 'WEEKLY', byday: 'SU', opens_at: '10:00', closes_at: '12:00', valid_to: '2025-12-31' },
    ];
    const { resource, warnings } = only(service({ schedules }));
    assert.deepEqual(resource.schedule, {
      timeZone: 'America/Chicago',
      rules: [
        { byDay: ['MO', 'TU', 'WE'], opensAt: '09:00', closesAt: '17:30' },
        { byDay: ['FR', 'SA'], opensAt: '20:00', closesAt: '00:00', validFrom: '2025-01-01', validTo: '2030-12-31' },
      ],
      notes: 'Walk-ins until 4pm.',
    });
    assert.ok(warningAt(warnings, 'schedules.2', 'unsupported_recurrence'));
    assert.ok(warningAt(warnings, 'schedules.3', 'unsupported_recurrence'));
    assert.ok(warningAt(warnings, 'schedules.4', 'expired'));
  });

  describe('HSDS 3.0 numeric time zones', () => {
    const weekly = (timezone: unknown) => [
      { id: uuid(), byday: 'MO', opens_at: '09:00', closes_at: '17:00', timezone },
    ];
    const rules = [{ byDay: ['MO'], opensAt: '09:00', closesAt: '17:00' }];

    it("reads an offset of the directory's zone in that zone, winter or summer, without a warning", () => {
      for (const offset of [-7, -6, '-7']) {
        const { resource, warnings } = only(service({ schedules: weekly(offset) }), { timeZone: 'America/Denver' });
        assert.deepEqual(resource.schedule, { timeZone: 'America/Denver', rules }, String(offset));
        assert.deepEqual(
          warnings.filter((warning) => warning.path.startsWith('schedules')),
          [],
          String(offset),
        );
      }
      assert.equal(
        only(service({ schedules: weekly(5.5) }), { timeZone: 'Asia/Kolkata' }).resource.schedule?.timeZone,
        'Asia/Kolkata',
      );
    });

    it("reads any other offset as a fixed offset, with a warning naming the directory's zone", () => {
      const other = only(service({ schedules: weekly(-5) }), { timeZone: 'America/Denver' });
      assert.deepEqual(other.resource.schedule, { timeZone: 'Etc/GMT+5', rules });
      assert.match(
        warningAt(other.warnings, 'schedules.0.timezone', 'fixed_offset')?.message ?? '',
        /America\/Denver is never UTC-5/,
      );
      const unnamed = only(service({ schedules: weekly(-5) }));
      assert.equal(unnamed.resource.schedule?.timeZone, 'Etc/GMT+5');
      assert.match(
        warningAt(unnamed.warnings, 'schedules.0.timezone', 'fixed_offset')?.message ?? '',
        /No timeZone option/,
      );
      assert.equal(only(service({ schedules: weekly(0) })).resource.schedule?.timeZone, 'UTC');
    });

    it('drops a rule whose offset is neither the zone given nor a whole hour, and a schedule with no zone at all', () => {
      const half = only(service({ schedules: weekly(5.5) }), { timeZone: 'America/Denver' });
      assert.equal(half.resource.schedule, undefined);
      assert.ok(warningAt(half.warnings, 'schedules.0.timezone', 'invalid_time_zone'));
      const none = only(service({ schedules: weekly(undefined) }));
      assert.equal(none.resource.schedule, undefined);
      assert.ok(warningAt(none.warnings, 'schedules.0', 'missing_time_zone'));
      assert.deepEqual(
        only(service({ schedules: weekly(undefined) }), { timeZone: 'America/Denver' }).resource.schedule,
        { timeZone: 'America/Denver', rules },
      );
      const nonsense = only(service({ schedules: weekly('soon') }));
      assert.ok(warningAt(nonsense.warnings, 'schedules.0.timezone', 'invalid_time_zone'));
    });

    it('keeps open-now answerable for a directory that gives only offsets', () => {
      const { resource } = only(service({ schedules: weekly(-6) }), {
        timeZone: 'America/Denver',
        now: new Date('2026-07-06T12:00:00Z'),
      });
      assert.ok(resource.schedule);
      // Monday 6 July 2026, 10:00 in Denver (daylight time, UTC-6) is 16:00 UTC.
      assert.equal(isOpenAt(resource.schedule, new Date('2026-07-06T16:00:00Z')), true);
      assert.equal(isOpenAt(resource.schedule, new Date('2026-07-06T23:30:00Z')), false);
    });
  });

  describe('HSDS 3.0 times with a UTC offset', () => {
    const july = new Date('2026-07-01T12:00:00Z');
    const january = new Date('2026-01-15T12:00:00Z');
    const row = (fields: Json) => ({ id: uuid(), freq: 'WEEKLY', ...fields });
    const read = (rows: Json[], options: Parameters<typeof fromHsds>[1] = {}) => {
      const { resource, warnings } = only(service({ schedules: rows }), { timeZone: 'America/Chicago', ...options });
      return {
        schedule: resource.schedule,
        warnings: warnings.filter((warning) => warning.path.startsWith('schedules')),
      };
    };

    it('converts a time in UTC to the zone, at its offset on the import date, and says what the other season reads', () => {
      const rows = [row({ byday: 'MO', opens_at: '14:00Z', closes_at: '22:00Z' })];
      const summer = read(rows, { now: july });
      // 14:00 UTC is 09:00 in Chicago while it is UTC-5 (CDT), and 22:00 UTC 17:00, the same day.
      assert.deepEqual(summer.schedule, {
        timeZone: 'America/Chicago',
        rules: [{ byDay: ['MO'], opensAt: '09:00', closesAt: '17:00' }],
      });
      assert.match(
        warningAt(summer.warnings, 'schedules.0', 'converted_time')?.message ?? '',
        /read as 09:00-17:00 on MO in America\/Chicago, at its offset on 2026-07-01 \(UTC-5\); while America\/Chicago is UTC-6 they are 08:00-16:00 on MO/,
      );
      const winter = read(rows, { now: january });
      assert.deepEqual(winter.schedule?.rules, [{ byDay: ['MO'], opensAt: '08:00', closesAt: '16:00' }]);
      assert.ok(warningAt(winter.warnings, 'schedules.0', 'converted_time'));
      // Open-now answers follow: Monday 6 July 2026, 09:30 in Chicago is 14:30 UTC.
      assert.ok(summer.schedule);
      assert.equal(isOpenAt(summer.schedule, new Date('2026-07-06T14:30:00Z')), true);
      assert.equal(isOpenAt(summer.schedule, new Date('2026-07-06T22:30:00Z')), false);
    });

    it('moves the days with hours that cross midnight, and says so', () => {
      const { schedule, warnings } = read([row({ byday: 'TU,SA', opens_at: '02:00Z', closes_at: '06:00+00:00' })], {
        now: july,
      });
      // 02:00 UTC on Tuesday is 21:00 on Monday in Chicago; closing at 01:00 runs past midnight.
      assert.deepEqual(schedule?.rules, [{ byDay: ['MO', 'FR'], opensAt: '21:00', closesAt: '01:00' }]);
      assert.match(
        warningAt(warnings, 'schedules.0', 'converted_time')?.message ?? '',
        /"02:00Z" to "06:00\+00:00" on TU,SA is read as 21:00-01:00 on MO,FR .*the days move with the hours across midnight/,
      );
      // Eastward too, into a zone without daylight saving: exact, so only the move is reported.
      const tokyo = read([row({ byday: 'SU', opens_at: '20:00Z', closes_at: '23:30Z' })], {
        timeZone: 'Asia/Tokyo',
        now: july,
      });
      assert.deepEqual(tokyo.schedule, {
        timeZone: 'Asia/Tokyo',
        rules: [{ byDay: ['MO'], opensAt: '05:00', closesAt: '08:30' }],
      });
      assert.doesNotMatch(warningAt(tokyo.warnings, 'schedules.0', 'converted_time')?.message ?? '', /while/);
      const exact = read([row({ byday: 'SU', opens_at: '08:00Z', closes_at: '12:00Z' })], { timeZone: 'Asia/Tokyo' });
      assert.deepEqual(exact.schedule?.rules, [{ byDay: ['SU'], opensAt: '17:00', closesAt: '21:00' }]);
      assert.deepEqual(exact.warnings, []);
    });

    it('reads a time in an offset the zone has as local time, and converts others at the row’s own timezone', () => {
      const local = read(
        [
          row({ byday: 'TU', opens_at: '09:00-05:00', closes_at: '17:00-05:00', timezone: -6 }),
          row({ byday: 'WE', opens_at: '09:00-06:00', closes_at: '17:00:00-0600' }),
        ],
        { now: january },
      );
      assert.deepEqual(local.schedule?.rules, [
        { byDay: ['TU'], opensAt: '09:00', closesAt: '17:00' },
        { byDay: ['WE'], opensAt: '09:00', closesAt: '17:00' },
      ]);
      assert.deepEqual(local.warnings, []);
      // The row says UTC-6: its UTC hours were written in winter, whatever the import date.
      const stated = read([row({ byday: 'MO', opens_at: '14:00Z', closes_at: '22:00Z', timezone: -6 })], { now: july });
      assert.deepEqual(stated.schedule?.rules, [{ byDay: ['MO'], opensAt: '08:00', closesAt: '16:00' }]);
      assert.deepEqual(stated.warnings, []);
    });

    it('takes the zone from the offset when nothing else names one, with the fixed-offset warning', () => {
      const utc = only(service({ schedules: [row({ byday: 'MO', opens_at: '14:00Z', closes_at: '22:00Z' })] }));
      assert.deepEqual(utc.resource.schedule, {
        timeZone: 'UTC',
        rules: [{ byDay: ['MO'], opensAt: '14:00', closesAt: '22:00' }],
      });
      assert.ok(warningAt(utc.warnings, 'schedules.0.opens_at', 'fixed_offset'));
      const eastern = only(
        service({ schedules: [row({ byday: 'MO', opens_at: '09:00-05:00', closes_at: '17:00-05:00' })] }),
      );
      assert.equal(eastern.resource.schedule?.timeZone, 'Etc/GMT+5');
      assert.deepEqual(eastern.resource.schedule.rules, [{ byDay: ['MO'], opensAt: '09:00', closesAt: '17:00' }]);
    });

    it('drops a time with an impossible offset', () => {
      const { schedule, warnings } = read([row({ byday: 'MO', opens_at: '09:00+25:00', closes_at: '17:00' })]);
      assert.equal(schedule, undefined);
      assert.ok(warningAt(warnings, 'schedules.0.opens_at', 'invalid_value'));
    });

    it('reads hours with neither offset nor timezone as local time, not UTC as HSDS says, and warns once', () => {
      const { schedule, warnings } = read([
        row({ byday: 'MO', opens_at: '09:00', closes_at: '17:00' }),
        row({ byday: 'TU', opens_at: '10:00', closes_at: '18:00' }),
      ]);
      assert.deepEqual(schedule, {
        timeZone: 'America/Chicago',
        rules: [
          { byDay: ['MO'], opensAt: '09:00', closesAt: '17:00' },
          { byDay: ['TU'], opensAt: '10:00', closesAt: '18:00' },
        ],
      });
      assert.deepEqual(
        warnings.map((warning) => `${warning.code} ${warning.path}`),
        ['local_time_assumed schedules.0'],
      );
      assert.match(
        warnings[0]?.message ?? '',
        /HSDS reads such times as UTC.*read in America\/Chicago \(the timeZone option\)/,
      );
      // Another row's zone is used, and named.
      const sibling = read([
        row({ byday: 'MO', opens_at: '09:00', closes_at: '17:00' }),
        row({ byday: 'TU', opens_at: '09:00', closes_at: '17:00', timezone: 'America/Denver' }),
      ]);
      assert.equal(sibling.schedule?.timeZone, 'America/Denver');
      assert.match(
        warningAt(sibling.warnings, 'schedules.0', 'local_time_assumed')?.message ?? '',
        /the zone of schedules\.1/,
      );
      // A row that names its zone, or gives an offset, is not assumed anything.
      for (const stated of [{ timezone: -6 }, { timezone: 'America/Chicago' }, { opens_at: '09:00-05:00' }]) {
        const { warnings: none } = read([row({ byday: 'MO', opens_at: '09:00', closes_at: '17:00', ...stated })]);
        assert.deepEqual(none, [], JSON.stringify(stated));
      }
    });

    it('reads HSDS’s documented sign of 24-hour opening, every day 00:00 to 23:59, as open 24x7', () => {
      const every = 'MO,TU,WE,TH,FR,SA,SU';
      for (const closes of ['23:59', '24:00', '23:59Z']) {
        const { schedule } = read([
          row({ byday: every, opens_at: '00:00', closes_at: closes, description: 'Always open' }),
        ]);
        assert.deepEqual(
          schedule,
          { timeZone: 'America/Chicago', open24x7: true, rules: [], notes: 'Always open' },
          closes,
        );
      }
      // Fewer days, or dates, stay a rule.
      assert.deepEqual(read([row({ byday: 'MO,TU', opens_at: '00:00', closes_at: '23:59' })]).schedule?.rules, [
        { byDay: ['MO', 'TU'], opensAt: '00:00', closesAt: '23:59' },
      ]);
      assert.equal(
        read([row({ byday: every, opens_at: '00:00', closes_at: '23:59', valid_to: '2030-01-01' })]).schedule?.open24x7,
        undefined,
      );
    });
  });

  it('reads back the whole language tag Peerlink keeps beside the ISO 639 code, and the code when the tag is bad', () => {
    const tagged = (value: string) => ({
      id: uuid(),
      code: 'es',
      name: 'Mexican Spanish',
      attributes: [
        {
          id: uuid(),
          taxonomy_term: {
            id: uuid(),
            code: 'language-tag',
            name: 'language-tag',
            description: 'x',
            taxonomy: 'Peerlink fields',
          },
          value,
        },
      ],
    });
    const { resource, warnings } = only(service({ languages: [tagged('es-MX'), tagged('not a tag')] }));
    assert.deepEqual(resource.languages, ['es-MX', 'es']);
    assert.ok(warningAt(warnings, 'languages.1.attributes.0.taxonomy_term', 'invalid_value'));
  });

  it('makes one resource per service at location, and one for a service without any', () => {
    const sals = [
      { id: uuid(), location: location() },
      { id: uuid(), location: location({ latitude: 42, longitude: -88 }) },
    ];
    const { resources } = fromHsds(service({ service_at_locations: sals }), { now });
    assert.deepEqual(
      resources.map((resource) => [resource.location.lat, resource.hsds?.serviceAtLocationId]),
      [
        [41.88, sals[0]?.id],
        [42, sals[1]?.id],
      ],
    );
    const alone = only(service()).resource;
    assert.deepEqual(alone.location, {});
    assert.equal(alone.hsds?.locationId, undefined);
  });

  it('skips inactive and defunct services', () => {
    const { resources, warnings } = fromHsds(
      {
        contents: [
          service({ status: 'inactive' }),
          service({ status: 'defunct' }),
          service({ status: 'temporarily closed' }),
        ],
      },
      { now },
    );
    assert.equal(resources.length, 1);
    assert.deepEqual(
      warnings.filter((warning) => warning.path.endsWith('status')).map((warning) => `${warning.path} ${warning.code}`),
      [
        'contents.0.status inactive_service',
        'contents.1.status inactive_service',
        'contents.2.status temporarily_closed',
      ],
    );
  });
});
