import { createClientCore } from './core.js';
import type { PeerlinkClientOptions } from './core.js';
import {
  calloutLogsApi,
  credentialsApi,
  directoryApi,
  dispatchesApi,
  escalationApi,
  referralsApi,
  resourcesApi,
  specialistsApi,
  ruleSetsApi,
} from './namespaces.js';

/**
 * The typed Peerlink client with every namespace. Every method validates what it sends and
 * parses what it receives with the contract, and throws `PeerError` subclasses. Pages that need
 * one namespace can build it alone: `dispatchesApi(createClientCore(options))`.
 */
export function createPeerlinkClient(options: PeerlinkClientOptions) {
  const core = createClientCore(options);
  return {
    dispatches: dispatchesApi(core),
    calloutLogs: calloutLogsApi(core),
    resources: resourcesApi(core),
    referrals: referralsApi(core),
    credentials: credentialsApi(core),
    specialists: specialistsApi(core),
    ruleSets: ruleSetsApi(core),
    escalation: escalationApi(core),
    directory: directoryApi(core),
    outbox: core.outbox,
    drafts: core.drafts,
    clearLocalData: core.clearLocalData,
  };
}

export type PeerlinkClient = ReturnType<typeof createPeerlinkClient>;
