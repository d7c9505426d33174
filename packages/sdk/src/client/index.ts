export { createPeerlinkClient } from './client.js';
export type { PeerlinkClient } from './client.js';
export { createProgramClient } from './program.js';
export type { ProgramClient } from './program.js';
export { createPeerlinkAdmin } from './admin.js';
export type { PeerlinkAdmin, PeerlinkAdminOptions } from './admin.js';
export { createClientCore } from './core.js';
export type { ClientCore, OutboxEvent, PeerlinkClientOptions } from './core.js';
export {
  agencyApi,
  apiKeysApi,
  calloutLogsApi,
  credentialsApi,
  directoryApi,
  dispatchesApi,
  embedSessionsApi,
  escalationApi,
  referralsApi,
  reportsApi,
  resourcesApi,
  rosterApi,
  ruleSetsApi,
  scheduleApi,
  specialistsApi,
} from './namespaces.js';
export * from './errors.js';
export type { CallOptions } from './http.js';
export { indexedDbStore, memoryStore } from './local-store.js';
export type { LocalStore, OutboxItem } from './local-store.js';
export type { GetToken, TokenResult } from './tokens.js';
export type { Watch, WatchOptions } from './watch.js';
