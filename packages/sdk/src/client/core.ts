import type { Endpoint } from '../schema/api.js';
import type { PeerEvent } from '../schema/events.js';
import { PeerError, PeerNetworkError, PeerQueuedError, PeerValidationError } from './errors.js';
import type { CallInput, CallOptions, Output } from './http.js';
import { Http, check, newKey, pathOf } from './http.js';
import type { LocalStore, OutboxItem } from './local-store.js';
import { defaultStore, memoryStore } from './local-store.js';
import type { GetToken } from './tokens.js';
import { TokenCache, ownerOf } from './tokens.js';
import type { Watch, WatchOptions } from './watch.js';
import { createEventHub, everyRecord, watchRecord } from './watch.js';

/** What the outbox reports: a change kept for later, sent at last, or refused by the service. */
export type OutboxEvent =
  | { type: 'queued'; item: OutboxItem }
  | { type: 'sent'; item: OutboxItem; result: unknown }
  | { type: 'failed'; item: OutboxItem; error: PeerError };

export interface PeerlinkClientOptions {
  /** The Peerlink service, e.g. `https://peerlink.example.org`. */
  baseUrl: string;
  /** Returns an embed token (or an embed session) from the host's own server. */
  getToken: GetToken;
  fetch?: typeof fetch;
  /** Outbox events: `queued`, `sent`, `failed`. */
  onEvent?: (event: OutboxEvent) => void;
  /**
   * Keep changes made offline and replay them when back online (default: on where IndexedDB
   * exists). Pass a store to choose where they are kept.
   */
  offline?: boolean | LocalStore;
  timeoutMs?: number;
  retries?: number;
}

/**
 * What every part of the client shares: auth, retries, the outbox, drafts and live watches.
 * Namespaces (`dispatchesApi`…) are built on it; `createPeerlinkClient` puts them all together.
 */
