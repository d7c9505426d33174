import { randomUUID } from 'node:crypto';
import type {
  CalloutNotification,
  EscalationPolicy,
  ContactChannel,
  CreateDispatchRequest,
  Dispatch,
  DispatchListQuery,
  DispatchStatus,
  DispatchTransitionRequest,
  ShiftPosition,
  Specialist,
  TimelineEntry,
} from '@peerlink/sdk';
import { Dispatch as DispatchSchema, canTransition, dispatchTransitions } from '@peerlink/sdk';
import { decodeJwt } from 'jose';
import type { Sql } from '../infra/db/database.js';
import { uuidArray, write } from '../infra/db/database.js';
import { ackTimeoutMs } from './agency.js';
import type { EmbedPrincipal, KeyStore, Principal } from './auth.js';
import { issueAckToken, scopedTo, wholeAgency } from './auth.js';
import { levelTimeoutMs, policyForNewCallout, policyVersion, reach } from './escalation.js';
import { appendEvent } from './events.js';
import { nextCursor, page } from './pagination.js';
import { conflict, forbidden, notFound } from './problems.js';
import { bump, readRecord, rowsOf, sqlList, writeRecord } from './records.js';
import { onCallAtTime } from './schedule.js';
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

const terminal: readonly DispatchStatus[] = dispatchTransitions.terminal;

interface DispatchRow {
  doc: Dispatch;
}

