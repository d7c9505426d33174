// One factory per API namespace. Each imports only its own endpoints, so a page that builds just
// `dispatchesApi` (a CAD button) does not download the schemas of referrals or call-out logs.
import type { OnCallQuery } from '../schema/agency.js';
import {
  createCalloutLog,
  createDispatch,
  createReferral,
  getCalloutLog,
  getCredential,
  getDispatch,
  getOnCall,
  getReferral,
  getResource,
  listCalloutLogs,
  listCredentials,
  listDispatches,
  listReferrals,
  reviewCalloutLog,
  revokeReferralConsent,
  searchResources,
  submitCalloutLog,
  transitionDispatch,
  transitionReferral,
  updateCalloutLog,
} from '../schema/api.js';
import type { Endpoint } from '../schema/api.js';
import type { CalloutLogListQuery } from '../schema/callout-log.js';
import type { CredentialListQuery } from '../schema/credential.js';
import type { Dispatch, DispatchListQuery } from '../schema/dispatch.js';
import type { Referral, ReferralListQuery } from '../schema/referral.js';
import type { ResourceSearchQuery } from '../schema/resource.js';
import type { VerificationResult } from '../credentials/verify.js';
import type { ClientCore } from './core.js';
import type { CallInput, CallOptions } from './http.js';
import type { Watch, WatchOptions } from './watch.js';

type Body<E extends Endpoint> = NonNullable<CallInput<E>['body']>;

export function dispatchesApi(core: ClientCore) {
  core.register(createDispatch, transitionDispatch);
  const read = (id: string, call?: CallOptions) => core.get(getDispatch, { params: { id } }, call);
  return {
    create: (body: Body<typeof createDispatch>, call?: CallOptions) => core.change(createDispatch, { body }, call),
    get: read,
    list: (query: DispatchListQuery = {}, call?: CallOptions) => core.get(listDispatches, { query }, call),
    transition: (id: string, body: Body<typeof transitionDispatch>, call?: CallOptions) =>
      core.change(transitionDispatch, { params: { id }, body }, call),
    /** The dispatch now and after every change, live. */
    watch: (id: string, options?: WatchOptions): Watch<Dispatch> =>
      core.watch(
        id,
        (signal) => read(id, { signal }),
        (event) => ((event.type === 'dispatch.created' || event.type === 'dispatch.updated') && event.data.id === id ? event.data : undefined),
        (dispatch) => String(dispatch.version),
        options,
      ),
  };
}

export function calloutLogsApi(core: ClientCore) {
  core.register(createCalloutLog, updateCalloutLog, submitCalloutLog, reviewCalloutLog);
  return {
    create: (body: Body<typeof createCalloutLog>, call?: CallOptions) => core.change(createCalloutLog, { body }, call),
    update: (id: string, body: Body<typeof updateCalloutLog>, call?: CallOptions) => core.change(updateCalloutLog, { params: { id }, body }, call),
    submit: (id: string, body: Body<typeof submitCalloutLog> = {}, call?: CallOptions) => core.change(submitCalloutLog, { params: { id }, body }, call),
    review: (id: string, body: Body<typeof reviewCalloutLog>, call?: CallOptions) => core.change(reviewCalloutLog, { params: { id }, body }, call),
    get: (id: string, call?: CallOptions) => core.get(getCalloutLog, { params: { id } }, call),
    list: (query: CalloutLogListQuery = {}, call?: CallOptions) => core.get(listCalloutLogs, { query }, call),
  };
}

export function resourcesApi(core: ClientCore) {
  return {
    search: (query: ResourceSearchQuery = {}, call?: CallOptions) => core.get(searchResources, { query }, call),
    get: (id: string, call?: CallOptions) => core.get(getResource, { params: { id } }, call),
  };
}

export function referralsApi(core: ClientCore) {
  core.register(createReferral, transitionReferral, revokeReferralConsent);
  const read = (id: string, call?: CallOptions) => core.get(getReferral, { params: { id } }, call);
  return {
    create: (body: Body<typeof createReferral>, call?: CallOptions) => core.change(createReferral, { body }, call),
    get: read,
    list: (query: ReferralListQuery = {}, call?: CallOptions) => core.get(listReferrals, { query }, call),
    transition: (id: string, body: Body<typeof transitionReferral>, call?: CallOptions) =>
      core.change(transitionReferral, { params: { id }, body }, call),
    /**
     * Records that the person revoked their consent: nothing it covered is disclosed from now on and
     * an open referral is cancelled. Answers with the consent and status only, not the referral.
     */
    revokeConsent: (id: string, body: Body<typeof revokeReferralConsent> = {}, call?: CallOptions) =>
      core.change(revokeReferralConsent, { params: { id }, body }, call),
    /** The referral now and after every change, live (events carry the status; the record is re-read). */
    watch: (id: string, options?: WatchOptions): Watch<Referral> =>
      core.watch(id, (signal) => read(id, { signal }), () => undefined, (referral) => String(referral.version), options),
  };
}

export function credentialsApi(core: ClientCore) {
  const base = core.baseUrl.replace(/\/+$/, '');
  return {
    get: (id: string, call?: CallOptions) => core.get(getCredential, { params: { id } }, call),
    list: (query: CredentialListQuery = {}, call?: CallOptions) => core.get(listCredentials, { query }, call),
    /**
     * Checks a signed credential issued by an agency of this Peerlink service: signature, issuer,
     * validity window and revocation. The verifier loads only when first used.
     */
    verify: async (jwt: string, options: { now?: Date } = {}): Promise<VerificationResult> => {
      const { verifyCredential } = await import('../credentials/verify.js');
      const issuer = unverifiedIssuer(jwt);
      if (!issuer?.startsWith(`${base}/v1/agencies/`)) {
        return { valid: false, reason: 'wrong-issuer', message: 'The credential was not issued through this Peerlink service' };
      }
      return verifyCredential(jwt, { jwksUrl: `${issuer}/jwks.json`, issuer, fetch: core.fetch, ...(options.now ? { now: options.now } : {}) });
    },
  };
}

/** The `iss` a token claims, read without trusting it: it only picks the key set to check with. */
function unverifiedIssuer(jwt: string): string | undefined {
  try {
    const payload = JSON.parse(atob((jwt.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as { iss?: unknown };
    return typeof payload.iss === 'string' ? payload.iss : undefined;
  } catch {
    return undefined;
  }
}

export function specialistsApi(core: ClientCore) {
  return {
    onCall: (query: OnCallQuery = {}, call?: CallOptions) => core.get(getOnCall, { query }, call),
  };
}
