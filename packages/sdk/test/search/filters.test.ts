import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResourceSearchQuery } from '@peerlink/sdk';
import { PeerValidationError, createResourceIndex, distanceKm } from '@peerlink/sdk';
import { names, resource } from './support.js';

// Chicago's Loop, and places at known distances from it.
const loop = { lat: 41.8781, lon: -87.6298 };
const evanston = { lat: 42.0451, lon: -87.6877 };
const milwaukee = { lat: 43.0389, lon: -87.9065 };

const directory = [
  resource({
    name: 'Loop Detox',
    categories: ['detox', 'moud'],
    location: loop,
    languages: ['en', 'es-MX'],
    fees: { acceptsMedicaid: true },
    capacity: { available: 3, total: 20 },
    settings: ['treatment'],
    interceptStages: [0, 1],
    schedule: { timeZone: 'America/Chicago', open24x7: true, rules: [] },
  }),
  resource({
    name: 'Evanston Pantry',
    categories: ['food'],
    location: evanston,
    languages: ['en', 'pl'],
    fees: { acceptsMedicaid: false, free: true },
    capacity: { available: 0, total: 10 },
    settings: ['community'],
    interceptStages: [0],
  }),
  resource({
    name: 'Milwaukee Jail Reentry',
    categories: ['housing', 'employment'],
    location: milwaukee,
    languages: ['en', 'es'],
    fees: { acceptsMedicaid: false, free: true },
    capacity: { available: null },
    settings: ['jail-prison', 'court'],
    interceptStages: [3, 4],
  }),
  resource({
    name: 'Phone Line Without An Address',
    categories: ['crisis-stabilization'],
    location: {},
    languages: ['est'],
    fees: { acceptsMedicaid: true },
    settings: ['hospital'],
    interceptStages: [5],
    schedule: { timeZone: 'America/Chicago', open24x7: true, rules: [] },
  }),
];
const index = createResourceIndex(directory);
// A Tuesday, 10:00 in Chicago (CST).
const tuesdayMorning = new Date('2026-11-24T16:00:00Z');
const search = (query: ResourceSearchQuery) => names(index.search(query, tuesdayMorning));
const byName = (...list: string[]) => [...list].sort();

