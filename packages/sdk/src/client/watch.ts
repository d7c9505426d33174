import * as z from 'zod/mini';
import { PeerEvent } from '../schema/events.js';
import type { TokenCache } from './tokens.js';

/** A live view of one record: iterate it, or subscribe to it. */
export interface Watch<T> extends AsyncIterable<T> {
  /** Calls `listener` with every new state; returns a function that stops listening. */
  subscribe(listener: (value: T) => void): () => void;
  /** How the watch is receiving changes now. */
  readonly mode: 'connecting' | 'stream' | 'polling' | 'closed';
  close(): void;
}

export interface WatchOptions {
  signal?: AbortSignal;
  /** Polling interval when streaming is blocked (default 5 s). */
  pollMs?: number;
  /**
   * How long to wait for the stream to open before assuming a proxy buffers it (default 10 s).
   * The stream is shared by the client's watches: the first watch to open it sets this.
   */
  streamTimeoutMs?: number;
  /**
   * The caller holds the record already, as answered to a request it sent at this time
   * (`performance.now()`), e.g. the call-out a create returned. When the client's stream was open
   * before then and has stayed open, the watch does not read the record again: it replays what the
   * stream carried about it since, then follows it. Otherwise it reads the record as usual.
   */
  heldSince?: number;
}

/** The record id of a member that hears every event the token may see (a list followed live). */
export const everyRecord = '*';

/** One watch's part in the shared stream. */
interface Member {
  /** The record whose events the member hears, or {@link everyRecord}. */
  readonly recordId: string;
  /** The stream is open (again): read the record, since events may have been missed. */
  opened(): void;
  /** The stream is open and the member missed nothing (its caller held the record): no read. */
  streaming(): void;
  /** The stream dropped; it reconnects by itself. */
  dropped(): void;
  /** Streaming does not get through (a buffering proxy): poll instead. */
  blocked(): void;
  event(event: PeerEvent): void;
}

/**
 * Where an event goes: watches of a record by its id; every schedule change to the watches of the
 * schedule (one per agency, and the token's agency is the only one its stream carries).
 */
export const SCHEDULE_RECORD = 'schedule';
const routeOf = (event: PeerEvent): string => (event.type === 'schedule.updated' ? SCHEDULE_RECORD : event.data.id);

export interface EventHub {
  /**
   * Starts receiving events about `member.recordId`; returns the function that stops. With
   * `heldSince` (see {@link WatchOptions.heldSince}), a stream open since before then replays the
   * events it carried about the record from then on, instead of having the member read it.
   */
  join(member: Member, streamTimeoutMs?: number, heldSince?: number): () => void;
  /**
   * Sign-out: ends the stream opened with the signed-out session's token and forgets where it was
   * and what it carried; the watches still open go on over a new stream, with the next token.
   */
  restart(): void;
}

/** How long the stream's latest events are kept for members that join holding their record. */
const KEEP_MS = 10_000;

