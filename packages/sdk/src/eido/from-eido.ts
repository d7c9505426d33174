import type * as z from 'zod/mini';
import { AreaCode } from '../schema/agency.js';
import { EidoDocument } from '../schema/eido.js';
import { CallForServiceInput } from '../schema/incident.js';
import type { IncidentType } from '../schema/incident.js';
import { Id } from '../schema/primitives.js';
import { toFieldErrors } from '../schema/problem.js';
import type { FieldError } from '../schema/problem.js';
import { EidoImportError } from './errors.js';
import { readPidf } from './pidf.js';
import { apcoIncidentTypes, fatalityPattern } from './types.js';
import { clip, fnv1a64, htmlToText } from './text.js';

/** A place as a host's resolver gives it back for a location sent by reference. */
export interface EidoPlace {
  address?: string;
  lat?: number;
  lon?: number;
}

export interface FromEidoOptions {
  /** Incident type per code, merged over `apcoIncidentTypes`; keys are matched case-insensitively. */
  incidentTypes?: Readonly<Record<string, IncidentType>>;
  /** Marks an overdose as fatal; defaults to `fatalityPattern` (DOA, deceased, fatal, death, dead). */
  fatalityPattern?: RegExp;
  /** Names the program area for the place (from the address, the coordinates or the CAD beat). */
  resolveArea?: (place: { address: string; lat?: number; lon?: number; beat?: string }) => string | undefined;
  /**
   * Reads a location EIDO sends by reference. Import is synchronous and never fetches: a host
   * that wants such locations dereferences them first and answers from what it fetched.
   */
  resolveLocationReference?: (url: string) => EidoPlace | undefined;
  /** Peerlink id of the agency that asks for the peer (the CAD's agency). */
  requestingAgencyId?: string;
}

/** Prefix of the full tracking identifier kept in `notes` when `externalId` had to be shortened. */
export const trackingNotePrefix = 'EIDO incident: ';
const maxExternalId = 64;
const incidentUrnPrefix = /^urn:emergency:uid:incidentid:/i;

type Eido = z.infer<typeof EidoDocument>;
type Incident = Extract<NonNullable<Eido['incidentComponent']>, { incidentTypeCommonRegistryText: unknown }>;
type Reference = { $ref: string } | { $ref: string }[] | undefined;

/**
 * Reads a NENA EIDO (NENA-STA-021) incident into a call for service.
 *
 * - `externalId` is the incident tracking identifier: `incidentComponent.incidentTrackingIdentifier`,
 *   else the top-level `incidentTrackingIdentifier`, else the EIDO's `$id` (where NENA-STA-021.1a
 *   puts it). One longer than 64 characters is shortened deterministically to its start (without
 *   `urn:emergency:uid:incidentid:`) and a 64-bit hash of the whole; the whole identifier is then
 *   kept as the first line of `notes` (`EIDO incident: urn:…`), where `toEidoIncidentUpdate` finds it.
 *   So is one not in NENA's URN form (`EIDO incident: 2026-000451`), which would otherwise read as
 *   a CAD incident number that `toEidoIncidentUpdate` turns into a URN.
 * - `type` from the common incident type codes, then the internal code (`apcoIncidentTypes`,
 *   `options.incidentTypes`); an overdose is `overdose-fatal` when a fatality is stated.
 * - `location` from the location the incident references, else one typed as the incident's,
 *   else any other (caller locations last): PIDF-LO civic address and point, the host's reading of
 *   a location by reference, or the location description. Coordinates alone become the address
 *   text. `area` comes from `options.resolveArea`.
 * - `receivedAt` is the earliest `callStartTimestamp`, else the incident's last update.
 * - `cautions` are notes attached to that location (premise hazards) and notes starting with
 *   "Caution:", "Hazard:", "Warning:" or "Officer safety:"; other notes, the CAD's own type text
 *   and the location description become `notes`. Notes are taken as the CAD wrote them: a CAD
 *   should not send names of the people involved in notes meant for responders.
 *
 * Throws `EidoImportError` (field paths into the EIDO) when the document cannot make a valid
 * call for service, and `RangeError` when an option or resolver gives an invalid value.
 */
