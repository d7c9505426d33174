import { getEscalationPolicy, listEscalationPolicyVersions, updateEscalationPolicy } from '@peerlink/sdk';
import { ackTimeoutMs } from '../../domain/agency.js';
import { wholeAgency } from '../../domain/auth.js';
import * as escalation from '../../domain/escalation.js';
import { readRoute, route } from '../route.js';

export const getEscalationPolicyRoute = readRoute(
  getEscalationPolicy,
  'read',
  'escalation-policy',
  async ({ principal, tx, deps }) =>
    escalation.currentPolicy(
      tx,
      principal.agencyId,
      await ackTimeoutMs(tx, principal.agencyId, deps.config.ackTimeoutMs),
    ),
);

export const updateEscalationPolicyRoute = route(updateEscalationPolicy, {
  auth: 'embed-token',
  audit: [
    {
      action: 'update',
      recordType: 'escalation-policy',
      fields: (_, changed: readonly string[] | undefined) => changed ?? [],
    },
  ],
  async handler({ body, principal, tx, deps, meta }) {
    wholeAgency(principal);
    const { policy, fields } = await escalation.updatePolicy(
      tx,
      principal.agencyId,
      body,
      meta.now,
      await ackTimeoutMs(tx, principal.agencyId, deps.config.ackTimeoutMs),
    );
    return { status: 200, body: policy, facts: fields };
  },
});

export const listEscalationPolicyVersionsRoute = readRoute(
  listEscalationPolicyVersions,
  'list',
  'escalation-policy',
  async ({ query, principal, tx, deps }) =>
    escalation.listPolicyVersions(
      tx,
      principal.agencyId,
      query,
      await ackTimeoutMs(tx, principal.agencyId, deps.config.ackTimeoutMs),
    ),
);
