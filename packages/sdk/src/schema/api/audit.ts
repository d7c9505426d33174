// The `audit` endpoint: the audit trail.
import { endpoint } from '../endpoint.js';
import { AuditEvent, AuditListQuery } from '../audit.js';
import { page } from '../primitives.js';

export const listAuditEvents = endpoint({
  operationId: 'listAuditEvents',
  method: 'GET',
  path: '/v1/audit',
  summary: 'Read the audit trail of the agency',
  description:
    "The agency's append-only audit trail, newest first: who read or changed which record, when, and from which embedding host.",
  tag: 'audit',
  roles: ['supervisor'],
  query: AuditListQuery,
  response: page(AuditEvent),
});
