import * as z from 'zod/mini';
import { agencyRecord } from './fields.js';
import { Id, Timestamp, list } from './primitives.js';
import { FieldError } from './problem.js';
import { Capacity, ResourceInput } from './resource.js';

/**
 * Where an import job is: reading and checking every record, then writing them all in one transaction;
 * `cancelled` when a supervisor stopped it before it ended (nothing written).
 */
export const DirectoryImportStatus = z.enum(['queued', 'validating', 'writing', 'done', 'failed', 'cancelled']);
export type DirectoryImportStatus = z.infer<typeof DirectoryImportStatus>;

/** What an import did (or, in a dry run, would do) with one resource of the payload. */
export const DirectoryImportOutcome = z.enum(['created', 'updated', 'unchanged', 'error']);
export type DirectoryImportOutcome = z.infer<typeof DirectoryImportOutcome>;

const count = z.number().check(z.int(), z.gte(0));

/**
 * One line of the report: a resource the payload's record at `path` became (`created`, `updated`,
 * `unchanged`), or the record that could not become one (`error`, with its problems by HSDS path).
 */
export const DirectoryImportRecord = z.object({
  /** The record's place in the payload: `3` in an array, `contents.3` in a list page. */
  path: z.string().check(z.maxLength(100)),
  /** The HSDS service (and service at location) the resource is matched by, `service-id/sal-id`. */
  hsdsId: z.nullable(z.string().check(z.maxLength(201))),
  outcome: DirectoryImportOutcome,
  resourceId: z.nullable(Id),
  errors: z.optional(z.array(FieldError)),
  /** What the importer dropped or assumed (the first 20). */
  warnings: z.optional(list(FieldError, 20)),
});
export type DirectoryImportRecord = z.infer<typeof DirectoryImportRecord>;

export const DirectoryImportCounts = z.object({
  created: count,
  updated: count,
  unchanged: count,
  error: count,
});
export type DirectoryImportCounts = z.infer<typeof DirectoryImportCounts>;

/**
 * An HSDS import job. While it runs, `processed` counts the records checked so far (of
 * `total`, known once the whole upload is read), `bytesRead` of `bytesTotal` the upload, and
 * `written` the resources stored; `records` is filled when it ends.
 */
export const DirectoryImport = z.object({
  ...agencyRecord,
  status: DirectoryImportStatus,
  dryRun: z.boolean(),
  processed: count,
  total: z.nullable(count),
  written: count,
  bytesRead: count,
  bytesTotal: z.nullable(count),
  counts: DirectoryImportCounts,
  records: z.array(DirectoryImportRecord),
  /** Why a failed import failed, when it is not a record's fault (the upload broke off, invalid JSON). */
  failure: z.nullable(z.array(FieldError)),
  createdAt: Timestamp,
  finishedAt: z.nullable(Timestamp),
});
export type DirectoryImport = z.infer<typeof DirectoryImport>;

const flag = z.pipe(
  z.transform((value: unknown) => (value === 'true' ? true : value === 'false' ? false : value)),
  z.boolean(),
);

/** Query of `POST /v1/directory/imports`. */
export const DirectoryImportQuery = z.strictObject({
  /** Check everything and report, write nothing. */
  dryRun: z.optional(flag),
  /** The job's id, chosen by the caller so it can read progress while the upload runs. */
  id: z.optional(Id),
});
export type DirectoryImportQuery = z.infer<typeof DirectoryImportQuery>;

/**
 * The upload: Open Referral HSDS 3.0 JSON — an array of services (compiled service records with
 * their organization, service_at_locations, schedules…), a `service_list` page (`contents`), or
 * one service. Read as it arrives, one record at a time.
 */
export const HsdsUpload = z.union([z.array(z.record(z.string(), z.unknown())), z.record(z.string(), z.unknown())]);
export type HsdsUpload = z.infer<typeof HsdsUpload>;

/** `GET /v1/directory/export`: an HSDS 3.0 `service_list` page holding every active resource. */
export const HsdsExport = z.looseObject({
  total_items: count,
  contents: z.array(z.looseObject({ id: z.string() })),
});
export type HsdsExport = z.infer<typeof HsdsExport>;

/** A change to one resource: the fields given replace the stored ones. */
export const ResourceUpdate = z.partial(ResourceInput);
export type ResourceUpdate = z.infer<typeof ResourceUpdate>;

/**
 * A capacity report: the figures given replace the stored ones, the rest are kept; `available`
 * becomes open beds plus open slots (0 when not accepting new clients).
 */
export const CapacityUpdate = z
  .strictObject({
    openBeds: z.optional(z.nullable(Capacity.shape.available)),
    openSlots: z.optional(z.nullable(Capacity.shape.available)),
    waitDays: Capacity.shape.waitDays,
    acceptingNewClients: Capacity.shape.acceptingNewClients,
    total: Capacity.shape.total,
  })
  .check(
    z.refine((value) => Object.keys(value).length > 0, {
      message: 'Give at least one of openBeds, openSlots, waitDays, acceptingNewClients, total',
    }),
  );
export type CapacityUpdate = z.infer<typeof CapacityUpdate>;
