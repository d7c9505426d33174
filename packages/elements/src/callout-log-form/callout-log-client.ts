import {
  calloutLogsApi,
  createClientCore,
  dispatchesApi,
  type CalloutLog,
  type ClientCore,
  type GetToken,
} from '@peerlink/sdk';

/**
 * The calls `<peer-callout-log-form>` makes. A full `createPeerlinkClient()` satisfies it; so
 * does `{ calloutLogs: calloutLogsApi(core), dispatches: dispatchesApi(core), drafts: core.drafts, outbox: core.outbox }`.
 */
export interface CalloutLogClient {
  readonly calloutLogs: Pick<
    ReturnType<typeof calloutLogsApi>,
    'create' | 'update' | 'submit' | 'review' | 'get' | 'list'
  >;
  readonly dispatches: Pick<ReturnType<typeof dispatchesApi>, 'get'>;
  /** Where the form keeps its draft on the device. */
  readonly drafts: ClientCore['drafts'];
  /** When present, a submit queued offline is followed until it is sent. */
  readonly outbox?: Pick<ClientCore['outbox'], 'subscribe' | 'pending'>;
}

/**
 * Builds the client the form needs from a service URL and a token source. Its `calloutLogs` is
 * the whole API, so the same client also serves `<peer-log-review-queue>` (which watches lists).
 */
export function calloutLogClient(baseUrl: string, getToken: GetToken) {
  const core = createClientCore({ baseUrl, getToken });
  return {
    calloutLogs: calloutLogsApi(core),
    dispatches: dispatchesApi(core),
    drafts: core.drafts,
    outbox: core.outbox,
  };
}

export type ReviewDecision = 'approve' | 'return';

declare module '../base/events.js' {
  interface PeerEventMap {
    'peer-log-saved': { dispatchId: string; savedAt: string };
    'peer-log-submitted': { log: CalloutLog };
    'peer-log-reviewed': { log: CalloutLog; decision: ReviewDecision };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'peer-log-saved': CustomEvent<{ dispatchId: string; savedAt: string }>;
    'peer-log-submitted': CustomEvent<{ log: CalloutLog }>;
    'peer-log-reviewed': CustomEvent<{ log: CalloutLog; decision: ReviewDecision }>;
  }
}