describe('createResourceIndex: filters', () => {
  it('filters by categories, any of them', () => {
    assert.deepEqual(search({ categories: ['moud'] }), ['Loop Detox']);
    assert.deepEqual(
      search({ categories: ['food', 'employment'] }),
      byName('Evanston Pantry', 'Milwaukee Jail Reentry'),
    );
    assert.deepEqual(search({ categories: ['transport'] }), []);
  });

  it('filters by every category, peer support and other included, without mixing them up with settings or flags', () => {
    const warmLine = resource({
      name: 'Peer Warm Line',
      categories: ['peer-support'],
      settings: ['hospital'],
      fees: { acceptsMedicaid: false },
    });
    const legalAid = resource({
      name: 'Legal Aid Clinic',
      categories: ['other'],
      settings: ['court'],
      interceptStages: [5],
      fees: { acceptsMedicaid: false },
    });
    const wider = createResourceIndex([...directory, warmLine, legalAid]);
    const find = (query: ResourceSearchQuery) => names(wider.search(query, tuesdayMorning));
    assert.deepEqual(find({ categories: ['peer-support'] }), ['Peer Warm Line']);
    assert.deepEqual(find({ categories: ['other'] }), ['Legal Aid Clinic']);
    assert.deepEqual(find({ settings: ['community'] }), ['Evanston Pantry']);
    assert.deepEqual(find({ settings: ['hospital'] }), byName('Peer Warm Line', 'Phone Line Without An Address'));
    assert.deepEqual(find({ interceptStages: [5], medicaid: true }), ['Phone Line Without An Address']);
    assert.deepEqual(find({ capacity: true }), ['Loop Detox']);
    // The category's name is searchable too.
    assert.deepEqual(find({ q: 'warm line' }), ['Peer Warm Line']);
    assert.deepEqual(find({ q: 'peer support' }), ['Peer Warm Line']);
  });

  it('filters by language, a tag matching its subtags (es finds es-MX) and nothing else', () => {
    assert.deepEqual(search({ languages: ['es'] }), byName('Loop Detox', 'Milwaukee Jail Reentry'));
    assert.deepEqual(search({ languages: ['ES-mx'] }), ['Loop Detox']);
    assert.deepEqual(search({ languages: ['es-US'] }), []);
    assert.deepEqual(search({ languages: ['pl', 'est'] }), byName('Evanston Pantry', 'Phone Line Without An Address'));
  });

  it('filters by Medicaid, free of charge and open places (unknown counts are not open places)', () => {
    assert.deepEqual(search({ medicaid: true }), byName('Loop Detox', 'Phone Line Without An Address'));
    assert.deepEqual(search({ free: true }), byName('Evanston Pantry', 'Milwaukee Jail Reentry'));
    assert.deepEqual(search({ capacity: true }), ['Loop Detox']);
    // false means "either", as in the HTTP API.
    assert.equal(search({ medicaid: false, free: false, capacity: false }).length, directory.length);
  });

  it('filters by setting and by sequential-intercept stage', () => {
    assert.deepEqual(search({ settings: ['court'] }), ['Milwaukee Jail Reentry']);
    assert.deepEqual(
      search({ settings: ['hospital', 'treatment'] }),
      byName('Loop Detox', 'Phone Line Without An Address'),
    );
    assert.deepEqual(search({ interceptStages: [0] }), byName('Evanston Pantry', 'Loop Detox'));
    assert.deepEqual(
      search({ interceptStages: [4, 5] }),
      byName('Milwaukee Jail Reentry', 'Phone Line Without An Address'),
    );
    assert.deepEqual(search({ interceptStages: [2] }), []);
  });

  it('filters by opening hours now, and says for every hit whether it is open', () => {
    assert.deepEqual(
      search({ openNow: true }),
      byName('Evanston Pantry', 'Loop Detox', 'Milwaukee Jail Reentry', 'Phone Line Without An Address'),
    );
    const night = new Date('2026-11-25T05:00:00Z'); // Tuesday 23:00 in Chicago
    assert.deepEqual(
      names(index.search({ openNow: true }, night)),
      byName('Loop Detox', 'Phone Line Without An Address'),
    );
    const hits = index.search({}, night).items;
    assert.deepEqual(Object.fromEntries(hits.map((hit) => [hit.resource.name, hit.openNow])), {
      'Evanston Pantry': false,
      'Loop Detox': true,
      'Milwaukee Jail Reentry': false,
      'Phone Line Without An Address': true,
    });
    const unscheduled = createResourceIndex([resource({ name: 'No Hours Listed', schedule: undefined })]);
    assert.equal(unscheduled.search({}).items[0]?.openNow, null);
    assert.equal(unscheduled.search({ openNow: true }).total, 0, 'unknown hours are not open');
  });

  it('filters by a given time instead of now', () => {
    assert.deepEqual(
      names(index.search({ openAt: '2026-11-25T05:00:00Z' }, tuesdayMorning)),
      byName('Loop Detox', 'Phone Line Without An Address'),
    );
    assert.deepEqual(names(index.search({ q: 'evanston', openAt: '2026-11-24T16:59:00-06:00' }, tuesdayMorning)), [
      'Evanston Pantry',
    ]);
    assert.deepEqual(
      names(index.search({ q: 'evanston', openAt: '2026-11-24T17:00:00-06:00' }, tuesdayMorning)),
      [],
      'closes at 17:00',
    );
  });

  it('filters by distance from a point, nearest first, and says how far', () => {
    const near = index.search({ lat: loop.lat, lon: loop.lon, radiusKm: 25 });
    assert.deepEqual(names(near), ['Loop Detox', 'Evanston Pantry']);
    assert.deepEqual(
      near.items.map((hit) => hit.distanceKm),
      [0, Math.round(distanceKm(loop, evanston) * 10) / 10],
    );
    assert.equal(near.items[1]?.distanceKm, 19.2, 'Evanston is 19.18 km from the Loop as the crow flies');
    // The radius is a hard edge, on the exact distance.
    assert.deepEqual(search({ lat: loop.lat, lon: loop.lon, radiusKm: 19.17 }), ['Loop Detox']);
    assert.deepEqual(search({ lat: loop.lat, lon: loop.lon, radiusKm: 19.18 }), ['Loop Detox', 'Evanston Pantry']);

    // Without a radius every resource comes, nearest first; those without coordinates last.
    const all = index.search({ lat: milwaukee.lat, lon: milwaukee.lon });
    assert.deepEqual(names(all), [
      'Milwaukee Jail Reentry',
      'Evanston Pantry',
      'Loop Detox',
      'Phone Line Without An Address',
    ]);
    assert.equal(all.items.at(-1)?.distanceKm, null);
    assert.equal(index.search({ lat: 0, lon: 0, radiusKm: 1000 }).total, 0);
  });

  it('ranks by relevance first and distance second when there are words and a point', () => {
    const twins = createResourceIndex([
      resource({ name: 'Far Food Bank', location: milwaukee }),
      resource({ name: 'Near Food Bank', location: evanston }),
      resource({ name: 'Nearest Kitchen', location: loop, description: 'food' }),
    ]);
    assert.deepEqual(names(twins.search({ q: 'food', lat: loop.lat, lon: loop.lon })), [
      'Near Food Bank',
      'Far Food Bank',
      'Nearest Kitchen',
    ]);
  });

  it('combines filters with AND, and with words', () => {
    assert.deepEqual(search({ free: true, languages: ['es'] }), ['Milwaukee Jail Reentry']);
    assert.deepEqual(search({ free: true, languages: ['es'], lat: loop.lat, lon: loop.lon, radiusKm: 50 }), []);
    assert.deepEqual(
      search({ medicaid: true, openNow: true, categories: ['detox'], lat: loop.lat, lon: loop.lon, radiusKm: 5 }),
      ['Loop Detox'],
    );
    assert.deepEqual(search({ q: 'detox', settings: ['community'] }), []);
    assert.deepEqual(search({ q: 'pantr', free: true, interceptStages: [0], languages: ['pl'] }), ['Evanston Pantry']);
  });
});

