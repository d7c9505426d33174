import type {
  Annotation,
  CodeableConcept,
  Coding,
  Consent,
  ConsentProvisionActor,
  ContactPoint,
  Extension,
  HealthcareService,
  Identifier,
  Meta,
  Organization,
  Patient,
  Period,
  Reference,
  Resource as FhirResource,
  ServiceRequest,
  Task,
} from '@medplum/fhirtypes';
import { categoryLabels } from '../hsds/extensions.js';
import { PersonRef } from '../schema/referral.js';
import type { ConsentRevocationReason, Referral, ReferralStatus } from '../schema/referral.js';
import type { Resource, ResourceCategory } from '../schema/resource.js';
import {
  hl7,
  normalLabels,
  part2PolicyUri,
  peerlinkSystems,
  priorities,
  redisclosureNotice,
  revokedReason,
  scopeLabels,
  scopePurposes,
  sdohCategories,
  serviceRequestStatuses,
  statusLabels,
  statusReasons,
  substanceUseCategories,
  substanceUseLabels,
  taskStatuses,
} from './codes.js';
import type { FhirSystems } from './codes.js';

export interface FhirReferralOptions {
  /** The resource (service) each referral goes to, found by `referral.resourceId`. */
  resources: Resource | readonly Resource[];
  /** The moment a consent is judged active or expired at. Default: now. */
  now?: Date;
  /** Identifier and code systems over `peerlinkSystems`, e.g. the host's own system for person references. */
  systems?: Partial<FhirSystems>;
  /**
   * The program is itself covered by 42 CFR Part 2, so every referral it makes identifies a person
   * as having a substance use disorder: label them all, whatever the category.
   */
  part2Program?: boolean;
  /** Copy `referral.note` into `ServiceRequest.note`. Off by default: free text may name people. */
  includeNote?: boolean;
  /** The redisclosure notice sent with substance-use-disorder records; default `redisclosureNotice`. */
  redisclosureNotice?: string;
}

/** What every mapping of one referral shares. */
export interface Context {
  readonly referral: Referral;
  readonly resource: Resource;
  readonly systems: FhirSystems;
  readonly now: Date;
  readonly includeNote: boolean;
  readonly notice: string;
  /** The records tell of a substance use disorder: ETH-labelled, restricted, with the notice. */
  readonly substanceUse: boolean;
  /** The person revoked their consent: the ServiceRequest and Task withhold the referral's details. */
  readonly revoked: boolean;
  /** The referral's status as exported: an open referral whose consent was revoked is cancelled. */
  readonly status: ReferralStatus;
}

/** How the records of one referral point at each other: by id, inside a bundle, or contained. */
export interface Links {
  readonly serviceRequest: Reference<ServiceRequest>;
  readonly consent: Reference<Consent>;
  readonly organization: Reference<Organization>;
  readonly healthcareService: Reference<HealthcareService>;
}

/** Where a record sits: its own id and the records it contains, when it stands alone. */
export interface Placement {
  readonly id?: string;
  readonly contained?: FhirResource[];
}

const finalStatuses: readonly ReferralStatus[] = ['completed', 'declined', 'cancelled'];

export function contextOf(referral: Referral, options: FhirReferralOptions): Context {
  // The contract already refuses names here; checked again because this leaves Peerlink.
  if (!PersonRef.safeParse(referral.personRef).success) {
    throw new RangeError('referral.personRef must be a pseudonymous reference, not a name');
  }
  const resources: readonly Resource[] = isResourceList(options.resources) ? options.resources : [options.resources];
  const resource = resources.find((candidate) => candidate.id === referral.resourceId);
  if (!resource) throw new RangeError(`No resource with id ${referral.resourceId} in options.resources`);
  const categories: ResourceCategory[] = [...referral.needs, ...resource.categories];
  const revoked = referral.consent.revokedAt !== null;
  return {
    referral,
    resource,
    systems: { ...peerlinkSystems, ...options.systems },
    now: options.now ?? new Date(),
    includeNote: options.includeNote ?? false,
    notice: options.redisclosureNotice ?? redisclosureNotice,
    substanceUse:
      options.part2Program === true || categories.some((category) => substanceUseCategories.includes(category)),
    revoked,
    status: revoked && !finalStatuses.includes(referral.status) ? 'cancelled' : referral.status,
  };
}

