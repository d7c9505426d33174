import type { Coding, Task } from '@medplum/fhirtypes';
import type { ConsentScope, ReferralStatus } from '../schema/referral.js';
import type { ResourceCategory } from '../schema/resource.js';

// The code tables of the referral mappings, kept apart so hosts and tests can read them.

/** Identifier and code systems for Peerlink's own ids and codes. */
export interface FhirSystems {
  /** Referral ids, on the ServiceRequest, Task and Consent made from a referral. */
  referral: string;
  /** Resource (service) ids, on the HealthcareService. */
  resource: string;
  /** The organization behind a resource, keyed by the resource id (resources have no organization id). */
  resourceOrganization: string;
  /** Agency ids: the program that makes the referral. */
  agency: string;
  /** The host's pseudonymous person reference (an MRN alias, a case number). */
  personRef: string;
  /** Resource categories. */
  category: string;
  /** Referral statuses, in `Task.businessStatus`. */
  referralStatus: string;
  /** Consent scopes. */
  consentScope: string;
  /** Kinds of `Task.output` Peerlink writes and reads. */
  taskOutput: string;
}

export const peerlinkSystems: Readonly<FhirSystems> = {
  referral: 'urn:peerlink:referral',
  resource: 'urn:peerlink:resource',
  resourceOrganization: 'urn:peerlink:resource-organization',
  agency: 'urn:peerlink:agency',
  personRef: 'urn:peerlink:person-ref',
  category: 'urn:peerlink:resource-category',
  referralStatus: 'urn:peerlink:referral-status',
  consentScope: 'urn:peerlink:consent-scope',
  taskOutput: 'urn:peerlink:task-output',
};

export const hl7 = {
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  confidentiality: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality',
  actReason: 'http://terminology.hl7.org/CodeSystem/v3-ActReason',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  consentAction: 'http://terminology.hl7.org/CodeSystem/consentaction',
  taskCode: 'http://hl7.org/fhir/CodeSystem/task-code',
  sdohcc: 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes',
  usCoreCategory: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-category',
  loinc: 'http://loinc.org',
  /** R4 core extension: the words a person used for a coded concept. */
  originalText: 'http://hl7.org/fhir/StructureDefinition/originalText',
  /** R4 core extension: a witness to the consent. */
  consentWitness: 'http://hl7.org/fhir/StructureDefinition/consent-Witness',
  snomed: 'http://snomed.info/sct',
} as const;

/** Where 42 CFR Part 2 is published, for `Consent.policy`. */
export const part2PolicyUri = 'https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2';

/**
 * Task status per referral status. `proposed` is a draft: the referral exists but nobody has been
 * asked to act on it yet. A no-show is `on-hold`, not `failed`: in Peerlink a no-show can be
 * scheduled again, and FHIR treats `failed` as final.
 */
export const taskStatuses: Readonly<Record<ReferralStatus, Task['status']>> = {
  proposed: 'draft',
  sent: 'requested',
  accepted: 'accepted',
  scheduled: 'in-progress',
  completed: 'completed',
  declined: 'rejected',
  'no-show': 'on-hold',
  cancelled: 'cancelled',
};

/** ServiceRequest status per referral status: the order stays active while the loop is open. */
export const serviceRequestStatuses: Readonly<Record<ReferralStatus, 'draft' | 'active' | 'completed' | 'revoked'>> = {
  proposed: 'draft',
  sent: 'active',
  accepted: 'active',
  scheduled: 'active',
  completed: 'completed',
  declined: 'revoked',
  'no-show': 'active',
  cancelled: 'revoked',
};

/** Request priority per urgency. An emergent referral is an emergency: `stat`. */
export const priorities = { routine: 'routine', urgent: 'urgent', emergent: 'stat' } as const;

