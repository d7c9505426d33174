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

interface Subscriber {
  principal: EmbedPrincipal;
  recordId?: string;
  push: (event: PeerEvent) => void;
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

  /** Events after `afterId` that `principal` may see, for `Last-Event-ID` resumption. */
  async backlog(principal: EmbedPrincipal, afterId: string, recordId?: string): Promise<PeerEvent[]> {
    const rows = await this.db.query<EventRow>(
      `select id::text as id, agency_id, type, record_id, audience, data, at from events
       where agency_id = $1 and id > $2::bigint ${recordId ? 'and record_id = $3' : ''} order by id limit 1000`,
      recordId ? [principal.agencyId, afterId, recordId] : [principal.agencyId, afterId],
    );
    return rows.filter((row) => mayReceive(principal, row)).map(toEvent);
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
        const rows = await this.db.query<EventRow>(
          'select id::text as id, agency_id, type, record_id, audience, data, at from events where id = any($1::bigint[])',
          [wanted.map((heard) => heard.id)],
        );
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
    const event = toEvent(row);
    for (const subscriber of this.subscribers.values()) {
      if (subscriber.principal.agencyId !== row.agency_id) continue;
      if (subscriber.recordId && subscriber.recordId !== row.record_id) continue;
      if (mayReceive(subscriber.principal, row)) subscriber.push(event);
    }
  }
}
