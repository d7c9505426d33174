import type { calloutLogsApi, GetToken } from '@peerlink/sdk';
import { calloutLogClient, type CalloutLogClient } from '../callout-log-form/callout-log-client.js';

/**
 * The calls `<peer-log-review-queue>` makes, and those of the `<peer-callout-log-form>` it opens a
 * log in. A full `createPeerlinkClient()` satisfies it.
 */
export interface LogReviewQueueClient extends CalloutLogClient {
  readonly calloutLogs: CalloutLogClient['calloutLogs'] & Pick<ReturnType<typeof calloutLogsApi>, 'watchList'>;
}

/** Builds the client the queue needs from a service URL and a token source: the form's, which also watches lists. */
export const logReviewQueueClient: (baseUrl: string, getToken: GetToken) => LogReviewQueueClient = calloutLogClient;

declare module '../base/events.js' {
  interface PeerEventMap {
    'peer-queue-change': { count: number };
    'peer-log-open': { logId: string | null };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'peer-queue-change': CustomEvent<{ count: number }>;
    'peer-log-open': CustomEvent<{ logId: string | null }>;
  }
}
