import {
  assignRuleSet,
  createRuleSet,
  getRuleSet,
  listRuleSets,
  listRuleSetVersions,
  updateRuleSet,
} from '@peerlink/sdk';
import * as ruleSets from '../../domain/rule-sets.js';
import { readRoute, route } from '../route.js';

// Changes record the names of the fields they touched; `facts` carries them from the handler.
const changed = (_answer: unknown, fields: readonly string[] | undefined) => fields ?? [];

export const listRuleSetsRoute = readRoute(listRuleSets, 'list', 'rule-set', ({ query, principal, tx }) =>
  ruleSets.listRuleSets(tx, principal.agencyId, query),
);

export const getRuleSetRoute = readRoute(getRuleSet, 'read', 'rule-set', ({ params, principal, tx }) =>
  ruleSets.readRuleSet(tx, principal.agencyId, params.id),
);

export const listRuleSetVersionsRoute = readRoute(
  listRuleSetVersions,
  'read',
  'rule-set',
  ({ params, query, principal, tx }) => ruleSets.listVersions(tx, principal.agencyId, params.id, query),
);

export const createRuleSetRoute = route(createRuleSet, {
  auth: 'embed-token',
  audit: [{ action: 'create', recordType: 'rule-set', fields: changed }],
  async handler({ body, principal, tx, meta }) {
    const { ruleSet, fields } = await ruleSets.createRuleSet(tx, principal, body, meta.now);
    return { status: 201, body: ruleSet, facts: fields };
  },
});

export const updateRuleSetRoute = route(updateRuleSet, {
  auth: 'embed-token',
  audit: [{ action: 'update', recordType: 'rule-set', fields: changed }],
  async handler({ params, body, principal, tx, meta }) {
    const { ruleSet, fields } = await ruleSets.updateRuleSet(tx, principal, params.id, body, meta.now);
    return { status: 200, body: ruleSet, facts: fields };
  },
});

export const assignRuleSetRoute = route(assignRuleSet, {
  auth: 'embed-token',
  audit: [{ action: 'update', recordType: 'rule-set', fields: changed }],
  async handler({ params, body, principal, tx }) {
    const { ruleSet, fields } = await ruleSets.assignRuleSet(tx, principal, params.id, body.roles);
    return { status: 200, body: ruleSet, facts: fields };
  },
});
