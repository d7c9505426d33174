import type { IDBPDatabase } from 'idb';

/** A change waiting to be sent, with the idempotency key it will be sent with. */
export interface OutboxItem {
  /** The Idempotency-Key: the service applies the change once however often it is replayed. */
  key: string;
  /** Replay order. */
  seq: number;
  /**
   * Who it is sent for: the person the token named when it was queued. A store must keep it as
   * given; an item without one (queued by an older version) is sent for no one.
   */
  owner?: string;
  operationId: string;
  method: 'POST' | 'PATCH';
  path: string;
  body: unknown;
  queuedAt: string;
  attempts: number;
  /** Set when the service refused the change: it stays here, visible, until discarded. */
  failure?: { status: number; code: string; message: string; fieldErrors?: Record<string, string> };
}

/**
 * Where the outbox and drafts live: IndexedDB in browsers, memory elsewhere. The client keeps each
 * person's apart (an item's `owner`, a draft key prefixed with it): a store holds everyone's.
 */
export interface LocalStore {
  /**
   * The name every tab opens this store by (an IndexedDB database's), when tabs share it: they take turns
   * sending its outbox through a Web Lock of that name. A store of one page's memory has none.
   */
  readonly name?: string;
  putItem(item: OutboxItem): Promise<void>;
  items(): Promise<OutboxItem[]>;
  deleteItem(key: string): Promise<void>;
  putDraft(key: string, value: unknown): Promise<void>;
  getDraft(key: string): Promise<unknown>;
  deleteDraft(key: string): Promise<void>;
  clear(): Promise<void>;
}

export function memoryStore(): LocalStore {
  const outbox = new Map<string, OutboxItem>();
  const drafts = new Map<string, unknown>();
  return {
    putItem: (item) => Promise.resolve(void outbox.set(item.key, structuredClone(item))),
    items: () =>
      Promise.resolve([...outbox.values()].sort((a, b) => a.seq - b.seq).map((item) => structuredClone(item))),
    deleteItem: (key) => Promise.resolve(void outbox.delete(key)),
    putDraft: (key, value) => Promise.resolve(void drafts.set(key, structuredClone(value))),
    getDraft: (key) => Promise.resolve(structuredClone(drafts.get(key))),
    deleteDraft: (key) => Promise.resolve(void drafts.delete(key)),
    clear: () => {
      outbox.clear();
      drafts.clear();
      return Promise.resolve();
    },
  };
}

/**
 * IndexedDB-backed store (one database per name), surviving reloads and closed tabs. Opening the
 * database is asynchronous anyway, so its code (idb) loads then, not with the page.
 */
export function indexedDbStore(name = 'peerlink'): LocalStore {
  let db: Promise<IDBPDatabase> | undefined;
  const open = () =>
    (db ??= import('idb').then(({ openDB }) =>
      openDB(name, 1, {
        upgrade(database) {
          database.createObjectStore('outbox', { keyPath: 'key' });
          database.createObjectStore('drafts');
        },
      }),
    ));
  return {
    name,
    async putItem(item) {
      await (await open()).put('outbox', item);
    },
    async items() {
      const all = (await (await open()).getAll('outbox')) as OutboxItem[];
      return all.sort((a, b) => a.seq - b.seq);
    },
    async deleteItem(key) {
      await (await open()).delete('outbox', key);
    },
    async putDraft(key, value) {
      await (await open()).put('drafts', value, key);
    },
    async getDraft(key) {
      const value: unknown = await (await open()).get('drafts', key);
      return value;
    },
    async deleteDraft(key) {
      await (await open()).delete('drafts', key);
    },
    async clear() {
      const database = await open();
      const tx = database.transaction(['outbox', 'drafts'], 'readwrite');
      await Promise.all([tx.objectStore('outbox').clear(), tx.objectStore('drafts').clear(), tx.done]);
    },
  };
}

export const defaultStore = (): LocalStore => (typeof indexedDB === 'undefined' ? memoryStore() : indexedDbStore());
