import { randomUUID } from 'node:crypto';
import type {
  CalloutLog,
  CalloutLogDraft,
  CalloutLogStatus,
  CreateCalloutLogRequest,
  ReviewCalloutLogRequest,
} from '@peerlink/sdk';
import { CalloutLogContent, calloutLogTransitions, canTransition, toFieldErrors } from '@peerlink/sdk';
import type { Principal } from './auth.js';
import type { Sql } from './db/database.js';
import { canSeeDispatch, loadDispatch } from './dispatches.js';
import { appendEvent } from './events.js';
import { conflict, forbidden, invalid, notFound } from './problems.js';
import { bump, writeRecord } from './records.js';
import { iso } from './time.js';

type EmbedPrincipal = Principal & { kind: 'embed' };

/**
 * The minimum each role needs. The author and supervisors read everything; investigators read
 * the times, the check-in and the note meant for them — never the narrative or who was served.
 */
export function redactCalloutLog(log: CalloutLog, principal: EmbedPrincipal): CalloutLog {
  if (principal.role === 'supervisor') return log;
  if (principal.role === 'specialist' && principal.subjectId === log.specialistId) return log;
  const { times, checkIn, sceneType, investigatorNote } = log.content;
  const content: CalloutLogDraft = {
    ...(times ? { times } : {}),
    ...(checkIn ? { checkIn } : {}),
    ...(sceneType ? { sceneType } : {}),
    ...(principal.role === 'investigator' && investigatorNote ? { investigatorNote } : {}),
  };
  return { ...log, content };
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

export async function loadCalloutLog(tx: Sql, agencyId: string, id: string, lock = false): Promise<CalloutLog | undefined> {
  const rows = await tx.query<{ doc: CalloutLog }>(
    `select doc from callout_logs where agency_id = $1 and id = $2${lock ? ' for update' : ''}`,
    [agencyId, id],
  );
  return rows[0]?.doc;
}

async function save(tx: Sql, log: CalloutLog, created: boolean, now: Date): Promise<CalloutLog> {
  const next: CalloutLog = created ? log : bump(log, now);
  await writeRecord(
    tx,
    'callout_logs',
    {
      id: next.id,
      agency_id: next.agencyId,
      dispatch_id: next.dispatchId,
      specialist_id: next.specialistId,
      status: next.status,
      doc: next,
      created_at: next.createdAt,
      updated_at: next.updatedAt,
      version: next.version,
    },
    created,
  );
  // The event stream carries the status only: never narrative, people served or notes.
  await appendEvent(tx, {
    agencyId: next.agencyId,
    type: 'callout-log.updated',
    recordId: next.id,
    audience: { roles: ['specialist', 'supervisor', 'investigator'], ...(next.specialistId ? { specialistIds: [next.specialistId] } : {}) },
    data: { id: next.id, dispatchId: next.dispatchId, specialistId: next.specialistId, status: next.status, updatedAt: next.updatedAt },
    at: now,
  });
  return next;
}

export async function createCalloutLog(tx: Sql, principal: EmbedPrincipal, body: CreateCalloutLogRequest, now: Date): Promise<CalloutLog> {
  const dispatch = await loadDispatch(tx, principal.agencyId, body.dispatchId);
  if (!dispatch || !canSeeDispatch(principal, dispatch)) throw notFound('No such dispatch');
  const existing = await tx.query('select id from callout_logs where dispatch_id = $1', [dispatch.id]);
  if (existing.length > 0) throw conflict('This dispatch already has a call-out log');
  const at = iso(now);
  return save(
    tx,
    {
      id: randomUUID(),
      agencyId: principal.agencyId,
      dispatchId: dispatch.id,
      specialistId: principal.subjectId,
      status: 'draft',
      content: body.content,
      submittedAt: null,
      reviews: [],
      createdAt: at,
      updatedAt: at,
      version: 1,
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
  return save(tx, { ...log, content: body.content }, false, now);
}

export async function submitCalloutLog(
  tx: Sql,
  principal: EmbedPrincipal,
  id: string,
  body: { expectedVersion?: number },
  now: Date,
): Promise<CalloutLog> {
  const log = await loadOwn(tx, principal, id);
  checkVersion(log, body.expectedVersion);
  move(log, 'submitted', principal);
  const complete = CalloutLogContent.safeParse(log.content);
  if (!complete.success) {
    throw invalid(toFieldErrors(complete.error.issues, log.content, ['content']), 'The log is incomplete');
  }
  return save(tx, { ...log, status: 'submitted', submittedAt: iso(now) }, false, now);
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
  const review = { decision: body.decision, ...(body.comment ? { comment: body.comment } : {}), reviewerId: principal.subjectId, at: iso(now) };
  return save(tx, { ...log, status: to, reviews: [...log.reviews, review] }, false, now);
}
