import { createClientCore } from './core.js';
import type { PeerlinkClientOptions } from './core.js';
import {
  directoryApi,
  escalationApi,
  resourcesApi,
  reportsApi,
  rosterApi,
  ruleSetsApi,
  scheduleApi,
  specialistsApi,
} from './namespaces.js';

/**
 * The client a program's own staff tools use to set the program up and run it — the roster, the
 * on-call schedule, the escalation policy, the resource directory (and its search), the certification rule sets and
 * the program report
 * — with a supervisor's embed token (reads with a peer's or a dispatcher's, as each endpoint
 * allows). Kept apart from `createPeerlinkClient`, the client of the embedded workflows, so a CAD
 * screen or a court portal never carries these schemas. Changes are sent at once, never queued (a
 * replayed change would carry a stale version) — except a new override, which names no version: with
 * `offline` given (off by default), one added while the network is away waits in the outbox (the call
 * throws `PeerQueuedError`) and is sent when it returns; `outbox` follows it.
 */
export function createProgramClient(options: PeerlinkClientOptions) {
  const core = createClientCore({ ...options, offline: options.offline ?? false });
  return {
    /** Overrides added offline, waiting to be sent (empty unless `offline` was given). */
    outbox: core.outbox,
    specialists: specialistsApi(core),
    roster: rosterApi(core),
    schedule: scheduleApi(core),
    escalation: escalationApi(core),
    directory: directoryApi(core),
    /** Finding a resource of the directory (to report its capacity, say). */
    resources: resourcesApi(core),
    ruleSets: ruleSetsApi(core),
    reports: reportsApi(core),
  };
}

export type ProgramClient = ReturnType<typeof createProgramClient>;
