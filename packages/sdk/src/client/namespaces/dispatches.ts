import * as api from '../../schema/api/dispatches.js';
import type { Dispatch, DispatchListQuery } from '../../schema/dispatch.js';
import type { ClientCore } from '../core.js';
import type { CallOptions } from '../http.js';
import type { Watch, WatchOptions } from '../watch.js';
import type { Body } from './body.js';

export function dispatchesApi(core: ClientCore) {
  core.register(api.createDispatch, api.transitionDispatch);
  const read = (id: string, call?: CallOptions) => core.get(api.getDispatch, { params: { id } }, call);
  return {
    create: (body: Body<typeof api.createDispatch>, call?: CallOptions) =>
      core.change(api.createDispatch, { body }, call),
    get: read,
    list: (query: DispatchListQuery = {}, call?: CallOptions) => core.get(api.listDispatches, { query }, call),
    transition: (id: string, body: Body<typeof api.transitionDispatch>, call?: CallOptions) =>
      core.change(api.transitionDispatch, { params: { id }, body }, call),
    /** The dispatch now and after every change, live. */
    watch: (id: string, options?: WatchOptions): Watch<Dispatch> =>
      core.watch(
        id,
        (signal) => read(id, { signal }),
        (event) =>
          (event.type === 'dispatch.created' || event.type === 'dispatch.updated') && event.data.id === id
            ? event.data
            : undefined,
        (dispatch) => String(dispatch.version),
        options,
      ),
  };
}