export const statusLabels: Readonly<Record<ReferralStatus, string>> = {
  proposed: 'Proposed',
  sent: 'Sent',
  accepted: 'Accepted',
  scheduled: 'Scheduled',
  completed: 'Completed',
  declined: 'Declined',
  'no-show': 'No-show',
  cancelled: 'Cancelled',
};

/** Why a Task ended or paused, in fixed words (never the free-text notes, which may name people). */
export const statusReasons: Partial<Readonly<Record<ReferralStatus, string>>> = {
  declined: 'The referral was declined',
  'no-show': 'The person did not attend the scheduled appointment',
  cancelled: 'The referral was cancelled',
};

/** The Task's reason once the person revoked their consent. */
export const revokedReason = 'The person revoked their consent';

/**
 * Gravity SDOH domains (SDOHCC temporary codes) for the categories that are social needs. The
 * others are behavioral-health services the SDOH categories do not describe; they carry only
 * Peerlink's category code.
 */
export const sdohCategories: Partial<Readonly<Record<ResourceCategory, Coding>>> = {
  housing: { system: hl7.sdohcc, code: 'housing-instability', display: 'Housing Instability' },
  food: { system: hl7.sdohcc, code: 'food-insecurity', display: 'Food Insecurity' },
  transport: { system: hl7.sdohcc, code: 'transportation-insecurity', display: 'Transportation Insecurity' },
  employment: { system: hl7.sdohcc, code: 'employment-status', display: 'Employment Status' },
};

/**
 * Categories whose referral tells that a person has, or is treated for, a substance use disorder:
 * such records get the ETH label and restricted confidentiality. A referral to mutual aid (NA/AA
 * meetings) or harm reduction reveals it as clearly as one to treatment.
 */
export const substanceUseCategories: readonly ResourceCategory[] = [
  'detox',
  'treatment',
  'moud',
  'recovery-residence',
  'mutual-aid',
  'harm-reduction',
];

/** Security labels of records holding substance-use-disorder information (HL7 DS4P practice). */
export const substanceUseLabels: readonly Coding[] = [
  { system: hl7.confidentiality, code: 'R', display: 'restricted' },
  { system: hl7.actCode, code: 'ETH', display: 'substance abuse information sensitivity' },
  { system: hl7.actCode, code: '42CFRPart2', display: '42 CFR Part2' },
  { system: hl7.actCode, code: 'NORDSCLCD', display: 'no redisclosure without consent directive' },
];

/** The label of every other referral record. */
export const normalLabels: readonly Coding[] = [{ system: hl7.confidentiality, code: 'N', display: 'normal' }];

/** Purpose of use per consent scope (HL7 v3 ActReason). */
export const scopePurposes: Readonly<Record<ConsentScope, Coding>> = {
  'share-with-resource': { system: hl7.actReason, code: 'COC', display: 'coordination of care' },
  'share-with-court': { system: hl7.actReason, code: 'HLEGAL', display: 'legal' },
  'share-with-care-team': { system: hl7.actReason, code: 'TREAT', display: 'treatment' },
  'peer-follow-up': { system: hl7.actReason, code: 'COC', display: 'coordination of care' },
};

export const scopeLabels: Readonly<Record<ConsentScope, string>> = {
  'share-with-resource': 'share the referral with the receiving service',
  'share-with-court': 'report progress to the court',
  'share-with-care-team': 'share with the care team',
  'peer-follow-up': 'follow-up by the peer',
};

/**
 * Notice to accompany a disclosure of substance-use-disorder records (42 CFR 2.32), in brief.
 * A program whose counsel prefers other words passes them as `redisclosureNotice`.
 */
export const redisclosureNotice =
  'This information comes from records protected by the federal confidentiality rules for substance use ' +
  'disorder records (42 CFR Part 2). You may not disclose it again, or use it in a civil, criminal, ' +
  'administrative or legislative proceeding against the person, unless the person has consented in writing, ' +
  'a court order under those rules allows it, or the rules otherwise permit it.';
