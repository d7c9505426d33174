import { listAuditEvents } from '@peerlink/sdk';
import * as audit from '../../domain/audit.js';
import { route } from '../route.js';

export const listAuditEventsRoute = route(listAuditEvents, {
  auth: 'embed-token',
  handler: ({ query, principal, tx }) => audit.listAuditEvents(tx, principal, query),
});