export function createClientCore(options: PeerlinkClientOptions) {
  // A browser may be shared, and a session may end without sign-out: drafts and queued changes are
  // kept per person, the one the last token named (`ownerOf`), so they need no token at hand
  // (offline). Before the first token, what this page keeps is its own (`page`), sent with that
  // token. Items of older versions (no owner) are no one's: never shown or sent, until a sign-out.
  let known: string | undefined;
  const page = `?${newKey()}`;
  // Counts sign-outs: a replay under way when one comes writes nothing back and schedules nothing,
  // and a token asked for before one says nothing of who is here now.
  let signOuts = 0;
  // Not called as `options.getToken()`: a method call could change `options`, and the bundler would then keep the
  // outbox's code in clients built with `offline: false`, which it drops otherwise.
  const { getToken } = options;
  const tokens = new TokenCache(async () => {
    const session = signOuts;
    const result = await getToken();
    if (session === signOuts) known = ownerOf(typeof result === 'string' ? result : result.token);
    return result;
  });
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const http = new Http(
    {
      baseUrl: options.baseUrl,
      fetch: fetchImpl,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.retries === undefined ? {} : { retries: options.retries }),
    },
    tokens,
  );
  const store: LocalStore | undefined =
    options.offline === false
      ? undefined
      : typeof options.offline === 'object'
        ? options.offline
        : typeof indexedDB === 'undefined' && options.offline !== true
          ? undefined
          : defaultStore();
  const listeners = new Set<(event: OutboxEvent) => void>();
  if (options.onEvent) listeners.add(options.onEvent);
  const notify = (event: OutboxEvent) => {
    for (const listener of listeners) listener(event);
  };
  // Endpoints the outbox can replay: each namespace in use registers its own, so a page pays only
  // for the schemas of the calls it makes.
  const endpoints = new Map<string, Endpoint>();
  const register = (...list: Endpoint[]) => {
    for (const endpoint of list) endpoints.set(endpoint.operationId, endpoint);
  };
  const isOffline = () => typeof navigator !== 'undefined' && !navigator.onLine;

  /** Who is here; `ask` for a token to know (when there is none, offline: who was). */
  const owner = async (ask = !known): Promise<string> => {
    if (ask) await tokens.get().catch(() => undefined);
    return known ?? page;
  };
  const ours = (item: OutboxItem, me: string) => item.owner === me || item.owner === page;
  const mine = async (): Promise<OutboxItem[]> => {
    if (!store) return [];
    const me = await owner();
    return (await store.items()).filter((item) => ours(item, me));
  };

  const get = <E extends Endpoint>(endpoint: E, input: CallInput<E>, call?: CallOptions) =>
    http.call(endpoint, input, call);

  /** A change: sent now, or kept in the outbox when the network is away. */
  async function change<E extends Endpoint>(
    endpoint: E,
    input: CallInput<E>,
    call: CallOptions = {},
  ): Promise<Output<E>> {
    register(endpoint);
    if (!store) return http.call(endpoint, input, call);
    const key = call.idempotencyKey ?? newKey();
    const body = check(endpoint.body, input.body, 'request body');
    const queue = async (cause?: unknown): Promise<never> => {
      const me = await owner();
      const pending = await store.items();
      const item: OutboxItem = {
        key,
        owner: me,
        seq: (pending.at(-1)?.seq ?? 0) + 1,
        operationId: endpoint.operationId,
        method: endpoint.method === 'PATCH' ? 'PATCH' : 'POST',
        path: pathOf(endpoint, input.params),
        body,
        queuedAt: new Date().toISOString(),
        attempts: 0,
      };
      await store.putItem(item);
      notify({ type: 'queued', item });
      scheduleFlush();
      throw new PeerQueuedError(key, cause);
    };
    // Earlier changes still waiting go first: order is kept.
    if (isOffline() || (await mine()).some((item) => !item.failure)) return queue();
    try {
      return await http.call(endpoint, input, { ...call, idempotencyKey: key });
    } catch (error) {
      if (error instanceof PeerNetworkError && !call.signal?.aborted) return queue(error);
      throw error;
    }
  }

  let flushing: Promise<void> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleFlush = (delay = 0) => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void outbox.flush();
    }, delay);
  };

  async function replay(): Promise<void> {
    if (!store) return;
    const session = signOuts;
    for (const item of await store.items()) {
      if (item.failure) continue;
      // Sent only with a token of the person it is kept for: the one in hand, refreshed if due.
      const me = await owner(true);
      if (!ours(item, me)) continue;
      const endpoint = endpoints.get(item.operationId);
      if (!endpoint || session !== signOuts) continue;
      try {
        const result = await http.send(endpoint, item.path, new URLSearchParams(), item.body, item.key, undefined);
        if (session !== signOuts) return;
        await store.deleteItem(item.key);
        notify({ type: 'sent', item, result });
      } catch (error) {
        if (session !== signOuts) return;
        const peerError =
          error instanceof PeerError ? error : new PeerError('Replay failed', { code: 'unknown', cause: error });
        const refused =
          peerError.status !== undefined &&
          peerError.status >= 400 &&
          peerError.status < 500 &&
          peerError.status !== 401 &&
          peerError.status !== 408 &&
          peerError.status !== 429;
        if (!refused) {
          // The service is away or busy: keep the order and try again later.
          await store.putItem({ ...item, owner: me, attempts: item.attempts + 1 });
          scheduleFlush(Math.min(60_000, 2000 * 2 ** Math.min(item.attempts, 5)));
          return;
        }
        const failed: OutboxItem = {
          ...item,
          owner: me,
          attempts: item.attempts + 1,
          failure: {
            status: peerError.status,
            code: peerError.code,
            message: peerError.message,
            ...(peerError instanceof PeerValidationError ? { fieldErrors: { ...peerError.fieldErrors } } : {}),
          },
        };
        await store.putItem(failed);
        notify({ type: 'failed', item: failed, error: peerError });
      }
    }
  }

  const outbox = {
    /** Changes waiting to be sent, and refused ones (with `failure`) until discarded. */
    pending: mine,
    /**
     * Sends what waits, in order. Tabs sharing a store take turns through a Web Lock named after it; clients
     * of other stores never wait on each other.
     */
    flush: (): Promise<void> => {
      if (!store || isOffline()) return Promise.resolve();
      flushing ??= (async () => {
        try {
          const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
          if (locks && store.name !== undefined) await locks.request(`peerlink-outbox:${store.name}`, replay);
          else await replay();
        } finally {
          flushing = undefined;
        }
      })();
      return flushing;
    },
    /** Drops a refused change after the user has seen it. */
    discard: async (key: string): Promise<void> => {
      await store?.deleteItem(key);
    },
    subscribe: (listener: (event: OutboxEvent) => void): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  if (store && typeof window !== 'undefined') {
    window.addEventListener('online', () => void outbox.flush());
    scheduleFlush();
  }

  // Without an outbox (Node, or offline: false) drafts still work, in memory.
  const draftStore = store ?? memoryStore();

  // JSON escapes line breaks, so no owner holds one: a key of one person is never another's.
  const draftKey = async (key: string) => `${await owner()}\n${key}`;
  const drafts = {
    save: async (key: string, value: unknown): Promise<void> => {
      await draftStore.putDraft(await draftKey(key), value);
    },
    load: async <T = unknown>(key: string): Promise<T | undefined> =>
      (await draftStore.getDraft(await draftKey(key))) as T | undefined,
    delete: async (key: string): Promise<void> => {
      await draftStore.deleteDraft(await draftKey(key));
    },
  };

  const hub = createEventHub({ baseUrl: options.baseUrl, fetch: fetchImpl, tokens });

  /**
   * Sign-out: forgets the token and who held it, ends the event stream it opened, and removes every
   * draft and queued change from this device, whoever's they are. Watches still open go on with the
   * next token, which reads what that person may see.
   */
  const clearLocalData = async (): Promise<void> => {
    signOuts += 1;
    known = undefined;
    tokens.clear();
    hub.restart();
    await draftStore.clear();
  };
  const watch = <T>(
    recordId: string,
    read: (signal: AbortSignal) => Promise<T>,
    fromEvent: (event: PeerEvent) => T | undefined,
    version: (value: T) => string,
    watchOptions?: WatchOptions,
  ): Watch<T> => watchRecord({ hub, recordId, read, fromEvent, version }, watchOptions);
  /**
   * Follows something made of many records (a list, a queue) live: read now, and again after every
   * event that `matches`, whatever its record; polled when streaming does not get through.
   */
  const watchEvents = <T>(
    matches: (event: PeerEvent) => boolean,
    read: (signal: AbortSignal) => Promise<T>,
    version: (value: T) => string,
    watchOptions?: WatchOptions,
  ): Watch<T> =>
    watchRecord({ hub, recordId: everyRecord, read, fromEvent: () => undefined, matches, version }, watchOptions);

  return {
    baseUrl: options.baseUrl,
    fetch: fetchImpl,
    get,
    change,
    watch,
    watchEvents,
    register,
    outbox,
    drafts,
    clearLocalData,
  };
}

export type ClientCore = ReturnType<typeof createClientCore>;
