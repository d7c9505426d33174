export { createPeerlinkClient } from './client.js';
export type { OutboxEvent, PeerlinkClient, PeerlinkClientOptions } from './client.js';
export {
  PeerAuthError,
  PeerConflictError,
  PeerError,
  PeerNetworkError,
  PeerNotFoundError,
  PeerQueuedError,
  PeerValidationError,
} from './errors.js';
export type { CallOptions } from './http.js';
export { indexedDbStore, memoryStore } from './local-store.js';
export type { LocalStore, OutboxItem } from './local-store.js';
export type { GetToken, TokenResult } from './tokens.js';
export type { Watch, WatchOptions } from './watch.js';
