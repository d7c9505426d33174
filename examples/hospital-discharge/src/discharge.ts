// The page's own logic, apart from its template: the fictional visit, the referrals made on this
// page, and their export as a FHIR R4 Bundle for the hospital's EHR.
import type { Referral, Resource } from '@peerlink/sdk';
import { toBundle } from '@peerlink/sdk/fhir';

/** What the emergency department's system knows about the visit. Fictional, pseudonymous. */
export const visit = {
  /** The hospital's pseudonymous visit reference, also each referral's `personRef`. */
  ref: 'ED-7781',
  arrived: 'By EMS, after a non-fatal opioid overdose; naloxone given in the field',
  disposition: 'Medically stable for discharge',
  offered: ['Buprenorphine bridge prescription', 'Naloxone kit', 'Peer recovery specialist follow-up'],
} as const;

/** The identifier system `personRef` values belong to: the hospital's own (fictional). */
export const personRefSystem = 'https://hospital.example.org/fhir/sid/ed-visit';

export type FhirBundle = ReturnType<typeof toBundle>;

/** Resource types in a bundle, each with how many entries it has, in entry order. */
export function bundleSummary(bundle: FhirBundle): string {
  const counts = new Map<string, number>();
  for (const entry of bundle.entry ?? []) {
    const type = entry.resource?.resourceType ?? 'unknown';
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return [...counts].map(([type, count]) => (count === 1 ? type : `${String(count)} ${type}`)).join(', ');
}

/**
 * The referrals as one FHIR R4 transaction Bundle (ServiceRequest, Task and Consent each, with the
 * HealthcareService and Organization of their resources). Throws when a resource is missing.
 */
export function referralBundle(
  referrals: readonly Referral[],
  resources: ReadonlyMap<string, Resource>,
  now = new Date(),
): FhirBundle {
  const used: Resource[] = [];
  for (const referral of referrals) {
    const resource = resources.get(referral.resourceId);
    if (!resource) throw new Error(`the resource of referral ${referral.id} is not loaded`);
    used.push(resource);
  }
  return toBundle(referrals, { resources: used, systems: { personRef: personRefSystem }, now });
}

/**
 * Saves `value` as a JSON file through a Blob and an object URL: nothing inline, so it works
 * under the page's strict CSP.
 */
export function downloadJson(fileName: string, value: unknown, type = 'application/fhir+json'): void {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(value, null, 2)}\n`], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; give it a moment before letting the URL go.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}
