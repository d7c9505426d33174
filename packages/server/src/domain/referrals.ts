import type { CreateReferralRequest, Referral, ReferralTransitionRequest, RevokeConsentRequest } from '@peerlink/sdk';
import type { ReferralListQuery } from '@peerlink/sdk';
import { Referral as ReferralSchema, canTransition, isTerminal, referralTransitions } from '@peerlink/sdk';
import { actorOf } from './audit.js';
import type { EmbedPrincipal } from './auth.js';
import type { Sql } from '../infra/db/database.js';
import { uuidArray } from '../infra/db/database.js';
import { canSeeDispatch, loadDispatch } from './dispatches.js';
import { appendEvent } from './events.js';
import { conflict, forbidden, notFound } from './problems.js';
import { nextCursor, page } from './pagination.js';
import { bump, firstVersion, readRecord, rowsOf, writeRecord } from './records.js';
import { iso } from '../time.js';

export function consentIsCurrent(referral: Referral, now: Date): boolean {
  return referral.consent.revokedAt === null && Date.parse(referral.consent.expiresAt) > now.getTime();
}

/**
 * Referral details follow the person's consent: the program's peers and supervisors always see
 * what they recorded; court staff only with `share-with-court`, clinicians only with
 * `share-with-care-team`, and only while the consent is current. Whoever made the referral
 * (`made`, from `madeByCaller`) follows it while the consent is current, whatever its scope.
 */
export function canSeeReferral(principal: EmbedPrincipal, referral: Referral, now: Date, made = false): boolean {
  if (principal.agencyId !== referral.agencyId) return false;
  if (principal.scope && !(principal.scope.type === 'referral' && principal.scope.id === referral.id)) return false;
  switch (principal.role) {
    case 'specialist':
    case 'supervisor':
      return true;
    case 'court-staff':
      return consentIsCurrent(referral, now) && (made || referral.consent.scope.includes('share-with-court'));
    case 'clinician':
      return consentIsCurrent(referral, now) && (made || referral.consent.scope.includes('share-with-care-team'));
    default:
      return false;
  }
}

/**
 * Which of `ids` the caller made. The referrer is the role and person of the token that created
 * the referral and the host system that asked for that token (its API key, signed into the
 * token): court staff and clinicians often act through tokens without a person, and then the
 * host system is who made it. Not the request's Origin, which any client but a browser sets as
 * it likes. Specialists and supervisors are covered by `canSeeReferral` and `referralTeam`.
 */
export async function madeByCaller(tx: Sql, principal: EmbedPrincipal, ids: readonly string[]): Promise<Set<string>> {
  if (
    principal.hostId === null ||
    ids.length === 0 ||
    (principal.role !== 'court-staff' && principal.role !== 'clinician')
  )
    return new Set();
  const rows = await tx.query<{ id: string }>(
    `select id::text as id from referrals
      where agency_id = $1 and id = any($2::text::uuid[]) and referrer_host = $3::uuid
        and doc->'timeline'->0->'actor'->>'role' = $4
        and coalesce(doc->'timeline'->0->'actor'->>'subjectId', '') = $5`,
    [principal.agencyId, uuidArray(ids), principal.hostId, principal.role, principal.subjectId ?? ''],
  );
  return new Set(rows.map((row) => row.id));
}

/**
 * Minimum necessary among peers: a specialist reads a referral they proposed, or one made for a
 * call-out that rests with them; supervisors read all. These are also who receive its events.
 */
export async function referralTeam(tx: Sql, referral: Referral): Promise<string[]> {
  const team = new Set<string>();
  const proposer = referral.timeline[0]?.actor.subjectId;
  if (proposer) team.add(proposer);
  if (referral.dispatchId) {
    const dispatch = await loadDispatch(tx, referral.agencyId, referral.dispatchId);
    if (dispatch?.specialistId) team.add(dispatch.specialistId);
  }
  return [...team];
}

