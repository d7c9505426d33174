import { createClientCore } from './core.js';
import type { PeerlinkClientOptions } from './core.js';
import {
  calloutLogsApi,
  credentialsApi,
  dispatchesApi,
  referralsApi,
  resourcesApi,
  specialistsApi,
} from './namespaces.js';

/**
 * The typed Peerlink client of the embedded workflows (call-outs, logs, the directory search,
 * referrals, credentials, peers and who is on call); setting a program up has its own client,
 * `createProgramClient`, and its administration (settings, keys) `createPeerlinkAdmin`. Every method validates what it sends and
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
    outbox: core.outbox,
    drafts: core.drafts,
    clearLocalData: core.clearLocalData,
  };
}

export type PeerlinkClient = ReturnType<typeof createPeerlinkClient>;
