import type { Dispatch, DispatchStatus } from '../schema/dispatch.js';
import type { EidoIncidentUpdate } from '../schema/eido.js';
import type { IncidentType } from '../schema/incident.js';
import { trackingNotePrefix } from './from-eido.js';
import { incidentTypeCodes } from './types.js';
import { escapeHtml } from './text.js';

export interface ToEidoOptions {
  /**
   * The incident tracking identifier, the update's `$id`. Default: the one the CAD sent, when the
   * call came from `fromEido` (its `externalId`, or the whole identifier it kept in `notes`);
   * for any other call, one in NENA's form built from `externalId` and
   * `issuingElementIdentification` (`incidentTrackingId`).
   */
  incidentTrackingIdentifier?: string;
  /**
   * NENA identifier of the element sending the update: its domain name (NENA's sample:
   * `idx.state.pa.us`); default `peerlink`. Also names the element that made the tracking
   * identifier of a call that did not come from an EIDO.
   */
  issuingElementIdentification?: string;
  /**
   * NENA agency identifier of the peer program; default its Peerlink agency id. NENA's sample
   * identifies agencies by domain name (`state.pa.us`); a program that has one passes it here.
   */
  agencyIdentifier?: string;
  /** Name of the peer-support unit as the CAD shows it; default `Peer support`. */
  unitName?: string;
  /** The unit's Emergency Resource Type registry value; default `Other` (see `peerUnit`). */
  resourceType?: string;
  /** The unit's Resource Attribute registry values; default (also for `[]`) `Other` (see `peerUnit`). */
  resourceAttributes?: string[];
  /**
   * The program's agency types: values of the IANA `urn:emergency:service:responder` registry
   * without that prefix; default (also for `[]`) `ems` (see `peerUnit`).
   */
  agencyType?: string[];
  /** Primary Unit Status registry value per dispatch status, over the defaults (`unitStatuses`). */
  unitStatuses?: Partial<Record<DispatchStatus, string>>;
  /** Common incident type code per incident type, over `incidentTypeCodes`. */
  incidentTypeCodes?: Partial<Record<IncidentType, string>>;
}

/**
 * Registry values for the peer-support unit and its program where NENA's schema requires one.
 * The schema names the registries but not their values, and Peerlink knows of no peer-support
 * value in them: `Other` (the value the schema itself names for resource attributes), with
 * `peer-support` as the local code, lets the CAD map the unit. A CAD that lists its own values
 * gets them through the options. A co-responder program answers health calls beside EMS, hence
 * `ems`; one run by a police department passes e.g. `police.local`.
 */
export const peerUnit = {
  resourceType: 'Other',
  resourceAttributes: ['Other'],
  internalCode: 'peer-support',
  agencyType: ['ems'],
  agencyRole: 'Responding',
} as const;

/**
 * The unit status reported for each dispatch status. Descriptive defaults: a CAD that checks
 * statuses against its Primary Unit Status registry passes its own values in `unitStatuses`.
 */
export const unitStatuses: Readonly<Record<DispatchStatus, string>> = {
  requested: 'Assigned',
  notified: 'Dispatched',
  acknowledged: 'Acknowledged',
  declined: 'Declined',
  escalated: 'Dispatched',
  'en-route': 'Enroute',
  'on-scene': 'OnScene',
  'checked-in': 'OnScene',
  engaged: 'OnScene',
  cleared: 'Available',
  cancelled: 'Cancelled',
};

/** How each step reads in the CAD's incident notes. */
const stepText: Readonly<Record<DispatchStatus, string>> = {
  requested: 'Peer support requested',
  notified: 'Peer notified',
  acknowledged: 'Peer acknowledged the call-out',
  declined: 'Peer declined the call-out',
  escalated: 'Call-out escalated to the next person on call',
  'en-route': 'Peer en route',
  'on-scene': 'Peer on scene',
  'checked-in': 'Peer checked in with the lead investigator',
  engaged: 'Peer engaged with the people on scene',
  cleared: 'Peer cleared the scene',
  cancelled: 'Peer support cancelled',
};

const trackingLine = new RegExp(`^${trackingNotePrefix}(\\S+)$`, 'm');
const incidentUrn = /^urn:emergency:uid:incidentid:/i;