interface StreamSource {
  baseUrl: string;
  fetch: typeof fetch;
  tokens: TokenCache;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * One `GET /v1/events` stream for all of a client's watches. Browsers allow about six HTTP/1.1
 * connections per origin, so a stream per watch would stall a console following a handful of
 * call-outs — and every other request behind them. The stream carries what the token may see
 * and is routed to watches by record id. It is read with fetch (so the token travels in the
 * Authorization header, which EventSource cannot do), reconnects with `Last-Event-ID` after a
 * drop or a restart of the service, and runs only while some watch is open.
 */
export function createEventHub(source: StreamSource): EventHub {
  const members = new Map<string, Set<Member>>();
  const everyone = () => [...members.values()].flatMap((set) => [...set]);
  let running: AbortController | undefined;
  let blocked = false;
  let open = false;
  let lastEventId: string | undefined;
  let timeoutMs = 10_000;
  // When the stream now open became ready (`performance.now()`), while it is open.
  let openSince: number | undefined;
  // The stream's latest events as received, and the time at or before which some may have been let go.
  const recent: { at: number; event: PeerEvent }[] = [];
  let keptAfter = -Infinity;
  const keep = (event: PeerEvent) => {
    const at = performance.now();
    recent.push({ at, event });
    while (recent[0] && recent[0].at < at - KEEP_MS) keptAfter = recent.shift()?.at ?? keptAfter;
  };

  const stream = async (signal: AbortSignal): Promise<'ended' | 'blocked' | 'expired'> => {
    const url = new URL('v1/events', source.baseUrl.endsWith('/') ? source.baseUrl : `${source.baseUrl}/`);
    const opened = new AbortController();
    const abort = () => {
      opened.abort();
    };
    signal.addEventListener('abort', abort, { once: true });
    const timer = setTimeout(abort, timeoutMs);
    let ready = false;
    try {
      const response = await source.fetch(url, {
        headers: {
          Authorization: `Bearer ${await source.tokens.get()}`,
          Accept: 'text/event-stream',
          ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}),
        },
        signal: opened.signal,
      });
      if (response.status === 401) {
        source.tokens.clear();
        return 'ended';
      }
      if (
        !response.ok ||
        !response.body ||
        !(response.headers.get('content-type') ?? '').includes('text/event-stream')
      ) {
        return 'blocked';
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return 'ended';
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = new Map<string, string>();
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            if (colon <= 0) continue;
            const name = line.slice(0, colon);
            fields.set(name, (fields.get(name) ?? '') + line.slice(colon + 1).replace(/^ /, ''));
          }
          // The token that opened the stream expired: open another at once with a fresh one. (Were the fresh one
          // refused, the 401 ends that attempt as any refused stream, with a pause.)
          if (fields.get('event') === 'expired') {
            source.tokens.clear();
            return 'expired';
          }
          if (fields.get('event') === 'ready') {
            if (!ready) {
              ready = true;
              open = true;
              openSince = performance.now();
              clearTimeout(timer);
              for (const member of everyone()) member.opened();
            }
            continue;
          }
          const data = fields.get('data');
          if (!data) continue;
          const event = z.safeParse(PeerEvent, JSON.parse(data));
          if (!event.success) continue;
          lastEventId = event.data.id;
          keep(event.data);
          for (const member of members.get(routeOf(event.data)) ?? []) member.event(event.data);
          for (const member of members.get(everyRecord) ?? []) member.event(event.data);
        }
      }
    } catch {
      // Only a stream that never opened in time points at a proxy; a refused or dropped
      // connection (a restart, an outage) is retried as a stream.
      return !ready && opened.signal.aborted && !signal.aborted ? 'blocked' : 'ended';
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', abort);
    }
  };

  const run = async (signal: AbortSignal) => {
    // A function, not a property read, so the checker does not assume it stays false.
    const stopped = () => signal.aborted;
    let failures = 0;
    while (!stopped()) {
      const outcome = await stream(signal);
      // A stopped run leaves the hub's state to whoever stopped it (a newer run may already be open).
      if (stopped()) return;
      open = false;
      openSince = undefined;
      // Nothing was lost: the next stream resumes after the last event, and its opening reads again.
      if (outcome === 'expired') continue;
      for (const member of everyone()) member.dropped();
      if (outcome === 'blocked') {
        failures += 1;
        if (failures >= 2) {
          blocked = true;
          for (const member of everyone()) member.blocked();
          return;
        }
      } else {
        failures = 0;
      }
      await sleep(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)) * (0.5 + Math.random() / 2), signal);
    }
  };

  const start = () => {
    const controller = new AbortController();
    running = controller;
    void run(controller.signal).finally(() => {
      if (running === controller) running = undefined;
    });
  };
  const stop = () => {
    running?.abort();
    running = undefined;
    open = false;
    openSince = undefined;
  };

  return {
    join(member, streamTimeoutMs, heldSince) {
      if (blocked) {
        member.blocked();
        return () => undefined;
      }
      let group = members.get(member.recordId);
      if (!group) members.set(member.recordId, (group = new Set()));
      group.add(member);
      // Joining a stream that is already open: read the record now, as on any (re)open; or, when the
      // member holds the record as answered after the stream opened, replay what it carried since.
      if (open)
        queueMicrotask(() => {
          if (!group.has(member)) return;
          const caughtUp =
            heldSince !== undefined && openSince !== undefined && openSince <= heldSince && keptAfter < heldSince;
          if (!caughtUp) {
            member.opened();
            return;
          }
          member.streaming();
          for (const { at, event } of recent) {
            if (at >= heldSince && [everyRecord, routeOf(event)].includes(member.recordId)) member.event(event);
          }
        });
      if (!running) {
        timeoutMs = streamTimeoutMs ?? timeoutMs;
        start();
      }
      return () => {
        group.delete(member);
        if (group.size === 0) members.delete(member.recordId);
        if (members.size === 0) stop();
      };
    },
    restart() {
      const wasRunning = running !== undefined;
      stop();
      lastEventId = undefined;
      recent.length = 0;
      keptAfter = -Infinity;
      if (wasRunning && members.size > 0) start();
    },
  };
}

