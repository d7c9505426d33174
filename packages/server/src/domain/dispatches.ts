import { randomUUID } from 'node:crypto';
import type {
  CalloutNotification,
  ContactChannel,
  CreateDispatchRequest,
  Dispatch,
  DispatchListQuery,
  DispatchStatus,
  DispatchTransitionRequest,
  Specialist,
  TimelineEntry,
} from '@peerlink/sdk';
import { Dispatch as DispatchSchema, canTransition, dispatchTransitions } from '@peerlink/sdk';
import type { Sql } from '../infra/db/database.js';
import { ackTimeoutMs } from './agency.js';
import type { EmbedPrincipal, KeyStore, Principal } from './auth.js';
import { issueAckToken, scopedTo } from './auth.js';
import { appendEvent } from './events.js';
import { nextCursor, page } from './pagination.js';
import { conflict, forbidden, notFound } from './problems.js';
import { bump, rowsOf, sqlList, writeRecord } from './records.js';
import { iso } from '../time.js';

export interface DispatchConfig {
  /** How long a notified peer has to acknowledge before the call-out escalates. */
  ackTimeoutMs: number;
  /** Base URL that acknowledgement links point at. */
  publicUrl: string;
  /** The host's responder view that links open instead, when set (see ServerConfig). */
  responderUrl?: string;
  ackLinkTtlSeconds: number;
}

export interface DispatchContext {
  tx: Sql;
  keys: KeyStore;
  config: DispatchConfig;
  now: Date;
}

type Level = 0 | 1 | 2;
const positions = ['primary', 'backup', 'supervisor'] as const;
const terminal: readonly DispatchStatus[] = dispatchTransitions.terminal;

interface DispatchRow {
  doc: Dispatch;
}

export async function loadDispatch(tx: Sql, agencyId: string, id: string, lock = false): Promise<Dispatch | undefined> {
  const rows = await tx.query<DispatchRow>(
    `select doc from dispatches where agency_id = $1 and id = $2${lock ? ' for update' : ''}`,
    [agencyId, id],
  );
  return rows[0]?.doc;
}

/** What a principal may see: specialists only their own call-outs; scoped tokens one record. */
export function canSeeDispatch(principal: Principal, dispatch: Dispatch): boolean {
  if (principal.agencyId !== dispatch.agencyId) return false;
  if (principal.kind === 'ack') return principal.dispatchId === dispatch.id;
  if (principal.kind === 'api-key') return true;
  if (principal.scope && !(principal.scope.type === 'dispatch' && principal.scope.id === dispatch.id)) return false;
  if (principal.role === 'specialist') {
    return principal.subjectId !== null && involvedSpecialists(dispatch).includes(principal.subjectId);
  }
  return ['dispatcher', 'supervisor', 'investigator'].includes(principal.role);
}

function involvedSpecialists(dispatch: Dispatch): string[] {
  const ids = new Set<string>();
  for (const entry of dispatch.timeline) if (entry.specialistId) ids.add(entry.specialistId);
  if (dispatch.specialistId) ids.add(dispatch.specialistId);
  return [...ids];
}

async function save(ctx: DispatchContext, dispatch: Dispatch, created: boolean): Promise<Dispatch> {
  const next: Dispatch = created ? dispatch : bump(dispatch, ctx.now);
  await writeRecord(
    ctx.tx,
    'dispatches',
    {
      id: next.id,
      agency_id: next.agencyId,
      external_id: next.callForService.externalId,
      status: next.status,
      specialist_id: next.specialistId,
      ack_due_at: next.ackDueAt,
      doc: next,
      created_at: next.createdAt,
      updated_at: next.updatedAt,
      version: next.version,
    },
    created,
  );
  await appendEvent(ctx.tx, {
    agencyId: next.agencyId,
    type: created ? 'dispatch.created' : 'dispatch.updated',
    recordId: next.id,
    audience: {
      roles: ['dispatcher', 'supervisor', 'investigator', 'specialist'],
      specialistIds: involvedSpecialists(next),
    },
    data: next,
    at: ctx.now,
  });
  return next;
}

