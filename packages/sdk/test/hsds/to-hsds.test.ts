import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import type { ResourceInput } from '@peerlink/sdk';
import { defaultTaxonomyMap, fromHsds, toHsds } from '@peerlink/sdk/hsds';
import type { HsdsServiceList } from '@peerlink/sdk/hsds';
import { asInput, describeErrors, example, schemas, syntheticResources } from './support.js';

const now = new Date('2026-01-15T12:00:00Z');

const detox: ResourceInput = {
  name: 'Harbor Light Detox',
  organization: { name: 'Harbor Light', url: 'https://harbor.example.org' },
  description: 'Medically monitored withdrawal, then a warm hand-off to treatment.',
  categories: ['detox', 'moud'],
  taxonomy: [
    { code: 'RX-8450', name: 'Detoxification', taxonomy: 'AIRS' },
    { code: 'local-7', name: 'Walk-in' },
  ],
  location: {
    address: { street: '1 Main St', city: 'Chicago', region: 'IL', postalCode: '60601', country: 'US' },
    lat: 41.8781,
    lon: -87.6298,
  },
  eligibility: 'Adults 18 and over',
  languages: ['en', 'es', 'hmn', 'zh-Hant'],
  fees: {
    acceptsMedicaid: true,
    acceptsMedicare: false,
    free: false,
    slidingScale: true,
    notes: 'Medicaid and a sliding scale.',
  },
  schedule: {
    timeZone: 'America/Chicago',
    open24x7: true,
    rules: [
      { byDay: ['MO', 'TU', 'WE', 'TH', 'FR'], opensAt: '08:00', closesAt: '17:00' },
      { byDay: ['FR', 'SA'], opensAt: '22:00', closesAt: '06:00', validFrom: '2025-01-01', validTo: '2030-12-31' },
    ],
    notes: 'Closed on federal holidays.',
  },
  phone: '(312) 555-0100 ext. 4',
  url: 'https://harbor.example.org/detox',
  capacity: { available: 3, total: 20, updatedAt: '2026-01-14T08:00:00-06:00' },
  settings: ['treatment', 'hospital'],
  interceptStages: [0, 4],
  hsds: {
    serviceId: 'a1b2c3d4-0000-4000-8000-000000000001',
    organizationId: 'a1b2c3d4-0000-4000-8000-000000000002',
    locationId: 'a1b2c3d4-0000-4000-8000-000000000003',
    serviceAtLocationId: 'a1b2c3d4-0000-4000-8000-000000000004',
  },
};

const hotline: ResourceInput = {
  name: '988 Crisis Line',
  organization: { name: 'County Behavioral Health' },
  description: '',
  categories: ['crisis-stabilization'],
  location: {},
  languages: [],
  fees: { acceptsMedicaid: false, free: true },
  schedule: { timeZone: 'America/New_York', rules: [], notes: 'Answered around the clock.' },
  phone: '988',
  capacity: { available: null },
  settings: [],
  interceptStages: [],
};

function assertValid(list: HsdsServiceList): void {
  assert.ok(schemas.page(list), describeErrors(schemas.page.errors));
  list.contents.forEach((service, index) => {
    assert.ok(schemas.service(service), `contents.${String(index)}:\n${describeErrors(schemas.service.errors)}`);
    assert.ok(schemas.serviceWithDefinitions(service), describeErrors(schemas.serviceWithDefinitions.errors));
    assert.ok(schemas.serviceListItem(service), describeErrors(schemas.serviceListItem.errors));
  });
}

/** What an export can hold: fromHsds omits an open24x7 of false and an empty taxonomy. */
function comparable(resource: ResourceInput): ResourceInput {
  const { taxonomy, schedule, ...rest } = resource;
  return {
    ...rest,
    ...(taxonomy && taxonomy.length > 0 ? { taxonomy } : {}),
    ...(schedule ? { schedule: { ...schedule, ...(schedule.open24x7 === true ? {} : { open24x7: undefined }) } } : {}),
  };
}

