// The single-file build for hosts that only add a script tag: every element, defined, and the
// SDK client. The contract's schemas stay in the ESM packages: a script-tag host talks to
// Peerlink through the elements and the client, which parse with them internally.
import './define-all.js';

export * from './index.js';
export {
  createPeerlinkClient,
  createClientCore,
  calloutLogsApi,
  credentialsApi,
  dispatchesApi,
  referralsApi,
  resourcesApi,
  specialistsApi,
  PeerAuthError,
  PeerConflictError,
  PeerError,
  PeerNetworkError,
  PeerNotFoundError,
  PeerQueuedError,
  PeerValidationError,
  indexedDbStore,
  memoryStore,
  canTransition,
  nextStates,
  toFieldErrors,
} from '@peerlink/sdk';
export type {
  PeerlinkClient,
  PeerlinkClientOptions,
  ClientCore,
  OutboxEvent,
  CallOptions,
  LocalStore,
  OutboxItem,
  GetToken,
  TokenResult,
  Watch,
  WatchOptions,
} from '@peerlink/sdk';
