import { getResource, searchResources } from '@peerlink/sdk';
import { loadResource } from '../../domain/directory.js';
import { searchDirectory } from '../../domain/resources.js';
import { route } from '../route.js';

export const searchResourcesRoute = route(searchResources, {
  auth: 'embed-token',
  handler: ({ query, principal, tx, meta }) => searchDirectory(tx, principal.agencyId, query, meta.now),
});

export const getResourceRoute = route(getResource, {
  auth: 'embed-token',
  handler: ({ params, principal, tx }) => loadResource(tx, principal.agencyId, params.id),
});