function step(
  dispatch: Dispatch,
  status: DispatchStatus,
  actor: TimelineEntry['actor'],
  now: Date,
  extra: { specialistId?: string | null; specialistName?: string; note?: string } = {},
): Dispatch {
  const entry: TimelineEntry = { status, at: iso(now), actor, ...extra };
  return { ...dispatch, status, timeline: [...dispatch.timeline, entry] };
}

async function onCall(
  tx: Sql,
  agencyId: string,
  area: string,
  level: Level,
  at: Date,
): Promise<Specialist | undefined> {
  const rows = await tx.query<{ doc: Specialist }>(
    `select s.doc from on_call_shifts o join specialists s on s.id = o.specialist_id
     where o.agency_id = $1 and o.area = $2 and o.position = $3 and o.starts_at <= $4 and o.ends_at > $4 and s.active
     order by o.starts_at desc limit 1`,
    [agencyId, area, positions[level], at],
  );
  return rows[0]?.doc;
}

async function queueDelivery(
  ctx: DispatchContext,
  dispatch: Dispatch,
  recipient: ContactChannel,
  notification: CalloutNotification,
): Promise<void> {
  await ctx.tx.query(
    `insert into deliveries (id, agency_id, dispatch_id, recipient, notification, status, next_attempt_at, created_at, updated_at)
     values ($1, $2, $3, $4::text::jsonb, $5::text::jsonb, 'pending', $6, $6, $6)`,
    [randomUUID(), dispatch.agencyId, dispatch.id, JSON.stringify(recipient), JSON.stringify(notification), ctx.now],
  );
}

function notificationOf(dispatch: Dispatch, kind: CalloutNotification['kind'], ackUrl?: string): CalloutNotification {
  const { callForService: call } = dispatch;
  return {
    kind,
    dispatchId: dispatch.id,
    incidentType: call.type,
    address: call.location.address,
    ...(call.location.area ? { area: call.location.area } : {}),
    ...(call.location.lat !== undefined ? { lat: call.location.lat } : {}),
    ...(call.location.lon !== undefined ? { lon: call.location.lon } : {}),
    receivedAt: call.receivedAt,
    ...(ackUrl ? { ackUrl } : {}),
    ...(call.cautions ? { cautions: call.cautions } : {}),
  };
}

/** The link a notified peer follows to answer: the host's responder view, or the service's own page. */
function ackLink(config: DispatchConfig, dispatchId: string, specialistId: string, token: string): string {
  if (!config.responderUrl) return `${config.publicUrl}/v1/ack/${token}`;
  const url = new URL(config.responderUrl);
  url.searchParams.set('dispatch', dispatchId);
  url.searchParams.set('specialist', specialistId);
  url.hash = `ack=${token}`;
  return url.href;
}

/**
 * Notifies whoever is on call at `fromLevel` or the first staffed level after it, with an
 * acknowledgement link, and sends the on-call supervisor a copy when it is not them.
 */
