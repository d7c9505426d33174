import { randomUUID } from 'node:crypto';
import type { PeerEvent, Role } from '@peerlink/sdk';
import type { EmbedPrincipal } from './auth.js';
import type { Database, Sql } from '../infra/db/database.js';
import { write } from '../infra/db/database.js';
import { iso } from '../time.js';
import { describeError } from './problems.js';

/** Who may receive an event. Specialists receive only events about their own call-outs. */
export interface Audience {
  roles: Role[];
  specialistIds?: string[];
}

interface EventRow {
  id: string;
  agency_id: string;
  type: PeerEvent['type'];
  record_id: string;
  audience: Audience;
  data: PeerEvent['data'];
  at: Date;
  /** The transaction that wrote the event (migration 0017); null for older events. */
  tx: string | null;
}

const eventColumns = 'id::text as id, agency_id, type, record_id, audience, data, at, tx::text as tx';

/**
 * Where a stream resumes (`Last-Event-ID`): after the event `afterId`, and, when that event is known
 * (migration 0017), with the events of other transactions from its `horizon` on.
 */
export interface Resumption {
  afterId: string;
  /** The oldest transaction running when the event was written. */
  horizon: bigint | undefined;
  /** The transaction that wrote it. */
  tx: bigint | undefined;
}

/**
 * Whether the client resuming at `from` had `event` already: the event it resumes after, or one
 * with a smaller id written by its transaction or by one that had ended before it was written (its
 * notification came first). Without a horizon, any smaller id.
 */
export function deliveredBefore(from: Resumption, event: { id: string; tx: string | null }): boolean {
  const id = BigInt(event.id);
  const after = BigInt(from.afterId);
  if (id > after) return false;
  if (id === after || from.horizon === undefined) return true;
  if (event.tx === null) return true;
  const tx = BigInt(event.tx);
  return tx < from.horizon || tx === from.tx;
}

export const eventChannel = 'peerlink_events';

/**
 * Appends an event in the caller's transaction, and its notification in the same statement.
 * `pg_notify` is transactional: listeners on every instance hear of it only once the change is
 * committed. In a transaction the statement is queued (see `write`): nobody waits on it.
 */
export async function appendEvent(
  tx: Sql,
  event: {
    agencyId: string;
    type: PeerEvent['type'];
    recordId: string;
    audience: Audience;
    data: PeerEvent['data'];
    at: Date;
  },
): Promise<void> {
  await write(
    tx,
    `with stored as (
       insert into events (agency_id, type, record_id, audience, data, at)
       values ($1, $2, $3, $4::text::jsonb, $5::text::jsonb, $6) returning id)
     select pg_notify($7, $1 || ':' || stored.id::text) from stored`,
    [
      event.agencyId,
      event.type,
      event.recordId,
      JSON.stringify(event.audience),
      JSON.stringify(event.data),
      event.at,
      eventChannel,
    ],
  );
}

export function mayReceive(principal: EmbedPrincipal, event: Pick<EventRow, 'audience' | 'record_id'>): boolean {
  if (!event.audience.roles.includes(principal.role)) return false;
  if (principal.scope && principal.scope.id !== event.record_id) return false;
  if (principal.role === 'specialist' && event.audience.specialistIds) {
    return principal.subjectId !== null && event.audience.specialistIds.includes(principal.subjectId);
  }
  return true;
}

const toEvent = (row: EventRow): PeerEvent =>
  ({ id: row.id, at: iso(row.at), type: row.type, data: row.data }) as PeerEvent;

/** An event on its way to a stream, with the transaction that wrote it. */
export interface HeardEvent {
  event: PeerEvent;
  tx: string | null;
}

interface Subscriber {
  principal: EmbedPrincipal;
  recordId?: string;
  push: (heard: HeardEvent) => void;
}

