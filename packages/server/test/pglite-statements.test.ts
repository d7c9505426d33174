// PGlite's transaction statements run prepared once by name (`pglite-statements.ts`): the same rows,
// errors and rollbacks as PGlite's own way of running them, a statement that fails to prepare leaves
// the rest working, and statements past the kept number run PGlite's way. And PGlite runs without fsync, which
// the server README's storage paragraph tells operators.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import type { Database } from '../src/infra/db/database.js';
import { openDatabase } from '../src/infra/db/database.js';
import { preparedStatements } from '../src/infra/db/pglite-statements.js';

async function pglite(t: TestContext): Promise<Database> {
  const db = await openDatabase({});
  t.after(() => db.close());
  await db.exec(`create table records (
    id uuid primary key, name text not null, n int, big bigint, ok boolean, at timestamptz,
    doc jsonb, tags text[]
  )`);
  return db;
}

const insert = `insert into records (id, name, n, big, ok, at, doc, tags)
  values ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8)`;
const select = 'select id, name, n, big::text as big, ok, at, doc, tags from records where id = $1';
const one = {
  id: '5f0c1a4e-8a3b-4d7e-9c1f-2b6d8e4a7c90',
  params: (id: string) => [
    id,
    'Ana “Ruiz”',
    7,
    '9007199254740993',
    true,
    new Date('2026-03-08T08:00:00Z'),
    '{"a":[1,"x"]}',
    ['en', 'es'],
  ],
};

describe('PGlite statements in a transaction, prepared once', () => {
  it('answer the same rows as PGlite answers them outside a transaction, every type the service uses', async (t) => {
    const db = await pglite(t);
    await db.transaction(async (tx) => {
      await tx.query(insert, one.params(one.id));
      // A null for every nullable column, on the statement already prepared.
      await tx.query(insert, ['0b0e6a4f-1111-4d7e-9c1f-2b6d8e4a7c90', 'nobody', null, null, null, null, null, null]);
    });
    for (const id of [one.id, '0b0e6a4f-1111-4d7e-9c1f-2b6d8e4a7c90']) {
      const outside = await db.query(select, [id]);
      const inside = await db.transaction((tx) => tx.query(select, [id]));
      const again = await db.transaction((tx) => tx.query(select, [id]));
      assert.deepEqual(inside, outside);
      assert.deepEqual(again, outside);
    }
    const [row] = await db.query<{ at: Date; doc: unknown; tags: string[]; big: string }>(select, [one.id]);
    assert.ok(row);
    assert.equal(row.at.toISOString(), '2026-03-08T08:00:00.000Z');
    assert.deepEqual(row.doc, { a: [1, 'x'] });
    assert.deepEqual(row.tags, ['en', 'es']);
    assert.equal(row.big, '9007199254740993');
  });

  it('fail with the server’s error and code, and roll the whole transaction back', async (t) => {
    const db = await pglite(t);
    await db.transaction((tx) => tx.query(insert, one.params(one.id)));
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query(insert, one.params('9d1c2b3a-0000-4d7e-9c1f-2b6d8e4a7c90'));
        await tx.query(insert, one.params(one.id));
      }),
      (error: Error & { code?: string }) => error.code === '23505' && error.message.includes('duplicate key'),
    );
    assert.deepEqual(await db.query('select id from records order by id'), [{ id: one.id }]);
    // The connection is whole after the failure: the same statements run again.
    const rows = await db.transaction((tx) => tx.query(select, [one.id]));
    assert.equal(rows.length, 1);
  });

  it('keep working after a statement that cannot be prepared', async (t) => {
    const db = await pglite(t);
    await assert.rejects(
      db.transaction((tx) => tx.query('select nope from records where id = $1', [one.id])),
      /column "nope" does not exist/,
    );
    await assert.rejects(
      db.transaction((tx) => tx.query('selec 1')),
      /syntax error/,
    );
    await db.transaction((tx) => tx.query(insert, one.params(one.id)));
    assert.equal((await db.transaction((tx) => tx.query(select, [one.id]))).length, 1);
  });

  it('run statements past the kept number as PGlite runs them', async (t) => {
    const db = await PGlite.create('memory://');
    t.after(() => db.close());
    const statements = preparedStatements(db, 2);
    await db.transaction(async () => {
      assert.deepEqual(await statements.run('select $1::int as n', [1]), [{ n: 1 }]);
      assert.deepEqual(await statements.run('select $1::text as s', ['a']), [{ s: 'a' }]);
      assert.equal(await statements.run('select 3 as n', []), undefined);
      // The kept ones still answer.
      assert.deepEqual(await statements.run('select $1::int as n', [5]), [{ n: 5 }]);
    });
  });
});

describe('PGlite storage', () => {
  it('runs without fsync, as the server README says an acknowledgement on it guarantees', async (t) => {
    const db = await openDatabase({});
    t.after(() => db.close());
    const [setting] = await db.query<{ fsync: string }>("select current_setting('fsync') as fsync");
    // When PGlite syncs its writes, say so in the README's storage paragraph and under Known limits.
    assert.equal(setting?.fsync, 'off');
  });
});
