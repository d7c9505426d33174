// The `callout-logs` endpoints: the log of a call-out and its review.
import { ById, endpoint } from '../endpoint.js';
import {
  CalloutLog,
  CalloutLogListQuery,
  CreateCalloutLogRequest,
  ReviewCalloutLogRequest,
  SubmitCalloutLogRequest,
  UpdateCalloutLogRequest,
} from '../callout-log.js';
import { page } from '../primitives.js';

export const createCalloutLog = endpoint({
  operationId: 'createCalloutLog',
  method: 'POST',
  path: '/v1/callout-logs',
  summary: 'Start the call-out log of a dispatch',
  description:
    'Starts the draft log of a call-out the specialist responded to. Intelligence offered by witnesses belongs in the investigator note, never in the narrative.',
  tag: 'callout-logs',
  roles: ['specialist'],
  body: CreateCalloutLogRequest,
  response: CalloutLog,
  status: 201,
});

export const listCalloutLogs = endpoint({
  operationId: 'listCalloutLogs',
  method: 'GET',
  path: '/v1/callout-logs',
  summary: 'List call-out logs',
  description:
    'Call-out logs the caller may see, one page at a time; filter by status (a review queue) or by dispatch. Only investigators read investigator notes.',
  tag: 'callout-logs',
  roles: ['specialist', 'supervisor', 'investigator'],
  query: CalloutLogListQuery,
  response: page(CalloutLog),
});

export const getCalloutLog = endpoint({
  operationId: 'getCalloutLog',
  method: 'GET',
  path: '/v1/callout-logs/{id}',
  summary: 'Read one call-out log',
  description:
    'One call-out log. The narrative and the investigator note are returned only to the roles allowed to read them.',
  tag: 'callout-logs',
  roles: ['specialist', 'supervisor', 'investigator'],
  params: ById,
  response: CalloutLog,
});

export const updateCalloutLog = endpoint({
  operationId: 'updateCalloutLog',
  method: 'PATCH',
  path: '/v1/callout-logs/{id}',
  summary: 'Replace the content of a draft or returned log',
  description:
    'Replaces the content of a log that is still a draft or was returned for changes; a submitted or approved log cannot be edited.',
  tag: 'callout-logs',
  roles: ['specialist'],
  params: ById,
  body: UpdateCalloutLogRequest,
  response: CalloutLog,
});

export const submitCalloutLog = endpoint({
  operationId: 'submitCalloutLog',
  method: 'POST',
  path: '/v1/callout-logs/{id}/submit',
  summary: 'Submit a complete log to the supervisor',
  description: 'Submits a complete log to the supervisor for review; the log must pass every check of a finished log.',
  tag: 'callout-logs',
  roles: ['specialist'],
  params: ById,
  body: SubmitCalloutLogRequest,
  response: CalloutLog,
});

export const reviewCalloutLog = endpoint({
  operationId: 'reviewCalloutLog',
  method: 'POST',
  path: '/v1/callout-logs/{id}/review',
  summary: 'Approve a submitted log or return it with comments',
  description: 'The supervisor approves a submitted log, or returns it to the specialist with comments.',
  tag: 'callout-logs',
  roles: ['supervisor'],
  params: ById,
  body: ReviewCalloutLogRequest,
  response: CalloutLog,
});
