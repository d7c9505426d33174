import type { Principal } from '../domain/auth.js';
import { HttpProblem, idempotencyMismatch } from '../domain/problems.js';
import type { Database, Sql } from '../infra/db/database.js';
import { write } from '../infra/db/database.js';
import { principalKey } from './authenticate.js';
import type { StoredResponse } from './route.js';

/**
 * Whose stored answers an `Idempotency-Key` replays: the agency, the role and the person, or for
 * a subject-less session the host system (API key) that asked for the token, so the fresh token
 * a page reload brings matches. Tokens of one owner may differ in scope: replays are checked
 * against the record like a read.
 */
function idempotencyOwner(principal: Principal | null): string {
  if (principal?.kind !== 'embed') return principalKey(principal);
  const person = principal.subjectId ?? `host:${principal.hostId ?? principal.tokenId}`;
  return `embed:${principal.agencyId}:${principal.role}:${person}`;
}

/** PostgreSQL's `unique_violation`, as both drivers report it. */
const uniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/**
 * Runs a write in one transaction with its idempotency record: a retried request with the same
 * key and body gets the first answer; the same key with another body is refused.
 */
export async function runWrite(
  db: Database,
  principal: Principal | null,
  key: string | undefined,
  requestHash: string,
  work: (tx: Sql) => Promise<StoredResponse>,
  replay: (tx: Sql, earlier: StoredResponse) => Promise<StoredResponse>,
): Promise<StoredResponse> {
  const owner = idempotencyOwner(principal);
  const stored = async (sql: Sql): Promise<StoredResponse | undefined> => {
    if (!key) return undefined;
    const rows = await sql.query<{ request_hash: string; status: number; response: unknown }>(
      'select request_hash, status, response from idempotency_keys where principal = $1 and key = $2',
      [owner, key],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.request_hash !== requestHash) throw idempotencyMismatch();
    return { status: row.status, body: row.response };
  };
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        // Looked up in the write's own transaction: on PostgreSQL it goes out with the BEGIN.
        const earlier = await stored(tx);
        if (earlier) return replay(tx, earlier);
        const result = await work(tx);
        if (key) {
          await write(
            tx,
            `insert into idempotency_keys (principal, key, request_hash, status, response)
             values ($1, $2, $3, $4, $5::text::jsonb)`,
            // A secret shown once is not stored: its retry is refused (see `replayed`).
            [owner, key, requestHash, result.status, JSON.stringify(result.shownOnce ? null : result.body)],
          );
        }
        return result;
      });
    } catch (error) {
      // A concurrent twin committed first: answer with its result.
      const twin = key && !(error instanceof HttpProblem) ? await stored(db) : undefined;
      if (twin) return db.transaction((tx) => replay(tx, twin));
      // A concurrent write without a key committed the same thing first (an incident has one active call-out):
      // once more, the write sees it and answers as for any repeat, where it would fail on the unique index.
      if (attempt === 1 && uniqueViolation(error)) continue;
      throw error;
    }
  }
}