const isResourceList = (value: Resource | readonly Resource[]): value is readonly Resource[] => Array.isArray(value);

/** References between the records of one referral as a FHIR server would hold them after a PUT by id. */
export function standaloneLinks(referral: Referral): Links {
  return {
    serviceRequest: { reference: `ServiceRequest/${referral.id}`, type: 'ServiceRequest' },
    consent: { reference: `Consent/${referral.id}`, type: 'Consent' },
    organization: { reference: '#organization', type: 'Organization' },
    healthcareService: { reference: '#service', type: 'HealthcareService' },
  };
}

// --- the records ------------------------------------------------------------------------------

const securityOf = (ctx: Context): Meta => ({
  security: (ctx.substanceUse ? substanceUseLabels : normalLabels).map((label) => ({ ...label })),
});

const referralIdentifier = (ctx: Context): Identifier[] => [{ system: ctx.systems.referral, value: ctx.referral.id }];

/** How the referral's request and its Task open: where they are placed, their labels and the referral's id. */
const requestHead = (ctx: Context, placement: Placement) => ({
  ...placement,
  meta: securityOf(ctx),
  identifier: referralIdentifier(ctx),
});

/** The person, by the host's pseudonymous reference only: no name, no display. */
const personOf = (ctx: Context): Reference<Patient> => ({
  type: 'Patient',
  identifier: { system: ctx.systems.personRef, value: ctx.referral.personRef },
});

const requesterOf = (ctx: Context): Reference<Organization> => ({
  type: 'Organization',
  identifier: { system: ctx.systems.agency, value: ctx.referral.agencyId },
});

function categoryConcept(ctx: Context, category: ResourceCategory): CodeableConcept {
  const sdoh = sdohCategories[category];
  const own: Coding = { system: ctx.systems.category, code: category, display: categoryLabels[category] };
  return { coding: sdoh ? [{ ...sdoh }, own] : [own], text: categoryLabels[category] };
}

function serviceCategories(ctx: Context): CodeableConcept[] {
  const needs = ctx.referral.needs.map((need) => categoryConcept(ctx, need));
  // US Core marks a request that addresses a social need with its `sdoh` category.
  const social = ctx.referral.needs.some((need) => sdohCategories[need] !== undefined);
  return social
    ? [{ coding: [{ system: hl7.usCoreCategory, code: 'sdoh', display: 'SDOH' }], text: 'SDOH' }, ...needs]
    : needs;
}

export function serviceRequestOf(ctx: Context, links: Links, placement: Placement = {}): ServiceRequest {
  const { referral, resource } = ctx;
  const notes: Annotation[] = [
    ...(ctx.substanceUse ? [{ text: ctx.notice }] : []),
    ...(ctx.includeNote && referral.note && !ctx.revoked ? [{ text: referral.note }] : []),
  ];
  // After revocation the request says only that it ended: not what was asked, of whom, or when.
  const details: Partial<ServiceRequest> = ctx.revoked
    ? {}
    : {
        category: serviceCategories(ctx),
        priority: priorities[referral.urgency],
        code: {
          coding: [{ system: hl7.snomed, code: '3457005', display: 'Patient referral' }],
          text: `Referral to ${resource.name}`,
        },
        ...(referral.scheduledAt ? { occurrenceDateTime: referral.scheduledAt } : {}),
        performer: [links.healthcareService],
      };
  return {
    resourceType: 'ServiceRequest',
    ...requestHead(ctx, placement),
    status: serviceRequestStatuses[ctx.status],
    intent: 'order',
    ...details,
    subject: personOf(ctx),
    authoredOn: referral.createdAt,
    requester: requesterOf(ctx),
    supportingInfo: [links.consent],
    ...(notes.length > 0 ? { note: notes } : {}),
  };
}

