import type { Dispatch, DispatchStatus } from '../schema/dispatch.js';
import type { EidoIncidentUpdate } from '../schema/eido.js';
import type { IncidentType } from '../schema/incident.js';
import { trackingNotePrefix } from './from-eido.js';
import { incidentTypeCodes } from './types.js';
import { escapeHtml } from './text.js';

export interface ToEidoOptions {
  /** The incident tracking identifier; by default the one `fromEido` kept, else `externalId`. */
  incidentTrackingIdentifier?: string;
  /** NENA identifier of the element sending the update; default `peerlink`. */
  issuingElementIdentification?: string;
  /** NENA agency identifier of the peer program; default its Peerlink agency id. */
  agencyIdentifier?: string;
  /** Name of the peer-support unit as the CAD shows it; default `Peer support`. */
  unitName?: string;
  /** A value of the Emergency Resource Type registry for the unit, when the CAD expects one. */
  resourceType?: string;
  /** Primary Unit Status registry value per dispatch status, over the defaults (`unitStatuses`). */
  unitStatuses?: Partial<Record<DispatchStatus, string>>;
  /** Common incident type code per incident type, over `incidentTypeCodes`. */
  incidentTypeCodes?: Partial<Record<IncidentType, string>>;
}

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

/**
 * An EIDO incident update for the CAD that sent the call: one peer-support emergency resource
 * whose status is the dispatch's, dispatched by the program agency, with each timeline step as a
 * note stamped with its time. Carries no names and no log narrative.
 */
export function toEidoIncidentUpdate(dispatch: Dispatch, options: ToEidoOptions = {}): EidoIncidentUpdate {
  const call = dispatch.callForService;
  const trackingId =
    options.incidentTrackingIdentifier ?? trackingLine.exec(call.notes ?? '')?.[1] ?? call.externalId;
  const agencyId = options.agencyIdentifier ?? dispatch.agencyId;
  const unitId = `${dispatch.id}:unit`;
  const notes = dispatch.timeline.map((step, index) => ({
    $id: `${dispatch.id}:step:${String(index)}`,
    lastUpdateTimeStamp: step.at,
    notesActionComments: escapeHtml(step.note ? `${stepText[step.status]}: ${step.note}` : stepText[step.status]),
  }));
  const stamp = dispatch.updatedAt;
  return {
    $id: trackingId,
    eidoVersion: '1.0',
    lastUpdateTimeStamp: stamp,
    issuingElementIdentification: options.issuingElementIdentification ?? 'peerlink',
    incidentComponent: {
      $id: `${dispatch.id}:incident`,
      lastUpdateTimeStamp: stamp,
      incidentTypeCommonRegistryText: options.incidentTypeCodes?.[call.type] ?? incidentTypeCodes[call.type],
      incidentTypeInternalText: call.type,
      internalIncidentId: call.externalId,
    },
    agencyComponent: [
      { $id: agencyId, lastUpdateTimeStamp: stamp, organizationIdentification: agencyId, agencyRoleDescriptionRegistryText: ['Responding'] },
    ],
    dispatchComponent: [
      {
        $id: `${dispatch.id}:dispatch`,
        lastUpdateTimeStamp: dispatch.createdAt,
        agencyReference: { $ref: agencyId },
        emergencyResourceReference: [{ $ref: unitId }],
      },
    ],
    emergencyResourceComponent: [
      {
        $id: unitId,
        lastUpdateTimeStamp: stamp,
        ...(options.resourceType ? { emergencyResourceTypeCommonRegistryText: options.resourceType } : {}),
        emergencyResourceTypeInternalText: 'peer-support',
        emergencyResourceName: options.unitName ?? 'Peer support',
        primaryUnitStatusRegistryText: options.unitStatuses?.[dispatch.status] ?? unitStatuses[dispatch.status],
        unitStatusInternal: [dispatch.status],
        notesReference: notes.map((note) => ({ $ref: note.$id })),
      },
    ],
    notesComponent: notes,
  };
}
