import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { preparedStatements } from './pglite-statements.js';

/**
 * Rows come back as plain objects keyed by column name. Portable SQL conventions for both
 * drivers: pass JSON as text and cast (`$1::text::jsonb`), cast bigints to text in selects.
 */
export type Row = Record<string, unknown>;

export interface Sql {
  /** One statement with `$1…` parameters. */
  query<T extends object = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * In a transaction: a write whose answer nobody reads, sent now without waiting for it. It rides
   * along with the statements after it (pipelined on PostgreSQL), and the transaction checks every
   * queued write before it commits: a failed one rolls everything back, as an awaited one would.
   */
  queue?(text: string, params?: readonly unknown[]): void;
  /**
   * In a transaction: runs `work` with `read`, whose reads all see the database as this
   * transaction sees it now, and may run at once. On PostgreSQL each read runs on a connection
   * of its own, in a read-only transaction that imports this one's snapshot; PGlite has one
   * connection, where they run one after another (see `readTogether`).
   */
  snapshot?: <T>(work: (read: SnapshotRead) => Promise<T>) => Promise<T>;
}

/** One read of a snapshot (see `Sql.snapshot`): `work` reads through the `Sql` it is given. */
export type SnapshotRead = <T>(work: (sql: Sql) => Promise<T>) => Promise<T>;

/**
 * Ids as one `uuid[]` parameter, written `$n::text::uuid[]` in the statement (both drivers take it as
 * text). A key lookup by `id = any(…)` finds each row by its index, where a list the planner cannot
 * count (`in (select jsonb_array_elements_text(…))`) may scan the table.
 */
export const uuidArray = (ids: readonly string[]): string => `{${ids.join(',')}}`;

/** Sends a write the caller does not read: queued in a transaction, else awaited. */
export async function write(sql: Sql, text: string, params?: readonly unknown[]): Promise<void> {
  if (sql.queue) sql.queue(text, params);
  else await sql.query(text, params);
}

/**
 * Runs `work` with reads of one snapshot, at once where `sql` can (`Sql.snapshot`), else one after
 * another on `sql` itself.
 */
export function readTogether<T>(sql: Sql, work: (read: SnapshotRead) => Promise<T>): Promise<T> {
  if (sql.snapshot) return sql.snapshot(work);
  let previous: Promise<unknown> = Promise.resolve();
  return work((read) => {
    const answer = previous.then(() => read(sql));
    previous = answer.catch(() => undefined);
    return answer;
  });
}

/**
 * A transaction's statements with its queued writes: held until the next statement that is
 * waited on or the commit, then sent together ahead of it, in order; `settle` checks them all.
 */
function withQueue(sql: Sql): {
  tx: Sql;
  /** Sends what is held, and `end` after it when given (a COMMIT that rides along), and checks them all. */
  settle: (end?: () => Promise<unknown>) => Promise<void>;
  drain: () => Promise<void>;
} {
  const { snapshot } = sql;
  const held: [string, readonly unknown[] | undefined][] = [];
  const sent: Promise<unknown>[] = [];
  const send = () => {
    for (const [text, params] of held.splice(0)) {
      const answer = sql.query(text, params);
      // Checked in `settle`; until then a failure must not count as unhandled.
      answer.catch(() => undefined);
      sent.push(answer);
    }
  };
  const tx: Sql = {
    query(text, params) {
      send();
      return sql.query(text, params);
    },
    queue(text, params) {
      held.push([text, params]);
    },
    // The reads see the statements sent before them.
    ...(snapshot
      ? {
          snapshot: (work) => {
            send();
            return snapshot(work);
          },
        }
      : {}),
  };
  const settle = async (end?: () => Promise<unknown>) => {
    send();
    if (end) sent.push(end());
    await Promise.all(sent.splice(0));
  };
  const drain = async () => {
    held.length = 0;
    await Promise.allSettled(sent.splice(0));
  };
  return { tx, settle, drain };
}

/** Runs `work` on a transaction's statements, then checks its queued writes. */
async function settled<T>(sql: Sql, work: (tx: Sql) => Promise<T>): Promise<T> {
  const { tx, settle, drain } = withQueue(sql);
  try {
    const result = await work(tx);
    await settle();
    return result;
  } catch (error) {
    // Queued writes still on their way are answered (or refused) before the rollback.
    await drain();
    throw error;
  }
}

/**
 * The storage the service runs on: PGlite (PostgreSQL compiled to WASM) in a local folder by
 * default, or a PostgreSQL server when DATABASE_URL is set. Same SQL, same migrations.
 */
export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** What was sent so far (see `DriverCounts`). */
  counts(): DriverCounts;
  /** Several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
  /** Runs `work` in one transaction; anything thrown rolls everything back. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /** Calls `onMessage` for every NOTIFY on `channel` (from any connection or instance). */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * What the service sent to its database. A round trip is a wait for the database: statements of
 * one transaction issued together (pipelined) share one. BEGIN and COMMIT are not counted: on
 * PostgreSQL they ride along with the first statement and with the queued writes.
 */
export interface DriverCounts {
  statements: number;
  roundTrips: number;
  transactions: number;
}

/** Counts statements, and round trips per connection: a statement sent while another waits rides along. */
function counted(counts: DriverCounts, sql: Sql, pipelined: boolean): Sql {
  let waiting = 0;
  return {
    async query<T extends object>(text: string, params?: readonly unknown[]) {
      counts.statements += 1;
      if (!pipelined || waiting === 0) counts.roundTrips += 1;
      waiting += 1;
      try {
        return await sql.query<T>(text, params);
      } finally {
        waiting -= 1;
      }
    },
  };
}