describe('createResourceIndex: pages', () => {
  const many = createResourceIndex(
    Array.from({ length: 23 }, (_, i) => resource({ name: `Meeting ${String(i).padStart(2, '0')}` })),
  );

  it('pages with limit and cursor, with no gaps or repeats', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = many.search({ q: 'meeting', limit: 10, ...(cursor === undefined ? {} : { cursor }) });
      assert.equal(page.total, 23);
      assert.ok(page.items.length <= 10);
      seen.push(...names(page));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor !== undefined);
    assert.equal(pages, 3);
    assert.deepEqual(seen, names(many.search({ q: 'meeting', limit: 100 })));
    assert.equal(new Set(seen).size, 23);
  });

  it('returns 50 by default, and an empty page past the end', () => {
    const big = createResourceIndex(Array.from({ length: 60 }, () => resource()));
    assert.equal(big.search({}).items.length, 50);
    assert.equal(big.search({}).nextCursor, '50');
    const past = big.search({ cursor: '100' });
    assert.deepEqual([past.items, past.total, past.nextCursor], [[], 60, null]);
  });
});

describe('createResourceIndex: bad queries', () => {
  const problem = (query: ResourceSearchQuery) => {
    try {
      index.search(query);
    } catch (error) {
      assert.ok(error instanceof PeerValidationError, String(error));
      return error.fieldErrors;
    }
    assert.fail(`${JSON.stringify(query)} was accepted`);
  };

  it('refuses a radius without a point, and half a point', () => {
    assert.deepEqual(problem({ radiusKm: 10 }), { radiusKm: 'Needs lat and lon' });
    assert.deepEqual(problem({ lat: 41.9, radiusKm: 10 }), {
      lon: 'Needs lat and lon together',
      radiusKm: 'Needs lat and lon',
    });
    assert.deepEqual(Object.keys(problem({ lon: -87.6 })), ['lat']);
  });

  it('refuses values out of range, naming each field', () => {
    assert.deepEqual(Object.keys(problem({ lat: 91, lon: 0 })), ['lat']);
    assert.deepEqual(Object.keys(problem({ lat: 0, lon: Number.NaN })), ['lon']);
    assert.deepEqual(Object.keys(problem({ lat: 0, lon: 0, radiusKm: 0 })), ['radiusKm']);
    assert.deepEqual(Object.keys(problem({ limit: 0 })), ['limit']);
    assert.deepEqual(Object.keys(problem({ limit: 2.5 })), ['limit']);
    assert.deepEqual(problem({ cursor: 'abc' }), { cursor: 'Not a cursor this service issued' });
    assert.deepEqual(Object.keys(problem({ openAt: 'tomorrow' })), ['openAt']);
    // Callers without types can pass anything; each bad item is named by its position.
    const untyped = {
      categories: ['detox', 'spa'],
      interceptStages: [1, 7],
      settings: ['moon'],
    } as unknown as ResourceSearchQuery;
    assert.deepEqual(Object.keys(problem(untyped)).sort(), ['categories.1', 'interceptStages.1', 'settings.0']);
  });
});
