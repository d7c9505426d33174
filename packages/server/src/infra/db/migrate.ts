import { readFileSync, readdirSync } from 'node:fs';
import type { Database } from './database.js';

const migrationsDir = new URL('../../../migrations/', import.meta.url);

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The versioned SQL migrations shipped with the package, in order (`0001_name.sql`). */
export function loadMigrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((file) => /^\d{4}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: readFileSync(new URL(file, migrationsDir), 'utf8'),
    }));
}

/**
 * Applies every migration not applied yet, each in its own transaction. An advisory lock keeps
 * two instances starting together on one PostgreSQL server from racing.
 */
export async function migrate(db: Database): Promise<number[]> {
  const applied: number[] = [];
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(7734201)');
    await tx.query(
      'create table if not exists schema_migrations (version int primary key, name text not null, applied_at timestamptz not null default now())',
    );
    const done = new Set(
      (await tx.query<{ version: number }>('select version from schema_migrations')).map((row) => row.version),
    );
    for (const migration of loadMigrations()) {
      if (done.has(migration.version)) continue;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
  });
  return applied;
}

/**
 * A migration's statements: each ends with `;` at the end of a line, outside any dollar-quoted
 * body (`$$ … $$`, a function's), where statements end the same way.
 */
function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let statement = '';
  let body: string | undefined;
  for (const line of sql.replace(/--.*$/gm, '').split('\n')) {
    statement += `${line}\n`;
    for (const [tag] of line.matchAll(/\$\w*\$/g)) {
      if (body === undefined) body = tag;
      else if (tag === body) body = undefined;
    }
    if (body === undefined && /;\s*$/.test(line)) {
      statements.push(statement.trim().replace(/;$/, ''));
      statement = '';
    }
  }
  if (body !== undefined) throw new Error(`A dollar-quoted body (${body}) is not closed`);
  return [...statements, statement.trim()].filter(Boolean);
}
