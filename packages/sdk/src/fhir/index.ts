// HL7 FHIR R4 mappings: practitioner qualifications, and referrals as ServiceRequest, Task and
// Consent (shaped after the Gravity SDOH Clinical Care IG), in a Bundle, read back from a Task.
export { nuccSystem, peerSpecialistCode, toPractitionerQualification } from './qualification.js';
export type { FhirQualification, QualificationOptions } from './qualification.js';
export { consentActive, toConsent, toServiceRequest, toTask } from './referral.js';
export type { FhirReferralOptions } from './referral.js';
export { toBundle } from './bundle.js';
export type { FhirBundleOptions } from './bundle.js';
export { fromTask } from './from-task.js';
export type { FromTaskOptions, ReferralTaskUpdate } from './from-task.js';
export { FhirImportError } from './errors.js';
export {
  normalLabels,
  part2PolicyUri,
  peerlinkSystems,
  priorities,
  redisclosureNotice,
  scopePurposes,
  sdohCategories,
  serviceRequestStatuses,
  substanceUseCategories,
  substanceUseLabels,
  taskStatuses,
} from './codes.js';
export type { FhirSystems } from './codes.js';