interface WatchSource<T> {
  hub: EventHub;
  recordId: string;
  /** Reads the record now (initial state, polling, and events that carry a summary only). */
  read(signal: AbortSignal): Promise<T>;
  /** The record in an event, when the event carries the whole record. */
  fromEvent(event: PeerEvent): T | undefined;
  /** Whether an event concerns what is watched (default: every event routed to it does). */
  matches?(event: PeerEvent): boolean;
  version(value: T): string;
}

/**
 * Follows one record through the client's shared event stream, reading it whenever the stream
 * (re)opens, and polling it instead when streaming does not get through.
 */
export function watchRecord<T>(source: WatchSource<T>, options: WatchOptions = {}): Watch<T> {
  const controller = new AbortController();
  options.signal?.addEventListener(
    'abort',
    () => {
      controller.abort();
    },
    { once: true },
  );
  const { signal } = controller;
  const listeners = new Set<(value: T) => void>();
  const buffered: T[] = [];
  const waiting = new Set<() => void>();
  let mode: Watch<T>['mode'] = 'connecting';
  let lastVersion: string | undefined;

  const wakeAll = () => {
    for (const wake of waiting) wake();
  };

  const emit = (value: T) => {
    const version = source.version(value);
    if (version === lastVersion) return;
    lastVersion = version;
    buffered.push(value);
    for (const listener of listeners) listener(value);
    wakeAll();
  };

  const refresh = async () => {
    try {
      const value = await source.read(signal);
      if (!signal.aborted) emit(value);
    } catch {
      // Read again on the next event, reconnect or poll.
    }
  };

  const poll = async () => {
    mode = 'polling';
    while (!signal.aborted) {
      await refresh();
      await sleep(options.pollMs ?? 5000, signal);
    }
  };

  const leave = source.hub.join(
    {
      recordId: source.recordId,
      opened: () => {
        mode = 'stream';
        void refresh();
      },
      streaming: () => {
        mode = 'stream';
      },
      dropped: () => {
        mode = 'connecting';
      },
      blocked: () => void poll(),
      event: (event) => {
        if (source.matches && !source.matches(event)) return;
        const value = source.fromEvent(event);
        if (value) emit(value);
        else void refresh();
      },
    },
    options.streamTimeoutMs,
    options.heldSince,
  );

  signal.addEventListener(
    'abort',
    () => {
      leave();
      mode = 'closed';
      wakeAll();
    },
    { once: true },
  );

  return {
    get mode() {
      return mode;
    },
    subscribe(listener) {
      listeners.add(listener);
      const latest = buffered.at(-1);
      if (latest !== undefined) listener(latest);
      return () => listeners.delete(listener);
    },
    close: () => {
      controller.abort();
    },
    async *[Symbol.asyncIterator]() {
      let index = 0;
      while (!signal.aborted || index < buffered.length) {
        const value = buffered[index];
        if (index < buffered.length && value !== undefined) {
          index += 1;
          yield value;
          continue;
        }
        if (signal.aborted) return;
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiting.delete(wake);
            resolve();
          };
          waiting.add(wake);
        });
      }
    },
  };
}
