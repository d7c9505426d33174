import type {
  CalloutLog,
  CalloutLogDraft,
  CalloutLogStatus,
  CalloutReview,
  CreateCalloutLogRequest,
  FieldError,
  PiiCheckedField,
  PiiKeptFinding,
  PiiKind,
  ReviewCalloutLogRequest,
  SubmitCalloutLogRequest,
} from '@peerlink/sdk';
import type { CalloutLogListQuery } from '@peerlink/sdk';
import {
  CalloutLog as CalloutLogSchema,
  CalloutLogContent,
  calloutLogTransitions,
  canTransition,
  detectPii,
  findingKey,
  piiCheckedFields,
  problemTypes,
  toFieldErrors,
} from '@peerlink/sdk';
import type { EmbedPrincipal } from './auth.js';
import type { Sql } from '../infra/db/database.js';
import { canSeeDispatch, loadDispatch } from './dispatches.js';
import { appendEvent } from './events.js';
import { HttpProblem, conflict, forbidden, invalid, notFound } from './problems.js';
import { nextCursor, page } from './pagination.js';
import { bump, firstVersion, readRecord, rowsOf, writeRecord } from './records.js';
import { iso } from '../time.js';

/** The author reads the investigator note only until the log is first submitted. */
const authorReadsNote = (log: CalloutLog) => log.submissions.length === 0;

/**
 * The minimum each role needs. Supervisors read everything. The author reads everything but the
 * investigator note once the log has been submitted. Investigators read the times, the check-in
 * and the note meant for them — never the narrative, who was served, the findings kept in the
 * narrative (their keys hold its text) or the reviewers' wording.
 */
export function redactCalloutLog(log: CalloutLog, principal: EmbedPrincipal, current: CalloutLog = log): CalloutLog {
  if (principal.role === 'supervisor') return log;
  if (principal.role === 'specialist' && principal.subjectId === log.specialistId) {
    // `current` decides for an earlier answer replayed: a note readable then may not be now.
    if (authorReadsNote(current) || log.content.investigatorNote === undefined) return log;
    const { investigatorNote: _hidden, ...content } = log.content;
    return { ...log, content };
  }
  const { times, checkIn, sceneType, investigatorNote } = log.content;
  const content: CalloutLogDraft = {
    ...(times ? { times } : {}),
    ...(checkIn ? { checkIn } : {}),
    ...(sceneType ? { sceneType } : {}),
    ...(principal.role === 'investigator' && investigatorNote ? { investigatorNote } : {}),
  };
  return {
    ...log,
    content,
    piiKept: [],
    submissions: log.submissions.map((submission) => ({ ...submission, piiKept: [] })),
    reviews: log.reviews.map(({ decision, reviewerId, version, at }) => ({ decision, reviewerId, version, at })),
  };
}

export function canSeeCalloutLog(principal: EmbedPrincipal, log: CalloutLog): boolean {
  if (principal.agencyId !== log.agencyId) return false;
  if (principal.scope) {
    const { type, id } = principal.scope;
    if (!((type === 'callout-log' && id === log.id) || (type === 'dispatch' && id === log.dispatchId))) return false;
  }
  if (principal.role === 'specialist') return principal.subjectId === log.specialistId;
  return principal.role === 'supervisor' || principal.role === 'investigator';
}

export async function loadCalloutLog(
  tx: Sql,
  agencyId: string,
  id: string,
  lock = false,
): Promise<CalloutLog | undefined> {
  return readRecord(tx, 'callout_logs', agencyId, id, lock);
}

async function save(tx: Sql, log: CalloutLog, created: boolean, now: Date): Promise<CalloutLog> {
  const next: CalloutLog = created ? log : bump(log, now);
  await writeRecord(tx, 'callout_logs', next, created, {
    dispatch_id: next.dispatchId,
    specialist_id: next.specialistId,
    status: next.status,
  });
  // The event stream carries the status only: never narrative, people served or notes.
  await appendEvent(tx, {
    agencyId: next.agencyId,
    type: 'callout-log.updated',
    recordId: next.id,
    audience: {
      roles: ['specialist', 'supervisor', 'investigator'],
      ...(next.specialistId ? { specialistIds: [next.specialistId] } : {}),
    },
    data: {
      id: next.id,
      dispatchId: next.dispatchId,
      specialistId: next.specialistId,
      status: next.status,
      updatedAt: next.updatedAt,
    },
    at: now,
  });
  return next;
}

