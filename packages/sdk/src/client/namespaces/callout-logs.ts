import {
  createCalloutLog,
  getCalloutLog,
  listCalloutLogs,
  reviewCalloutLog,
  submitCalloutLog,
  updateCalloutLog,
} from '../../schema/api/callout-logs.js';
import type { CalloutLogListQuery } from '../../schema/callout-log.js';
import type { ClientCore } from '../core.js';
import type { CallOptions } from '../http.js';
import type { Body } from './body.js';

export function calloutLogsApi(core: ClientCore) {
  core.register(createCalloutLog, updateCalloutLog, submitCalloutLog, reviewCalloutLog);
  return {
    create: (body: Body<typeof createCalloutLog>, call?: CallOptions) => core.change(createCalloutLog, { body }, call),
    update: (id: string, body: Body<typeof updateCalloutLog>, call?: CallOptions) =>
      core.change(updateCalloutLog, { params: { id }, body }, call),
    submit: (id: string, body: Body<typeof submitCalloutLog> = {}, call?: CallOptions) =>
      core.change(submitCalloutLog, { params: { id }, body }, call),
    review: (id: string, body: Body<typeof reviewCalloutLog>, call?: CallOptions) =>
      core.change(reviewCalloutLog, { params: { id }, body }, call),
    get: (id: string, call?: CallOptions) => core.get(getCalloutLog, { params: { id } }, call),
    list: (query: CalloutLogListQuery = {}, call?: CallOptions) => core.get(listCalloutLogs, { query }, call),
  };
}