export function fromEido(json: unknown, options: FromEidoOptions = {}): CallForServiceInput {
  if (options.requestingAgencyId !== undefined && !Id.safeParse(options.requestingAgencyId).success) {
    throw new RangeError('requestingAgencyId must be a Peerlink agency id (UUID)');
  }
  const parsed = EidoDocument.safeParse(json);
  if (!parsed.success) throw new EidoImportError(toFieldErrors(branchIssues(parsed.error.issues), json));
  const eido = parsed.data;
  const errors: FieldError[] = [];
  const required = (path: string, message: string) => errors.push({ path, message, code: 'required' });

  const [incident, incidentPath] = Array.isArray(eido.incidentComponent)
    ? [eido.incidentComponent[0], 'incidentComponent.0']
    : [eido.incidentComponent, 'incidentComponent'];
  // A call transfer EIDO (NENA's own sample) carries calls and locations but no incident yet.
  if (!incident)
    required(
      'incidentComponent',
      'Required: an incident with its type (incidentTypeCommonRegistryText); a call-out needs the incident type',
    );

  const tracking = firstPresent([
    [incident?.incidentTrackingIdentifier, `${incidentPath}.incidentTrackingIdentifier`],
    [eido.incidentTrackingIdentifier, 'incidentTrackingIdentifier'],
    [eido.$id, '$id'],
  ]);
  if (!tracking) required('$id', 'Required: the incident tracking identifier');

  const place = locate(eido, incident, options, errors);
  const received = receivedAt(eido, incident, incidentPath);
  if (!received)
    required(
      'callComponent',
      'Required: when the call came in (callStartTimestamp, else the incident’s lastUpdateTimeStamp)',
    );

  if (!incident || !tracking || !place || !received) throw new EidoImportError(errors);

  const externalId = shorten(tracking.value);
  const notes = noteTexts(eido, place.notes);
  // toEidoIncidentUpdate echoes the CAD's identifier; one it cannot tell from a CAD incident number
  // (shortened, or not in NENA's URN form) is kept whole in notes for it.
  const keep = externalId !== tracking.value || !incidentUrnPrefix.test(tracking.value);
  const lines = [
    ...(keep ? [`${trackingNotePrefix}${tracking.value}`] : []),
    ...typeLine(incident),
    ...(place.description ? [`Location: ${place.description}`] : []),
    ...notes.general,
  ];

  const area = options.resolveArea?.({
    address: place.address,
    ...(place.lat === undefined ? {} : { lat: place.lat, lon: place.lon }),
    ...(incident.beatOrDispatchGroupText ? { beat: incident.beatOrDispatchGroupText } : {}),
  });
  if (area !== undefined && !AreaCode.safeParse(area).success) {
    throw new RangeError(`resolveArea returned "${area}", which is not an area code`);
  }

  const call: CallForServiceInput = {
    externalId,
    type: incidentType(eido, incident, options),
    location: {
      address: clip(place.address, 300),
      ...(area === undefined ? {} : { area }),
      ...(place.lat === undefined || place.lon === undefined ? {} : { lat: place.lat, lon: place.lon }),
    },
    receivedAt: received.value,
    ...(options.requestingAgencyId ? { requestingAgencyId: options.requestingAgencyId } : {}),
    ...(lines.length > 0 ? { notes: clip(lines.join('\n'), 2000) } : {}),
    ...(notes.cautions.length > 0 ? { cautions: notes.cautions } : {}),
  };

  // A last check against the contract, with any failure pointed back at the EIDO field it came from.
  const checked = CallForServiceInput.safeParse(call);
  if (checked.success) return checked.data;
  const sources: Record<string, string> = {
    externalId: tracking.path,
    receivedAt: received.path,
    location: place.path,
    notes: 'notesComponent',
    cautions: 'notesComponent',
  };
  throw new EidoImportError(
    toFieldErrors(checked.error.issues, call).map((error) => ({
      ...error,
      path: sources[error.path.split('.')[0] ?? ''] ?? error.path,
    })),
  );
}

interface Sourced {
  value: string;
  path: string;
}

function firstPresent(candidates: readonly [string | undefined, string][]): Sourced | undefined {
  for (const [value, path] of candidates) {
    const trimmed = value?.trim();
    if (trimmed) return { value: trimmed, path };
  }
  return undefined;
}

