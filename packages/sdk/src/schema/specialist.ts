// What supervisors send to manage their peers, and what a roster import answers.
import * as z from 'zod/mini';
import { AreaCode, ContactChannel, Specialist, SpecialistRole, SpecialistSummary } from './agency.js';
import { listQuery, queryFlag } from './fields.js';
import { Id, list, set, text } from './primitives.js';

const DisplayName = text(1, 80);
const Languages = set(z.string().check(z.minLength(2), z.maxLength(35)), 20);
const Contacts = list(ContactChannel, 5);
const Areas = set(AreaCode, 50);

/**
 * Body of `POST /v1/specialists`. Text (sms) addresses are stored in E.164 (`+15550100`); a
 * ten-digit number is read as North American. The supervisor must be an active peer of the agency
 * who may supervise (`canSupervise`, or already supervising someone).
 */
export const CreateSpecialistRequest = z.strictObject({
  displayName: DisplayName,
  roles: set(SpecialistRole, 4, 1),
  languages: z.optional(Languages),
  contacts: z.optional(Contacts),
  supervisorId: z.optional(z.nullable(Id)),
  canSupervise: z.optional(z.boolean()),
  areas: z.optional(Areas),
});
export type CreateSpecialistRequest = z.infer<typeof CreateSpecialistRequest>;

/** Body of `PATCH /v1/specialists/{id}`: the fields to change; the others stay as they are. */
export const UpdateSpecialistRequest = z.partial(CreateSpecialistRequest);
export type UpdateSpecialistRequest = z.infer<typeof UpdateSpecialistRequest>;

/** Body of `PATCH /v1/specialists/me/contacts`: a peer replaces their own contact channels. */
export const OwnContactsRequest = z.strictObject({ contacts: Contacts });
export type OwnContactsRequest = z.infer<typeof OwnContactsRequest>;

export const SpecialistListQuery = listQuery({
  /** `true` (active only) or `false` (deactivated only); both when absent. */
  active: queryFlag,
  area: AreaCode,
  role: SpecialistRole,
});
export type SpecialistListQuery = z.infer<typeof SpecialistListQuery>;

/**
 * A peer as the caller may see them: the full record for supervisors and for the peer themself,
 * the summary (no contacts, no supervisor) for every other role.
 */
export const SpecialistView = z.union([Specialist, SpecialistSummary]);
export type SpecialistView = z.infer<typeof SpecialistView>;

/** Largest roster an import takes: rows and characters (about 2 MB). */
export const rosterLimits = { rows: 5000, characters: 2_000_000 } as const;

/**
 * Body of `POST /v1/specialists/import`: the roster as CSV (RFC 4180, a header row naming the
 * columns `name`, `phone`, `email`, `languages`, `roles`, `supervisor`, `area`).
 */
export const RosterImportRequest = z.strictObject({
  csv: z.string().check(z.minLength(1), z.maxLength(rosterLimits.characters)),
});
export type RosterImportRequest = z.infer<typeof RosterImportRequest>;

export const RosterImportQuery = z.strictObject({
  /** `true`: check and report, write nothing. */
  dryRun: z.optional(queryFlag),
});
export type RosterImportQuery = z.infer<typeof RosterImportQuery>;

/** What an import did (or, in a dry run, would do) with one line of the CSV. */
export const RosterImportLine = z.object({
  /** The line of the file the row starts on (the header is line 1). */
  line: z.number().check(z.int(), z.gte(2)),
  outcome: z.enum(['created', 'updated', 'unchanged']),
  specialistId: Id,
  displayName: DisplayName,
  /** The names of the fields an update changes (never their values). */
  fields: z.optional(z.array(z.string().check(z.maxLength(40))).check(z.maxLength(20))),
});
export type RosterImportLine = z.infer<typeof RosterImportLine>;

export const RosterImportReport = z.object({
  dryRun: z.boolean(),
  created: z.number().check(z.int(), z.gte(0)),
  updated: z.number().check(z.int(), z.gte(0)),
  unchanged: z.number().check(z.int(), z.gte(0)),
  lines: z.array(RosterImportLine).check(z.maxLength(rosterLimits.rows)),
});
export type RosterImportReport = z.infer<typeof RosterImportReport>;
