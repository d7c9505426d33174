// What people type into a resource search: brand and common names, "near me", a city.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PostalAddress } from '@peerlink/sdk';
import { createResourceIndex } from '@peerlink/sdk';
import { names, resource } from './support.js';

const at = (city: string): { address: PostalAddress } => ({
  address: { street: '1 Main St', city, region: 'NM', postalCode: '87101', country: 'US' },
});

const directory = [
  resource({ name: 'Mesa Vista Opioid Clinic', categories: ['moud'], location: at('Albuquerque') }),
  resource({ name: 'Old Town Outreach', categories: ['harm-reduction'], location: at('Santa Fe') }),
  resource({ name: 'Tuesday Night Fellowship', categories: ['mutual-aid'], location: at('Albuquerque') }),
  resource({ name: 'Rio Grande Withdrawal Unit', categories: ['detox'], location: at('Albuquerque') }),
  resource({ name: 'High Desert Withdrawal Unit', categories: ['detox'], location: at('Santa Fe') }),
  resource({ name: 'Sandia Sober Homes', categories: ['recovery-residence'], location: at('Las Cruces') }),
];
const index = createResourceIndex(directory);

describe('createResourceIndex: the words people use', () => {
  it('finds a category by the brand and common names of what it offers', () => {
    assert.deepEqual(names(index.search({ q: 'suboxone' })), ['Mesa Vista Opioid Clinic']);
    assert.deepEqual(names(index.search({ q: 'methadone' })), ['Mesa Vista Opioid Clinic']);
    assert.deepEqual(names(index.search({ q: 'narcan' })), ['Old Town Outreach']);
    assert.deepEqual(names(index.search({ q: 'AA' })), ['Tuesday Night Fellowship']);
    assert.deepEqual(names(index.search({ q: 'NA meeting' })), ['Tuesday Night Fellowship']);
    assert.deepEqual(names(index.search({ q: 'sober living' })), ['Sandia Sober Homes']);
    assert.deepEqual(names(index.search({ q: 'naloxona' })), ['Old Town Outreach']);
  });

  it('drops words that only say where or for whom, when others remain', () => {
    assert.deepEqual(names(index.search({ q: 'detox near me' })).sort(), [
      'High Desert Withdrawal Unit',
      'Rio Grande Withdrawal Unit',
    ]);
    assert.deepEqual(names(index.search({ q: 'necesito desintoxicación cerca de mi' })).sort(), [
      'High Desert Withdrawal Unit',
      'Rio Grande Withdrawal Unit',
    ]);
  });

  it('narrows by a city of the directory named in the query, one word or several', () => {
    assert.deepEqual(names(index.search({ q: 'detox santa fe' })), ['High Desert Withdrawal Unit']);
    assert.deepEqual(names(index.search({ q: 'detox in Albuquerque' })), ['Rio Grande Withdrawal Unit']);
    assert.deepEqual(names(index.search({ q: 'Las Cruces' })), ['Sandia Sober Homes']);
    // While the city is still being typed, its first letters find it as a word of the resource.
    assert.deepEqual(names(index.search({ q: 'detox albuq' })), ['Rio Grande Withdrawal Unit']);
  });

  it('forgets a city when its last resource leaves the index', () => {
    const own = createResourceIndex([
      resource({
        id: '00000000-0000-4000-8000-0000000000c1',
        name: 'Gallup Withdrawal Unit',
        categories: ['detox'],
        location: at('Gallup'),
      }),
    ]);
    own.remove('00000000-0000-4000-8000-0000000000c1');
    own.add(resource({ name: 'Gallup Street Clinic', categories: ['detox'], location: at('Taos') }));
    assert.deepEqual(names(own.search({ q: 'gallup' })), ['Gallup Street Clinic']);
  });
});
