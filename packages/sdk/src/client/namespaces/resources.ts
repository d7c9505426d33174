import * as api from '../../schema/api/resources.js';
import type { ResourceSearchQuery } from '../../schema/resource.js';
import type { ClientCore } from '../core.js';
import type { CallOptions } from '../http.js';

export function resourcesApi(core: ClientCore) {
  return {
    search: (query: ResourceSearchQuery = {}, call?: CallOptions) => core.get(api.searchResources, { query }, call),
    get: (id: string, call?: CallOptions) => core.get(api.getResource, { params: { id } }, call),
  };
}
