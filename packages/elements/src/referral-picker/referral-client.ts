import {
  createClientCore,
  referralsApi,
  resourcesApi,
  type ClientCore,
  type GetToken,
  type Referral,
  type ReferralStatus,
  type Resource,
} from '@peerlink/sdk';
import { statusSince } from '../base/tones.js';

export { REFERRAL_TONES } from '../base/tones.js';

/**
 * The calls `<peer-referral-picker>` makes. A full `createPeerlinkClient()` satisfies it; so does
 * `{ resources: resourcesApi(core), referrals: referralsApi(core), outbox: core.outbox }`.
 */
export interface ReferralClient {
  /** Not called when the picker searches a local `resources` list. */
  readonly resources: Pick<ReturnType<typeof resourcesApi>, 'search'>;
  /** Without `revokeConsent` the picker does not offer to revoke consent. */
  readonly referrals: Pick<ReturnType<typeof referralsApi>, 'create' | 'transition' | 'watch'> &
    Partial<Pick<ReturnType<typeof referralsApi>, 'revokeConsent'>>;
  /** When present, a referral queued offline is followed until it is sent. */
  readonly outbox?: Pick<ClientCore['outbox'], 'subscribe'>;
}

/** Builds the client the picker needs from a service URL and a token source. */
export function referralClient(baseUrl: string, getToken: GetToken): ReferralClient {
  const core = createClientCore({ baseUrl, getToken });
  return { resources: resourcesApi(core), referrals: referralsApi(core), outbox: core.outbox };
}

/** When the referral entered its current status: the latest timeline entry for it. */
export const referralSince = (referral: Referral): string => statusSince(referral);

declare module '../base/events.js' {
  interface PeerEventMap {
    'peer-resource-selected': { resource: Resource };
    'peer-referral-created': { referral: Referral };
    'peer-referral-status': { referral: Referral; status: ReferralStatus };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'peer-resource-selected': CustomEvent<{ resource: Resource }>;
    'peer-referral-created': CustomEvent<{ referral: Referral }>;
    'peer-referral-status': CustomEvent<{ referral: Referral; status: ReferralStatus }>;
  }
}