export interface DatabaseOptions {
  /** postgres:// URL of a PostgreSQL server; when absent, PGlite in `dataDir`. */
  url?: string;
  /** PGlite data folder; `memory://` keeps nothing on disk. */
  dataDir?: string;
  /** Connections to a PostgreSQL server, and at most as many again for reads of a snapshot (`Sql.snapshot`). */
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? 'memory://');
}

const zero = (): DriverCounts => ({ statements: 0, roundTrips: 0, transactions: 0 });

async function openPglite(dataDir: string): Promise<Database> {
  const db = await PGlite.create(dataDir);
  const counts = zero();
  const prepared = preparedStatements(db);
  // A transaction's statements run prepared (its lock is held); one outside a transaction runs as
  // PGlite runs it, waiting for any transaction to end.
  const sql = (target: Pick<PGlite, 'query'>, inTransaction = false): Sql =>
    counted(
      counts,
      {
        async query<T extends object>(text: string, params: readonly unknown[] = []) {
          const rows = inTransaction ? await prepared.run<T>(text, params) : undefined;
          return rows ?? (await target.query<T>(text, [...params])).rows;
        },
      },
      inTransaction,
    );
  return {
    kind: 'pglite',
    counts: () => ({ ...counts }),
    ...sql(db),
    async exec(text) {
      await db.exec(text);
    },
    transaction: (work) => {
      counts.transactions += 1;
      return db.transaction((tx) => settled(sql(tx, true), work));
    },
    async listen(channel, onMessage) {
      const unlisten = await db.listen(channel, onMessage);
      return () => unlisten();
    },
    close: () => db.close(),
  };
}

/**
 * One transaction on a reserved connection, its BEGIN sent with its first statement and its COMMIT
 * with its queued writes, without waiting for either: two round trips fewer than postgres.js's
 * `begin()`, which waits for each. A statement that fails aborts the transaction, and PostgreSQL
 * then answers the COMMIT sent behind it with ROLLBACK: that answer is checked, never taken for a
 * commit. The connection goes back to the pool once the transaction has ended either way; one whose
 * rollback failed was lost, and postgres.js has taken it back as closed already.
 */
async function pipelined<T>(connection: postgres.ReservedSql, tx: Sql, work: (tx: Sql) => Promise<T>): Promise<T> {
  const begun = connection.unsafe('begin').execute();
  // Checked with the writes in `settle`; a failure before then is the first statement's too.
  begun.catch(() => undefined);
  const { tx: statements, settle, drain } = withQueue(tx);
  try {
    const result = await work(statements);
    await settle(async () => {
      const commit = connection.unsafe('commit').execute();
      const [, ended] = await Promise.all([begun, commit]);
      if (ended.command !== 'COMMIT') throw new Error(`the transaction ended in ${ended.command}`);
    });
    connection.release();
    return result;
  } catch (error) {
    await drain();
    const rolledBack = await connection.unsafe('rollback').then(
      () => true,
      () => false,
    );
    if (rolledBack) connection.release();
    throw error;
  }
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const options = { max, onnotice: () => undefined, connection: { application_name: 'peerlink' } };
  const client = postgres(url, options);
  // Reads of a snapshot have connections of their own: a transaction waiting for its reads holds
  // one of `client`'s, while a read waits for nothing but its own statements, so reports running
  // together can never each hold a connection and wait for another.
  const readers = postgres(url, options);
  const counts = zero();
  // Statements of one transaction sent without waiting go out pipelined on its connection.
  const sql = (target: postgres.Sql | postgres.ReservedSql | postgres.TransactionSql, pipelined = false): Sql =>
    counted(
      counts,
      {
        async query<T extends object>(text: string, params: readonly unknown[] = []) {
          // Prepared once per connection: without it every statement first waits for the server
          // to describe its parameters, a second round trip each time.
          // Sent as soon as it is written (postgres.js sends a statement only once it is awaited), so
          // the statements of a transaction go out in the order they were written whoever awaits them.
          const rows = await target
            .unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: params.length > 0 })
            .execute();
          return rows as unknown as T[];
        },
      },
      pipelined,
    );
  /**
   * Reads of `tx`'s snapshot as it is now, each in a read-only REPEATABLE READ transaction that
   * imports it (they do not see what `tx` itself wrote and has not committed).
   */
  const snapshotOf =
    (tx: Sql): NonNullable<Sql['snapshot']> =>
    async (work) => {
      const [exported] = await tx.query<{ id: string }>('select pg_export_snapshot() as id');
      if (!exported) throw new Error('pg_export_snapshot() answered no row');
      return work(async (read) => {
        counts.transactions += 1;
        const answer = await readers.begin('isolation level repeatable read read only', async (reader) => {
          // The snapshot's name comes from the server; SET takes no parameters.
          await reader.unsafe(`set transaction snapshot '${exported.id}'`);
          return read(sql(reader, true));
        });
        return answer as Awaited<ReturnType<typeof read>>;
      });
    };
  // Fail fast with a clear message when the server cannot be reached.
  await client.unsafe('select 1');
  return {
    kind: 'postgres',
    counts: () => ({ ...counts }),
    ...sql(client),
    async exec(text) {
      await client.unsafe(text);
    },
    async transaction(work) {
      counts.transactions += 1;
      const connection = await client.reserve();
      const tx = sql(connection, true);
      return pipelined(connection, { ...tx, snapshot: snapshotOf(tx) }, work);
    },
    async listen(channel, onMessage) {
      const subscription = await client.listen(channel, onMessage);
      return () => subscription.unlisten();
    },
    close: async () => {
      await Promise.all([client.end({ timeout: 5 }), readers.end({ timeout: 5 })]);
    },
  };
}