/** `referralTeam` as a filter on the referrals table; `?` is the specialist's id. */
export const concernsSpecialist = `(doc->'timeline'->0->'actor'->>'subjectId' = ?
  or exists (select 1 from dispatches d where d.id = (referrals.doc->>'dispatchId')::uuid and d.agency_id = referrals.agency_id and d.specialist_id = ?::uuid))`;

/** `canSeeReferral` (with `madeByCaller`), and for a specialist `referralTeam`. */
export async function mayReadReferral(
  tx: Sql,
  principal: EmbedPrincipal,
  referral: Referral,
  now: Date,
): Promise<boolean> {
  const made = (await madeByCaller(tx, principal, [referral.id])).has(referral.id);
  if (!canSeeReferral(principal, referral, now, made)) return false;
  if (principal.role !== 'specialist') return true;
  return principal.subjectId !== null && (await referralTeam(tx, referral)).includes(principal.subjectId);
}

export async function loadReferral(tx: Sql, agencyId: string, id: string, lock = false): Promise<Referral | undefined> {
  return readRecord(tx, 'referrals', agencyId, id, lock);
}

/** `referrerHost` is stored when the referral is created, and never changed. */
async function save(
  tx: Sql,
  referral: Referral,
  created: boolean,
  now: Date,
  referrerHost: string | null = null,
): Promise<Referral> {
  const next: Referral = created ? referral : bump(referral, now);
  await writeRecord(tx, 'referrals', next, created, {
    person_ref: next.personRef,
    resource_id: next.resourceId,
    status: next.status,
    ...(created ? { referrer_host: referrerHost } : {}),
  });
  await appendEvent(tx, {
    agencyId: next.agencyId,
    type: 'referral.updated',
    recordId: next.id,
    audience: { roles: ['specialist', 'supervisor'], specialistIds: await referralTeam(tx, next) },
    data: { id: next.id, resourceId: next.resourceId, status: next.status, updatedAt: next.updatedAt },
    at: now,
  });
  return next;
}

export async function createReferral(
  tx: Sql,
  principal: EmbedPrincipal,
  body: CreateReferralRequest,
  now: Date,
): Promise<Referral> {
  // A token scoped to a call-out may refer from that call-out; any other scope reaches no new record.
  const scope = principal.scope;
  if (scope && !(scope.type === 'dispatch' && scope.id === body.dispatchId)) {
    throw forbidden('This token is scoped to one record');
  }
  const resource = await tx.query('select id from resources where agency_id = $1 and id = $2', [
    principal.agencyId,
    body.resourceId,
  ]);
  if (resource.length === 0) throw notFound('No such resource');
  if (Date.parse(body.consent.expiresAt) <= now.getTime()) throw conflict('The consent has already expired');
  if (body.dispatchId) {
    // Another agency's call-out, or for a peer one that is not theirs, is no call-out at all.
    const dispatch = await loadDispatch(tx, principal.agencyId, body.dispatchId);
    if (!dispatch || (principal.role === 'specialist' && !canSeeDispatch(principal, dispatch)))
      throw notFound('No such dispatch');
  }
  const at = iso(now);
  const actor = actorOf(principal);
  return save(
    tx,
    {
      ...firstVersion(principal.agencyId, now),
      personRef: body.personRef,
      resourceId: body.resourceId,
      needs: body.needs,
      urgency: body.urgency,
      consent: { ...body.consent, revokedAt: null, recordedBy: actor },
      status: 'proposed',
      ...(body.note ? { note: body.note } : {}),
      scheduledAt: null,
      dispatchId: body.dispatchId ?? null,
      timeline: [{ status: 'proposed', at, actor }],
    },
    true,
    now,
    principal.hostId,
  );
}

function checkVersion(referral: Referral, expected: number | undefined): void {
  if (expected !== undefined && expected !== referral.version) {
    throw conflict(`The referral changed (version ${String(referral.version)}, expected ${String(expected)})`);
  }
}