/** When the referral last entered `status`, from its timeline. */
const enteredAt = (referral: Referral, status: ReferralStatus): string | undefined =>
  referral.timeline.findLast((entry) => entry.status === status)?.at;

function executionPeriod(referral: Referral): Period | undefined {
  const start = enteredAt(referral, 'accepted');
  const end = finalStatuses.includes(referral.status)
    ? (enteredAt(referral, referral.status) ?? referral.updatedAt)
    : undefined;
  if (start === undefined && end === undefined) return undefined;
  return { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) };
}

/** The `Task.output` kind that carries the appointment time. */
export const scheduledOutputCode = 'scheduled-at';

export function taskOf(ctx: Context, links: Links, placement: Placement = {}): Task {
  const { referral } = ctx;
  const reason = ctx.revoked ? revokedReason : statusReasons[ctx.status];
  const period = executionPeriod(referral);
  // After revocation the Task tells that it ended and why; not who held it, when or for what time.
  const details: Partial<Task> = ctx.revoked
    ? {}
    : {
        priority: priorities[referral.urgency],
        ...(period ? { executionPeriod: period } : {}),
        owner: links.organization,
        ...(referral.scheduledAt
          ? {
              output: [
                {
                  type: {
                    coding: [{ system: ctx.systems.taskOutput, code: scheduledOutputCode, display: 'Scheduled for' }],
                    text: 'Scheduled for',
                  },
                  valueDateTime: referral.scheduledAt,
                },
              ],
            }
          : {}),
      };
  return {
    resourceType: 'Task',
    ...requestHead(ctx, placement),
    status: taskStatuses[ctx.status],
    ...(reason ? { statusReason: { text: reason } } : {}),
    businessStatus: {
      coding: [{ system: ctx.systems.referralStatus, code: ctx.status, display: statusLabels[ctx.status] }],
      text: statusLabels[ctx.status],
    },
    intent: 'order',
    code: { coding: [{ system: hl7.taskCode, code: 'fulfill', display: 'Fulfill the focal request' }] },
    focus: links.serviceRequest,
    for: personOf(ctx),
    authoredOn: referral.createdAt,
    lastModified: referral.updatedAt,
    requester: requesterOf(ctx),
    ...details,
  };
}

/** Whether the consent allows disclosure at `now`: not revoked and not expired. */
export function consentActive(consent: Referral['consent'], now: Date): boolean {
  return consent.revokedAt === null && now.getTime() < Date.parse(consent.expiresAt);
}

const escapeXhtml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const revocationWords: Readonly<Record<ConsentRevocationReason, string>> = {
  'person-request': 'at the request of the person',
  'representative-request': "at the request of the person's representative",
  'recorded-in-error': 'as recorded in error',
};

function consentNarrative(ctx: Context): string {
  const { consent } = ctx.referral;
  const revoked =
    consent.revokedAt === null
      ? ''
      : `; revoked ${consent.revokedAt}${consent.revocationReason ? ` ${revocationWords[consent.revocationReason]}` : ''}`;
  const lines = [
    `Consent (${consent.method}) to: ${consent.scope.map((scope) => scopeLabels[scope]).join('; ')}.`,
    ...(consent.recipient ? [`Recipient: ${consent.recipient}.`] : []),
    ...(consent.purpose ? [`Purpose: ${consent.purpose}.`] : []),
    ...(consent.witnessedBy ? [`Witnessed by ${consent.witnessedBy}.`] : []),
    `Granted ${consent.grantedAt}; expires ${consent.expiresAt}${revoked}.`,
    'The person was told that 42 CFR Part 2 protects substance use disorder records.',
    ...(ctx.substanceUse ? [ctx.notice] : []),
  ];
  return `<div xmlns="http://www.w3.org/1999/xhtml">${lines.map((line) => `<p>${escapeXhtml(line)}</p>`).join('')}</div>`;
}

/** R4 has no "revoked": a revoked consent is `inactive`, one recorded in error `entered-in-error`. */
function consentStatus(ctx: Context): Consent['status'] {
  const { consent } = ctx.referral;
  if (consent.revocationReason === 'recorded-in-error' && consent.revokedAt !== null) return 'entered-in-error';
  return consentActive(consent, ctx.now) ? 'active' : 'inactive';
}

