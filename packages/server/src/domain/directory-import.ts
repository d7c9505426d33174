import { createHash, randomUUID } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import type { DirectoryImport, DirectoryImportRecord, FieldError, ResourceInput } from '@peerlink/sdk';
import { HsdsImportError, fromHsds } from '@peerlink/sdk/hsds';
import type { Database, Sql } from '../infra/db/database.js';
import { iso } from '../time.js';
import type { RequestMeta } from './audit.js';
import { audit } from './audit.js';
import type { Principal } from './auth.js';
import { hsdsRecords } from './hsds-stream.js';
import { HttpProblem, conflict, invalid, notFound, tooLarge } from './problems.js';

/** Imports running in this process: what `GET /v1/directory/imports/{id}` shows while they run. */
const running = new Map<string, DirectoryImport>();

/** Thrown inside a running import once it has been cancelled: it rolls back whatever the import holds. */
class ImportCancelled extends Error {}

/** Statuses of an import that has not ended: the only ones a cancel applies to. */
const unfinished = ['queued', 'validating', 'writing'] as const;

/**
 * Rows staged per transaction: 50,000 resources take a hundred short transactions, between which
 * PGlite's one connection serves every other request (dispatch included) and progress reads.
 */
const batchSize = 500;
/** How often progress is written to the job row, for readers on other instances. */
const progressEveryMs = 250;
/** Warnings kept per record in the report. */
const warningsKept = 20;

interface Pending {
  id: string;
  key: string;
  hash: string;
  input: ResourceInput;
}

/** What an imported resource is matched by: its HSDS service id, and its service at location's when it has one. */
export function hsdsKeyOf(resource: ResourceInput): string | undefined {
  const { serviceId, serviceAtLocationId, locationId } = resource.hsds ?? {};
  if (serviceId === undefined) return undefined;
  const at = serviceAtLocationId ?? locationId;
  return at === undefined ? serviceId : `${serviceId}/${at}`;
}

const hashOf = (json: string) => createHash('sha256').update(json).digest('hex');

const prefixed = (path: string, errors: readonly FieldError[]): FieldError[] =>
  errors.map((error) => ({ ...error, path: [path, error.path].filter((part) => part !== '').join('.') }));

const serviceIdOf = (value: unknown): string | null =>
  typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string'
    ? value.id.slice(0, 201)
    : null;

export interface ImportRequest {
  agencyId: string;
  id?: string | undefined;
  dryRun: boolean;
  body: AsyncIterable<Uint8Array>;
  bytesTotal: number | null;
  principal: Principal;
  meta: RequestMeta;
  /** Refuses the upload once it passes this many bytes. */
  maxBytes: number;
  /** Called whenever progress is recorded (a few times a second while records are checked). */
  onProgress?: (job: DirectoryImport) => void;
}

/**
 * Records progress, and learns of a cancel made on any instance: every update of the job's row skips a
 * cancelled row, so a cancel committed first is seen here, and a cancel made later finds the row ended.
 */
async function saveProgress(sql: Sql, job: DirectoryImport, onProgress?: (job: DirectoryImport) => void) {
  onProgress?.(job);
  const saved = await sql.query(
    `update directory_imports set status = $2, processed = $3, total = $4, written = $5, bytes_read = $6, bytes_total = $7
     where id = $1 and status <> 'cancelled' returning id`,
    [job.id, job.status, job.processed, job.total, job.written, job.bytesRead, job.bytesTotal],
  );
  if (saved.length === 0) throw new ImportCancelled();
}

async function finish(tx: Sql, job: DirectoryImport): Promise<void> {
  const saved = await tx.query(
    `update directory_imports set status = $2, processed = $3, total = $4, written = $5, bytes_read = $6,
       bytes_total = $7, counts = $8::text::jsonb, report = $9::text::jsonb, failure = $10::text::jsonb, finished_at = $11
     where id = $1 and status <> 'cancelled' returning id`,
    [
      job.id,
      job.status,
      job.processed,
      job.total,
      job.written,
      job.bytesRead,
      job.bytesTotal,
      JSON.stringify(job.counts),
      JSON.stringify(job.records),
      job.failure === null ? null : JSON.stringify(job.failure),
      job.finishedAt,
    ],
  );
  if (saved.length === 0) throw new ImportCancelled();
}

/**
 * Runs an HSDS import: reads the upload record by record (progress readable meanwhile), checks
 * every record against the contract and the resources the agency holds, then — unless it is a dry
 * run or a record failed — stages every created or changed resource in short transactions
 * (progress readable meanwhile) and moves them into `resources` in one transaction, with the audit
 * event and the job's report. Nothing is written when anything fails or the import is cancelled.
 */
