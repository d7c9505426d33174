import type { OnCallQuery } from '../../schema/agency.js';
import { getOnCall } from '../../schema/api/specialists.js';
import type { ClientCore } from '../core.js';
import type { CallOptions } from '../http.js';

export function specialistsApi(core: ClientCore) {
  return {
    onCall: (query: OnCallQuery = {}, call?: CallOptions) => core.get(getOnCall, { query }, call),
  };
}
