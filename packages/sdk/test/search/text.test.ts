import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createResourceIndex } from '@peerlink/sdk';
import { names, resource } from './support.js';

const directory = [
  resource({
    name: 'Harbor Light Withdrawal Management',
    categories: ['detox'],
    description: 'Medically monitored withdrawal with nursing.',
  }),
  resource({
    name: 'Riverbend Recovery Residence',
    categories: ['recovery-residence'],
    description: 'Peer-run house with weekly meetings.',
  }),
  resource({
    name: 'Cedar Grove Food Pantry',
    categories: ['food'],
    description: 'Groceries twice a week; no identification required.',
  }),
  resource({
    name: 'Eastside Syringe Services Program',
    categories: ['harm-reduction'],
    description: 'Sterile supplies and naloxone without judgment.',
  }),
  resource({
    name: 'Reunión de Recuperación en Español',
    categories: ['mutual-aid'],
    description: 'Open meeting held in Spanish.',
  }),
];
const index = createResourceIndex(directory);

describe('createResourceIndex: words and typos', () => {
  it('finds a name a letter at a time, from the first letter on', () => {
    const word = 'naloxone';
    for (let length = 1; length <= word.length; length++) {
      const found = names(index.search({ q: word.slice(0, length) }));
      assert.ok(
        found.includes('Eastside Syringe Services Program'),
        `"${word.slice(0, length)}" → ${found.join(', ')}`,
      );
    }
    // "harb" is also one letter from "harm" (harm reduction), which ranks below the prefix.
    assert.deepEqual(names(index.search({ q: 'harb' })), [
      'Harbor Light Withdrawal Management',
      'Eastside Syringe Services Program',
    ]);
    assert.deepEqual(names(index.search({ q: 'harbor light withdr' })), ['Harbor Light Withdrawal Management']);
  });

  it('needs every word of the query somewhere', () => {
    assert.deepEqual(names(index.search({ q: 'riverbend residence' })), ['Riverbend Recovery Residence']);
    assert.deepEqual(names(index.search({ q: 'riverbend pantry' })), []);
    assert.equal(index.search({ q: 'zzz' }).total, 0);
  });

  it('forgives one wrong, missing, extra or swapped letter in a word of four letters or more', () => {
    const pantry = 'Cedar Grove Food Pantry';
    const typos: [string, string, string][] = [
      ['pamtry', 'replaced', pantry],
      ['pntry', 'missing', pantry],
      ['panntry', 'extra', pantry],
      ['patnry', 'swapped', pantry],
      ['grocereis', 'swapped, in the description', pantry],
      ['rivrebend', 'swapped', 'Riverbend Recovery Residence'],
      ['fod', 'missing, in a four-letter word', pantry],
      ['naloxome', 'replaced, last letter but one', 'Eastside Syringe Services Program'],
    ];
    for (const [typo, kind, intended] of typos) {
      assert.equal(names(index.search({ q: typo }))[0], intended, `${kind}: "${typo}"`);
    }
    assert.deepEqual(names(index.search({ q: 'cedar grve pantry' })), ['Cedar Grove Food Pantry']);
    assert.deepEqual(names(index.search({ q: 'harbro light' })), ['Harbor Light Withdrawal Management']);
  });

  it('does not take two typos, or one in a short word, for a match', () => {
    assert.deepEqual(names(index.search({ q: 'pamtyr' })), []);
    assert.deepEqual(names(index.search({ q: 'gorve' })), ['Cedar Grove Food Pantry'], 'one swap is fine');
    assert.deepEqual(names(index.search({ q: 'gorev' })), [], 'two swaps are not');
    // "ran" is one letter from "run" (Peer-run), but three-letter words only match as typed.
    assert.deepEqual(names(index.search({ q: 'run' })), ['Riverbend Recovery Residence']);
    assert.deepEqual(names(index.search({ q: 'ran' })), []);
  });

  it('takes a typo in the word being typed', () => {
    // "withdarw" is "withdraw" with two letters swapped, and "withdraw" starts "withdrawal".
    assert.deepEqual(names(index.search({ q: 'withdarw' })), ['Harbor Light Withdrawal Management']);
    // Once a space follows, the word is complete and must match whole (or as a prefix).
    assert.deepEqual(names(index.search({ q: 'withdarw ' })), []);
  });

  it('ignores case and accents, both ways', () => {
    assert.deepEqual(names(index.search({ q: 'REUNION' })), ['Reunión de Recuperación en Español']);
    assert.deepEqual(names(index.search({ q: 'recuperación español' })), ['Reunión de Recuperación en Español']);
  });

  it('finds resources by category code and human name, and by names the host adds', () => {
    assert.deepEqual(names(index.search({ q: 'detox' })), ['Harbor Light Withdrawal Management']);
    assert.deepEqual(names(index.search({ q: 'harm reduction' })), ['Eastside Syringe Services Program']);
    assert.deepEqual(names(index.search({ q: 'support groups' })), ['Reunión de Recuperación en Español']);
    const localized = createResourceIndex(directory, { categoryNames: { food: ['Mercado solidario'] } });
    assert.deepEqual(names(localized.search({ q: 'solidario' })), ['Cedar Grove Food Pantry']);
    assert.deepEqual(names(index.search({ q: 'solidario' })), []);
  });

  it('finds taxonomy term names as categories', () => {
    const withTerm = createResourceIndex([
      resource({ name: 'Plain Name', taxonomy: [{ code: 'BD-1800.2000', name: 'Detoxification' }] }),
      resource({ name: 'Other Name' }),
    ]);
    assert.deepEqual(names(withTerm.search({ q: 'detoxif' })), ['Plain Name']);
  });
});

