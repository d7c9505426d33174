// Reads of one snapshot (`readTogether`): on PostgreSQL they run at once on connections of their
// own and all see the database as the transaction saw it; on PGlite they run in turn on it.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { describe, it } from 'node:test';
import type { Database } from '../src/infra/db/database.js';
import { openDatabase, readTogether } from '../src/infra/db/database.js';
import { postgresFor, storages } from './harness.js';

async function databaseFor(t: TestContext, storage: string): Promise<Database | undefined> {
  const url = storage === 'postgres' ? await postgresFor(t) : undefined;
  if (storage === 'postgres' && !url) return undefined;
  const db = await openDatabase(url ? { url } : {});
  t.after(() => db.close());
  await db.exec('create table numbers (n int); insert into numbers values (1), (2)');
  return db;
}

const total = `select sum(n)::int as total from numbers`;
/** Rows as plain arrays of plain objects (each driver has its own kinds). */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

for (const storage of await storages()) {
  describe(`reads of one snapshot on ${storage}`, () => {
    it('answer every read, in the order asked for', async (t) => {
      const db = await databaseFor(t, storage);
      if (!db) return;
      const answers = await db.transaction((tx) =>
        readTogether(tx, (read) =>
          Promise.all([
            read((sql) => sql.query<{ total: number }>(total)),
            read((sql) => sql.query<{ n: number }>('select n from numbers order by n')),
          ]),
        ),
      );
      assert.deepEqual(plain(answers), [[{ total: 3 }], [{ n: 1 }, { n: 2 }]]);
    });

    it('refuse writes, and a failed read fails the transaction', async (t) => {
      const db = await databaseFor(t, storage);
      if (!db) return;
      const attempt = db.transaction((tx) =>
        readTogether(tx, (read) => read((sql) => sql.query('insert into numbers values (3)'))),
      );
      // PGlite's reads run on the transaction itself, which may write; the insert is rolled back.
      if (storage === 'postgres') await assert.rejects(attempt, /read-only transaction/);
      else await attempt.then(() => db.query('delete from numbers where n = 3'));
      await assert.rejects(
        db.transaction((tx) => readTogether(tx, (read) => read((sql) => sql.query('select 1 / 0')))),
        /division by zero/,
      );
      assert.deepEqual(plain(await db.query(total)), [{ total: 3 }]);
    });

    if (storage === 'postgres') {
      it('run at once on connections of their own, and see what the transaction saw', async (t) => {
        const db = await databaseFor(t, storage);
        if (!db) return;
        const pid = 'select pg_backend_pid() as pid';
        const seen = await db.transaction(async (tx) => {
          const [own] = await tx.query<{ pid: number }>(pid);
          return readTogether(tx, async (read) => {
            const before = await read((sql) => sql.query<{ total: number }>(total));
            // Committed by another connection after the snapshot was taken: no read sees it.
            await db.query('insert into numbers values (10)');
            // Each read notes the server's clock before and after a second's sleep: run at once, the two overlap.
            const sleeping = async (sql: Parameters<Parameters<typeof read>[0]>[0]) => {
              const clock = 'extract(epoch from clock_timestamp())::float8 as at';
              const [start] = await sql.query<{ pid: number; at: number }>(`${pid}, ${clock}`);
              await sql.query('select pg_sleep(1)');
              const [end] = await sql.query<{ at: number }>(`select ${clock}`);
              return { pid: start?.pid, from: start?.at ?? Infinity, to: end?.at ?? -Infinity };
            };
            const reads = await Promise.all([read(sleeping), read(sleeping)]);
            const after = await read((sql) => sql.query<{ total: number }>(total));
            return { own: own?.pid, reads, before, after };
          });
        });
        assert.deepEqual(plain(seen.before), [{ total: 3 }]);
        assert.deepEqual(plain(seen.after), [{ total: 3 }]);
        assert.equal(new Set([seen.own, ...seen.reads.map((r) => r.pid)]).size, 3, 'three connections');
        const [first, second] = seen.reads;
        assert.ok(Math.max(first.from, second.from) < Math.min(first.to, second.to), 'the reads overlapped');
        assert.deepEqual(plain(await db.query(total)), [{ total: 13 }]);
      });
    }
  });
}