export async function loadDispatch(tx: Sql, agencyId: string, id: string, lock = false): Promise<Dispatch | undefined> {
  return readRecord(tx, 'dispatches', agencyId, id, lock);
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
  await writeRecord(ctx.tx, 'dispatches', next, created, {
    external_id: next.callForService.externalId,
    status: next.status,
    specialist_id: next.specialistId,
    ack_due_at: next.ackDueAt,
  });
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

type OnCall = Awaited<ReturnType<typeof onCallAtTime>>;

/** A notification waiting to be stored: one row of the call-out's multi-row insert. */
interface Queued {
  recipient: ContactChannel;
  notification: CalloutNotification;
}

/** Stores a call-out's notifications in one statement, queued with its other writes. */
async function queueDeliveries(ctx: DispatchContext, dispatch: Dispatch, queued: readonly Queued[]): Promise<void> {
  if (queued.length === 0) return;
  // $1 agency, $2 dispatch, then id, recipient and notification per row, and the time last.
  const p = (n: number) => `$${String(n)}`;
  const now = p(3 * queued.length + 3);
  const rows = queued.map(
    (_, n) =>
      `(${p(3 * n + 3)}, $1, $2, ${p(3 * n + 4)}::text::jsonb, ${p(3 * n + 5)}::text::jsonb, 'pending', ${now}, ${now}, ${now})`,
  );
  await write(
    ctx.tx,
    `insert into deliveries (id, agency_id, dispatch_id, recipient, notification, status, next_attempt_at, created_at, updated_at)
     values ${rows.join(', ')}`,
    [
      dispatch.agencyId,
      dispatch.id,
      ...queued.flatMap((q) => [randomUUID(), JSON.stringify(q.recipient), JSON.stringify(q.notification)]),
      ctx.now,
    ],
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

/** Where a call-out stands in its policy's walk: a level of a round. */
interface Step {
  level: number;
  round: number;
}

/** The policy a call-out walks, and how long each of its levels waits. */
interface Walk {
  policy: EscalationPolicy;
  timeoutOf: (level: number) => number;
}

const walkOf = (policy: EscalationPolicy, defaultTimeoutMs: number): Walk => ({
  policy,
  timeoutOf: (level) => levelTimeoutMs(policy, level, defaultTimeoutMs),
});

/** The policy version the call-out follows; call-outs made before policies follow the built-in default. */
async function followedPolicy(ctx: DispatchContext, dispatch: Dispatch): Promise<Walk> {
  // The built-in default waits the agency's acknowledgement timeout (the service's when it set none).
  const defaultTimeoutMs = await ackTimeoutMs(ctx.tx, dispatch.agencyId, ctx.config.ackTimeoutMs);
  const policy = await policyVersion(ctx.tx, dispatch.agencyId, dispatch.escalationPolicy?.version, defaultTimeoutMs);
  return walkOf(policy, defaultTimeoutMs);
}

type Holder = (position: ShiftPosition) => Promise<Specialist | undefined>;

/** Whoever holds a position of the call-out's area now: the schedule is resolved once for every position. */
function holderOf(ctx: DispatchContext, dispatch: Dispatch, known?: OnCall): Holder {
  let onCall: Promise<OnCall> | undefined = known && Promise.resolve(known);
  return async (position) => {
    onCall ??= onCallAtTime(ctx.tx, dispatch.agencyId, dispatch.area, ctx.now);
    return (await onCall)[position];
  };
}

/**
 * Notifies everyone the policy's level `from` reaches, or the first level after it (through the
 * repeats) that reaches someone, each with their own acknowledgement link. When the call-out
 * starts, the policy's copies go out too, to whoever that level does not notify itself. The
 * notifications are stored in one statement, queued with the call-out's other writes.
 */
async function notifyFrom(
  ctx: DispatchContext,
  dispatch: Dispatch,
  from: Step,
  { policy, timeoutOf }: Walk,
  holder: Holder,
  start = false,
): Promise<Dispatch> {
  for (let round = from.round; round <= policy.repeat; round++) {
    for (let level = round === from.round ? from.level : 0; level < policy.levels.length; level++) {
      const targets = policy.levels[level]?.targets ?? [];
      const reached = await reach(ctx.tx, dispatch.agencyId, dispatch.area, targets, holder);
      if (reached.length === 0) continue;
      const where = `level ${String(level + 1)}${round > 0 ? `, repeat ${String(round)}` : ''}`;
      let next = dispatch;
      for (const { person, label } of reached) {
        next = step(next, 'notified', { kind: 'system' }, ctx.now, {
          specialistId: person.id,
          specialistName: person.displayName,
          note: `${label} notified (${where})`,
        });
      }
      // A level of one person rests with them; a level of several with whoever acknowledges first.
      const only = reached.length === 1 ? reached[0]?.person : undefined;
      const last = level === policy.levels.length - 1 && round === policy.repeat;
      next = {
        ...next,
        specialistId: only?.id ?? null,
        specialistName: only?.displayName ?? null,
        escalationLevel: level,
        escalationPolicy: { ...(policy.id ? { id: policy.id } : {}), version: policy.version, round },
        // After the last level of the last round nobody else is called: it stays with that level.
        ackDueAt: last ? null : iso(ctx.now.getTime() + timeoutOf(level)),
      };
      const kind = level === 0 && round === 0 ? 'callout' : 'escalation';
      const queued: Queued[] = [];
      const links = await Promise.all(
        reached.map(async ({ person }) => {
          const grant = { agencyId: dispatch.agencyId, dispatchId: dispatch.id, specialistId: person.id };
          const token = await issueAckToken(ctx.keys, ctx.tx, grant, ctx.now, ctx.config.ackLinkTtlSeconds);
          return { person, ackUrl: ackLink(ctx.config, dispatch.id, person.id, token) };
        }),
      );
      for (const { person, ackUrl } of links) {
        const notification = notificationOf(next, kind, ackUrl);
        for (const recipient of person.contacts ?? []) queued.push({ recipient, notification });
      }
      if (start) {
        const notified = new Set(reached.map((r) => r.person.id));
        const copy = notificationOf(next, 'supervisor-copy');
        for (const { person } of await reach(ctx.tx, dispatch.agencyId, dispatch.area, policy.copies, holder)) {
          if (notified.has(person.id)) continue;
          for (const recipient of person.contacts ?? []) queued.push({ recipient, notification: copy });
        }
      }
      await queueDeliveries(ctx, next, queued);
      return next;
    }
  }
  // Nobody to call: the dispatch stays visible as it is, and says why on its last step.
  const last = dispatch.timeline.at(-1);
  const note = 'nobody is on call for this area';
  const timeline = last
    ? [...dispatch.timeline.slice(0, -1), { ...last, note: last.note ? `${last.note}; ${note}` : note }]
    : dispatch.timeline;
  return { ...dispatch, specialistId: null, specialistName: null, ackDueAt: null, timeline };
}

/** The display name a specialist was notified under. */
function nameOf(dispatch: Dispatch, specialistId: string): string | undefined {
  if (dispatch.specialistId === specialistId && dispatch.specialistName) return dispatch.specialistName;
  return dispatch.timeline.findLast((entry) => entry.specialistId === specialistId)?.specialistName;
}

/**
 * Who the call-out waits on now: everyone its current level notified, less whoever declined since.
 */
function awaited(dispatch: Dispatch): Set<string> {
  const waiting = new Set<string>();
  const declined = new Set<string>();
  for (let n = dispatch.timeline.length - 1; n >= 0; n--) {
    const entry = dispatch.timeline[n];
    if (!entry || entry.status === 'escalated' || entry.status === 'requested') break;
    if (!entry.specialistId) continue;
    if (entry.status === 'declined') declined.add(entry.specialistId);
    if (entry.status === 'notified' && !declined.has(entry.specialistId)) waiting.add(entry.specialistId);
  }
  return waiting;
}

/**
 * Creates a call-out and queues its notifications. Its reads go out together (the active call-out
 * of the incident, the policy and timeout, the schedule; then the people on call), its writes are
 * queued and checked before the commit: four round trips with the idempotency look-up.
 */
export async function createDispatch(
  ctx: DispatchContext,
  principal: EmbedPrincipal,
  body: CreateDispatchRequest,
): Promise<{ dispatch: Dispatch; existing: boolean }> {
  wholeAgency(principal);
  const area = body.area ?? body.callForService.location.area;
  const [active, { policy, defaultTimeoutMs }, onCall] = await Promise.all([
    ctx.tx.query<DispatchRow>(
      `select doc from dispatches where agency_id = $1 and external_id = $2 and status not in ${sqlList(terminal)} for update`,
      [principal.agencyId, body.callForService.externalId],
    ),
    // The call-out follows this version to its end, whatever changes meanwhile.
    policyForNewCallout(ctx.tx, principal.agencyId, ctx.config.ackTimeoutMs),
    onCallAtTime(ctx.tx, principal.agencyId, area ?? { default: true }, ctx.now),
  ]);
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
    area: onCall.area,
    specialistId: null,
    specialistName: null,
    escalationLevel: 0,
    escalationPolicy: { ...(policy.id ? { id: policy.id } : {}), version: policy.version, round: 0 },
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
  const walk = walkOf(policy, defaultTimeoutMs);
  dispatch = await notifyFrom(ctx, dispatch, { level: 0, round: 0 }, walk, holderOf(ctx, dispatch, onCall), true);
  return { dispatch: await save(ctx, dispatch, true), existing: false };
}

// What becomes of a call-out's messages still queued when it moves on. They are withdrawn (status
// `withdrawn`, never sent; the worker also skips any of a closed call-out) in the transaction that moves it,
// kind by kind:
// - `callout` and `escalation` carry the address and a link that answers for one peer. Withdrawn when the
//   call-out closes (cleared, cancelled), when it moves past their level (escalated: the link answers no
//   more), and, once a peer acknowledged, for the others of the level (and for a peer who declined); the one
//   who acknowledged still gets theirs: it is their call-out now, and the message may be their address.
// - `supervisor-copy` tells whoever the policy copies that a call-out started: still sent while the call-out
//   is open (acknowledged or escalated, it did start), withdrawn when it closes.
// The service sends no stand-down or confirmation messages; a kind added for them must go on being sent
// after the transition that queues it.

/** The kinds that carry a peer's link. */
const linkKinds = "('callout', 'escalation')";

/** Withdraws every message of the call-out still queued (it closed), or those with a link (it moved past their level). */
async function withdrawQueued(ctx: DispatchContext, dispatch: Dispatch, which: 'all' | 'links'): Promise<void> {
  await write(
    ctx.tx,
    `update deliveries set status = 'withdrawn', updated_at = $3
     where dispatch_id = $2 and agency_id = $1 and status = 'pending'${which === 'links' ? ` and notification->>'kind' in ${linkKinds}` : ''}`,
    [dispatch.agencyId, dispatch.id, ctx.now],
  );
}

/** The peer a message's link answers for: the subject of the token it carries (issued here, so not checked again). */
function linkHolder(link: string | null): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link);
    // The service's page has the token last in its path; a host's responder view has it in the fragment.
    const token = new URLSearchParams(url.hash.slice(1)).get('ack') ?? url.pathname.split('/').at(-1) ?? '';
    return decodeJwt(token).sub;
  } catch {
    return undefined;
  }
}