const informationRecipient: CodeableConcept = {
  coding: [{ system: hl7.participationType, code: 'IRCP', display: 'information recipient' }],
};

/**
 * Who may receive: the resource's organization when the scope shares with it, and whoever the
 * person named (`consent.recipient`), by name only.
 */
function recipientsOf(ctx: Context, links: Links): ConsentProvisionActor[] {
  const { consent } = ctx.referral;
  return [
    ...(consent.scope.includes('share-with-resource')
      ? [{ role: informationRecipient, reference: links.organization }]
      : []),
    ...(consent.recipient ? [{ role: informationRecipient, reference: { display: consent.recipient } }] : []),
  ];
}

export function consentOf(ctx: Context, links: Links, placement: Placement = {}): Consent {
  const { consent } = ctx.referral;
  // The person's own words for the purpose ride on each coded purpose (R4 `originalText`).
  const words: Extension[] = consent.purpose ? [{ url: hl7.originalText, valueString: consent.purpose }] : [];
  const purposes = [
    ...new Map(consent.scope.map((scope) => [scopePurposes[scope].code, scopePurposes[scope]])).values(),
  ];
  const ends =
    consent.revokedAt !== null && Date.parse(consent.revokedAt) < Date.parse(consent.expiresAt)
      ? consent.revokedAt
      : consent.expiresAt;
  const actor = recipientsOf(ctx, links);
  return {
    resourceType: 'Consent',
    ...placement,
    meta: securityOf(ctx),
    text: { status: 'generated', div: consentNarrative(ctx) },
    ...(consent.witnessedBy
      ? {
          extension: [
            { url: hl7.consentWitness, valueReference: { type: 'Practitioner', display: consent.witnessedBy } },
          ],
        }
      : {}),
    identifier: referralIdentifier(ctx),
    status: consentStatus(ctx),
    scope: { coding: [{ system: hl7.consentScope, code: 'patient-privacy', display: 'Privacy Consent' }] },
    category: [
      { coding: [{ system: hl7.loinc, code: '59284-0', display: 'Patient Consent' }] },
      { coding: [{ system: hl7.actCode, code: 'IDSCL', display: 'information disclosure' }] },
      ...consent.scope.map((scope) => ({
        coding: [{ system: ctx.systems.consentScope, code: scope, display: scopeLabels[scope] }],
      })),
    ],
    patient: personOf(ctx),
    dateTime: consent.grantedAt,
    performer: [personOf(ctx)],
    policy: [{ uri: part2PolicyUri }],
    policyRule: { coding: [{ system: hl7.actCode, code: '42CFRPart2', display: '42 CFR Part2' }] },
    provision: {
      type: 'permit',
      period: { start: consent.grantedAt, end: ends },
      ...(actor.length > 0 ? { actor } : {}),
      action: [{ coding: [{ system: hl7.consentAction, code: 'disclose', display: 'Disclose' }] }],
      purpose: purposes.map((purpose) => ({ ...purpose, ...(words.length > 0 ? { extension: words } : {}) })),
      data: [{ meaning: 'related', reference: links.serviceRequest }],
    },
  };
}

function telecomOf(phone: string | undefined, url: string | undefined): ContactPoint[] {
  return [
    ...(phone ? [{ system: 'phone' as const, value: phone }] : []),
    ...(url ? [{ system: 'url' as const, value: url }] : []),
  ];
}

/** The organization that runs the resource: the referral's performer and the Task's owner. */
export function organizationOf(ctx: Context, placement: Placement = {}): Organization {
  const { resource } = ctx;
  const telecom = telecomOf(undefined, resource.organization.url);
  return {
    resourceType: 'Organization',
    ...placement,
    identifier: [{ system: ctx.systems.resourceOrganization, value: resource.id }],
    active: true,
    name: resource.organization.name,
    ...(telecom.length > 0 ? { telecom } : {}),
  };
}

