import { createDispatch, getDispatch, listDispatches, transitionDispatch } from '../../schema/api/dispatches.js';
import type { Dispatch, DispatchListQuery } from '../../schema/dispatch.js';
import type { ClientCore } from '../core.js';
import type { CallOptions } from '../http.js';
import type { Watch, WatchOptions } from '../watch.js';
import type { Body } from './body.js';

export function dispatchesApi(core: ClientCore) {
  core.register(createDispatch, transitionDispatch);
  const read = (id: string, call?: CallOptions) => core.get(getDispatch, { params: { id } }, call);
  return {
    create: (body: Body<typeof createDispatch>, call?: CallOptions) => core.change(createDispatch, { body }, call),
    get: read,
    list: (query: DispatchListQuery = {}, call?: CallOptions) => core.get(listDispatches, { query }, call),
    transition: (id: string, body: Body<typeof transitionDispatch>, call?: CallOptions) =>
      core.change(transitionDispatch, { params: { id }, body }, call),
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