/** Withdraws the queued messages with a link of the peers `gone` picks (the call-out no longer waits on them). */
async function withdrawLinksOf(
  ctx: DispatchContext,
  dispatch: Dispatch,
  gone: (specialistId: string) => boolean,
): Promise<void> {
  const queued = await ctx.tx.query<{ id: string; link: string | null }>(
    `select id, notification->>'ackUrl' as link from deliveries
     where dispatch_id = $2 and agency_id = $1 and status = 'pending' and notification->>'kind' in ${linkKinds}`,
    [dispatch.agencyId, dispatch.id],
  );
  const ids = queued.filter(({ link }) => {
    const holder = linkHolder(link);
    return holder !== undefined && gone(holder);
  });
  if (ids.length === 0) return;
  await write(
    ctx.tx,
    `update deliveries set status = 'withdrawn', updated_at = $2 where id = any($1::text::uuid[]) and status = 'pending'`,
    [uuidArray(ids.map(({ id }) => id)), ctx.now],
  );
}

/** Moves on a notified call-out nobody acknowledged, or that was declined: the next level, or the next round. */
async function escalate(
  ctx: DispatchContext,
  dispatch: Dispatch,
  actor: TimelineEntry['actor'],
  note: string,
): Promise<Dispatch> {
  // The links sent so far answer no more (the next level's are queued after this).
  await withdrawQueued(ctx, dispatch, 'links');
  const escalated = step(dispatch, 'escalated', actor, ctx.now, { note });
  const walk = await followedPolicy(ctx, dispatch);
  const { policy } = walk;
  const round = dispatch.escalationPolicy?.round ?? 0;
  const next: Step =
    dispatch.escalationLevel + 1 < policy.levels.length
      ? { level: dispatch.escalationLevel + 1, round }
      : { level: 0, round: round + 1 };
  if (next.round > policy.repeat) return { ...escalated, specialistId: null, specialistName: null, ackDueAt: null };
  return notifyFrom(ctx, { ...escalated, ackDueAt: null }, next, walk, holderOf(ctx, dispatch));
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
  // A notified level of several peers rests with whoever of them answers first.
  const answering = dispatch.status === 'notified' && subjectId !== null && awaited(dispatch).has(subjectId);
  if (role === 'specialist' && dispatch.specialistId !== subjectId && !answering) {
    throw forbidden('Only the specialist the call-out rests with can move it');
  }

  const actor: TimelineEntry['actor'] = { kind: 'user', role, ...(subjectId ? { subjectId } : {}) };
  let next = step(dispatch, body.to, actor, ctx.now, {
    // A specialist moves only a call-out resting with them (or waiting on them), so the name is theirs.
    ...(role === 'specialist' && subjectId
      ? {
          specialistId: subjectId,
          ...(nameOf(dispatch, subjectId) ? { specialistName: nameOf(dispatch, subjectId) } : {}),
        }
      : {}),
    ...(body.note ? { note: body.note } : {}),
  });
  if (body.to === 'acknowledged' && answering && subjectId) {
    next = { ...next, specialistId: subjectId, specialistName: nameOf(dispatch, subjectId) ?? null };
  }
  if (body.to === 'checked-in' && body.checkIn) next = { ...next, checkIn: body.checkIn };
  if (body.to !== 'escalated' && body.to !== 'declined') next = { ...next, ackDueAt: null };
  // Others of the level were notified too and have not declined: it waits on them until its time is up.
  const othersWait = body.to === 'declined' && subjectId && [...awaited(dispatch)].some((id) => id !== subjectId);
  if (othersWait) {
    const others = [...awaited(dispatch)].filter((id) => id !== subjectId).length;
    next = step(next, 'notified', { kind: 'system' }, ctx.now, {
      note: `Declined; still with ${String(others)} other${others === 1 ? '' : 's'} of level ${String(dispatch.escalationLevel + 1)}`,
    });
    next = { ...next, specialistId: null, specialistName: null };
  } else if (body.to === 'declined') {
    next = await escalate(ctx, next, { kind: 'system' }, 'Declined by the notified specialist');
  } else if (body.to === 'escalated') {
    next = await escalate(ctx, dispatch, actor, body.note ?? 'Escalated by hand');
  }
  // Messages nobody should get any more are withdrawn with the move (escalations withdraw their own).
  if (terminal.includes(next.status)) await withdrawQueued(ctx, next, 'all');
  else if (body.to === 'acknowledged' && subjectId) await withdrawLinksOf(ctx, next, (peer) => peer !== subjectId);
  else if (othersWait) await withdrawLinksOf(ctx, next, (peer) => peer === subjectId);
  return save(ctx, next, false);
}