export async function runImport(db: Database, request: ImportRequest): Promise<DirectoryImport> {
  const { agencyId, dryRun, principal, meta } = request;
  const job: DirectoryImport = {
    id: request.id ?? randomUUID(),
    agencyId,
    status: 'validating',
    dryRun,
    processed: 0,
    total: null,
    written: 0,
    bytesRead: 0,
    bytesTotal: request.bytesTotal,
    counts: { created: 0, updated: 0, unchanged: 0, error: 0 },
    records: [],
    failure: null,
    createdAt: iso(meta.now),
    finishedAt: null,
  };
  const timeZone = await db.transaction(async (tx) => {
    const [agency] = await tx.query<{ time_zone: string }>('select time_zone from agencies where id = $1', [agencyId]);
    if (!agency) throw notFound();
    const [taken] = await tx.query('select 1 from directory_imports where id = $1', [job.id]);
    if (taken || running.has(job.id)) throw conflict('An import with this id exists; choose another id');
    await tx.query(
      `insert into directory_imports (id, agency_id, status, dry_run, bytes_total, created_at)
       values ($1, $2, $3, $4, $5, $6)`,
      [job.id, agencyId, job.status, dryRun, job.bytesTotal, meta.now],
    );
    return agency.time_zone;
  });
  running.set(job.id, job);
  try {
    const pending = await validate(db, job, request, timeZone);
    job.total = job.processed;
    if (job.counts.error > 0 || dryRun) {
      const ended: DirectoryImport = {
        ...job,
        status: job.counts.error > 0 ? 'failed' : 'done',
        finishedAt: iso(new Date()),
      };
      await db.transaction((tx) => finish(tx, ended));
      Object.assign(job, ended);
      // A dry run answers with its report; a real import with a bad record is refused, naming each.
      if (dryRun) return { ...job };
      const errors = job.records.flatMap((record) => record.errors ?? []);
      const detail = `${String(job.counts.error)} of ${String(job.processed)} records are invalid; nothing was imported (import ${job.id})`;
      throw invalid(errors, detail);
    }
    job.status = 'writing';
    await saveProgress(db, job, request.onProgress);
    const now = new Date();
    await stage(db, job, pending, now, request.onProgress);
    // Readers of this process see the job (`liveImport`) as `writing` until the import is committed.
    const done: DirectoryImport = { ...job, status: 'done', finishedAt: iso(new Date()) };
    await db.transaction(async (tx) => {
      // First: it takes the job's row, so a cancel committed before it is seen and one after it finds the import done.
      await finish(tx, done);
      await apply(tx, done, pending.length, now);
      await audit(tx, principal, meta, 'import', 'resource', job.id);
    });
    Object.assign(job, done);
    return { ...job };
  } catch (error) {
    await db.query('delete from directory_import_rows where import_id = $1', [job.id]).catch(() => undefined);
    if (error instanceof ImportCancelled || job.status === 'cancelled') {
      job.status = 'cancelled';
      throw conflict(`The import was cancelled; nothing was written (import ${job.id})`);
    }
    if (job.status === 'failed') throw error;
    job.status = 'failed';
    job.finishedAt = iso(new Date());
    job.failure =
      error instanceof HttpProblem && error.errors && error.errors.length > 0
        ? error.errors
        : [{ path: '', message: 'The import stopped before its end', code: 'interrupted' }];
    await db.transaction((tx) => finish(tx, job)).catch(() => undefined);
    throw error;
  } finally {
    running.delete(job.id);
  }
}

