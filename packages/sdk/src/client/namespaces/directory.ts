import {
  cancelDirectoryImport,
  deactivateResource,
  exportDirectory,
  getDirectoryImport,
  importDirectory,
  updateResource,
  updateResourceCapacity,
} from '../../schema/api/directory.js';
import type { DirectoryImportQuery } from '../../schema/directory.js';
import type { ClientCore } from '../core.js';
import type { CallOptions } from '../http.js';
import type { Body } from './body.js';

/** Managing the directory (supervisors): HSDS import and export, changes, deactivation, capacity. */
export function directoryApi(core: ClientCore) {
  core.register(updateResource, deactivateResource, updateResourceCapacity);
  return {
    /**
     * Imports an HSDS 3.0 payload as an upsert by HSDS id; with `{ dryRun: true }` only reports.
     * Sent at once, never queued offline: an import is a deliberate act to retry by hand. Pass
     * `{ id }` (a UUID) to follow it with `importStatus` while it runs.
     */
    importHsds: (payload: Body<typeof importDirectory>, query: DirectoryImportQuery = {}, call?: CallOptions) =>
      core.get(importDirectory, { query, body: payload }, call),
    /** An import's status and progress, and its per-record report once it ends. */
    importStatus: (id: string, call?: CallOptions) => core.get(getDirectoryImport, { params: { id } }, call),
    /**
     * Stops an import that has not ended: nothing is written and its status becomes `cancelled`. Sent at
     * once, never queued: a cancel that waits offline would arrive after the import ended.
     */
    cancelImport: (id: string, call?: CallOptions) =>
      core.get(cancelDirectoryImport, { params: { id }, body: {} }, call),
    /** The agency's active resources as an HSDS 3.0 `service_list` page. */
    export: (call?: CallOptions) => core.get(exportDirectory, {}, call),
    update: (id: string, body: Body<typeof updateResource>, call?: CallOptions) =>
      core.change(updateResource, { params: { id }, body }, call),
    /** Hides the resource from search; referrals that name it still read it. */
    deactivate: (id: string, call?: CallOptions) => core.change(deactivateResource, { params: { id }, body: {} }, call),
    updateCapacity: (id: string, body: Body<typeof updateResourceCapacity>, call?: CallOptions) =>
      core.change(updateResourceCapacity, { params: { id }, body }, call),
  };
}