/** Escalates every notified call-out whose acknowledgement time has passed. */
export async function escalateOverdue(ctx: Omit<DispatchContext, 'tx'>, tx: Sql, limit = 20): Promise<number> {
  const due = await tx.query<DispatchRow>(
    `select doc from dispatches where ack_due_at <= $1 and status = 'notified' order by ack_due_at limit $2 for update skip locked`,
    [ctx.now, limit],
  );
  for (const { doc } of due) {
    const context = { ...ctx, tx };
    const timeoutMs = (await followedPolicy(context, doc)).timeoutOf(doc.escalationLevel);
    const minutes = Math.round(timeoutMs / 60000);
    const within = minutes >= 1 ? `${String(minutes)} min` : `${String(Math.round(timeoutMs / 1000))} s`;
    const note = `No acknowledgement within ${within} at level ${String(doc.escalationLevel + 1)}`;
    await save(context, await escalate(context, doc, { kind: 'system' }, note), false);
  }
  return due.length;
}

export const isActive = (dispatch: Dispatch) => !terminal.includes(dispatch.status);

/** Whether the call-out still waits on this peer's answer (acknowledge or decline), as a transition checks it. */
export const waitsOn = (dispatch: Dispatch, specialistId: string) =>
  dispatch.status === 'notified' && (dispatch.specialistId === specialistId || awaited(dispatch).has(specialistId));

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
