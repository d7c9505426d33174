import { Id, Timestamp } from '@peerlink/sdk';
import * as z from 'zod/mini';
import type { Sql } from '../infra/db/database.js';
import { invalid } from './problems.js';

/** What a cursor holds: the last row's sort time and id, checked like any input before they reach SQL. */
const CursorValue = z.tuple([Timestamp, Id]);

/** Keyset pagination over (sort time, id), newest or oldest first: the cursor is the last row's pair. */
function readCursor(cursor: string | undefined): [string, string] | undefined {
  if (!cursor) return undefined;
  try {
    const value = z.safeParse(CursorValue, JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (value.success) return value.data;
  } catch {
    // fall through
  }
  throw invalid([{ path: 'cursor', message: 'Not a cursor this service issued', code: 'invalid_cursor' }]);
}

export interface PageQuery<T> {
  table: string;
  /** The sort time column. */
  time: string;
  where: string[];
  params: unknown[];
  schema: { parse(doc: unknown): T };
  /** `oldest` lists the longest waiting first (a review queue); newest first otherwise. */
  order?: 'newest' | 'oldest' | undefined;
}

/** One page of documents, newest first unless asked otherwise, and whether more follow. */
export async function page<T>(
  tx: Sql,
  sql: PageQuery<T>,
  limit: number,
  cursor: string | undefined,
): Promise<{ docs: T[]; more: boolean }> {
  const where = [...sql.where];
  const params = [...sql.params];
  const after = readCursor(cursor);
  const [beyond, direction] = sql.order === 'oldest' ? ['>', 'asc'] : ['<', 'desc'];
  if (after) {
    params.push(after[0], after[1]);
    where.push(
      `(${sql.time}, id) ${beyond} ($${String(params.length - 1)}::timestamptz, $${String(params.length)}::uuid)`,
    );
  }
  params.push(limit + 1);
  const rows = await tx.query<{ doc: unknown }>(
    `select doc from ${sql.table} where ${where.join(' and ')}
     order by ${sql.time} ${direction}, id ${direction} limit $${String(params.length)}`,
    params,
  );
  return { docs: rows.slice(0, limit).map((row) => sql.schema.parse(row.doc)), more: rows.length > limit };
}

/** The cursor of the page after `docs`, or null on the last page. */
export function nextCursor<T extends { id: string }>(docs: T[], more: boolean, time: (doc: T) => string) {
  const last = docs.at(-1);
  return more && last ? Buffer.from(JSON.stringify([time(last), last.id])).toString('base64url') : null;
}
