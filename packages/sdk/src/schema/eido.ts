import * as z from 'zod/mini';
import { DispatchStatus } from './dispatch.js';
import { Timestamp, list } from './primitives.js';

// NENA EIDO (NENA-STA-021) as Peerlink reads and writes it: only the components and fields it
// uses. Names follow the standard's JSON so documents pass through without renaming.

const identifier = z.string().check(z.minLength(1), z.maxLength(500));
/** A value of an EIDO registry (incident type, location type, unit status) or a local code. */
const registryText = z.string().check(z.maxLength(200));
/** Registries hold one value in some versions of the standard and a list in others. */
const registryTexts = z.union([registryText, list(registryText, 50)]);

const reference = z.object({ $ref: identifier });
const references = z.union([reference, list(reference, 200)]);

const prologue = {
  $id: z.optional(identifier),
  /** Implementations spell this `lastUpdateTimeStamp` or `lastUpdateTimestamp`; both are read. */
  lastUpdateTimeStamp: z.optional(Timestamp),
  lastUpdateTimestamp: z.optional(Timestamp),
};

const incidentComponent = z.object({
  ...prologue,
  /** Present in draft and many deployed EIDOs; NENA-STA-021.1a carries the id as the EIDO's `$id`. */
  incidentTrackingIdentifier: z.optional(identifier),
  incidentTypeCommonRegistryText: registryTexts,
  incidentTypeInternalCode: z.optional(registryText),
  incidentTypeInternalText: z.optional(z.string().check(z.maxLength(500))),
  incidentStatusCommonRegistryText: z.optional(registryTexts),
  incidentStatusInternalText: z.optional(registryTexts),
  internalIncidentId: z.optional(identifier),
  beatOrDispatchGroupText: z.optional(registryText),
  locationReference: z.optional(references),
  notesReference: z.optional(references),
  dispositionComponent: z.optional(
    list(
      z.object({
        dispositionCommonRegistryCode: z.optional(registryText),
        dispositionDescriptionText: z.optional(z.string().check(z.maxLength(500))),
      }),
      50,
    ),
  ),
});

const callComponent = z.object({
  ...prologue,
  callStartTimestamp: z.optional(Timestamp),
  locationReference: z.optional(references),
  notesReference: z.optional(references),
});

const locationComponent = z.object({
  ...prologue,
  locationTypeDescriptionRegistryText: z.optional(registryText),
  /** A PIDF-LO XML document (civic address and/or geodetic point). */
  locationByValue: z.optional(z.string().check(z.maxLength(20000))),
  locationByReferenceUrl: z.optional(z.string().check(z.maxLength(2000))),
  locationDescriptionText: z.optional(z.string().check(z.maxLength(1000))),
  notesReference: z.optional(references),
});

const notesComponent = z.object({
  ...prologue,
  /** HTML5 text. */
  notesActionComments: z.string().check(z.maxLength(10000)),
});

const personComponent = z.object({
  ...prologue,
  personIncidentRoleRegistryText: z.optional(registryTexts),
});

/**
 * The parts of a NENA EIDO that `fromEido()` reads. Other components and fields (people's
 * names, vehicles, call-back numbers) are dropped on parsing and never reach Peerlink.
 */
export const EidoDocument = z.object({
  ...prologue,
  eidoVersion: z.optional(registryText),
  incidentTrackingIdentifier: z.optional(identifier),
  issuingElementIdentification: z.optional(identifier),
  /** One object in NENA-STA-021.1a; a list in drafts and some deployments. */
  incidentComponent: z.optional(z.union([incidentComponent, list(incidentComponent, 10)])),
  callComponent: z.optional(list(callComponent, 50)),
  locationComponent: z.optional(list(locationComponent, 50)),
  /** The draft standard's name for `locationComponent`. */
  locationInformationComponent: z.optional(list(locationComponent, 50)),
  notesComponent: z.optional(list(notesComponent, 200)),
  personComponent: z.optional(list(personComponent, 100)),
});
export type EidoDocument = z.infer<typeof EidoDocument>;

const ref = z.strictObject({ $ref: identifier });
/** NENA's prologue, required on the document and on every component. */
const stamp = { $id: identifier, lastUpdateTimeStamp: Timestamp, updatedByAgencyReference: ref };

/**
 * What `toEidoIncidentUpdate()` sends back to a CAD: the peer-support unit's status on the
 * incident, and each step of the call-out as a timestamped note. Every field is one NENA's EIDO
 * schema (NENA-STA-021.1b) defines, and every field it requires is present. Its `$id` is the
 * incident tracking identifier the CAD sent, or one built in NENA's URN form
 * (`urn:emergency:uid:incidentid:<id>:<issuing element>`) for a call that did not come as an EIDO.
 */
export const EidoIncidentUpdate = z.strictObject({
  ...stamp,
  eidoVersion: z.literal('1.0'),
  issuingElementIdentification: identifier,
  incidentComponent: z.strictObject({
    ...stamp,
    incidentTypeCommonRegistryText: registryText,
    incidentTypeInternalText: registryText,
    /** The CAD's incident id as Peerlink stores it (`CallForService.externalId`). */
    internalIncidentId: identifier,
  }),
  agencyComponent: list(
    z.strictObject({
      ...stamp,
      agencyRoleDescriptionRegistryText: list(registryText, 5, 1),
      /** Values of the IANA `urn:emergency:service:responder` registry, without that prefix. */
      agencyType: list(registryText, 5, 1),
    }),
    1,
    1,
  ),
  dispatchComponent: list(
    z.strictObject({ ...stamp, agencyReference: ref, emergencyResourceReference: list(ref, 1, 1) }),
    1,
    1,
  ),
  emergencyResourceComponent: list(
    z.strictObject({
      ...stamp,
      emergencyResourceTypeCommonRegistryText: registryText,
      emergencyResourceTypeInternalText: registryText,
      resourceAttributeRegistryText: list(registryText, 10, 1),
      resourceAttributeInternalText: z.optional(list(registryText, 10, 1)),
      emergencyResourceName: registryText,
      primaryUnitStatusRegistryText: registryText,
      secondaryUnitStatusRegistryText: list(registryText, 10),
      /** Peerlink's own dispatch status, the unit's local status code. */
      unitStatusInternal: list(DispatchStatus, 1, 1),
      /** Empty: who the peer is stays in Peerlink. */
      agentReference: list(ref, 10),
      notesReference: list(ref, 200),
    }),
    1,
    1,
  ),
  notesComponent: list(z.strictObject({ ...stamp, notesActionComments: z.string().check(z.maxLength(2000)) }), 200),
});
export type EidoIncidentUpdate = z.infer<typeof EidoIncidentUpdate>;
