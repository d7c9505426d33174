import type { Bundle, BundleEntry, Coding, Identifier, Resource as FhirResource } from '@medplum/fhirtypes';
import { stableUuid } from '../hsds/ids.js';
import type { Referral } from '../schema/referral.js';
import { normalLabels, substanceUseLabels } from './codes.js';
import { consentOf, contextOf, healthcareServiceOf, organizationOf, serviceRequestOf, taskOf } from './referral.js';
import type { FhirReferralOptions, Links } from './referral.js';

export interface FhirBundleOptions extends FhirReferralOptions {
  /**
   * `transaction` (default): each record is a conditional update on its Peerlink identifier, so
   * posting the bundle again updates the same records instead of adding copies. `collection`:
   * the same records without requests, for a system that files them itself.
   */
  type?: 'transaction' | 'collection';
}

const urn = (seed: string) => `urn:uuid:${stableUuid(seed)}`;

/**
 * One or more referrals as a FHIR R4 Bundle: for each, its ServiceRequest, Task and Consent, plus
 * the HealthcareService and Organization of its resource (once per resource). Every `fullUrl` is
 * a `urn:uuid:` derived from the Peerlink ids (the same referral always gets the same ones) and
 * every reference between the records points at one of them. The bundle's own `meta.security`
 * carries the most restrictive labels of its records.
 */
export function toBundle(referrals: Referral | readonly Referral[], options: FhirBundleOptions): Bundle {
  const list: readonly Referral[] = isReferralList(referrals) ? referrals : [referrals];
  const type = options.type ?? 'transaction';
  const entries = new Map<string, BundleEntry>();
  let substanceUse = false;

  const add = (fullUrl: string, resource: FhirResource & { identifier?: Identifier[] }) => {
    if (entries.has(fullUrl)) return;
    const identifier = resource.identifier?.[0];
    const entry: BundleEntry = { fullUrl, resource };
    if (type === 'transaction' && identifier?.system !== undefined && identifier.value !== undefined) {
      entry.request = {
        method: 'PUT',
        url: `${resource.resourceType}?identifier=${encodeURIComponent(`${identifier.system}|${identifier.value}`)}`,
      };
    }
    entries.set(fullUrl, entry);
  };

  for (const referral of list) {
    const ctx = contextOf(referral, options);
    substanceUse ||= ctx.substanceUse;
    const urls = {
      serviceRequest: urn(`referral:${referral.id}:ServiceRequest`),
      task: urn(`referral:${referral.id}:Task`),
      consent: urn(`referral:${referral.id}:Consent`),
      organization: urn(`resource:${referral.resourceId}:Organization`),
      healthcareService: urn(`resource:${referral.resourceId}:HealthcareService`),
    };
    const links: Links = {
      serviceRequest: { reference: urls.serviceRequest, type: 'ServiceRequest' },
      consent: { reference: urls.consent, type: 'Consent' },
      organization: { reference: urls.organization, type: 'Organization' },
      healthcareService: { reference: urls.healthcareService, type: 'HealthcareService' },
    };
    // After revocation only the consent may still name the organization (as its recipient).
    if (!ctx.revoked || referral.consent.scope.includes('share-with-resource'))
      add(urls.organization, organizationOf(ctx));
    if (!ctx.revoked) add(urls.healthcareService, healthcareServiceOf(ctx, links));
    add(urls.consent, consentOf(ctx, links));
    add(urls.serviceRequest, serviceRequestOf(ctx, links));
    add(urls.task, taskOf(ctx, links));
  }

  const security: Coding[] = (substanceUse ? substanceUseLabels : normalLabels).map((label) => ({ ...label }));
  return {
    resourceType: 'Bundle',
    meta: { security },
    type,
    timestamp: (options.now ?? new Date()).toISOString(),
    // FHIR JSON has no empty arrays.
    ...(entries.size > 0 ? { entry: [...entries.values()] } : {}),
  };
}

const isReferralList = (value: Referral | readonly Referral[]): value is readonly Referral[] => Array.isArray(value);
