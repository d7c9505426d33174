import type { OnCallQuery } from '../../schema/agency.js';
import * as api from '../../schema/api/specialists.js';
import type { SpecialistListQuery } from '../../schema/specialist.js';
import type { ClientCore } from '../core.js';
import type { CallOptions } from '../http.js';
import type { Body } from './body.js';

/** Peers as the workflows meet them: who is on call, a peer's record, a peer's own contacts. Managing the roster is `rosterApi`. */
export function specialistsApi(core: ClientCore) {
  core.register(api.updateOwnContacts);
  return {
    onCall: (query: OnCallQuery = {}, call?: CallOptions) => core.get(api.getOnCall, { query }, call),
    /** The full record for supervisors and the peer themself; a summary for other roles. */
    get: (id: string, call?: CallOptions) => core.get(api.getSpecialist, { params: { id } }, call),
    list: (query: SpecialistListQuery = {}, call?: CallOptions) => core.get(api.listSpecialists, { query }, call),
    /** The calling peer replaces their own contacts (a token with their subjectId). */
    updateOwnContacts: (body: Body<typeof api.updateOwnContacts>, call?: CallOptions) =>
      core.change(api.updateOwnContacts, { body }, call),
  };
}
