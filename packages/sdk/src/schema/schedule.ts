import * as z from 'zod/mini';
import { AreaCode, ShiftPosition } from './agency.js';
import { agencyRecord, endsAfterStart, filters, queryFlag, stretch, version } from './fields.js';
import { DateOnly, Id, Label, TimeOfDay, TimeZone, Timestamp, list, page, text } from './primitives.js';

// The on-call schedule as programs keep it: rotations (peers taking turns at a handoff time in the
// agency's time zone) and overrides (one person covers a range), resolved into who is primary,
// backup and supervisor at every moment. PagerDuty's and Opsgenie's schedules are the reference:
// layers, handoffs, overrides on top.

const endsAfterStartDate = z.refine<{ startsOn: string; endsOn?: string | undefined }>(
  (rotation) => rotation.endsOn === undefined || rotation.endsOn > rotation.startsOn,
  { message: 'Must be after startsOn', path: ['endsOn'] },
);

/** An on-call slot: one position in one area. */
const slot = { area: AreaCode, position: ShiftPosition };

const rotationFields = {
  ...slot,
  name: z.optional(Label),
  /** Whose turn it is, in order; the first takes the turn that begins on `startsOn`. A peer may appear more than once. */
  members: list(Id, 100, 1),
  /** How long each turn lasts, in days: 1 for daily turns, 7 for weekly ones. */
  turnDays: z.number().check(z.int(), z.gte(1), z.lte(28)),
  /** When one turn hands off to the next, on the agency's wall clock. */
  handoffTime: TimeOfDay,
  /** The local date the first turn begins, at `handoffTime`. */
  startsOn: DateOnly,
  /** The local date the rotation stops, at `handoffTime`; open-ended without it. */
  endsOn: z.optional(DateOnly),
  /** Where two rotations of one area and position overlap, the higher layer is on call. */
  layer: z.optional(z.number().check(z.int(), z.gte(0), z.lte(9))),
};

/** A rotation as a supervisor writes it. */
export const RotationInput = z.strictObject(rotationFields).check(endsAfterStartDate);
export type RotationInput = z.infer<typeof RotationInput>;

export const Rotation = z
  .object({
    ...agencyRecord,
    ...rotationFields,
    /** Rises with every change. */
    version,
    updatedAt: Timestamp,
  })
  .check(endsAfterStartDate);
export type Rotation = z.infer<typeof Rotation>;

const overrideFields = {
  ...slot,
  /** Who covers the range, whoever the rotations say. */
  specialistId: Id,
  ...stretch,
  reason: z.optional(text(0, 200)),
};

/** One person covers a time range (a swap, sick leave, a holiday). */
export const OverrideInput = z.strictObject(overrideFields).check(endsAfterStart);
export type OverrideInput = z.infer<typeof OverrideInput>;

export const Override = z
  .object({
    ...agencyRecord,
    ...overrideFields,
    createdAt: Timestamp,
    /** When a supervisor cancelled it; a cancelled override no longer counts. */
    cancelledAt: z.optional(Timestamp),
  })
  .check(endsAfterStart);
export type Override = z.infer<typeof Override>;

/**
 * Changes to a rotation: the fields to change and the version the caller read. A rotation changed
 * since then is refused (409), so two supervisors editing at once never overwrite each other.
 */
export const RotationUpdate = z.strictObject({
  version,
  area: z.optional(AreaCode),
  position: z.optional(ShiftPosition),
  name: z.optional(Label),
  members: z.optional(list(Id, 100, 1)),
  turnDays: z.optional(rotationFields.turnDays),
  handoffTime: z.optional(TimeOfDay),
  startsOn: z.optional(DateOnly),
  endsOn: z.optional(DateOnly),
  layer: z.optional(rotationFields.layer),
});
export type RotationUpdate = z.infer<typeof RotationUpdate>;

/** Ends a rotation at the handoff of a local date (never deleted: past schedules keep it). */
export const EndRotationRequest = z.strictObject({ version, endsOn: DateOnly });
export type EndRotationRequest = z.infer<typeof EndRotationRequest>;

export const RotationListQuery = z.strictObject(
  filters({
    area: AreaCode,
    position: ShiftPosition,
    /** Rotations that ended before today are left out unless asked for. */
    includeEnded: queryFlag,
  }),
);
export type RotationListQuery = z.infer<typeof RotationListQuery>;

export const RotationPage = page(Rotation);

/** Overrides overlapping a range (at most 93 days; from now for 31 days by default). */
export const OverrideListQuery = z.strictObject(
  filters({ from: Timestamp, to: Timestamp, area: AreaCode, includeCancelled: queryFlag }),
);
export type OverrideListQuery = z.infer<typeof OverrideListQuery>;

export const OverridePage = page(Override);

/** The range to resolve: at most 93 days; one area or every area the agency staffs. */
export const ScheduleQuery = z.strictObject({
  from: Timestamp,
  to: Timestamp,
  area: z.optional(AreaCode),
});
export type ScheduleQuery = z.infer<typeof ScheduleQuery>;

export const MyShiftsQuery = z.strictObject({
  /** How many days ahead, from now: 1 to 31, 14 by default. */
  days: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(31))),
});
export type MyShiftsQuery = z.infer<typeof MyShiftsQuery>;

/** Who is on call for one area and position over a stretch of time, and why. */
export const ScheduleSegment = z.object({
  ...slot,
  specialistId: Id,
  ...stretch,
  /** `shift`: a single shift written by the service's seed or an older roster, the lowest layer. */
  source: z.enum(['rotation', 'override', 'shift']),
  /** The rotation, override or shift this comes from. */
  sourceId: Id,
});
export type ScheduleSegment = z.infer<typeof ScheduleSegment>;

/** A stretch when nobody is on call for an area and position. */
export const ScheduleGap = z.object({ ...slot, ...stretch });
export type ScheduleGap = z.infer<typeof ScheduleGap>;

/** A stretch when one person is on call in two places at once. */
export const ScheduleConflict = z.object({
  specialistId: Id,
  ...stretch,
  slots: list(z.object(slot), 30, 2),
});
export type ScheduleConflict = z.infer<typeof ScheduleConflict>;

/** The range an answer covers, and the agency's time zone to read it in. */
const zonedRange = { timeZone: TimeZone, from: Timestamp, to: Timestamp };

/** The schedule resolved for a range: segments in order of area, position and time. */
export const ResolvedSchedule = z.object({
  ...zonedRange,
  segments: z.array(ScheduleSegment),
  gaps: z.array(ScheduleGap),
  conflicts: z.array(ScheduleConflict),
});
export type ResolvedSchedule = z.infer<typeof ResolvedSchedule>;

/** A peer's own upcoming turns on call, in the agency's time zone. */
export const MyShifts = z.object({
  specialistId: Id,
  ...zonedRange,
  shifts: z.array(ScheduleSegment),
});
export type MyShifts = z.infer<typeof MyShifts>;