export async function transitionReferral(
  tx: Sql,
  principal: EmbedPrincipal,
  id: string,
  body: ReferralTransitionRequest,
  now: Date,
): Promise<Referral> {
  const referral = await loadReferral(tx, principal.agencyId, id, true);
  if (!referral || !(await mayReadReferral(tx, principal, referral, now))) throw notFound();
  checkVersion(referral, body.expectedVersion);
  if (!canTransition(referralTransitions, referral.status, body.to, principal.role)) {
    throw conflict(`A ${principal.role} cannot move a referral from ${referral.status} to ${body.to}`);
  }
  if (body.to === 'sent' && !consentIsCurrent(referral, now)) throw conflict('Consent has expired or was revoked');
  const entry = { status: body.to, at: iso(now), actor: actorOf(principal), ...(body.note ? { note: body.note } : {}) };
  return save(
    tx,
    {
      ...referral,
      status: body.to,
      scheduledAt: body.scheduledAt ?? referral.scheduledAt,
      timeline: [...referral.timeline, entry],
    },
    false,
    now,
  );
}

/**
 * Records the person's revocation of consent (42 CFR 2.31(a)(6)). Nothing is deleted: the consent
 * keeps what was agreed and gains when, by whom and why it ended. An open referral is cancelled,
 * since following it up would mean disclosing more to the resource; a closed one keeps its status.
 * The timeline shows the revocation either way. Specialists record it only for a consent they took.
 */
export async function revokeConsent(
  tx: Sql,
  principal: EmbedPrincipal,
  id: string,
  body: RevokeConsentRequest,
  now: Date,
): Promise<{ referral: Referral; cancelled: boolean }> {
  const referral = await loadReferral(tx, principal.agencyId, id, true);
  if (!referral || !(await mayReadReferral(tx, principal, referral, now))) throw notFound();
  if (principal.role === 'specialist' && referral.consent.recordedBy.subjectId !== principal.subjectId) {
    throw forbidden(
      'Only the specialist who recorded the consent, a supervisor, or the court staff or clinicians it covers may record its revocation',
    );
  }
  checkVersion(referral, body.expectedVersion);
  if (referral.consent.revokedAt !== null) throw conflict('The consent was already revoked');
  const at = iso(now);
  const actor = actorOf(principal);
  const cancelled = !isTerminal(referralTransitions, referral.status);
  const status = cancelled ? 'cancelled' : referral.status;
  const next = await save(
    tx,
    {
      ...referral,
      status,
      consent: {
        ...referral.consent,
        revokedAt: at,
        revokedBy: actor,
        ...(body.reason ? { revocationReason: body.reason } : {}),
      },
      timeline: [...referral.timeline, { status, at, actor, event: 'consent-revoked' }],
    },
    false,
    now,
  );
  return { referral: next, cancelled };
}

export async function readableReferral(tx: Sql, caller: EmbedPrincipal, id: string, now: Date): Promise<Referral> {
  const referral = await loadReferral(tx, caller.agencyId, id);
  if (!referral || !(await mayReadReferral(tx, caller, referral, now))) throw notFound();
  return referral;
}

/** A page of the referrals the caller may see now, newest first. */
export async function listReferrals(tx: Sql, caller: EmbedPrincipal, query: ReferralListQuery, now: Date) {
  const { where, params } = rowsOf(caller.agencyId)
    .and('status = ?', query.status)
    .and('person_ref = ?', query.personRef)
    .and('resource_id = ?', query.resourceId)
    .and(concernsSpecialist, caller.role === 'specialist' ? caller.subjectId : undefined);
  const table = { table: 'referrals', time: 'created_at', where, params, schema: ReferralSchema };
  const { docs, more } = await page(tx, table, query.limit ?? 50, query.cursor);
  const made = await madeByCaller(
    tx,
    caller,
    docs.map((referral) => referral.id),
  );
  const items = docs.filter((referral) => canSeeReferral(caller, referral, now, made.has(referral.id)));
  return { items, nextCursor: nextCursor(docs, more, (referral) => referral.createdAt) };
}
