import { randomUUID } from 'node:crypto';
import type { PeerEvent, Role } from '@peerlink/sdk';
import type { EmbedPrincipal } from './auth.js';
import type { Database, Sql } from '../infra/db/database.js';
import { write } from '../infra/db/database.js';
import { iso } from '../time.js';

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
 * notification carries only the event id, the row is read once and filtered per subscriber.
 */
export class EventHub {
  private readonly subscribers = new Map<string, Subscriber>();
  private unlisten?: () => Promise<void>;

  constructor(private readonly db: Database) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen(eventChannel, (payload) => {
      void this.deliver(payload);
    });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.subscribers.clear();
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

  private async deliver(payload: string): Promise<void> {
    const [agencyId, id] = payload.split(':');
    if (!agencyId || !id) return;
    const interested = [...this.subscribers.values()].filter((s) => s.principal.agencyId === agencyId);
    if (interested.length === 0) return;
    const [row] = await this.db.query<EventRow>(
      'select id::text as id, agency_id, type, record_id, audience, data, at from events where id = $1::bigint',
      [id],
    );
    if (!row) return;
    const event = toEvent(row);
    for (const subscriber of interested) {
      if (subscriber.recordId && subscriber.recordId !== row.record_id) continue;
      if (mayReceive(subscriber.principal, row)) subscriber.push(event);
    }
  }
}