/** The resource itself, as the service the referral asks for. Directory data: not labelled. */
export function healthcareServiceOf(ctx: Context, links: Links, placement: Placement = {}): HealthcareService {
  const { resource } = ctx;
  const telecom = telecomOf(resource.phone, resource.url);
  return {
    resourceType: 'HealthcareService',
    ...placement,
    identifier: [{ system: ctx.systems.resource, value: resource.id }],
    active: true,
    providedBy: links.organization,
    type: resource.categories.map((category) => categoryConcept(ctx, category)),
    name: resource.name,
    ...(telecom.length > 0 ? { telecom } : {}),
  };
}

// --- the public mappings ----------------------------------------------------------------------

/** The performer, contained in a record that stands alone (it has no id of its own in Peerlink). */
const containedPerformer = (ctx: Context, links: Links): FhirResource[] => [
  healthcareServiceOf(ctx, links, { id: 'service' }),
  organizationOf(ctx, { id: 'organization' }),
];

/**
 * The referral as a FHIR R4 ServiceRequest shaped after the Gravity SDOH Clinical Care IG:
 * status and priority from the tables `serviceRequestStatuses` and `priorities`, one category per
 * need (with its SDOH domain where one fits, see `sdohCategories`), the person by pseudonymous
 * identifier only, the consent as `supportingInfo` and the resource as the performer
 * (a contained HealthcareService and Organization). Its id is the referral's id, and it points
 * at `Consent/{referral.id}`. Security labels in `meta.security`: ETH, R, 42CFRPart2 and
 * NORDSCLCD with the redisclosure notice as a note for substance-use-disorder referrals, N otherwise.
 * Once the person revoked their consent it withholds the details (categories, code, priority,
 * appointment, performer, note): `revoked` (cancelled if it was open) with its identifier, person,
 * requester and consent, so the recipient can match it and stop.
 */
export function toServiceRequest(referral: Referral, options: FhirReferralOptions): ServiceRequest {
  const ctx = contextOf(referral, options);
  const links = standaloneLinks(referral);
  return serviceRequestOf(ctx, links, {
    id: referral.id,
    ...(ctx.revoked ? {} : { contained: containedPerformer(ctx, links) }),
  });
}

/**
 * The referral as a FHIR R4 Task (Gravity's Task for referral management): `intent: order`,
 * `code: fulfill`, `focus` the ServiceRequest (`ServiceRequest/{referral.id}`), `for` the person by
 * pseudonymous identifier, `owner` the resource's organization (contained), status from
 * `taskStatuses` with the referral status in `businessStatus`, the appointment time as an output.
 * Once the person revoked their consent: cancelled (if it was open) with that reason, and no
 * owner, priority, execution period or output.
 */
export function toTask(referral: Referral, options: FhirReferralOptions): Task {
  const ctx = contextOf(referral, options);
  const links = standaloneLinks(referral);
  return taskOf(ctx, links, {
    id: referral.id,
    ...(ctx.revoked ? {} : { contained: [organizationOf(ctx, { id: 'organization' })] }),
  });
}

/**
 * The referral's consent as a FHIR R4 privacy Consent: `active` until it expires or is revoked
 * (judged at `options.now`; `inactive` after, `entered-in-error` when revoked as recorded in error),
 * a permit provision for the granted period (ending at the revocation) and purposes, 42 CFR Part 2
 * as policy. Recipients are `provision.actor`s with role IRCP: the resource's organization when
 * the scope shares with it, and `consent.recipient` by name. `consent.purpose`, the person's words,
 * is the R4 `originalText` extension of each coded purpose; `consent.witnessedBy` the R4
 * `consent-Witness` extension (a Practitioner by name).
 */
export function toConsent(referral: Referral, options: FhirReferralOptions): Consent {
  const ctx = contextOf(referral, options);
  const links = standaloneLinks(referral);
  const toResource = referral.consent.scope.includes('share-with-resource');
  return consentOf(ctx, links, {
    id: referral.id,
    ...(toResource ? { contained: [organizationOf(ctx, { id: 'organization' })] } : {}),
  });
}
