import { randomUUID } from 'node:crypto';
import type { CalloutLog, Dispatch, Referral } from '@peerlink/sdk';
import type { Sql } from '../infra/db/database.js';
import { write } from '../infra/db/database.js';
import { iso } from '../time.js';

/** The contract document each record table holds in `doc`. */
interface RecordDocs {
  dispatches: Dispatch;
  callout_logs: CalloutLog;
  referrals: Referral;
}

/**
 * Reads a record's contract document, in the caller's transaction; `lock` holds its row until the
 * transaction ends. `undefined` when the agency has no such record.
 */
export async function readRecord<T extends keyof RecordDocs>(
  tx: Sql,
  table: T,
  agencyId: string,
  id: string,
  lock: boolean,
): Promise<RecordDocs[T] | undefined> {
  const rows = await tx.query<{ doc: RecordDocs[T] }>(
    `select doc from ${table} where agency_id = $1 and id = $2${lock ? ' for update' : ''}`,
    [agencyId, id],
  );
  return rows[0]?.doc;
}

/**
 * Writes a record: its contract document in `doc`, beside its id, agency, times and version, and
 * the other columns the service filters and locks on, in the caller's transaction. Column names
 * are this module's callers' constants, never input.
 */
export async function writeRecord<T extends keyof RecordDocs>(
  tx: Sql,
  table: T,
  doc: RecordDocs[T],
  created: boolean,
  columns: Record<string, unknown>,
): Promise<void> {
  const row: Record<string, unknown> = {
    id: doc.id,
    agency_id: doc.agencyId,
    ...columns,
    doc,
    created_at: doc.createdAt,
    updated_at: doc.updatedAt,
    version: doc.version,
  };
  const names = Object.keys(row);
  const values = names.map((column) => (column === 'doc' ? JSON.stringify(doc) : row[column]));
  const placeholder = (column: string, index: number) =>
    `$${String(index + 1)}${column === 'doc' ? '::text::jsonb' : ''}`;
  if (created) {
    await write(tx, `insert into ${table} (${names.join(', ')}) values (${names.map(placeholder).join(', ')})`, values);
  } else {
    const sets = names
      .map((column, index) => `${column} = ${placeholder(column, index)}`)
      .filter((_, index) => index > 1);
    await write(tx, `update ${table} set ${sets.join(', ')} where id = $1 and agency_id = $2`, values);
  }
}

/**
 * A constant list as an SQL literal, e.g. the contract's terminal states: `('cleared', 'cancelled')`.
 * Written into the statement rather than bound, so the planner matches partial indexes built on it.
 */
export const sqlList = (values: readonly string[]): string =>
  `(${values.map((value) => `'${value.replaceAll("'", "''")}'`).join(', ')})`;

/** What a new record starts with: a new id in its agency, created now, at version 1. */
export function firstVersion(agencyId: string, now: Date) {
  const at = iso(now);
  return { id: randomUUID(), agencyId, createdAt: at, updatedAt: at, version: 1 };
}

/** The next version of a changed record. */
export const bump = <T extends { version: number; updatedAt: string }>(record: T, now: Date): T => ({
  ...record,
  version: record.version + 1,
  updatedAt: iso(now),
});

/** Builds a `where` clause for an agency's rows; filters whose value is undefined are left out. */
export function rowsOf(agencyId: string) {
  const where = ['agency_id = $1'];
  const params: unknown[] = [agencyId];
  return {
    where,
    params,
    /** Each `?` in `sql` stands for the value, e.g. `status = ?`. */
    and(sql: string, value: unknown) {
      if (value === undefined || value === null) return this;
      params.push(value);
      where.push(sql.replaceAll('?', `$${String(params.length)}`));
      return this;
    },
  };
}
