import * as api from '../../schema/api/rule-sets.js';
import type { RuleSetListQuery } from '../../schema/rule-set.js';
import type { SpecialistRole } from '../../schema/agency.js';
import type { ClientCore } from '../core.js';
import type { CallOptions } from '../http.js';
import type { Body } from './body.js';

/** The agency's certification rule sets: read by every role that reads credentials, changed by supervisors. */
export function ruleSetsApi(core: ClientCore) {
  core.register(api.createRuleSet, api.updateRuleSet, api.assignRuleSet);
  return {
    /** The rule sets in their current versions, with the peer roles each is assigned to. */
    list: (query: RuleSetListQuery = {}, call?: CallOptions) => core.get(api.listRuleSets, { query }, call),
    /** One rule set in its current version. */
    get: (id: string, call?: CallOptions) => core.get(api.getRuleSet, { params: { id } }, call),
    /** Every version of one rule set, newest first. */
    versions: (id: string, query: RuleSetListQuery = {}, call?: CallOptions) =>
      core.get(api.listRuleSetVersions, { params: { id }, query }, call),
    /** Creates version 1, optionally assigned to roles at once. */
    create: (body: Body<typeof api.createRuleSet>, call?: CallOptions) =>
      core.change(api.createRuleSet, { body }, call),
    /**
     * Makes a new version over `expectedVersion` (the version read); a `PeerConflictError` when
     * someone changed it since. Earlier versions are kept.
     */
    update: (id: string, body: Body<typeof api.updateRuleSet>, call?: CallOptions) =>
      core.change(api.updateRuleSet, { params: { id }, body }, call),
    /** Sets the roles the rule set applies to: each listed role moves here, its unlisted roles are unassigned. */
    assign: (id: string, roles: readonly SpecialistRole[], call?: CallOptions) =>
      core.change(api.assignRuleSet, { params: { id }, body: { roles: [...roles] } }, call),
  };
}
