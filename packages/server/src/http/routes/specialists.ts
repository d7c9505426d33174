import { getOnCall } from '@peerlink/sdk';
import { onCall } from '../../domain/directory.js';
import { route } from '../route.js';

export const getOnCallRoute = route(getOnCall, {
  auth: 'embed-token',
  handler: ({ query, principal, tx, meta }) => onCall(tx, principal.agencyId, query, meta.now),
});