describe('createResourceIndex: ranking', () => {
  it('ranks a match in the name above one in the organization, categories or description', () => {
    const ranked = createResourceIndex([
      resource({ name: 'Alpha Clinic', description: 'Walk-in detox and counseling.' }),
      resource({ name: 'Beta Clinic', organization: { name: 'Detox Partners' } }),
      resource({ name: 'Gamma Detox Center' }),
    ]);
    const result = ranked.search({ q: 'detox' });
    assert.deepEqual(names(result), ['Gamma Detox Center', 'Beta Clinic', 'Alpha Clinic']);
    const [first, second, third] = result.items.map((hit) => hit.score);
    assert.ok(first !== undefined && second !== undefined && third !== undefined && first > second && second > third);
  });

  it('ranks a whole word above a prefix, and a prefix above a typo', () => {
    const ranked = createResourceIndex([
      resource({ name: 'Meals On Wheels' }),
      resource({ name: 'Mean Street Kitchen' }),
      resource({ name: 'Meal Program' }),
    ]);
    assert.deepEqual(names(ranked.search({ q: 'meal' })), ['Meal Program', 'Meals On Wheels', 'Mean Street Kitchen']);
  });

  it('can weigh the fields otherwise', () => {
    const docs = [resource({ name: 'Alpha', description: 'detox' }), resource({ name: 'Detox Beta' })];
    assert.deepEqual(names(createResourceIndex(docs).search({ q: 'detox' })), ['Detox Beta', 'Alpha']);
    assert.deepEqual(names(createResourceIndex(docs, { weights: { description: 10 } }).search({ q: 'detox' })), [
      'Alpha',
      'Detox Beta',
    ]);
  });

  it('breaks ties by name, then by id, the same way every time', () => {
    const twins = [
      resource({ id: '00000000-0000-4000-8000-00000000000b', name: 'Same Name' }),
      resource({ id: '00000000-0000-4000-8000-00000000000a', name: 'Same Name' }),
      resource({ name: 'Another Same' }),
    ];
    const forward = createResourceIndex(twins).search({ q: 'same' });
    const backward = createResourceIndex([...twins].reverse()).search({ q: 'same' });
    assert.deepEqual(
      forward.items.map((hit) => hit.resource.id),
      [twins[2]?.id, '00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b'],
    );
    assert.deepEqual(forward, backward);
  });

  it('lists everything by name for an empty query', () => {
    const result = index.search({});
    assert.equal(result.total, directory.length);
    assert.deepEqual(
      names(result),
      [...directory.map((r) => r.name)].sort((a, b) => a.localeCompare(b)),
    );
    assert.deepEqual(index.search({ q: '   ' }), result);
    assert.ok(result.items.every((hit) => hit.score === 1 && hit.distanceKm === null));
  });
});

describe('createResourceIndex: changes', () => {
  it('adds, replaces and removes resources', () => {
    const live = createResourceIndex([]);
    assert.equal(live.size, 0);
    const pantry = resource({ name: 'Westside Pantry' });
    live.add(pantry);
    live.add(resource({ name: 'Northside Shelter' }));
    assert.equal(live.size, 2);
    assert.deepEqual(names(live.search({ q: 'pantry' })), ['Westside Pantry']);

    live.add({ ...pantry, name: 'Westside Community Kitchen' });
    assert.equal(live.size, 2);
    assert.deepEqual(names(live.search({ q: 'pantry' })), []);
    assert.deepEqual(names(live.search({ q: 'kitchen' })), ['Westside Community Kitchen']);

    assert.equal(live.remove(pantry.id), true);
    assert.equal(live.remove(pantry.id), false);
    assert.equal(live.size, 1);
    assert.deepEqual(names(live.search({ q: 'kitchen' })), []);
    assert.deepEqual(names(live.search({})), ['Northside Shelter']);
  });

  it('keeps the later of two resources with the same id', () => {
    const first = resource({ name: 'Old Name' });
    const twice = createResourceIndex([first, resource({ name: 'Other' }), { ...first, name: 'New Name' }]);
    assert.equal(twice.size, 2);
    assert.deepEqual(names(twice.search({})), ['New Name', 'Other']);
    assert.deepEqual(names(twice.search({ q: 'old' })), []);
  });

  it('stays right after many removals (the index compacts itself)', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      resource({ name: `Site ${String(i)} ${i % 2 === 0 ? 'Even' : 'Odd'}` }),
    );
    const live = createResourceIndex(many);
    for (const r of many.slice(0, 250)) live.remove(r.id);
    assert.equal(live.size, 50);
    assert.equal(live.search({ q: 'even' }).total, 25);
    assert.equal(live.search({ q: 'site 260' }).items[0]?.resource.name, 'Site 260 Even');
    live.add(resource({ name: 'Site New Even' }));
    assert.equal(live.search({ q: 'even' }).total, 26);
  });
});
