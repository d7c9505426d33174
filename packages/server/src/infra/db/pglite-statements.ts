import { parse, protocol, type PGlite } from '@electric-sql/pglite';

/**
 * A transaction's statements on PGlite, each prepared once under a name of its own and then only
 * bound and executed: one call into PostgreSQL a statement, not PGlite's five (parse, describe,
 * bind, describe, execute), and no parse or plan of its text again. PGlite has one connection,
 * so the names last as long as the database is open.
 */
export interface PreparedStatements {
  /**
   * Runs `text` with `params` inside a transaction of PGlite's (its lock held by the caller), on the
   * statement prepared for it; `undefined` when no more statements can be kept (the caller runs it
   * as PGlite does).
   */
  run<T>(text: string, params: readonly unknown[]): Promise<T[] | undefined>;
}

/** How many distinct statements stay prepared (the service's are far fewer; bulk inserts vary). */
export const KEPT_STATEMENTS = 500;

const { serialize } = protocol;

function joined(parts: readonly Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((length, part) => length + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.byteLength;
  }
  return whole;
}

interface Prepared {
  readonly name: string;
  /** The parameters' type ids, as the server described them. */
  readonly types: readonly number[];
}

export function preparedStatements(db: PGlite, kept = KEPT_STATEMENTS): PreparedStatements {
  const statements = new Map<string, Prepared>();
  // Written only by the current holder of PGlite's query lock: names never repeat.
  let next = 0;

  async function prepare(text: string): Promise<Prepared> {
    const name = `peerlink_${String(next++)}`;
    const described = await db.execProtocolStream(
      joined([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]),
      { syncToFs: false },
    );
    const statement = { name, types: parse.parseDescribeStatementResults(described) };
    statements.set(text, statement);
    return statement;
  }

  // Each value as PGlite itself sends it for the parameter's type.
  const valueOf = (value: unknown, type: number | undefined): string | null => {
    if (value === null || value === undefined) return null;
    const serializer = type === undefined ? undefined : db.serializers[type];
    // Else its text, as PGlite sends it (uuids and other text-like types).
    return serializer ? serializer(value) : (value as { toString(): string }).toString();
  };

  return {
    run<T>(text: string, params: readonly unknown[]) {
      return db.runExclusive(async () => {
        const statement = statements.get(text) ?? (statements.size < kept ? await prepare(text) : undefined);
        if (!statement) return undefined;
        const values = params.map((value, n) => valueOf(value, statement.types[n]));
        const answer = await db.execProtocolStream(
          joined([
            serialize.bind({ statement: statement.name, values }),
            serialize.describe({ type: 'P' }),
            serialize.execute({}),
            serialize.sync(),
          ]),
          { syncToFs: false },
        );
        return (parse.parseResults(answer, db.parsers)[0]?.rows ?? []) as T[];
      });
    },
  };
}