/** The tracking id if it fits, else its start and a hash of the whole: same input, same id. */
function shorten(trackingId: string): string {
  if (trackingId.length <= maxExternalId) return trackingId;
  const hash = fnv1a64(trackingId);
  const start = trackingId.replace(incidentUrnPrefix, '').slice(0, maxExternalId - hash.length - 1);
  return `${start}~${hash}`;
}

const codesOf = (value: string | readonly string[] | undefined): string[] =>
  (typeof value === 'string' ? [value] : [...(value ?? [])]).map((code) => code.trim()).filter(Boolean);

function incidentType(eido: Eido, incident: Incident, options: FromEidoOptions): IncidentType {
  const table = new Map<string, IncidentType>();
  for (const [code, type] of Object.entries({ ...apcoIncidentTypes, ...options.incidentTypes }))
    table.set(code.trim().toUpperCase(), type);
  const candidates = [
    ...codesOf(incident.incidentTypeCommonRegistryText),
    ...codesOf(incident.incidentTypeInternalCode),
  ];
  const type = candidates.map((code) => table.get(code.toUpperCase())).find((found) => found !== undefined) ?? 'other';
  if (type !== 'overdose-nonfatal') return type;
  const pattern = options.fatalityPattern ?? fatalityPattern;
  const statements = [
    ...candidates,
    ...codesOf(incident.incidentTypeInternalText),
    ...codesOf(incident.incidentStatusCommonRegistryText),
    ...codesOf(incident.incidentStatusInternalText),
    ...(incident.dispositionComponent ?? []).flatMap((d) =>
      codesOf([d.dispositionCommonRegistryCode ?? '', d.dispositionDescriptionText ?? '']),
    ),
    ...(eido.personComponent ?? []).flatMap((person) => codesOf(person.personIncidentRoleRegistryText)),
  ];
  return statements.some((statement) => pattern.test(statement)) ? 'overdose-fatal' : type;
}

function typeLine(incident: Incident): string[] {
  const codes = [...codesOf(incident.incidentTypeCommonRegistryText), ...codesOf(incident.incidentTypeInternalCode)];
  const text = incident.incidentTypeInternalText?.trim();
  if (!text && codes.length === 0) return [];
  const unique = [...new Set(codes)].join('/');
  return [`CAD type: ${text ? `${text}${unique ? ` (${unique})` : ''}` : unique}`];
}

const refsOf = (reference: Reference): string[] =>
  (Array.isArray(reference) ? reference : reference ? [reference] : []).map((entry) => entry.$ref);

interface Place {
  address: string;
  lat?: number;
  lon?: number;
  description?: string;
  /** Ids of the notes attached to this location. */
  notes: string[];
  path: string;
}

function locate(
  eido: Eido,
  incident: Incident | undefined,
  options: FromEidoOptions,
  errors: FieldError[],
): Place | undefined {
  const key =
    !eido.locationComponent && eido.locationInformationComponent ? 'locationInformationComponent' : 'locationComponent';
  const locations = (eido.locationComponent ?? eido.locationInformationComponent ?? []).map((location, index) => ({
    location,
    index,
  }));
  const referenced = refsOf(incident?.locationReference);
  const rank = (id: string | undefined, type: string | undefined): number => {
    if (id !== undefined && referenced.includes(id)) return referenced.indexOf(id);
    if (type && /incident|initial/i.test(type)) return 1000;
    if (type && /caller|routing|tower/i.test(type)) return 3000;
    return 2000;
  };
  const ordered = [...locations].sort(
    (a, b) =>
      rank(a.location.$id, a.location.locationTypeDescriptionRegistryText) -
        rank(b.location.$id, b.location.locationTypeDescriptionRegistryText) || a.index - b.index,
  );

  let onlyByReference: string | undefined;
  for (const { location, index } of ordered) {
    const path = `${key}.${String(index)}`;
    const pidf = location.locationByValue ? readPidf(location.locationByValue) : {};
    if (pidf.invalidPosition) {
      errors.push({
        path: `${path}.locationByValue`,
        message: 'Expected a position as latitude and longitude in range',
        code: 'invalid_position',
      });
      return undefined;
    }
    const url = location.locationByReferenceUrl?.trim();
    const dereferenced = url ? options.resolveLocationReference?.(url) : undefined;
    if (url && !dereferenced) onlyByReference ??= `${path}.locationByReferenceUrl`;
    const description = nonEmpty(location.locationDescriptionText);
    const [lat, lon] = pidf.lat !== undefined ? [pidf.lat, pidf.lon] : [dereferenced?.lat, dereferenced?.lon];
    const address = pidf.address ?? nonEmpty(dereferenced?.address) ?? description;
    if (address === undefined && (lat === undefined || lon === undefined)) continue;
    return {
      address: address ?? `${coordinate(lat)}, ${coordinate(lon)}`,
      ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
      ...(description && description !== address ? { description } : {}),
      notes: refsOf(location.notesReference),
      path,
    };
  }
  if (onlyByReference) {
    errors.push({
      path: onlyByReference,
      message: 'The location is only given by reference; dereference it with the resolveLocationReference option',
      code: 'unresolved_reference',
    });
  } else {
    errors.push({
      path: key,
      message: 'Required: a location with a civic address, coordinates or a description',
      code: 'required',
    });
  }
  return undefined;
}