const strip = (resource: ResourceInput): ResourceInput =>
  JSON.parse(JSON.stringify(comparable(resource))) as ResourceInput;

describe('toHsds', () => {
  it('writes services the HSDS 3.0 schemas accept', () => {
    const list = toHsds([detox, hotline], { now });
    assertValid(list);
    assert.equal(list.total_items, 2);
    assert.equal(list.empty, false);
  });

  it('writes the non-empty organization description HSDS requires, the same in every copy of an organization', () => {
    const annex: ResourceInput = {
      ...hotline,
      name: 'Harbor Light Warm Line',
      organization: detox.organization,
      categories: ['peer-support'],
      hsds: { organizationId: detox.hsds?.organizationId ?? '' },
    };
    const list = toHsds([detox, hotline, annex], { now });
    assertValid(list);
    const descriptions = list.contents.map((service) => [service.organization.name, service.organization.description]);
    const harbor =
      'Services listed in this directory: Detox / withdrawal management, Medication for opioid use disorder, Peer support / warm lines.';
    assert.deepEqual(descriptions, [
      ['Harbor Light', harbor],
      ['County Behavioral Health', 'Services listed in this directory: Crisis stabilization.'],
      ['Harbor Light', harbor],
    ]);
    for (const service of toHsds(syntheticResources(200), { now }).contents)
      assert.notEqual(service.organization.description.trim(), '', service.name);
  });

  it('produces output the schema check can reject (the check is real)', () => {
    const list = toHsds([detox], { now });
    const [service] = list.contents;
    assert.ok(service);
    const broken: Record<string, unknown> = { ...service, status: 'open' };
    delete broken.name;
    assert.equal(schemas.service(broken), false);
    assert.match(describeErrors(schemas.service.errors), /must have required property 'name'/);
    assert.match(describeErrors(schemas.service.errors), /status must be equal to one of the allowed values/);
  });

  it('nests organization, location, address, phone, schedules, languages and terms', () => {
    const [service] = toHsds([detox], { now }).contents;
    assert.ok(service);
    assert.equal(service.id, detox.hsds?.serviceId);
    assert.deepEqual(service.organization, {
      id: detox.hsds?.organizationId,
      name: 'Harbor Light',
      description:
        'Services listed in this directory: Detox / withdrawal management, Medication for opioid use disorder.',
      website: 'https://harbor.example.org',
    });
    const [sal] = service.service_at_locations;
    assert.ok(sal);
    assert.equal(sal.id, detox.hsds?.serviceAtLocationId);
    assert.equal(sal.location.id, detox.hsds?.locationId);
    assert.deepEqual([sal.location.latitude, sal.location.longitude], [41.8781, -87.6298]);
    assert.deepEqual(
      sal.location.addresses.map((address) => [address.address_1, address.state_province, address.country]),
      [['1 Main St', 'IL', 'US']],
    );
    assert.deepEqual(
      sal.phones.map((phone) => phone.number),
      ['(312) 555-0100 ext. 4'],
    );
    assert.deepEqual(
      service.languages.map((language) => [language.code, language.name]),
      [
        ['en', 'English'],
        ['es', 'Spanish'],
        ['hmn', 'Hmong'],
        ['zh', 'Traditional Chinese'],
      ],
    );
    // One 24x7 row, then one per rule; Chicago is six hours behind UTC in January.
    assert.deepEqual(
      sal.schedules.map((row) => [row.byday, row.opens_at, row.closes_at, row.timezone]),
      [
        ['MO,TU,WE,TH,FR,SA,SU', '00:00', '23:59', -6],
        ['MO,TU,WE,TH,FR', '08:00', '17:00', -6],
        ['FR,SA', '22:00', '06:00', -6],
      ],
    );
    const terms = service.attributes.map(
      (attribute) =>
        `${attribute.taxonomy_term.taxonomy ?? ''}/${attribute.taxonomy_term.code ?? ''}=${attribute.value ?? ''}`,
    );
    assert.ok(terms.includes('Peerlink resource categories/detox='));
    assert.ok(terms.includes('AIRS/RX-8450='));
    assert.ok(terms.includes('Peerlink fields/accepts-medicaid=true'));
  });

  it('writes ISO 639 codes as language codes, keeping a longer tag in an attribute', () => {
    const languages = ['es-MX', 'zh-Hant', 'ase', 'en', 'spa', 'pt-BR'];
    const list = toHsds([{ ...detox, languages }], { now });
    assertValid(list);
    const rows = list.contents[0]?.languages ?? [];
    // HSDS language.code: "The ISO 639-1 or ISO 639-3 code for the language."
    assert.deepEqual(
      rows.map((row) => row.code),
      ['es', 'zh', 'ase', 'en', 'es', 'pt'],
    );
    assert.deepEqual(
      rows.map((row) => row.attributes?.map((attribute) => [attribute.taxonomy_term.code, attribute.value])),
      [
        [['language-tag', 'es-MX']],
        [['language-tag', 'zh-Hant']],
        undefined,
        undefined,
        [['language-tag', 'spa']],
        [['language-tag', 'pt-BR']],
      ],
    );
    // The name keeps what the code leaves out, for readers that know nothing of the attribute.
    assert.deepEqual(
      rows.map((row) => row.name),
      [
        'Mexican Spanish',
        'Traditional Chinese',
        'American Sign Language',
        'English',
        'Spanish',
        'Brazilian Portuguese',
      ],
    );
    assert.deepEqual(fromHsds(list, { now }).resources[0]?.languages, languages);
  });

  it('says round-the-clock opening in words beside HSDS’s 00:00 to 23:59, and reads it back as 24x7', () => {
    const [row] = toHsds([detox], { now }).contents[0]?.service_at_locations[0]?.schedules ?? [];
    assert.deepEqual(
      [row?.byday, row?.opens_at, row?.closes_at, row?.description, row?.notes],
      ['MO,TU,WE,TH,FR,SA,SU', '00:00', '23:59', 'Open 24 hours a day, 7 days a week.', 'Closed on federal holidays.'],
    );
    const [back] = fromHsds(toHsds([detox], { now }), { now }).resources;
    assert.ok(back?.schedule);
    assert.equal(back.schedule.open24x7, true);
    assert.equal(back.schedule.notes, 'Closed on federal holidays.');
  });

  it('writes the UTC offset of the moment given', () => {
    const july = toHsds([detox], { now: new Date('2026-07-15T12:00:00Z') }).contents[0]?.service_at_locations[0]
      ?.schedules[0];
    assert.equal(july?.timezone, -5);
  });

  it('gives the same ids every time and invents UUIDs for rows without one', () => {
    const { hsds: _hsds, ...bare } = detox;
    const once = toHsds([bare], { now });
    assert.deepEqual(toHsds([bare], { now }), once);
    assertValid(once);
    const [service] = once.contents;
    assert.match(service?.id ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const kept = { ...detox, hsds: { serviceId: 'svc-42' } };
    assert.notEqual(toHsds([kept], { now }).contents[0]?.id, 'svc-42');
    assertValid(toHsds([kept], { now }));
  });

  it('groups resources of one service into service_at_locations, and splits ones that differ', () => {
    const second: ResourceInput = {
      ...detox,
      location: { lat: 41.9, lon: -87.7 },
      hsds: {
        ...detox.hsds,
        locationId: 'a1b2c3d4-0000-4000-8000-000000000013',
        serviceAtLocationId: 'a1b2c3d4-0000-4000-8000-000000000014',
      },
    };
    const grouped = toHsds([detox, second], { now });
    assert.equal(grouped.contents.length, 1);
    assert.equal(grouped.contents[0]?.service_at_locations.length, 2);
    const renamed = toHsds([detox, { ...second, name: 'Harbor Light Annex' }], { now });
    assert.equal(renamed.contents.length, 2);
    assert.notEqual(renamed.contents[0]?.id, renamed.contents[1]?.id);
    assertValid(renamed);
  });
});

describe('fromHsds(toHsds(resources))', () => {
  it('gives back the resources, HSDS ids included', () => {
    const list = toHsds([detox, hotline], { now });
    const { resources, warnings } = fromHsds(list, { now });
    assert.deepEqual(warnings, []);
    const [detoxBack, hotlineBack] = resources;
    assert.deepEqual(detoxBack && strip(detoxBack), strip(detox));
    // The hotline had no HSDS ids: it comes back with the ones its export was given.
    const hotlineService = list.contents[1];
    assert.deepEqual(hotlineBack?.hsds, {
      serviceId: hotlineService?.id,
      organizationId: hotlineService?.organization.id,
    });
    assert.ok(hotlineBack);
    const { hsds: _ids, ...hotlineRest } = hotlineBack;
    assert.deepEqual(strip(hotlineRest), strip(hotline));
  });

  it('does not let the taxonomy map re-categorize what Peerlink exported', () => {
    const list = toHsds([{ ...detox, categories: ['housing'] }], { now });
    const [resource] = fromHsds(list, { now, taxonomyMap: defaultTaxonomyMap }).resources;
    assert.deepEqual(resource?.categories, ['housing']);
  });

  it('round-trips the specification example it imported', () => {
    const map = [...defaultTaxonomyMap, { category: 'treatment' as const, names: ['counselling'] }];
    const imported = fromHsds(example('service_full.json'), {
      now,
      taxonomyMap: map,
      timeZone: 'Europe/London',
    }).resources;
    const exported = toHsds(imported, { now });
    assertValid(exported);
    assert.equal(exported.contents[0]?.id, 'ac148810-d857-441c-9679-408f346de14b');
    const again = fromHsds(exported, { now });
    assert.deepEqual(again.warnings, []);
    assert.deepEqual(again.resources, imported);
  });

  it('round-trips 1,000 varied resources', (t) => {
    const resources = syntheticResources(1000);
    const started = performance.now();
    const exported = toHsds(resources, { now });
    const exportedAt = performance.now();
    const { resources: back, warnings } = fromHsds(exported, { now });
    const importedAt = performance.now();
    t.diagnostic(
      `${String(resources.length)} resources, ${String(exported.contents.length)} services: ` +
        `toHsds ${(exportedAt - started).toFixed(0)} ms, fromHsds ${(importedAt - exportedAt).toFixed(0)} ms, ` +
        `${(JSON.stringify(exported).length / 1e6).toFixed(1)} MB of JSON`,
    );
    assertValid(exported);
    assert.deepEqual(warnings, []);
    assert.equal(back.length, resources.length);
    // fromHsds returns resources service by service; match them up by HSDS ids or by name.
    const key = (resource: ResourceInput) =>
      `${resource.name}|${resource.hsds?.serviceAtLocationId ?? resource.hsds?.serviceId ?? ''}`;
    const byKey = new Map(back.map((resource) => [key(resource), resource]));
    for (const original of resources) {
      const input = asInput(original);
      const returned =
        input.hsds?.serviceId === undefined
          ? back.find((resource) => resource.name === input.name)
          : byKey.get(key(input));
      assert.ok(returned, `lost ${input.name}`);
      const { hsds, ...rest } = strip(input);
      const { hsds: returnedHsds, ...returnedRest } = strip(returned);
      assert.deepEqual(returnedRest, rest, input.name);
      if (hsds) assert.deepEqual(returnedHsds, hsds, input.name);
    }
    // And exporting again changes nothing, ids included (stored rows also wrote last_modified).
    const withoutDates = (list: HsdsServiceList) =>
      list.contents.map(({ last_modified: _modified, ...service }) => service);
    assert.deepEqual(withoutDates(toHsds(back, { now })), withoutDates(exported));
  });
});
