import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResourceCategory, ResourceInput, isOpenAt } from '@peerlink/sdk';
import { syntheticResources } from '../../src/seed/index.js';
import { lakesideCounty } from '../../src/seed/resources.js';

describe('syntheticResources', () => {
  it('is the same for the same seed and differs for another', () => {
    assert.deepEqual(syntheticResources(300, 7), syntheticResources(300, 7));
    assert.notDeepEqual(syntheticResources(50, 7), syntheticResources(50, 8));
    // A longer run starts with the shorter one, so samples of any size agree.
    assert.deepEqual(syntheticResources(1000, 7).slice(0, 300), syntheticResources(300, 7));
  });

  it('keeps a demo directory in one fictional region, valid, with no two resources sharing a name', () => {
    const items = syntheticResources(600, 42, { region: lakesideCounty });
    const towns = new Set(lakesideCounty.map((town) => town.name));
    for (const item of items) {
      assert.ok(
        towns.has(item.location.address?.city ?? ''),
        `${item.name} is in ${item.location.address?.city ?? 'no town'}`,
      );
      const result = ResourceInput.safeParse(item);
      assert.ok(result.success, `${item.name}: ${JSON.stringify(result.error?.issues)}`);
    }
    assert.equal(new Set(items.map((item) => item.name)).size, items.length);
    assert.equal(new Set(items.map((item) => item.location.address?.city)).size, lakesideCounty.length);
  });

  it('satisfies ResourceInput for every item', () => {
    const now = new Date('2026-11-22T20:05:00Z');
    for (const item of syntheticResources(2000, 11, { now })) {
      const result = ResourceInput.safeParse(item);
      assert.ok(result.success, `${item.name}: ${JSON.stringify(result.error?.issues)}`);
    }
  });

  it('covers every category, at least 20 cities and 5 time zones in 500 items', () => {
    const items = syntheticResources(500, 3);
    const categories = new Set(items.flatMap((r) => r.categories));
    assert.deepEqual([...categories].sort(), [...ResourceCategory.options].sort());
    const cities = new Set(items.map((r) => `${r.location.address?.city ?? ''}, ${r.location.address?.region ?? ''}`));
    assert.ok(cities.size >= 20, `${cities.size} cities`);
    const zones = new Set(items.flatMap((r) => (r.schedule === undefined ? [] : [r.schedule.timeZone])));
    assert.ok(zones.size >= 5, `${zones.size} time zones`);
    for (const zone of [
      'America/New_York',
      'America/Chicago',
      'America/Denver',
      'America/Phoenix',
      'America/Los_Angeles',
      'America/Anchorage',
      'Pacific/Honolulu',
    ]) {
      assert.ok(zones.has(zone), zone);
    }
  });

  it('looks like a real directory: schedules, languages, fees, capacity, stages', () => {
    const items = syntheticResources(2000, 5);
    const share = (test: (r: ResourceInput) => boolean) => items.filter(test).length / items.length;
    assert.ok(items.every((r) => r.languages.includes('en')));
    assert.ok(share((r) => r.languages.includes('es')) > 0.4);
    assert.ok(items.some((r) => r.languages.some((l) => l !== 'en' && l !== 'es')));
    assert.ok(items.some((r) => r.schedule?.open24x7 === true));
    assert.ok(
      items.some((r) => r.schedule?.rules.some((rule) => rule.closesAt < rule.opensAt)),
      'some hours run past midnight',
    );
    assert.ok(
      items.some((r) => r.fees.acceptsMedicaid) &&
        items.some((r) => r.fees.free === true) &&
        items.some((r) => r.fees.slidingScale === true),
    );
    for (const r of items.filter(
      (i) => i.categories.includes('recovery-residence') || i.categories.includes('detox'),
    )) {
      assert.ok(r.capacity?.total !== undefined, `${r.name} reports beds`);
      if (r.capacity.available !== null) assert.ok(r.capacity.available <= r.capacity.total);
    }
    assert.ok(items.some((r) => r.capacity?.available === null));
    assert.deepEqual(new Set(items.flatMap((r) => r.interceptStages)), new Set([0, 1, 2, 3, 4, 5]));
    assert.deepEqual(
      new Set(items.flatMap((r) => r.settings)),
      new Set(['community', 'hospital', 'jail-prison', 'court', 'treatment']),
    );
    for (const r of items) {
      assert.match(r.phone ?? '', /^\+1-\d{3}-555-01\d\d$/);
      assert.ok(new URL(r.url ?? '').hostname === 'example.org');
    }
  });

  it('has hours the SDK reads as intended, past midnight included', () => {
    const items = syntheticResources(2000, 5);
    const lateVan = items.find((r) =>
      r.schedule?.rules.some((rule) => rule.opensAt === '20:00' && rule.closesAt === '02:00'),
    );
    assert.ok(lateVan?.schedule, 'an overnight outreach van');
    // Saturday 01:00 local belongs to Friday's 20:00–02:00 run.
    const saturdayOneAm = zoned('2026-11-21', '01:00', lateVan.schedule.timeZone);
    assert.equal(isOpenAt(lateVan.schedule, saturdayOneAm), true);
    assert.equal(isOpenAt(lateVan.schedule, new Date(saturdayOneAm.getTime() + 2 * 3_600_000)), false);
    const always = items.find((r) => r.schedule?.open24x7 === true);
    assert.ok(always?.schedule && isOpenAt(always.schedule, saturdayOneAm));
  });

  it('places resources near their city with plausible coordinates', () => {
    for (const r of syntheticResources(500, 9)) {
      const { lat, lon } = r.location;
      assert.ok(lat !== undefined && lon !== undefined);
      assert.ok(lat > 18 && lat < 72 && lon > -170 && lon < -66, `${r.location.address?.city ?? ''}: ${lat}, ${lon}`);
    }
  });

  it('rejects a nonsense count', () => {
    assert.throws(() => syntheticResources(-1), RangeError);
    assert.throws(() => syntheticResources(1.5), RangeError);
    assert.deepEqual(syntheticResources(0), []);
  });

  it('generates 50,000 quickly (time printed, not asserted)', (t) => {
    const started = performance.now();
    const items = syntheticResources(50_000, 1);
    const ms = performance.now() - started;
    assert.equal(items.length, 50_000);
    t.diagnostic(`50,000 synthetic resources in ${ms.toFixed(0)} ms`);
  });
});

/** The instant a wall-clock time happens in `timeZone` (no DST change near the test dates). */
function zoned(date: string, time: string, timeZone: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  const wall = guess.toLocaleString('en-US', { timeZone, hourCycle: 'h23' }).replace(/[\u00A0\u202F]/g, ' ');
  const local = new Date(`${wall} UTC`);
  return new Date(guess.getTime() - (local.getTime() - guess.getTime()));
}
