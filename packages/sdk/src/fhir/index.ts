// HL7 FHIR R4 mappings (ServiceRequest + Task, PractitionerRole qualification) land here.
export {};