async function notifyFrom(ctx: DispatchContext, dispatch: Dispatch, fromLevel: Level): Promise<Dispatch> {
  for (let level = fromLevel; level <= 2; level++) {
    const person = await onCall(ctx.tx, dispatch.agencyId, dispatch.area, level, ctx.now);
    if (!person) continue;
    let next = step(dispatch, 'notified', { kind: 'system' }, ctx.now, {
      specialistId: person.id,
      specialistName: person.displayName,
      note: `${positions[level]} notified`,
    });
    next = {
      ...next,
      specialistId: person.id,
      specialistName: person.displayName,
      escalationLevel: level,
      ackDueAt:
        level < 2
          ? iso(ctx.now.getTime() + (await ackTimeoutMs(ctx.tx, dispatch.agencyId, ctx.config.ackTimeoutMs)))
          : null,
    };
    const token = await issueAckToken(
      ctx.keys,
      ctx.tx,
      { agencyId: dispatch.agencyId, dispatchId: dispatch.id, specialistId: person.id },
      ctx.now,
      ctx.config.ackLinkTtlSeconds,
    );
    const ackUrl = ackLink(ctx.config, dispatch.id, person.id, token);
    for (const contact of person.contacts ?? []) {
      await queueDelivery(ctx, next, contact, notificationOf(next, level === 0 ? 'callout' : 'escalation', ackUrl));
    }
    if (level < 2) {
      const supervisor = await onCall(ctx.tx, dispatch.agencyId, dispatch.area, 2, ctx.now);
      if (supervisor && supervisor.id !== person.id) {
        for (const contact of supervisor.contacts ?? []) {
          await queueDelivery(ctx, next, contact, notificationOf(next, 'supervisor-copy'));
        }
      }
    }
    return next;
  }
  // Nobody to call: the dispatch stays visible as it is, and says why on its last step.
  const last = dispatch.timeline.at(-1);
  const note = 'nobody is on call for this area';
  const timeline = last
    ? [...dispatch.timeline.slice(0, -1), { ...last, note: last.note ? `${last.note}; ${note}` : note }]
    : dispatch.timeline;
  return { ...dispatch, specialistId: null, specialistName: null, ackDueAt: null, timeline };
}

