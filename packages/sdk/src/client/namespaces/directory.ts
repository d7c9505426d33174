import * as api from '../../schema/api/directory.js';
import type { DirectoryImportQuery } from '../../schema/directory.js';
import type { ClientCore } from '../core.js';
import type { CallOptions } from '../http.js';
import type { Body } from './body.js';

/** Managing the directory (supervisors): HSDS import and export, changes, deactivation, capacity. */
export function directoryApi(core: ClientCore) {
  core.register(api.updateResource, api.deactivateResource, api.updateResourceCapacity);
  return {
    /**
     * Imports an HSDS 3.0 payload as an upsert by HSDS id; with `{ dryRun: true }` only reports.
     * Sent at once, never queued offline: an import is a deliberate act to retry by hand. Pass
     * `{ id }` (a UUID) to follow it with `importStatus` while it runs.
     */
    importHsds: (payload: Body<typeof api.importDirectory>, query: DirectoryImportQuery = {}, call?: CallOptions) =>
      core.get(api.importDirectory, { query, body: payload }, call),
    /** An import's status and progress, and its per-record report once it ends. */
    importStatus: (id: string, call?: CallOptions) => core.get(api.getDirectoryImport, { params: { id } }, call),
    /**
     * Stops an import that has not ended: nothing is written and its status becomes `cancelled`. Sent at
     * once, never queued: a cancel that waits offline would arrive after the import ended.
     */
    cancelImport: (id: string, call?: CallOptions) =>
      core.get(api.cancelDirectoryImport, { params: { id }, body: {} }, call),
    /** The agency's active resources as an HSDS 3.0 `service_list` page. */
    export: (call?: CallOptions) => core.get(api.exportDirectory, {}, call),
    update: (id: string, body: Body<typeof api.updateResource>, call?: CallOptions) =>
      core.change(api.updateResource, { params: { id }, body }, call),
    /** Hides the resource from search; referrals that name it still read it. */
    deactivate: (id: string, call?: CallOptions) =>
      core.change(api.deactivateResource, { params: { id }, body: {} }, call),
    updateCapacity: (id: string, body: Body<typeof api.updateResourceCapacity>, call?: CallOptions) =>
      core.change(api.updateResourceCapacity, { params: { id }, body }, call),
  };
}
