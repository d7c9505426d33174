// The `escalation` endpoints: the agency's escalation policy, as data, and its versions.
import { endpoint } from '../endpoint.js';
import { EscalationPolicy, EscalationPolicyVersionsQuery, UpdateEscalationPolicyRequest } from '../escalation.js';
import { page } from '../primitives.js';

export const getEscalationPolicy = endpoint({
  operationId: 'getEscalationPolicy',
  method: 'GET',
  path: '/v1/escalation-policy',
  summary: "Read the agency's escalation policy",
  description:
    'The policy new call-outs follow: its levels (who is notified, for how long), how often it repeats and who gets a copy. An agency that never set one follows the built-in default, version 0: primary, backup, then supervisor, each for the acknowledgement timeout, the supervisor copied.',
  tag: 'escalation',
  roles: ['dispatcher', 'supervisor', 'specialist'],
  response: EscalationPolicy,
});

export const updateEscalationPolicy = endpoint({
  operationId: 'updateEscalationPolicy',
  method: 'POST',
  path: '/v1/escalation-policy',
  summary: "Change the agency's escalation policy",
  description:
    'Saves the whole policy as a new version; call-outs already running keep the version they started with. `expectedVersion` is the version the change was made from: another answers 409. Levels name positions of the area, every active peer of the area, or one active peer of the agency; the whole walk (levels, timeouts, repeats) lasts at most four hours.',
  tag: 'escalation',
  roles: ['supervisor'],
  body: UpdateEscalationPolicyRequest,
  response: EscalationPolicy,
});

export const listEscalationPolicyVersions = endpoint({
  operationId: 'listEscalationPolicyVersions',
  method: 'GET',
  path: '/v1/escalation-policy/versions',
  summary: 'List every version of the escalation policy, newest first',
  description:
    'Every version the agency saved, kept for good because call-outs name the version they followed, newest first; the built-in default (version 0) comes last.',
  tag: 'escalation',
  roles: ['dispatcher', 'supervisor', 'specialist'],
  query: EscalationPolicyVersionsQuery,
  response: page(EscalationPolicy),
});
