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
  /** How long to wait for the stream to open before assuming a proxy buffers it (default 10 s). */
  streamTimeoutMs?: number;
}

interface WatchSource<T> {
  baseUrl: string;
  fetch: typeof fetch;
  tokens: TokenCache;
  recordId: string;
  /** Reads the record now (initial state, polling, and events that carry a summary only). */
  read(signal: AbortSignal): Promise<T>;
  /** The record in an event, when the event carries the whole record. */
  fromEvent(event: PeerEvent): T | undefined;
  version(value: T): string;
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
 * Follows one record over `GET /v1/events` with fetch (so the token travels in the Authorization
 * header, which EventSource cannot do). It reconnects with `Last-Event-ID` after a drop or a
 * restart of the service, and falls back to polling when something between blocks streaming.
 */
export function watchRecord<T>(source: WatchSource<T>, options: WatchOptions = {}): Watch<T> {
  const controller = new AbortController();
  options.signal?.addEventListener('abort', () => {
    controller.abort();
  }, { once: true });
  const { signal } = controller;
  // A function, not a property read, so the checker does not assume it stays false.
  const stopped = () => signal.aborted;
  const listeners = new Set<(value: T) => void>();
  const buffered: T[] = [];
  const waiting = new Set<() => void>();
  let mode: Watch<T>['mode'] = 'connecting';
  let lastEventId: string | undefined;
  let lastVersion: string | undefined;

  const emit = (value: T) => {
    const version = source.version(value);
    if (version === lastVersion) return;
    lastVersion = version;
    buffered.push(value);
    for (const listener of listeners) listener(value);
    for (const wake of waiting) wake();
  };

  const refresh = async () => {
    emit(await source.read(signal));
  };

  const stream = async (): Promise<'ended' | 'blocked'> => {
    const url = new URL(`v1/events?recordId=${encodeURIComponent(source.recordId)}`, source.baseUrl.endsWith('/') ? source.baseUrl : `${source.baseUrl}/`);
    const opened = new AbortController();
    const abort = () => {
      opened.abort();
    };
    signal.addEventListener('abort', abort, { once: true });
    const timer = setTimeout(abort, options.streamTimeoutMs ?? 10_000);
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
      if (!response.ok || !response.body || !(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
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
          if (fields.get('event') === 'ready') {
            if (!ready) {
              ready = true;
              clearTimeout(timer);
              mode = 'stream';
              // Whatever happened while disconnected is read once the stream is open.
              await refresh();
            }
            continue;
          }
          const data = fields.get('data');
          if (!data) continue;
          const event = z.safeParse(PeerEvent, JSON.parse(data));
          if (!event.success) continue;
          lastEventId = event.data.id;
          const value = source.fromEvent(event.data);
          if (value) emit(value);
          else await refresh();
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

  void (async () => {
    let failures = 0;
    while (!stopped()) {
      const outcome = await stream();
      if (stopped()) break;
      if (outcome === 'blocked') {
        failures += 1;
        if (failures >= 2) {
          // Streaming does not get through: read the record on an interval instead.
          mode = 'polling';
          while (!stopped()) {
            try {
              await refresh();
            } catch {
              // keep polling through outages
            }
            await sleep(options.pollMs ?? 5000, signal);
          }
          break;
        }
      } else {
        failures = 0;
      }
      mode = 'connecting';
      await sleep(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)) * (0.5 + Math.random() / 2), signal);
    }
    mode = 'closed';
    for (const wake of waiting) wake();
  })();

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
