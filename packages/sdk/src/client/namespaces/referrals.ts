import * as api from '../../schema/api/referrals.js';
import type { Referral, ReferralListQuery } from '../../schema/referral.js';
import type { ClientCore } from '../core.js';
import type { CallOptions } from '../http.js';
import type { Watch, WatchOptions } from '../watch.js';
import type { Body } from './body.js';

export function referralsApi(core: ClientCore) {
  core.register(api.createReferral, api.transitionReferral, api.revokeReferralConsent);
  const read = (id: string, call?: CallOptions) => core.get(api.getReferral, { params: { id } }, call);
  return {
    create: (body: Body<typeof api.createReferral>, call?: CallOptions) =>
      core.change(api.createReferral, { body }, call),
    get: read,
    list: (query: ReferralListQuery = {}, call?: CallOptions) => core.get(api.listReferrals, { query }, call),
    transition: (id: string, body: Body<typeof api.transitionReferral>, call?: CallOptions) =>
      core.change(api.transitionReferral, { params: { id }, body }, call),
    /**
     * Records that the person revoked their consent: nothing it covered is disclosed from now on and
     * an open referral is cancelled. Answers with the consent and status only, not the referral.
     */
    revokeConsent: (id: string, body: Body<typeof api.revokeReferralConsent> = {}, call?: CallOptions) =>
      core.change(api.revokeReferralConsent, { params: { id }, body }, call),
    /** The referral now and after every change, live (events carry the status; the record is re-read). */
    watch: (id: string, options?: WatchOptions): Watch<Referral> =>
      core.watch(
        id,
        (signal) => read(id, { signal }),
        () => undefined,
        (referral) => String(referral.version),
        options,
      ),
  };
}
