import * as z from 'zod/mini';
import { Id, PageQuery, Timestamp, text } from './primitives.js';

// Field groups and checks that several schemas of the contract are made of. Not exported from the
// package: the schemas built with them are.

/** How a record of one agency begins: its own id and the id of the agency it belongs to. */
export const agencyRecord = { id: Id, agencyId: Id };

/** A stretch of time, from `startsAt` up to `endsAt`. */
export const stretch = { startsAt: Timestamp, endsAt: Timestamp };

/** Refuses a stretch that does not end after it starts. */
export const endsAfterStart = z.refine<{ startsAt: string; endsAt: string }>(
  (range) => Date.parse(range.endsAt) > Date.parse(range.startsAt),
  { message: 'Must be after startsAt', path: ['endsAt'] },
);

/** A record's version: 1 when it is made, one more with every change; sent back to detect a concurrent change. */
export const version = z.number().check(z.int(), z.gte(1));

/** The version the caller read: the change is refused if the record has moved on since. Optional. */
export const expectedVersion = z.optional(version);

/** How a record that changes ends: when it was made and last changed, and its version. */
export const revision = { createdAt: Timestamp, updatedAt: Timestamp, version };

/** A query string's yes/no filter, as it arrives: `true` or `false`. */
export const queryFlag = z.enum(['true', 'false']);

/** The filters of a list query: each is optional, and one left out does not narrow the list. */
/* @__NO_SIDE_EFFECTS__ */
export function filters<T extends z.core.$ZodShape>(shape: T): { [K in keyof T]: z.ZodMiniOptional<T[K]> } {
  const optional: Record<string, z.ZodMiniOptional> = {};
  for (const [name, schema] of Object.entries(shape)) optional[name] = z.optional(schema);
  return optional as { [K in keyof T]: z.ZodMiniOptional<T[K]> };
}

/** The query of a paged list endpoint: its filters, each optional, then `limit` and `cursor`. */
export const listQuery = /* @__NO_SIDE_EFFECTS__ */ <T extends z.core.$ZodShape>(shape: T) =>
  z.strictObject({ ...filters(shape), ...PageQuery });

/**
 * Refuses a transition to `status` that leaves out `field`, which that move needs (a time to
 * schedule at, whom the peer checked in with).
 */
export const requiredWhenMovingTo = /* @__NO_SIDE_EFFECTS__ */ <K extends string>(
  status: string,
  field: K,
  message: string,
) =>
  z.refine<{ to: string } & Partial<Record<K, unknown>>>((body) => body.to !== status || body[field] !== undefined, {
    message,
    path: [field],
  });

/** A professional's name as a record names them (the lead investigator, whom a peer checked in with). */
export const professionalName = text(1, 120);
/** The name of the agency a professional works for. */
export const agencyName = text(1, 200);
