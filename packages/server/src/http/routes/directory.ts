import {
  cancelDirectoryImport,
  deactivateResource,
  exportDirectory,
  getDirectoryImport,
  importDirectory,
  reportProviderCapacity,
  updateResource,
  updateResourceCapacity,
} from '@peerlink/sdk';
import type { Endpoint } from '@peerlink/sdk';
import { wholeAgency } from '../../domain/auth.js';
import { cancelImport, liveImport, readImport, runImport } from '../../domain/directory-import.js';
import { forbidden } from '../../domain/problems.js';
import * as changes from '../../domain/resource-changes.js';
import type { Changed } from '../../domain/resource-changes.js';
import type { Route, RouteDefinition } from '../route.js';
import { drain, route, uploadRoute } from '../route.js';

/** The largest HSDS upload read: 50,000 fully nested services take about 200 MB. */
export const maxUploadBytes = 512 * 1024 * 1024;

const lengthOf = (request: Request): number | null => {
  const value = Number(request.headers.get('content-length') ?? Number.NaN);
  return Number.isInteger(value) && value >= 0 ? value : null;
};

async function* noBody(): AsyncGenerator<Uint8Array> {
  // An upload without a body reads as empty, which the importer refuses by name.
}

export const importDirectoryRoute = uploadRoute(importDirectory, {
  auth: 'embed-token',
  handler: async ({ query, request, principal, meta, deps }) => {
    const { body } = request;
    try {
      return await runImport(deps.db, {
        agencyId: principal.agencyId,
        id: query.id,
        dryRun: query.dryRun ?? false,
        // The importer may stop early (broken JSON): the stream must then stay open to be drained.
        body: body ? body.values({ preventCancel: true }) : noBody(),
        bytesTotal: lengthOf(request),
        principal,
        meta,
        maxBytes: maxUploadBytes,
      });
    } finally {
      if (body && !body.locked) await drain(body).catch(() => undefined);
    }
  },
});

export const getDirectoryImportRoute = route(getDirectoryImport, {
  auth: 'embed-token',
  // An import running in this process answers from memory: its last transaction holds PGlite.
  held: ({ params, principal }) => liveImport(principal.agencyId, params.id),
  handler: ({ params, principal, tx }) => readImport(tx, principal.agencyId, params.id),
});

export const cancelDirectoryImportRoute = route(cancelDirectoryImport, {
  auth: 'embed-token',
  audit: [{ action: 'transition', recordType: 'resource' }],
  handler: ({ params, principal, tx, meta }) => cancelImport(tx, principal.agencyId, params.id, meta.now),
});

export const exportDirectoryRoute = route(exportDirectory, {
  auth: 'embed-token',
  audit: [{ action: 'export', recordType: 'resource' }],
  handler: ({ principal, tx, meta }) => {
    wholeAgency(principal);
    return changes.exportDirectory(tx, principal.agencyId, meta.now);
  },
});

/** The changed resource as the answer, with the names of the fields the change touched for its audit. */
const changed = ({ resource, fields }: Changed) => ({ status: 200 as const, body: resource, facts: fields });

/**
 * A route that changes one resource, under the auth kind its endpoint declares: audited as an
 * update naming the fields the change touched, and not at all when it touched none.
 */
const changeRoute = <E extends Endpoint>(
  endpoint: E,
  handler: RouteDefinition<E, E['auth'], readonly string[]>['handler'],
): Route =>
  route(endpoint, {
    auth: endpoint.auth,
    audit: [
      {
        action: 'update',
        recordType: 'resource',
        when: (_answer, _status, fields) => (fields?.length ?? 0) > 0,
        fields: (_answer, fields) => fields ?? [],
      },
    ],
    handler,
  });

export const updateResourceRoute = changeRoute(updateResource, async ({ params, body, principal, tx, meta }) =>
  changed(await changes.updateResource(tx, principal.agencyId, params.id, body, meta.now)),
);

export const deactivateResourceRoute = changeRoute(deactivateResource, async ({ params, principal, tx, meta }) =>
  changed(await changes.deactivateResource(tx, principal.agencyId, params.id, meta.now)),
);

export const updateResourceCapacityRoute = changeRoute(
  updateResourceCapacity,
  async ({ params, body, principal, tx, meta }) =>
    changed(await changes.updateCapacity(tx, principal.agencyId, params.id, body, meta.now)),
);

export const reportProviderCapacityRoute = changeRoute(
  reportProviderCapacity,
  async ({ params, body, principal, tx, meta }) => {
    // A provider's key reports for its own resource only; an agency key (no resource) reports for none.
    if (principal.resourceId !== params.id)
      throw forbidden('This key may report the capacity of its own resource only');
    return changed(await changes.updateCapacity(tx, principal.agencyId, params.id, body, meta.now));
  },
);
