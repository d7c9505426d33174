import * as z from 'zod/mini';
import { AreaCode } from './agency.js';
import { Id, Latitude, Longitude, Note, Timestamp, list, text } from './primitives.js';
import { agencyName, professionalName } from './fields.js';

export const IncidentType = z.enum([
  'overdose-fatal',
  'overdose-nonfatal',
  'behavioral-health-crisis',
  'substance-use-crisis',
  'welfare-check',
  'other',
]);
export type IncidentType = z.infer<typeof IncidentType>;

export const IncidentLocation = z.strictObject({
  address: text(1, 300),
  area: z.optional(AreaCode),
  lat: z.optional(Latitude),
  lon: z.optional(Longitude),
});
export type IncidentLocation = z.infer<typeof IncidentLocation>;

export const InvestigatorRole = z.enum(['coroner-investigator', 'law-enforcement', 'ems', 'fire', 'other']);
export type InvestigatorRole = z.infer<typeof InvestigatorRole>;

/** The lead investigator is a professional contact, not a person served. */
export const LeadInvestigator = z.strictObject({
  name: professionalName,
  role: InvestigatorRole,
  agencyName,
});
export type LeadInvestigator = z.infer<typeof LeadInvestigator>;

const callForServiceFields = {
  /** The CAD system's own incident id. */
  externalId: text(1, 64),
  type: IncidentType,
  location: IncidentLocation,
  receivedAt: Timestamp,
  requestingAgencyId: z.optional(Id),
  leadInvestigator: z.optional(LeadInvestigator),
  /** Operational notes for responders; never names of people served. */
  notes: z.optional(Note),
  cautions: z.optional(list(text(1, 200), 20)),
};

/** A call for service as the host CAD describes it when asking for a peer. */
export const CallForServiceInput = z.strictObject(callForServiceFields);
export type CallForServiceInput = z.infer<typeof CallForServiceInput>;

export const CallForService = z.object({ id: Id, agencyId: Id, ...callForServiceFields });
export type CallForService = z.infer<typeof CallForService>;