/**
 * An Incident Tracking Identifier in NENA's form, `urn:emergency:uid:incidentid:<id>:<element>`
 * (NENA's sample: `urn:emergency:uid:incidentid:a56e556d871:bcf.state.pa.us`), for an incident
 * the element `issuingElement` (a domain name) identifies as `id`. Characters a URN cannot hold,
 * and the `:` that separates the two parts, are percent-encoded in `id`.
 */
export function incidentTrackingId(id: string, issuingElement: string): string {
  return `urn:emergency:uid:incidentid:${encodeURIComponent(id)}:${issuingElement}`;
}

/**
 * An EIDO incident update for the CAD that sent the call: one peer-support emergency resource
 * whose status is the dispatch's, dispatched by the program agency, with each timeline step as a
 * note stamped with its time. Carries no names (no agent: who the peer is stays in Peerlink) and
 * no log narrative. Valid against NENA's EIDO schema (NENA-STA-021.1b), using only fields it defines.
 */
export function toEidoIncidentUpdate(dispatch: Dispatch, options: ToEidoOptions = {}): EidoIncidentUpdate {
  const call = dispatch.callForService;
  const issuer = options.issuingElementIdentification ?? 'peerlink';
  // A call fromEido read keeps the CAD's tracking identifier (a URN, or the whole of a long one in
  // notes); any other externalId is the CAD's own incident number, and NENA's identifier is built.
  const trackingId =
    options.incidentTrackingIdentifier ??
    trackingLine.exec(call.notes ?? '')?.[1] ??
    (incidentUrn.test(call.externalId) ? call.externalId : incidentTrackingId(call.externalId, issuer));
  const agencyId = options.agencyIdentifier ?? dispatch.agencyId;
  // Every component is last updated by the peer program: this update is its report.
  const prologue = (id: string, at: string) => ({
    $id: id,
    lastUpdateTimeStamp: at,
    updatedByAgencyReference: { $ref: agencyId },
  });
  const unitId = `${dispatch.id}:unit`;
  const notes = dispatch.timeline.map((step, index) => ({
    ...prologue(`${dispatch.id}:step:${String(index)}`, step.at),
    notesActionComments: escapeHtml(step.note ? `${stepText[step.status]}: ${step.note}` : stepText[step.status]),
  }));
  const stamp = dispatch.updatedAt;
  const resourceType = options.resourceType ?? peerUnit.resourceType;
  const attributes = options.resourceAttributes?.length ? options.resourceAttributes : [...peerUnit.resourceAttributes];
  return {
    ...prologue(trackingId, stamp),
    eidoVersion: '1.0',
    issuingElementIdentification: issuer,
    incidentComponent: {
      ...prologue(`${dispatch.id}:incident`, stamp),
      incidentTypeCommonRegistryText: options.incidentTypeCodes?.[call.type] ?? incidentTypeCodes[call.type],
      incidentTypeInternalText: call.type,
      internalIncidentId: call.externalId,
    },
    agencyComponent: [
      {
        ...prologue(agencyId, stamp),
        agencyRoleDescriptionRegistryText: [peerUnit.agencyRole],
        agencyType: options.agencyType?.length ? options.agencyType : [...peerUnit.agencyType],
      },
    ],
    dispatchComponent: [
      {
        ...prologue(`${dispatch.id}:dispatch`, dispatch.createdAt),
        agencyReference: { $ref: agencyId },
        emergencyResourceReference: [{ $ref: unitId }],
      },
    ],
    emergencyResourceComponent: [
      {
        ...prologue(unitId, stamp),
        emergencyResourceTypeCommonRegistryText: resourceType,
        emergencyResourceTypeInternalText: peerUnit.internalCode,
        resourceAttributeRegistryText: attributes,
        // NENA: a local code must accompany the registry's `Other`.
        ...(attributes.includes('Other') ? { resourceAttributeInternalText: [peerUnit.internalCode] } : {}),
        emergencyResourceName: options.unitName ?? 'Peer support',
        primaryUnitStatusRegistryText: options.unitStatuses?.[dispatch.status] ?? unitStatuses[dispatch.status],
        secondaryUnitStatusRegistryText: [],
        unitStatusInternal: [dispatch.status],
        agentReference: [],
        notesReference: notes.map((note) => ({ $ref: note.$id })),
      },
    ],
    notesComponent: notes,
  };
}