const coordinate = (value: number | undefined) => (value ?? 0).toFixed(5);
const nonEmpty = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

function receivedAt(eido: Eido, incident: Incident | undefined, incidentPath: string): Sourced | undefined {
  const starts = (eido.callComponent ?? [])
    .map((call, index) => ({
      value: call.callStartTimestamp,
      path: `callComponent.${String(index)}.callStartTimestamp`,
    }))
    .filter((start): start is Sourced => start.value !== undefined)
    .sort((a, b) => Date.parse(a.value) - Date.parse(b.value));
  return (
    starts[0] ??
    firstPresent([
      [incident?.lastUpdateTimeStamp, `${incidentPath}.lastUpdateTimeStamp`],
      [incident?.lastUpdateTimestamp, `${incidentPath}.lastUpdateTimestamp`],
    ])
  );
}

const cautionPrefix = /^\s*(caution|hazard|warning|officer safety)\s*[:-]\s*/i;
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function noteTexts(eido: Eido, locationNoteIds: readonly string[]): { general: string[]; cautions: string[] } {
  const general: string[] = [];
  const cautions: string[] = [];
  const seen = new Set<string>();
  const notes = (eido.notesComponent ?? [])
    .map((note, index) => ({ note, index, at: Date.parse(note.lastUpdateTimeStamp ?? note.lastUpdateTimestamp ?? '') }))
    // Oldest first; undated notes keep their place in the document, after dated ones.
    .sort(
      (a, b) => (Number.isNaN(a.at) ? Infinity : a.at) - (Number.isNaN(b.at) ? Infinity : b.at) || a.index - b.index,
    );
  for (const { note } of notes) {
    const text = htmlToText(note.notesActionComments);
    if (!text) continue;
    const isCaution = (note.$id !== undefined && locationNoteIds.includes(note.$id)) || cautionPrefix.test(text);
    if (!isCaution) {
      general.push(text);
      continue;
    }
    const caution = clip(capitalized(text.replace(cautionPrefix, '').replace(/\s+/g, ' ')), 200);
    if (caution && !seen.has(caution.toLowerCase()) && cautions.length < 20) {
      seen.add(caution.toLowerCase());
      cautions.push(caution);
    }
  }
  return { general, cautions };
}

/**
 * Where a union (one object or a list of them) failed, the issues of the form the input has,
 * so an error names the broken field rather than saying no form matched.
 */
function branchIssues(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
    const wrongType = (branch: readonly z.core.$ZodIssue[]) =>
      branch.find((inner) => inner.code === 'invalid_type' && inner.path.length === 0);
    const fitting = issue.errors.filter((branch) => !wrongType(branch));
    const [only] = fitting;
    // Of no form at all (missing, or a number for a text): say what the first form expects.
    const first = issue.errors[0] && wrongType(issue.errors[0]);
    if (fitting.length === 0 && first) return [{ ...first, path: issue.path }];
    if (fitting.length !== 1 || !only) return [issue];
    return branchIssues(only.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })));
  });
}
