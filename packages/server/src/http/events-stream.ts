import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { EmbedPrincipal } from '../domain/auth.js';
import type { HeardEvent, Resumption } from '../domain/events.js';
import { deliveredBefore } from '../domain/events.js';
import { describeError, invalid, tooManyStreams } from '../domain/problems.js';
import type { AppDeps, Env } from './deps.js';

/** The largest id PostgreSQL's `bigint` event ids reach. */
const maxEventId = 2n ** 63n - 1n;

/** The event id to resume after (`Last-Event-ID`): only an id this service could have issued. */
export function resumeAfter(c: Context): string | undefined {
  const given = c.req.header('last-event-id') ?? c.req.query('lastEventId');
  if (given === undefined || given === '') return undefined;
  if (/^(0|[1-9]\d{0,18})$/.test(given) && BigInt(given) <= maxEventId) return given;
  throw invalid([{ path: 'Last-Event-ID', message: 'Not an event id this service issued', code: 'invalid_event_id' }]);
}

/** Counts the event streams each principal holds open on this instance. */
export function streamSlots(limit: number) {
  const open = new Map<string, number>();
  return {
    /** Takes a slot for `key` (429 when all are taken); the returned function gives it back, once. */
    open(key: string): () => void {
      const count = open.get(key) ?? 0;
      if (count >= limit) throw tooManyStreams(limit);
      open.set(key, count + 1);
      let held = true;
      return () => {
        if (!held) return;
        held = false;
        const left = (open.get(key) ?? 1) - 1;
        if (left > 0) open.set(key, left);
        else open.delete(key);
      };
    },
  };
}

export interface StreamRequest {
  principal: EmbedPrincipal;
  recordId: string | undefined;
  after: string | undefined;
  /** Gives the principal's stream slot back when the stream ends. */
  release: () => void;
}

export function eventStream(
  c: Context<Env>,
  deps: AppDeps,
  { principal, recordId, after, release }: StreamRequest,
): Response {
  const requestId = c.get('requestId');
  return streamSSE(
    c,
    async (stream) => {
      const queue: HeardEvent[] = [];
      let wake: (() => void) | undefined;
      const push = (heard: HeardEvent) => {
        queue.push(heard);
        wake?.();
      };
      const unsubscribe = deps.hub.subscribe({ principal, ...(recordId ? { recordId } : {}), push });
      stream.onAbort(() => {
        unsubscribe();
        release();
        wake?.();
      });
      try {
        // Subscribe first, then replay, then drop what was sent already: no event falls in between.
        let from: Resumption | undefined;
        if (after !== undefined) {
          const backlog = await deps.hub.backlog(principal, after, recordId);
          from = backlog.from;
          queue.unshift(...backlog.events);
        }
        const sent = new Set<string>();
        await stream.writeSSE({ event: 'ready', data: '{}', retry: 3000 });
        // The stream lasts as long as the token that opened it: then `expired`, and the client opens
        // another with a fresh token, resuming after the last event it had.
        const left = () => (principal.expiresAt ?? Number.POSITIVE_INFINITY) - deps.clock().getTime();
        while (!stream.aborted) {
          if (left() <= 0) {
            await stream.writeSSE({ event: 'expired', data: '{}' });
            break;
          }
          const heard = queue.shift();
          if (!heard) {
            await new Promise<void>((resolve) => {
              wake = resolve;
              setTimeout(resolve, Math.max(0, Math.min(15_000, left())));
            });
            wake = undefined;
            if (queue.length === 0 && left() > 0) await stream.write(': keep-alive\n\n');
            continue;
          }
          // Ids are taken at insert, commits come in any order: an id below one sent already can be
          // new. An event is skipped only when this stream sent it, or the client had it before the
          // event it resumes after.
          const { event } = heard;
          if (sent.has(event.id) || (from && deliveredBefore(from, { id: event.id, tx: heard.tx }))) continue;
          await stream.writeSSE({ id: event.id, event: event.type, data: JSON.stringify(event) });
          sent.add(event.id);
          if (sent.size > 10_000) sent.delete(sent.values().next().value ?? '');
        }
      } finally {
        unsubscribe();
        release();
      }
    },
    (error) => {
      console.error(`[${requestId}] event stream ended: ${describeError(error)}`);
      return Promise.resolve();
    },
  );
}
