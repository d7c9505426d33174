import type { OnCallQuery } from '../../schema/agency.js';
import {
  createSpecialist,
  deactivateSpecialist,
  getOnCall,
  getSpecialist,
  importRoster,
  listSpecialists,
  reactivateSpecialist,
  updateOwnContacts,
  updateSpecialist,
} from '../../schema/api/specialists.js';
import type { SpecialistListQuery } from '../../schema/specialist.js';
import type { ClientCore } from '../core.js';
import type { CallOptions } from '../http.js';
import type { Body } from './body.js';

export function specialistsApi(core: ClientCore) {
  core.register(createSpecialist, updateSpecialist, deactivateSpecialist, reactivateSpecialist, updateOwnContacts);
  return {
    onCall: (query: OnCallQuery = {}, call?: CallOptions) => core.get(getOnCall, { query }, call),
    /** Adds a peer (supervisors). Text numbers come back in E.164. */
    create: (body: Body<typeof createSpecialist>, call?: CallOptions) => core.change(createSpecialist, { body }, call),
    /** The full record for supervisors and the peer themself; a summary for other roles. */
    get: (id: string, call?: CallOptions) => core.get(getSpecialist, { params: { id } }, call),
    list: (query: SpecialistListQuery = {}, call?: CallOptions) => core.get(listSpecialists, { query }, call),
    /** Changes the fields given and keeps the others (supervisors). */
    update: (id: string, body: Body<typeof updateSpecialist>, call?: CallOptions) =>
      core.change(updateSpecialist, { params: { id }, body }, call),
    /** Takes a peer off every roster; history keeps them. */
    deactivate: (id: string, call?: CallOptions) => core.change(deactivateSpecialist, { params: { id } }, call),
    reactivate: (id: string, call?: CallOptions) => core.change(reactivateSpecialist, { params: { id } }, call),
    /** The calling peer replaces their own contacts (a token with their subjectId). */
    updateOwnContacts: (body: Body<typeof updateOwnContacts>, call?: CallOptions) =>
      core.change(updateOwnContacts, { body }, call),
    /**
     * Imports the roster CSV: with `dryRun`, only checks and reports. A bad row rejects with a
     * `PeerValidationError` whose `errors` name every line and column (`line 7, column phone`).
     * Sent at once, never kept for later: an import is decided on the roster as it is now.
     */
    importRoster: (csv: string, options: { dryRun?: boolean } = {}, call?: CallOptions) =>
      core.get(importRoster, { query: { dryRun: options.dryRun ? 'true' : 'false' }, body: { csv } }, call),
  };
}