/**
 * Fans stored events out to this instance's SSE subscribers. One LISTEN per instance; a
 * notification carries only the event id. Notifications arrive in commit order, and are delivered
 * in that order: the rows of those heard meanwhile are read in one query, one read at a time, so a
 * record's changes never overtake each other on their way to a stream.
 */
export class EventHub {
  private readonly subscribers = new Map<string, Subscriber>();
  private unlisten?: () => Promise<void>;
  /** Notifications heard and not yet delivered, in the order they were heard. */
  private heard: { agencyId: string; id: string }[] = [];
  private draining: Promise<void> | undefined;

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(eventChannel, (payload) => {
      this.hear(payload);
    });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.subscribers.clear();
    this.heard = [];
    await this.draining;
  }

  get size(): number {
    return this.subscribers.size;
  }

  subscribe(subscriber: Subscriber): () => void {
    const id = randomUUID();
    this.subscribers.set(id, subscriber);
    return () => this.subscribers.delete(id);
  }

  /**
   * Where a stream resumes after the event `afterId`, and the events `principal` may see that it
   * may have missed (at most 1,000, oldest first): those with a larger id, and those of
   * transactions from the event's horizon on, which may have committed after it was sent. Some of
   * the latter may have been sent already: a resumed stream can repeat an event, never miss one.
   */
  async backlog(
    principal: EmbedPrincipal,
    afterId: string,
    recordId?: string,
  ): Promise<{ from: Resumption; events: HeardEvent[] }> {
    const known = await this.db.query<{ horizon: string | null; tx: string | null }>(
      'select horizon::text as horizon, tx::text as tx from events where agency_id = $1 and id = $2::bigint',
      [principal.agencyId, afterId],
    );
    const { horizon = null, tx = null } = known[0] ?? {};
    const from: Resumption = {
      afterId,
      horizon: horizon === null ? undefined : BigInt(horizon),
      tx: tx === null ? undefined : BigInt(tx),
    };
    // The same choice as `deliveredBefore`, made by the index.
    const rows = await this.db.query<EventRow>(
      `select ${eventColumns} from events
       where agency_id = $1 ${recordId ? 'and record_id = $5' : ''}
         and (id > $2::bigint or (id < $2::bigint and tx >= $3::text::xid8 and tx <> $4::text::xid8))
       order by id limit 1000`,
      [principal.agencyId, afterId, horizon, tx, ...(recordId ? [recordId] : [])],
    );
    const events = rows.filter((row) => mayReceive(principal, row)).map((row) => ({ event: toEvent(row), tx: row.tx }));
    return { from, events };
  }

  private hear(payload: string): void {
    const [agencyId, id] = payload.split(':');
    if (!agencyId || !id || !/^\d+$/.test(id)) return;
    this.heard.push({ agencyId, id });
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  private async drain(): Promise<void> {
    while (this.heard.length > 0) {
      const batch = this.heard.splice(0, 500);
      const agencies = new Set([...this.subscribers.values()].map((s) => s.principal.agencyId));
      const wanted = batch.filter((heard) => agencies.has(heard.agencyId));
      if (wanted.length === 0) continue;
      try {
        const rows = await this.db.query<EventRow>(`select ${eventColumns} from events where id = any($1::bigint[])`, [
          wanted.map((heard) => heard.id),
        ]);
        const byId = new Map(rows.map((row) => [row.id, row]));
        for (const { id } of wanted) {
          const row = byId.get(id);
          if (row) this.push(row);
        }
      } catch (error) {
        // A stream that misses an event catches up by Last-Event-ID when it reconnects.
        console.error(`event delivery failed: ${describeError(error)}`);
      }
    }
  }

  private push(row: EventRow): void {
    const heard = { event: toEvent(row), tx: row.tx };
    for (const subscriber of this.subscribers.values()) {
      if (subscriber.principal.agencyId !== row.agency_id) continue;
      if (subscriber.recordId && subscriber.recordId !== row.record_id) continue;
      if (mayReceive(subscriber.principal, row)) subscriber.push(heard);
    }
  }
}
