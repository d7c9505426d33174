import type { IncidentType } from '../schema/incident.js';

/**
 * APCO common incident type codes (APCO ANS 2.103.1, as carried in
 * `incidentTypeCommonRegistryText`) that call for a peer, and the incident type each becomes.
 * Any other code imports as `other`. Extend or override it with `fromEido`'s `incidentTypes`,
 * which is also the place for a CAD's own internal codes.
 */
export const apcoIncidentTypes: Readonly<Record<string, IncidentType>> = {
  OD: 'overdose-nonfatal',
  OVERDOSE: 'overdose-nonfatal',
  SUICIDE: 'behavioral-health-crisis',
  SUICTHRT: 'behavioral-health-crisis',
  EDP: 'behavioral-health-crisis',
  MENTAL: 'behavioral-health-crisis',
  DRUGS: 'substance-use-crisis',
  WELFARE: 'welfare-check',
  CHECKWELF: 'welfare-check',
};

/**
 * Words that mark an overdose as fatal wherever the EIDO states them: type codes and text,
 * status, disposition, a person's incident role. "Non-fatal" does not count.
 */
export const fatalityPattern = /(?<!\w|non[\s-]?)(DOA|DECEASED|FATAL(ITY)?|DEATH|DEAD)(?!\w)/i;

/** The common incident type code `toEidoIncidentUpdate()` reports for each incident type. */
export const incidentTypeCodes: Readonly<Record<IncidentType, string>> = {
  'overdose-fatal': 'OD',
  'overdose-nonfatal': 'OD',
  'behavioral-health-crisis': 'EDP',
  'substance-use-crisis': 'DRUGS',
  'welfare-check': 'WELFARE',
  other: 'OTHER',
};