export async function createCalloutLog(
  tx: Sql,
  principal: EmbedPrincipal,
  body: CreateCalloutLogRequest,
  now: Date,
): Promise<CalloutLog> {
  const dispatch = await loadDispatch(tx, principal.agencyId, body.dispatchId);
  if (!dispatch || !canSeeDispatch(principal, dispatch)) throw notFound('No such dispatch');
  // A peer who declined (or was escalated past) sees the call-out but does not write its log.
  if (dispatch.specialistId !== principal.subjectId)
    throw forbidden('Only the specialist the call-out rests with writes its log');
  const existing = await tx.query('select id from callout_logs where dispatch_id = $1', [dispatch.id]);
  if (existing.length > 0) throw conflict('This dispatch already has a call-out log');
  return save(
    tx,
    {
      ...firstVersion(principal.agencyId, now),
      dispatchId: dispatch.id,
      specialistId: principal.subjectId,
      status: 'draft',
      content: body.content,
      submittedAt: null,
      submissions: [],
      reviews: [],
      piiKept: [],
    },
    true,
    now,
  );
}

async function loadOwn(tx: Sql, principal: EmbedPrincipal, id: string): Promise<CalloutLog> {
  const log = await loadCalloutLog(tx, principal.agencyId, id, true);
  if (!log || !canSeeCalloutLog(principal, log)) throw notFound();
  return log;
}

function checkVersion(log: CalloutLog, expected: number | undefined): void {
  if (expected !== undefined && expected !== log.version) {
    throw conflict(`The log changed (version ${String(log.version)}, expected ${String(expected)})`);
  }
}

function move(log: CalloutLog, to: CalloutLogStatus, principal: EmbedPrincipal): void {
  if (!canTransition(calloutLogTransitions, log.status, to, principal.role)) {
    throw conflict(`A ${principal.role} cannot move a log from ${log.status} to ${to}`);
  }
}

export async function updateCalloutLog(
  tx: Sql,
  principal: EmbedPrincipal,
  id: string,
  body: { content: CalloutLogDraft; expectedVersion?: number },
  now: Date,
): Promise<CalloutLog> {
  const log = await loadOwn(tx, principal, id);
  if (log.specialistId !== principal.subjectId) throw forbidden('Only the author edits a log');
  checkVersion(log, body.expectedVersion);
  if (log.status !== 'draft' && log.status !== 'returned') throw conflict(`A ${log.status} log cannot be edited`);
  const content: CalloutLogDraft = { ...body.content };
  // Once submitted the note is write-only for the author, who cannot send back what they cannot
  // read: leaving it out keeps it, a new text replaces it, an empty text removes it.
  const stored = log.content.investigatorNote;
  if (!authorReadsNote(log) && !('investigatorNote' in body.content) && stored !== undefined)
    content.investigatorNote = stored;
  if (content.investigatorNote === '') delete content.investigatorNote;
  return save(tx, { ...log, content }, false, now);
}

const kindNames: Record<PiiKind, string> = {
  phone: 'phone number',
  email: 'e-mail address',
  ssn: 'Social Security number',
  'date-of-birth': 'date of birth',
  'street-address': 'street address',
  'license-plate': 'license plate',
  'person-name': "person's name",
};

const checkedText = (content: CalloutLogContent, field: PiiCheckedField): string =>
  field === 'narrative' ? content.narrative : (content.followUp.plan ?? '');

/**
 * Runs the SDK's detector over the fields that go to the supervisor. Every finding must be kept
 * by the author (by field and key), else the submit is refused with 422 naming each field and
 * the kinds found in it — never the text. The investigator note is not checked: names belong there.
 */
