import {
  createCalloutLog,
  getCalloutLog,
  listCalloutLogs,
  reviewCalloutLog,
  submitCalloutLog,
  updateCalloutLog,
} from '@peerlink/sdk';
import * as calloutLogs from '../../domain/callout-logs.js';
import { readRoute, route } from '../route.js';

// Every answer is redacted for its caller: after submitting, the author no longer reads the note.
const { redactCalloutLog: redact } = calloutLogs;

export const createCalloutLogRoute = route(createCalloutLog, {
  auth: 'embed-token',
  audit: [{ action: 'create', recordType: 'callout-log' }],
  handler: async ({ body, principal, tx, meta }) =>
    redact(await calloutLogs.createCalloutLog(tx, principal, body, meta.now), principal),
});

export const listCalloutLogsRoute = readRoute(listCalloutLogs, 'list', 'callout-log', ({ query, principal, tx }) =>
  calloutLogs.listCalloutLogs(tx, principal, query),
);

export const getCalloutLogRoute = readRoute(getCalloutLog, 'read', 'callout-log', async ({ params, principal, tx }) =>
  redact(await calloutLogs.readableLog(tx, principal, params.id), principal),
);

export const updateCalloutLogRoute = route(updateCalloutLog, {
  auth: 'embed-token',
  audit: [{ action: 'update', recordType: 'callout-log' }],
  handler: async ({ params, body, principal, tx, meta }) =>
    redact(await calloutLogs.updateCalloutLog(tx, principal, params.id, body, meta.now), principal),
});

export const submitCalloutLogRoute = route(submitCalloutLog, {
  auth: 'embed-token',
  audit: [
    { action: 'transition', recordType: 'callout-log' },
    { action: 'keep-pii', recordType: 'callout-log', when: (_, __, kept: boolean | undefined) => kept === true },
  ],
  async handler({ params, body, principal, tx, meta }) {
    const log = await calloutLogs.submitCalloutLog(tx, principal, params.id, body, meta.now);
    // Whether findings were kept is read from the log as stored: the caller's view may not show them.
    return { status: 200, body: redact(log, principal), facts: log.piiKept.length > 0 };
  },
});

export const reviewCalloutLogRoute = route(reviewCalloutLog, {
  auth: 'embed-token',
  audit: [{ action: 'review', recordType: 'callout-log' }],
  handler: async ({ params, body, principal, tx, meta }) =>
    redact(await calloutLogs.reviewCalloutLog(tx, principal, params.id, body, meta.now), principal),
});
