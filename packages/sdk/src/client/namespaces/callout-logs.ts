import * as api from '../../schema/api/callout-logs.js';
import type { CalloutLog, CalloutLogListQuery } from '../../schema/callout-log.js';
import type { ClientCore } from '../core.js';
import type { CallOptions } from '../http.js';
import type { Watch, WatchOptions } from '../watch.js';
import type { Body } from './body.js';

export function calloutLogsApi(core: ClientCore) {
  core.register(api.createCalloutLog, api.updateCalloutLog, api.submitCalloutLog, api.reviewCalloutLog);
  const list = (query: CalloutLogListQuery = {}, call?: CallOptions) => core.get(api.listCalloutLogs, { query }, call);
  return {
    create: (body: Body<typeof api.createCalloutLog>, call?: CallOptions) =>
      core.change(api.createCalloutLog, { body }, call),
    update: (id: string, body: Body<typeof api.updateCalloutLog>, call?: CallOptions) =>
      core.change(api.updateCalloutLog, { params: { id }, body }, call),
    submit: (id: string, body: Body<typeof api.submitCalloutLog> = {}, call?: CallOptions) =>
      core.change(api.submitCalloutLog, { params: { id }, body }, call),
    review: (id: string, body: Body<typeof api.reviewCalloutLog>, call?: CallOptions) =>
      core.change(api.reviewCalloutLog, { params: { id }, body }, call),
    get: (id: string, call?: CallOptions) => core.get(api.getCalloutLog, { params: { id } }, call),
    list,
    /**
     * A page of logs now and again whenever a log the token may see changes (submitted, returned,
     * approved): `watchList({ status: 'submitted', order: 'oldest' })` is a supervisor's review queue.
     */
    watchList: (
      query: CalloutLogListQuery = {},
      options?: WatchOptions,
    ): Watch<{ items: CalloutLog[]; nextCursor: string | null }> =>
      core.watchEvents(
        (event) => event.type === 'callout-log.updated',
        (signal) => list(query, { signal }),
        (page) => page.items.map((log) => `${log.id}@${String(log.version)}`).join(','),
        options,
      ),
  };
}
