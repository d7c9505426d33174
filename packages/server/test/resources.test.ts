import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Problem, ResourceSearchResult } from '@peerlink/sdk';
import { insertResource } from '../src/domain/store.js';
import { harnessFor, ids, storages } from './harness.js';

const pantry = {
  name: 'Lakeside Community Food Pantry',
  organization: { name: 'Lakeside Family Services' },
  description: 'Groceries twice a week.',
  categories: ['food' as const],
  location: { lat: 41.9, lon: -87.65 },
  languages: ['en', 'es-MX'],
  fees: { acceptsMedicaid: false, free: true },
  settings: ['community' as const],
  interceptStages: [0],
};

for (const storage of await storages()) {
  describe(`resource search on ${storage}`, () => {
    it('ranks with the SDK index: prefixes, typos, filters, distance', async (t) => {
      const h = await harnessFor(t, storage);
      const peer = await h.token('specialist', { subjectId: ids.primary });
      await insertResource(h.server.db, ids.agency, pantry);
      const search = async (query: string) => {
        const result = await h.call('GET', `/v1/resources/search?${query}`, { token: peer });
        assert.equal(result.status, 200, JSON.stringify(result.body));
        return (result.body as ResourceSearchResult).items.map((hit) => hit.resource.name);
      };
      assert.deepEqual(await search('q=riversi'), ['Riverside Withdrawal Management']);
      assert.deepEqual(await search('q=rivresied'), [], 'two typos');
      assert.deepEqual(await search('q=withdrawl'), ['Riverside Withdrawal Management'], 'one letter missing');
      assert.deepEqual(await search('q=groceries&free=true&languages=es'), ['Lakeside Community Food Pantry']);
      assert.deepEqual(await search('lat=41.88&lon=-87.63'), [
        'Riverside Withdrawal Management',
        'Lakeside Community Food Pantry',
      ]);
      assert.deepEqual(await search('q=detox&categories=food'), []);
    });

    it('sees every change to the directory at the next search', async (t) => {
      const h = await harnessFor(t, storage);
      const peer = await h.token('specialist', { subjectId: ids.primary });
      const names = async () => {
        const result = await h.call('GET', '/v1/resources/search', { token: peer });
        return (result.body as ResourceSearchResult).items.map((hit) => hit.resource.name);
      };
      assert.deepEqual(await names(), ['Riverside Withdrawal Management']);

      const id = randomUUID();
      await insertResource(h.server.db, ids.agency, pantry, id);
      assert.deepEqual(await names(), ['Lakeside Community Food Pantry', 'Riverside Withdrawal Management']);

      // A write elsewhere (another instance, a migration) that changes the document and its time.
      await h.server.db.query(
        `update resources set doc = jsonb_set(doc, '{name}', '"Lakeside Grocery Pantry"'), updated_at = updated_at + interval '1 second' where id = $1`,
        [id],
      );
      assert.deepEqual(await names(), ['Lakeside Grocery Pantry', 'Riverside Withdrawal Management']);

      await h.server.db.query('delete from resources where id = $1', [id]);
      assert.deepEqual(await names(), ['Riverside Withdrawal Management']);

      // Another agency's change neither shows here nor disturbs this agency's index.
      await insertResource(h.server.db, ids.otherAgency, { ...pantry, name: 'Elsewhere Pantry' });
      assert.deepEqual(await names(), ['Riverside Withdrawal Management']);
    });

    it('answers a query the index cannot run with field errors', async (t) => {
      const h = await harnessFor(t, storage);
      const peer = await h.token('specialist', { subjectId: ids.primary });
      for (const [query, path] of [
        ['radiusKm=5', 'radiusKm'],
        ['lat=41.9', 'lon'],
        ['cursor=next', 'cursor'],
      ] as const) {
        const result = await h.call('GET', `/v1/resources/search?${query}`, { token: peer });
        assert.equal(result.status, 400, query);
        assert.equal(result.headers.get('content-type'), 'application/problem+json');
        assert.ok(
          (result.body as Problem).errors?.some((error) => error.path === path),
          `${query}: ${JSON.stringify(result.body)}`,
        );
      }
    });
  });
}
