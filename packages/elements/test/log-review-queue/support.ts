// Helpers for the review queue's tests, against the real reference service.
import { calloutLogsApi, createClientCore, type CalloutLog, type CalloutLogContent } from '@peerlink/sdk';
import { clearedDispatch, tokenFor } from '../callout-log-form/support.js';
import type { Setup } from '../request-button/server.js';
import { completeLog } from '../../../server/test/fixtures.js';

/** A finished log's content: the service tests' complete log, with free text the queue must never show. */
export const finishedLog = (narrative: string): CalloutLogContent => ({
  ...(completeLog as CalloutLogContent),
  narrative,
  investigatorNote: `Note text ${narrative}`,
});

/** A log the primary peer wrote for a new cleared call-out and submitted, through the SDK as the phone view does. */
export async function submittedLog(server: Setup, narrative: string): Promise<CalloutLog> {
  const dispatch = await clearedDispatch();
  const core = createClientCore({
    baseUrl: server.apiUrl,
    getToken: tokenFor('specialist', server.people.primary),
    offline: false,
  });
  const logs = calloutLogsApi(core);
  const log = await logs.create({ dispatchId: dispatch.id, content: finishedLog(narrative) });
  return logs.submit(log.id, {});
}