async function validate(
  db: Database,
  job: DirectoryImport,
  request: ImportRequest,
  timeZone: string,
): Promise<Pending[]> {
  const known = new Map<string, { id: string; hash: string | null }>();
  const rows = await db.query<{ id: string; hsds_id: string; hsds_hash: string | null }>(
    'select id, hsds_id, hsds_hash from resources where agency_id = $1 and hsds_id is not null',
    [job.agencyId],
  );
  for (const row of rows) known.set(row.hsds_id, { id: row.id, hash: row.hsds_hash });
  const seen = new Set<string>();
  const pending: Pending[] = [];
  const now = new Date();
  let savedAt = Date.now();
  const onBytes = (count: number) => {
    job.bytesRead += count;
    if (job.bytesRead > request.maxBytes) {
      throw tooLarge(request.maxBytes);
    }
  };
  for await (const { path, value } of hsdsRecords(request.body, onBytes)) {
    if (job.status === 'cancelled') throw new ImportCancelled();
    job.processed += 1;
    const add = (record: DirectoryImportRecord) => {
      job.records.push(record);
      job.counts[record.outcome] += 1;
    };
    let resources: ResourceInput[];
    let warnings: FieldError[];
    try {
      ({ resources, warnings } = fromHsds(value, { timeZone, now }));
    } catch (error) {
      if (!(error instanceof HsdsImportError)) throw error;
      add({
        path,
        hsdsId: serviceIdOf(value),
        outcome: 'error',
        resourceId: null,
        errors: prefixed(path, error.errors),
      });
      continue;
    }
    const kept = prefixed(path, warnings).slice(0, warningsKept);
    for (const input of resources) {
      const key = hsdsKeyOf(input);
      const report = { path, hsdsId: key ?? serviceIdOf(value), ...(kept.length > 0 ? { warnings: kept } : {}) };
      const problem =
        key === undefined
          ? 'Needs the service id a later import matches it by'
          : seen.has(key)
            ? 'The same service (and service at location) appears twice in the upload'
            : undefined;
      if (key === undefined || problem !== undefined) {
        const errors = [{ path: [path, 'id'].filter(Boolean).join('.'), message: problem ?? '', code: 'duplicate' }];
        add({ ...report, outcome: 'error', resourceId: null, errors });
        continue;
      }
      seen.add(key);
      const hash = hashOf(JSON.stringify(input));
      const existing = known.get(key);
      if (existing?.hash === hash) {
        add({ ...report, outcome: 'unchanged', resourceId: existing.id });
        continue;
      }
      const id = existing?.id ?? randomUUID();
      pending.push({ id, key, hash, input });
      add({ ...report, outcome: existing ? 'updated' : 'created', resourceId: id });
    }
    if (Date.now() - savedAt > progressEveryMs) {
      savedAt = Date.now();
      await saveProgress(db, job, request.onProgress);
    }
  }
  return pending;
}

/**
 * Stages the resources to write, one short transaction per batch that also records `written`: no
 * request reads the staged rows, and a cancel made meanwhile is seen by the next batch.
 */
async function stage(
  db: Database,
  job: DirectoryImport,
  pending: readonly Pending[],
  now: Date,
  onProgress?: (job: DirectoryImport) => void,
): Promise<void> {
  for (let start = 0; start < pending.length; start += batchSize) {
    // PGlite runs in this thread and answers without I/O: a turn of the event loop lets requests in between batches.
    await setImmediate();
    if (job.status === 'cancelled') throw new ImportCancelled();
    const batch = pending.slice(start, start + batchSize).map(({ id, key, hash, input }) => ({
      id,
      key,
      hash,
      doc: { id, agencyId: job.agencyId, updatedAt: iso(now), ...input },
    }));
    await db.transaction(async (tx) => {
      await tx.query(
        `insert into directory_import_rows (import_id, batch, id, hsds_id, hsds_hash, doc)
         select $1, $3, (r->>'id')::uuid, r->>'key', r->>'hash', r->'doc' from jsonb_array_elements($2::text::jsonb) as r`,
        [job.id, JSON.stringify(batch), start / batchSize],
      );
      job.written = start + batch.length;
      await saveProgress(tx, job, onProgress);
    });
  }
}

/** How many staged batches the ending moves per statement, yielding to the event loop between. */
const batchesApplied = 4;

/**
 * Moves the import's staged resources into `resources` with set-based statements, a few batches at
 * a time: an update of those the agency holds, then a plain insert of the others (a third faster on
 * PGlite than one upsert). Between them the event loop turns, so this process still answers what it
 * can without the database (a running import's progress) while PGlite's connection is held. A
 * resource another import created meanwhile breaks the unique index: this one fails whole.
 */
