// HL7 FHIR R4 mappings. Referral mappings (ServiceRequest + Task) land with the referral picker.
export { nuccSystem, peerSpecialistCode, toPractitionerQualification } from './qualification.js';
export type { FhirQualification, QualificationOptions } from './qualification.js';
