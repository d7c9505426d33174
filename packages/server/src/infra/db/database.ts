import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';

/**
 * Rows come back as plain objects keyed by column name. Portable SQL conventions for both
 * drivers: pass JSON as text and cast (`$1::text::jsonb`), cast bigints to text in selects.
 */
export type Row = Record<string, unknown>;

export interface Sql {
  /** One statement with `$1…` parameters. */
  query<T extends object = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

/**
 * The storage the service runs on: PGlite (PostgreSQL compiled to WASM) in a local folder by
 * default, or a PostgreSQL server when DATABASE_URL is set. Same SQL, same migrations.
 */
export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
  /** Runs `work` in one transaction; anything thrown rolls everything back. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /** Calls `onMessage` for every NOTIFY on `channel` (from any connection or instance). */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL of a PostgreSQL server; when absent, PGlite in `dataDir`. */
  url?: string;
  /** PGlite data folder; `memory://` keeps nothing on disk. */
  dataDir?: string;
  /** Connections to a PostgreSQL server. */
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? 'memory://');
}

async function openPglite(dataDir: string): Promise<Database> {
  const db = await PGlite.create(dataDir);
  const sql = (target: Pick<PGlite, 'query'>): Sql => ({
    async query<T extends object>(text: string, params: readonly unknown[] = []) {
      const result = await target.query<T>(text, [...params]);
      return result.rows;
    },
  });
  return {
    kind: 'pglite',
    ...sql(db),
    async exec(text) {
      await db.exec(text);
    },
    transaction: (work) => db.transaction((tx) => work(sql(tx))),
    async listen(channel, onMessage) {
      const unlisten = await db.listen(channel, onMessage);
      return () => unlisten();
    },
    close: () => db.close(),
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const client = postgres(url, {
    max,
    onnotice: () => undefined,
    connection: { application_name: 'peerlink' },
  });
  const sql = (target: postgres.Sql | postgres.TransactionSql): Sql => ({
    async query<T extends object>(text: string, params: readonly unknown[] = []) {
      const rows = await target.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
      return rows as unknown as T[];
    },
  });
  // Fail fast with a clear message when the server cannot be reached.
  await client.unsafe('select 1');
  return {
    kind: 'postgres',
    ...sql(client),
    async exec(text) {
      await client.unsafe(text);
    },
    async transaction(work) {
      return (await client.begin((tx) => work(sql(tx)))) as Awaited<ReturnType<typeof work>>;
    },
    async listen(channel, onMessage) {
      const subscription = await client.listen(channel, onMessage);
      return () => subscription.unlisten();
    },
    close: () => client.end({ timeout: 5 }),
  };
}
