export { fromEido, trackingNotePrefix } from './from-eido.js';
export type { EidoPlace, FromEidoOptions } from './from-eido.js';
export { incidentTrackingId, peerUnit, toEidoIncidentUpdate, unitStatuses } from './to-eido.js';
export type { ToEidoOptions } from './to-eido.js';
export { EidoImportError } from './errors.js';
export { apcoIncidentTypes, fatalityPattern, incidentTypeCodes } from './types.js';
