// The `rule-sets` endpoints: an agency's certification rule sets, their versions and the roles they apply to.
import { ById, endpoint, everyone } from '../endpoint.js';
import { page } from '../primitives.js';
import {
  AgencyRuleSet,
  AssignRuleSetRequest,
  CreateRuleSetRequest,
  RuleSetListQuery,
  RuleSetVersion,
  UpdateRuleSetRequest,
} from '../rule-set.js';

// Whoever reads credentials reads the rules their status is derived by; supervisors change them.
const changers = ['supervisor'] as const;

export const listRuleSets = endpoint({
  operationId: 'listRuleSets',
  method: 'GET',
  path: '/v1/rule-sets',
  summary: "List the agency's rule sets in their current versions",
  description:
    "The agency's certification rule sets, each in its current version with the peer roles it is assigned to, most recently changed first, one page at a time.",
  tag: 'rule-sets',
  roles: everyone,
  query: RuleSetListQuery,
  response: page(AgencyRuleSet),
});

export const getRuleSet = endpoint({
  operationId: 'getRuleSet',
  method: 'GET',
  path: '/v1/rule-sets/{id}',
  summary: 'Read a rule set in its current version',
  description: 'One rule set in its current version, with the peer roles it is assigned to.',
  tag: 'rule-sets',
  roles: everyone,
  params: ById,
  response: AgencyRuleSet,
});

export const listRuleSetVersions = endpoint({
  operationId: 'listRuleSetVersions',
  method: 'GET',
  path: '/v1/rule-sets/{id}/versions',
  summary: 'List every version of a rule set',
  description:
    'Every version of one rule set, newest first, one page at a time. Versions are kept forever: a credential evaluated in the past names the version it followed.',
  tag: 'rule-sets',
  roles: everyone,
  params: ById,
  query: RuleSetListQuery,
  response: page(RuleSetVersion),
});

export const createRuleSet = endpoint({
  operationId: 'createRuleSet',
  method: 'POST',
  path: '/v1/rule-sets',
  summary: 'Create a rule set (version 1), optionally assigned to peer roles',
  description:
    "A supervisor creates a certification rule set: the requirements and renewal of one credential type. Assigned to peer roles, it derives the status of those peers' credentials of that type.",
  tag: 'rule-sets',
  roles: changers,
  body: CreateRuleSetRequest,
  response: AgencyRuleSet,
  status: 201,
});

export const updateRuleSet = endpoint({
  operationId: 'updateRuleSet',
  method: 'PATCH',
  path: '/v1/rule-sets/{id}',
  summary: 'Change a rule set: a new version, the old one kept',
  description:
    'A supervisor replaces the rules with a new version, made only over `expectedVersion` (409 when someone changed it since). Every earlier version is kept; credential statuses follow the new version from their next read.',
  tag: 'rule-sets',
  roles: changers,
  params: ById,
  body: UpdateRuleSetRequest,
  response: AgencyRuleSet,
});

export const assignRuleSet = endpoint({
  operationId: 'assignRuleSet',
  method: 'POST',
  path: '/v1/rule-sets/{id}/assign',
  summary: 'Assign a rule set to peer roles',
  description:
    'A supervisor sets the peer roles the rule set applies to. A role has at most one rule set: a role listed moves here from the rule set it had; a role of this rule set left out is unassigned (its credentials are then judged by issuer status and expiry only).',
  tag: 'rule-sets',
  roles: changers,
  params: ById,
  body: AssignRuleSetRequest,
  response: AgencyRuleSet,
});
