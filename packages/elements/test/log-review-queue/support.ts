// Helpers for the review queue's tests, against the real reference service.
import { calloutLogsApi, createClientCore, type CalloutLog, type CalloutLogContent } from '@peerlink/sdk';
import { clearedDispatch, tokenFor } from '../callout-log-form/support.js';
import type { Setup } from '../request-button/server.js';

/** A finished log's content: call-out facts, and free text the queue must never show. */
export const finishedLog = (narrative: string): CalloutLogContent => ({
  times: {
    dispatchedAt: '2026-11-22T14:05:00Z',
    arrivedAt: '2026-11-22T14:31:00Z',
    checkedInAt: '2026-11-22T14:33:00Z',
    clearedAt: '2026-11-22T15:40:00Z',
  },
  checkIn: {
    investigatorName: 'Inv. R. Okafor',
    investigatorRole: 'coroner-investigator',
    agencyName: 'County Coroner',
  },
  sceneType: 'private-residence',
  peopleServed: [{ role: 'family-member', ageBand: '41-64', count: 2 }],
  services: {
    support: ['emotional'],
    harmReduction: { naloxoneAdministered: 0, naloxoneLeftBehind: 2, fentanylTestStrips: 5, saferUseSupplies: false },
  },
  referralIds: [],
  transport: { kind: 'none' },
  outcome: 'information-only',
  followUp: { planned: false },
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
