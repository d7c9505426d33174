import type { EscalationPolicyVersionsQuery } from '../../schema/escalation.js';
import * as api from '../../schema/api/escalation.js';
import type { ClientCore } from '../core.js';
import type { CallOptions } from '../http.js';
import type { Body } from './body.js';

export function escalationApi(core: ClientCore) {
  core.register(api.updateEscalationPolicy);
  return {
    /** The policy new call-outs follow (version 0: the built-in default). */
    get: (call?: CallOptions) => core.get(api.getEscalationPolicy, {}, call),
    /**
     * Saves the whole policy as the next version; `expectedVersion` is the version it was made from
     * (a `PeerConflictError` when someone changed it since). Running call-outs keep their version.
     */
    update: (body: Body<typeof api.updateEscalationPolicy>, call?: CallOptions) =>
      core.change(api.updateEscalationPolicy, { body }, call),
    /** Every saved version, newest first, then the built-in default. */
    versions: (query: EscalationPolicyVersionsQuery = {}, call?: CallOptions) =>
      core.get(api.listEscalationPolicyVersions, { query }, call),
  };
}