async function apply(tx: Sql, job: DirectoryImport, staged: number, now: Date): Promise<void> {
  for (let first = 0; first * batchSize < staged; first += batchesApplied) {
    await setImmediate();
    const batches = [job.id, first, first + batchesApplied - 1];
    // An update keeps the stored id, whether the resource is active, and capacity the upload does not state.
    await tx.query(
      `update resources set
         hsds_hash = staged.hsds_hash,
         updated_at = $5,
         doc = jsonb_set(staged.doc, '{id}', to_jsonb(resources.id)) || jsonb_strip_nulls(jsonb_build_object(
           'active', resources.doc->'active',
           'capacity', case when staged.doc ? 'capacity' then null else resources.doc->'capacity' end))
       from directory_import_rows staged
       where staged.import_id = $1 and staged.batch between $2 and $3
         and resources.agency_id = $4 and resources.hsds_id = staged.hsds_id`,
      [...batches, job.agencyId, now],
    );
    await tx.query(
      `insert into resources (id, agency_id, hsds_id, hsds_hash, doc, updated_at)
       select staged.id, $4, staged.hsds_id, staged.hsds_hash, staged.doc, $5 from directory_import_rows staged
       where staged.import_id = $1 and staged.batch between $2 and $3
         and not exists (select 1 from resources held where held.agency_id = $4 and held.hsds_id = staged.hsds_id)`,
      [...batches, job.agencyId, now],
    );
    await tx.query('delete from directory_import_rows where import_id = $1 and batch between $2 and $3', batches);
  }
}

interface ImportRow {
  id: string;
  agency_id: string;
  status: DirectoryImport['status'];
  dry_run: boolean;
  processed: number;
  total: number | null;
  written: number;
  bytes_read: string;
  bytes_total: string | null;
  counts: DirectoryImport['counts'];
  report: DirectoryImport['records'];
  failure: DirectoryImport['failure'];
  created_at: Date | string;
  finished_at: Date | string | null;
}

/**
 * Ends the imports a stopped process left unfinished: `failed` (`interrupted`), their staged rows
 * deleted, so their status no longer says they run and nothing of them stays behind. Only where one
 * process holds the storage (PGlite's folder): on PostgreSQL another instance may be running them.
 */
export async function endInterruptedImports(db: Database, now: Date): Promise<number> {
  if (db.kind !== 'pglite') return 0;
  return db.transaction(async (tx) => {
    const ended = await tx.query<{ id: string }>(
      `update directory_imports set status = 'failed', failure = $1::text::jsonb, finished_at = $2
        where status = any($3::text[]) returning id`,
      [
        JSON.stringify([{ path: '', message: 'The service stopped before the import ended', code: 'interrupted' }]),
        now,
        [...unfinished],
      ],
    );
    if (ended.length > 0) {
      await tx.query('delete from directory_import_rows where import_id = any($1::uuid[])', [
        ended.map((row) => row.id),
      ]);
    }
    return ended.length;
  });
}

/** An import of the agency as it runs in this process, if it does. */
export function liveImport(agencyId: string, id: string): DirectoryImport | undefined {
  const live = running.get(id);
  return live?.agencyId === agencyId ? { ...live, records: [] } : undefined;
}

/** An import of the agency: as it runs in this process, else as its row last recorded it. */
export async function readImport(tx: Sql, agencyId: string, id: string): Promise<DirectoryImport> {
  const live = liveImport(agencyId, id);
  if (live) return live;
  const [row] = await tx.query<ImportRow>(
    `select id, agency_id, status, dry_run, processed, total, written, bytes_read::text, bytes_total::text,
            counts, report, failure, created_at, finished_at
       from directory_imports where agency_id = $1 and id = $2`,
    [agencyId, id],
  );
  if (!row) throw notFound();
  return {
    id: row.id,
    agencyId: row.agency_id,
    status: row.status,
    dryRun: row.dry_run,
    processed: row.processed,
    total: row.total,
    written: row.written,
    bytesRead: Number(row.bytes_read),
    bytesTotal: row.bytes_total === null ? null : Number(row.bytes_total),
    counts: row.counts,
    records: row.report,
    failure: row.failure,
    createdAt: iso(row.created_at),
    finishedAt: row.finished_at === null ? null : iso(row.finished_at),
  };
}

/**
 * Cancels an import of the agency that has not ended: its row says `cancelled` at once, and the
 * import, seeing it at its next record, progress save or batch, rolls back and writes nothing. A
 * cancelled import is answered again; one that ended otherwise is refused.
 */
export async function cancelImport(tx: Sql, agencyId: string, id: string, now: Date): Promise<DirectoryImport> {
  const [cancelled] = await tx.query<{ id: string }>(
    `update directory_imports set status = 'cancelled', finished_at = $3
      where agency_id = $1 and id = $2 and status = any($4::text[]) returning id`,
    [agencyId, id, now, [...unfinished]],
  );
  const live = running.get(id);
  if (cancelled && live?.agencyId === agencyId) {
    live.status = 'cancelled';
    live.finishedAt = iso(now);
  }
  const job = await readImport(tx, agencyId, id);
  if (job.status !== 'cancelled')
    throw conflict(`The import has already ended (${job.status}); it cannot be cancelled`);
  return job;
}
