// Helpers for the review queue's tests, against the real reference service.
import {
  calloutLogsApi,
  createClientCore,
  dispatchesApi,
  type CalloutLog,
  type CalloutLogContent,
  type Dispatch,
  type GetToken,
} from '@peerlink/sdk';
import type { LogReviewQueueClient } from '../../src/index.js';
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
  return submitLogFor(server, await clearedDispatch(), narrative);
}

/** A log the primary peer wrote for `dispatch` (a cleared call-out) and submitted. */
export async function submitLogFor(server: Setup, dispatch: Dispatch, narrative: string): Promise<CalloutLog> {
  const core = createClientCore({
    baseUrl: server.apiUrl,
    getToken: tokenFor('specialist', server.people.primary),
    offline: false,
  });
  const logs = calloutLogsApi(core);
  const log = await logs.create({ dispatchId: dispatch.id, content: finishedLog(narrative) });
  return logs.submit(log.id, {});
}

/** A supervisor's call-out log API on the real service, as another supervisor's screen uses it. */
export const supervisorLogs = (server: Setup): ReturnType<typeof calloutLogsApi> =>
  calloutLogsApi(
    createClientCore({
      baseUrl: server.apiUrl,
      getToken: tokenFor('supervisor', server.people.supervisor),
      offline: false,
    }),
  );

/**
 * A real SDK client for the queue whose read of one call-out (`hold(dispatchId)`) waits until `release()`,
 * and which keeps the ids of every page of the queue its watch delivers, in order.
 */
export function holdingClient(server: Setup, getToken: GetToken) {
  const core = createClientCore({ baseUrl: server.apiUrl, getToken, offline: false });
  const calloutLogs = calloutLogsApi(core);
  const dispatches = dispatchesApi(core);
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let heldId = '';
  const reads: Promise<unknown>[] = [];
  const pages: string[][] = [];
  const client: LogReviewQueueClient = {
    calloutLogs: {
      ...calloutLogs,
      watchList: (query, options) => {
        const watch = calloutLogs.watchList(query, options);
        const subscribe = watch.subscribe.bind(watch);
        return Object.assign(watch, {
          subscribe: (listener: Parameters<typeof subscribe>[0]) =>
            subscribe((page) => {
              pages.push(page.items.map((log) => log.id));
              listener(page);
            }),
        });
      },
    },
    dispatches: {
      get: (id, call) => {
        if (id !== heldId) return dispatches.get(id, call);
        const read = gate.then(() => dispatches.get(id, call));
        reads.push(read);
        return read;
      },
    },
    drafts: core.drafts,
  };
  return {
    client,
    hold: (dispatchId: string) => {
      heldId = dispatchId;
    },
    release,
    /** Whether the queue has asked for the held call-out. */
    asked: () => reads.length > 0,
    /** Once every held read has answered or failed. */
    settled: () => Promise.allSettled(reads),
    /** Whether a page without `logId` came after one with it. */
    droppedLater: (logId: string) => {
      const at = pages.findIndex((ids) => ids.includes(logId));
      return at >= 0 && pages.slice(at + 1).some((ids) => !ids.includes(logId));
    },
  };
}