export function resolvePii(content: CalloutLogContent, keep: SubmitCalloutLogRequest['keep'] = []): PiiKeptFinding[] {
  const keys = new Set(keep.map((decision) => `${decision.field}\u0000${decision.key}`));
  const kept: PiiKeptFinding[] = [];
  const errors: FieldError[] = [];
  for (const field of piiCheckedFields) {
    const open = new Map<PiiKind, number>();
    for (const finding of detectPii(checkedText(content, field))) {
      const key = findingKey(finding);
      if (keys.has(`${field}\u0000${key}`))
        kept.push({ field, kind: finding.kind, key, start: finding.start, end: finding.end });
      else open.set(finding.kind, (open.get(finding.kind) ?? 0) + 1);
    }
    if (open.size > 0) {
      const kinds = [...open]
        .map(([kind, count]) => `${kindNames[kind]}${count > 1 ? ` (${String(count)})` : ''}`)
        .join(', ');
      errors.push({
        path: `content.${field}`,
        message: `Contains personal information to redact or keep: ${kinds}`,
        code: 'pii_unresolved',
      });
    }
  }
  if (errors.length > 0) {
    throw new HttpProblem(
      422,
      problemTypes.piiUnresolved,
      'Personal information to resolve',
      'Redact what was found, or mark each finding to keep, and submit again',
      errors,
    );
  }
  return kept;
}

/** Submissions (and so reviews) a log may have; the contract bounds both lists. */
const maxSubmissions = 50;

export async function submitCalloutLog(
  tx: Sql,
  principal: EmbedPrincipal,
  id: string,
  body: SubmitCalloutLogRequest,
  now: Date,
): Promise<CalloutLog> {
  const log = await loadOwn(tx, principal, id);
  checkVersion(log, body.expectedVersion);
  move(log, 'submitted', principal);
  const complete = CalloutLogContent.safeParse(log.content);
  if (!complete.success) {
    throw invalid(toFieldErrors(complete.error.issues, log.content, ['content']), 'The log is incomplete');
  }
  if (log.submissions.length >= maxSubmissions)
    throw conflict(`A log can be submitted at most ${String(maxSubmissions)} times`);
  const piiKept = resolvePii(complete.data, body.keep);
  const at = iso(now);
  // The submission records the version this save makes (save bumps by one).
  const submission = { version: log.version + 1, at, piiKept };
  return save(
    tx,
    { ...log, status: 'submitted', submittedAt: at, submissions: [...log.submissions, submission], piiKept },
    false,
    now,
  );
}

export async function reviewCalloutLog(
  tx: Sql,
  principal: EmbedPrincipal,
  id: string,
  body: ReviewCalloutLogRequest,
  now: Date,
): Promise<CalloutLog> {
  const log = await loadOwn(tx, principal, id);
  const to = body.decision === 'approve' ? 'approved' : 'returned';
  move(log, to, principal);
  const review: CalloutReview = {
    decision: body.decision,
    ...(body.comment ? { comment: body.comment } : {}),
    ...(body.fieldComments?.length ? { fieldComments: body.fieldComments } : {}),
    reviewerId: principal.subjectId,
    version: log.version,
    at: iso(now),
  };
  return save(tx, { ...log, status: to, reviews: [...log.reviews, review] }, false, now);
}

export async function readableLog(tx: Sql, caller: EmbedPrincipal, id: string): Promise<CalloutLog> {
  const log = await loadCalloutLog(tx, caller.agencyId, id);
  if (!log || !canSeeCalloutLog(caller, log)) throw notFound();
  return log;
}

/**
 * A page of the logs the caller may see, most recently changed first (or, with `order=oldest`, the
 * longest unchanged first: a submitted log waits unchanged until it is reviewed), redacted for the caller.
 */
export async function listCalloutLogs(tx: Sql, caller: EmbedPrincipal, query: CalloutLogListQuery) {
  const { where, params } = rowsOf(caller.agencyId)
    .and('status = ?', query.status)
    .and('dispatch_id = ?', query.dispatchId)
    .and('specialist_id = ?', caller.role === 'specialist' ? caller.subjectId : undefined);
  const table = {
    table: 'callout_logs',
    time: 'updated_at',
    where,
    params,
    schema: CalloutLogSchema,
    order: query.order,
  };
  const { docs, more } = await page(tx, table, query.limit ?? 50, query.cursor);
  const items = docs.filter((log) => canSeeCalloutLog(caller, log)).map((log) => redactCalloutLog(log, caller));
  return { items, nextCursor: nextCursor(docs, more, (log) => log.updatedAt) };
}
