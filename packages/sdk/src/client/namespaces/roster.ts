import * as api from '../../schema/api/specialists.js';
import type { ClientCore } from '../core.js';
import type { CallOptions } from '../http.js';
import type { Body } from './body.js';

/** Managing the roster (supervisors): peers added, changed, deactivated and imported from CSV. */
export function rosterApi(core: ClientCore) {
  return {
    /** Adds a peer. Text numbers come back in E.164. */
    create: (body: Body<typeof api.createSpecialist>, call?: CallOptions) =>
      core.change(api.createSpecialist, { body }, call),
    /** Changes the fields given and keeps the others. */
    update: (id: string, body: Body<typeof api.updateSpecialist>, call?: CallOptions) =>
      core.change(api.updateSpecialist, { params: { id }, body }, call),
    /** Takes a peer off every roster; history keeps them. */
    deactivate: (id: string, call?: CallOptions) => core.change(api.deactivateSpecialist, { params: { id } }, call),
    reactivate: (id: string, call?: CallOptions) => core.change(api.reactivateSpecialist, { params: { id } }, call),
    /**
     * Imports the roster CSV: with `dryRun`, only checks and reports. A bad row rejects with a
     * `PeerValidationError` whose `errors` name every line and column (`line 7, column phone`).
     * Sent at once, never kept for later: an import is decided on the roster as it is now.
     */
    importRoster: (csv: string, options: { dryRun?: boolean } = {}, call?: CallOptions) =>
      core.get(api.importRoster, { query: { dryRun: options.dryRun ? 'true' : 'false' }, body: { csv } }, call),
  };
}