export async function createDispatch(
  ctx: DispatchContext,
  principal: EmbedPrincipal,
  body: CreateDispatchRequest,
  defaultArea: string,
): Promise<{ dispatch: Dispatch; existing: boolean }> {
  const active = await ctx.tx.query<DispatchRow>(
    `select doc from dispatches where agency_id = $1 and external_id = $2 and status not in ${sqlList(terminal)} for update`,
    [principal.agencyId, body.callForService.externalId],
  );
  const existing = active[0]?.doc;
  if (existing) {
    // The same read check as a GET: a caller who may not see the call-out learns only that one is active.
    if (!canSeeDispatch(principal, existing)) throw conflict('This incident already has an active call-out');
    return { dispatch: existing, existing: true };
  }

  const id = randomUUID();
  const at = iso(ctx.now);
  let dispatch: Dispatch = {
    id,
    agencyId: principal.agencyId,
    callForService: { id: randomUUID(), agencyId: principal.agencyId, ...body.callForService },
    status: 'requested',
    area: body.area ?? body.callForService.location.area ?? defaultArea,
    specialistId: null,
    specialistName: null,
    escalationLevel: 0,
    ackDueAt: null,
    checkIn: body.callForService.leadInvestigator ?? null,
    timeline: [
      {
        status: 'requested',
        at,
        actor: {
          kind: 'user',
          role: principal.role,
          ...(principal.subjectId ? { subjectId: principal.subjectId } : {}),
        },
        ...(body.note ? { note: body.note } : {}),
      },
    ],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  dispatch = await notifyFrom(ctx, dispatch, 0);
  return { dispatch: await save(ctx, dispatch, true), existing: false };
}

/** Moves on a notified call-out nobody acknowledged, or that was declined. */
async function escalate(
  ctx: DispatchContext,
  dispatch: Dispatch,
  actor: TimelineEntry['actor'],
  note: string,
): Promise<Dispatch> {
  const escalated = step(dispatch, 'escalated', actor, ctx.now, { note });
  const nextLevel = dispatch.escalationLevel + 1;
  if (nextLevel > 2) return { ...escalated, specialistId: null, specialistName: null, ackDueAt: null };
  return notifyFrom(ctx, { ...escalated, ackDueAt: null }, nextLevel as Level);
}

export async function transitionDispatch(
  ctx: DispatchContext,
  principal: Principal,
  id: string,
  body: DispatchTransitionRequest,
): Promise<Dispatch> {
  const dispatch = await loadDispatch(ctx.tx, principal.agencyId, id, true);
  if (!dispatch || !canSeeDispatch(principal, dispatch) || principal.kind === 'api-key') throw notFound();
  const role = principal.kind === 'ack' ? 'specialist' : principal.role;
  const subjectId = principal.kind === 'ack' ? principal.specialistId : principal.subjectId;

  if (body.expectedVersion !== undefined && body.expectedVersion !== dispatch.version) {
    throw conflict(
      `The dispatch changed (version ${String(dispatch.version)}, expected ${String(body.expectedVersion)})`,
    );
  }
  if (!canTransition(dispatchTransitions, dispatch.status, body.to, role)) {
    throw conflict(`A ${role} cannot move a dispatch from ${dispatch.status} to ${body.to}`);
  }
  if (role === 'specialist' && dispatch.specialistId !== subjectId) {
    throw forbidden('Only the specialist the call-out rests with can move it');
  }

  const actor: TimelineEntry['actor'] = { kind: 'user', role, ...(subjectId ? { subjectId } : {}) };
  let next = step(dispatch, body.to, actor, ctx.now, {
    // A specialist moves only a call-out resting with them, so the name on it is theirs.
    ...(role === 'specialist' && subjectId
      ? { specialistId: subjectId, ...(dispatch.specialistName ? { specialistName: dispatch.specialistName } : {}) }
      : {}),
    ...(body.note ? { note: body.note } : {}),
  });
  if (body.to === 'checked-in' && body.checkIn) next = { ...next, checkIn: body.checkIn };
  if (body.to !== 'escalated' && body.to !== 'declined') next = { ...next, ackDueAt: null };
  if (body.to === 'declined') {
    next = await escalate(ctx, next, { kind: 'system' }, 'Declined by the notified specialist');
  } else if (body.to === 'escalated') {
    next = await escalate(ctx, dispatch, actor, body.note ?? 'Escalated by hand');
  }
  return save(ctx, next, false);
}

/** Escalates every notified call-out whose acknowledgement time has passed. */
export async function escalateOverdue(ctx: Omit<DispatchContext, 'tx'>, tx: Sql, limit = 20): Promise<number> {
  const due = await tx.query<DispatchRow>(
    `select doc from dispatches where ack_due_at <= $1 and status = 'notified' order by ack_due_at limit $2 for update skip locked`,
    [ctx.now, limit],
  );
  for (const { doc } of due) {
    const timeoutMs = await ackTimeoutMs(tx, doc.agencyId, ctx.config.ackTimeoutMs);
    const minutes = Math.round(timeoutMs / 60000);
    const note = `No acknowledgement within ${minutes >= 1 ? `${String(minutes)} min` : `${String(Math.round(timeoutMs / 1000))} s`}`;
    await save({ ...ctx, tx }, await escalate({ ...ctx, tx }, doc, { kind: 'system' }, note), false);
  }
  return due.length;
}

export const isActive = (dispatch: Dispatch) => !terminal.includes(dispatch.status);

// The read check of each kind of record: its GET, the replay of a write that answered with it,
// and a request that meets an existing record all apply the same one.

export async function readableDispatch(tx: Sql, principal: Principal, id: string): Promise<Dispatch> {
  const dispatch = await loadDispatch(tx, principal.agencyId, id);
  if (!dispatch || !canSeeDispatch(principal, dispatch)) throw notFound();
  return dispatch;
}

/** A page of the call-outs the caller may see, newest first. */
export async function listDispatches(tx: Sql, caller: EmbedPrincipal, query: DispatchListQuery) {
  const ownCallouts = caller.role === 'specialist' ? JSON.stringify([{ specialistId: caller.subjectId }]) : undefined;
  const { where, params } = rowsOf(caller.agencyId)
    .and('status = ?', query.status)
    .and('external_id = ?', query.externalId)
    .and("doc->'timeline' @> ?::text::jsonb", ownCallouts)
    .and('id = ?', scopedTo(caller, 'dispatch'));
  const table = { table: 'dispatches', time: 'created_at', where, params, schema: DispatchSchema };
  const { docs, more } = await page(tx, table, query.limit ?? 50, query.cursor);
  const items = docs.filter((d) => canSeeDispatch(caller, d));
  return { items, nextCursor: nextCursor(docs, more, (d) => d.createdAt) };
}
