import * as api from '../../schema/api/agency.js';
import type { ClientCore } from '../core.js';
import type { CallOptions } from '../http.js';
import type { Body } from './body.js';

/** The agency's own settings: for the program's server or admin tooling, with its secret API key. */
export function agencyApi(core: ClientCore) {
  return {
    /** The settings; secrets show only as set, with their last four characters. */
    get: (call?: CallOptions) => core.get(api.getAgency, {}, call),
    /** Changes the settings given; a secret left out keeps the stored one. */
    update: (body: Body<typeof api.updateAgency>, call?: CallOptions) => core.change(api.updateAgency, { body }, call),
    /** Sends one test message through the configured transport and reports what it answered. */
    testNotification: (body: Body<typeof api.testAgencyNotification>, call?: CallOptions) =>
      core.change(api.testAgencyNotification, { body }, call),
  };
}
