import type { Credential, EmbedScope, Resource, Specialist, SpecialistSummary } from '@peerlink/sdk';
import { CalloutLog, CreateCredentialRequest, CredentialAdministrativeStatus, Dispatch, Id, Referral, Timestamp } from '@peerlink/sdk';
import * as z from 'zod/mini';
import {
  acknowledgeByLink,
  changeCredentialStatus,
  createCalloutLog,
  createCredential,
  createDispatch,
  createEmbedSession,
  createReferral,
  getCalloutLog,
  getCredential,
  getDispatch,
  getJwks,
  getOnCall,
  getReferral,
  getStatusList,
  getResource,
  listAuditEvents,
  listCalloutLogs,
  listCredentials,
  listDispatches,
  listReferrals,
  reviewCalloutLog,
  revokeReferralConsent,
  searchResources,
  streamEvents,
  submitCalloutLog,
  transitionDispatch,
  transitionReferral,
  updateCalloutLog,
} from '@peerlink/sdk';
import type { Context } from 'hono';
import type { AppDeps } from './app.js';
import type { Route } from './route.js';
import { route } from './route.js';
import type { RequestMeta } from '../domain/audit.js';
import { audit, auditEach, auditedRecordType, readAuditEvent } from '../domain/audit.js';
import type { Principal } from '../domain/auth.js';
import { consumeAckToken, issueEmbedToken, verifyAckToken } from '../domain/auth.js';
import * as calloutLogs from '../domain/callout-logs.js';
import { changeCredentialStatus as changeStatus, issueCredential, signedStatusList, withStatus } from '../domain/credentials.js';
import type { Sql } from '../infra/db/database.js';
import * as dispatches from '../domain/dispatches.js';
import { HttpProblem, conflict, forbidden, invalid, notFound } from '../domain/problems.js';
import * as referrals from '../domain/referrals.js';
import { rowsOf } from '../domain/records.js';
import { searchDirectory } from '../domain/resources.js';
import { iso } from '../time.js';

type EmbedPrincipal = Principal & { kind: 'embed' };

function embed(principal: Principal): EmbedPrincipal {
  if (principal.kind !== 'embed') throw forbidden();
  return principal;
}

/** What a cursor holds: the last row's sort time and id, checked like any input before they reach SQL. */
const CursorValue = z.tuple([Timestamp, Id]);

/** Keyset pagination over (sort time desc, id): the cursor is the last row's pair. */
function readCursor(cursor: string | undefined): [string, string] | undefined {
  if (!cursor) return undefined;
  try {
    const value = z.safeParse(CursorValue, JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (value.success) return value.data;
  } catch {
    // fall through
  }
  throw invalid([{ path: 'cursor', message: 'Not a cursor this service issued', code: 'invalid_cursor' }]);
}

async function page<T>(
  tx: Sql,
  sql: { table: string; time: string; where: string[]; params: unknown[]; schema: { parse(doc: unknown): T } },
  limit: number,
  cursor: string | undefined,
): Promise<{ docs: T[]; more: boolean }> {
  const where = [...sql.where];
  const params = [...sql.params];
  const after = readCursor(cursor);
  if (after) {
    params.push(after[0], after[1]);
    where.push(`(${sql.time}, id) < ($${String(params.length - 1)}::timestamptz, $${String(params.length)}::uuid)`);
  }
  params.push(limit + 1);
  const rows = await tx.query<{ doc: unknown }>(
    `select doc from ${sql.table} where ${where.join(' and ')} order by ${sql.time} desc, id desc limit $${String(params.length)}`,
    params,
  );
  return { docs: rows.slice(0, limit).map((row) => sql.schema.parse(row.doc)), more: rows.length > limit };
}

const nextCursor = <T extends { id: string }>(docs: T[], more: boolean, time: (doc: T) => string) => {
  const last = docs.at(-1);
  return more && last ? Buffer.from(JSON.stringify([time(last), last.id])).toString('base64url') : null;
};

async function specialistOf(tx: Sql, agencyId: string, id: string): Promise<Specialist | undefined> {
  const rows = await tx.query<{ doc: Specialist }>('select doc from specialists where agency_id = $1 and id = $2', [agencyId, id]);
  return rows[0]?.doc;
}

/**
 * What a record-scoped token lets a list show: the scoped id when the scope is of `type`, an id
 * that matches nothing when it is of another type, no filter for an unscoped token.
 */
const scopedTo = (caller: EmbedPrincipal, type: EmbedScope['type']): string | undefined =>
  caller.scope ? (caller.scope.type === type ? caller.scope.id : '00000000-0000-0000-0000-000000000000') : undefined;

/** A record-scoped token reaches one credential, or the credentials of its specialist. */
function credentialInScope(principal: Principal, credential: { id: string; specialistId: string }): boolean {
  if (principal.kind !== 'embed' || !principal.scope) return true;
  const { type, id } = principal.scope;
  return (type === 'credential' && id === credential.id) || (type === 'specialist' && id === credential.specialistId);
}

// The read check of each kind of record: its GET, the replay of a write that answered with it,
// and a request that meets an existing record all apply the same one.

async function readableDispatch(tx: Sql, principal: Principal, id: string): Promise<Dispatch> {
  const dispatch = await dispatches.loadDispatch(tx, principal.agencyId, id);
  if (!dispatch || !dispatches.canSeeDispatch(principal, dispatch)) throw notFound();
  return dispatch;
}

async function readableLog(tx: Sql, caller: EmbedPrincipal, id: string): Promise<CalloutLog> {
  const log = await calloutLogs.loadCalloutLog(tx, caller.agencyId, id);
  if (!log || !calloutLogs.canSeeCalloutLog(caller, log)) throw notFound();
  return log;
}

async function readableReferral(tx: Sql, caller: EmbedPrincipal, id: string, now: Date): Promise<Referral> {
  const referral = await referrals.loadReferral(tx, caller.agencyId, id);
  if (!referral || !(await referrals.mayReadReferral(tx, caller, referral, now))) throw notFound();
  return referral;
}

async function readableCredential(tx: Sql, principal: Principal, id: string): Promise<Credential> {
  const rows = await tx.query<{ doc: Credential }>('select doc from credentials where agency_id = $1 and id = $2', [principal.agencyId, id]);
  const credential = rows[0]?.doc;
  if (!credential || !credentialInScope(principal, credential)) throw notFound();
  return credential;
}

/**
 * The stored answer of a write, replayed for a retry with the same `Idempotency-Key`, as its
 * caller may see it now: the record's read check again (a token of the same person may carry
 * another scope), logs redacted again, and the replay audited.
 */
export async function replayed(input: { tx: Sql; principal: Principal; meta: RequestMeta; path: string; body: unknown }): Promise<unknown> {
  const { tx, principal, meta, body } = input;
  const recordType = auditedRecordType(input.path);
  if (!recordType) return body;
  const id = typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string' ? body.id : '';
  let answer = body;
  switch (recordType) {
    case 'dispatch':
      await readableDispatch(tx, principal, id);
      break;
    case 'callout-log': {
      const caller = embed(principal);
      answer = calloutLogs.redactCalloutLog(CalloutLog.parse(body), caller, await readableLog(tx, caller, id));
      break;
    }
    case 'referral':
      await readableReferral(tx, embed(principal), id, meta.now);
      break;
    case 'credential':
      await readableCredential(tx, principal, id);
      break;
    default:
      break;
  }
  await audit(tx, principal, meta, 'replay', recordType, principal.kind === 'api-key' ? principal.keyId : id);
  return answer;
}

const summary = (s: Specialist): SpecialistSummary => ({ id: s.id, displayName: s.displayName, roles: s.roles, languages: s.languages });

async function recordExists(tx: Sql, agencyId: string, scope: EmbedScope): Promise<boolean> {
  const table = {
    dispatch: 'dispatches',
    'callout-log': 'callout_logs',
    referral: 'referrals',
    credential: 'credentials',
    specialist: 'specialists',
  }[scope.type];
  return (await tx.query(`select 1 from ${table} where agency_id = $1 and id = $2`, [agencyId, scope.id])).length > 0;
}

/** A credential as stored: everything but the status, which is derived when read. */
const CredentialRecord = z.object({
  ...CreateCredentialRequest.shape,
  id: Id,
  agencyId: Id,
  administrativeStatus: CredentialAdministrativeStatus,
  // The signed form goes out with every credential listed, as with one read alone.
  jwt: z.optional(z.string()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});


export const handlers: readonly Route[] = [
  route(createEmbedSession, async ({ body, principal, tx, deps, meta }) => {
    if ((body.role === 'specialist' || body.role === 'supervisor') && !body.subjectId) {
      throw invalid([{ path: 'subjectId', message: `Required for the ${body.role} role`, code: 'required' }]);
    }
    if (body.subjectId && !(await specialistOf(tx, principal.agencyId, body.subjectId))) {
      throw invalid([{ path: 'subjectId', message: 'No such specialist in this agency', code: 'not_found' }]);
    }
    if (body.scope && !(await recordExists(tx, principal.agencyId, body.scope))) {
      throw invalid([{ path: 'scope.id', message: 'No such record in this agency', code: 'not_found' }]);
    }
    const hostId = principal.kind === 'api-key' ? principal.keyId : undefined;
    const { token, expiresAt } = await issueEmbedToken(deps.keys, principal.agencyId, body, meta.now, hostId);
    return {
      token,
      tokenType: 'Bearer' as const,
      expiresAt: iso(expiresAt),
      role: body.role,
      agencyId: principal.agencyId,
      subjectId: body.subjectId ?? null,
      scope: body.scope ?? null,
    };
  }),

  route(getOnCall, async ({ query, principal, tx, meta }) => {
    const [agency] = await tx.query<{ default_area: string }>('select default_area from agencies where id = $1', [principal.agencyId]);
    const area = query.area ?? agency?.default_area ?? 'county';
    const at = query.at ? new Date(query.at) : meta.now;
    const person = async (position: string) => {
      const rows = await tx.query<{ doc: Specialist }>(
        `select s.doc from on_call_shifts o join specialists s on s.id = o.specialist_id
         where o.agency_id = $1 and o.area = $2 and o.position = $3 and o.starts_at <= $4 and o.ends_at > $4 and s.active
         order by o.starts_at desc limit 1`,
        [principal.agencyId, area, position, at],
      );
      return rows[0] ? summary(rows[0].doc) : null;
    };
    return { area, at: iso(at), primary: await person('primary'), backup: await person('backup'), supervisor: await person('supervisor') };
  }),

  route(createDispatch, async ({ body, principal, tx, deps, meta }) => {
    const caller = embed(principal);
    const [agency] = await tx.query<{ default_area: string }>('select default_area from agencies where id = $1', [caller.agencyId]);
    const { dispatch, existing } = await dispatches.createDispatch(
      { tx, keys: deps.keys, config: deps.config, now: meta.now },
      caller,
      body,
      agency?.default_area ?? 'county',
    );
    await audit(tx, caller, meta, existing ? 'read' : 'create', 'dispatch', dispatch.id);
    return { status: existing ? 200 : 201, body: dispatch };
  }),

  route(listDispatches, async ({ query, principal, tx, meta }) => {
    const caller = embed(principal);
    const { where, params } = rowsOf(caller.agencyId)
      .and('status = ?', query.status)
      .and('external_id = ?', query.externalId)
      .and("doc->'timeline' @> ?::text::jsonb", caller.role === 'specialist' ? JSON.stringify([{ specialistId: caller.subjectId }]) : undefined)
      .and('id = ?', scopedTo(caller, 'dispatch'));
    const limit = query.limit ?? 50;
    const { docs, more } = await page(tx, { table: 'dispatches', time: 'created_at', where, params, schema: Dispatch }, limit, query.cursor);
    const items = docs.filter((d) => dispatches.canSeeDispatch(caller, d));
    await auditEach(tx, caller, meta, 'list', 'dispatch', items.map((d) => d.id));
    return { items, nextCursor: nextCursor(docs, more, (d) => d.createdAt) };
  }),

  route(getDispatch, async ({ params, principal, tx, meta }) => {
    const dispatch = await readableDispatch(tx, principal, params.id);
    await audit(tx, principal, meta, 'read', 'dispatch', dispatch.id);
    return dispatch;
  }),

  route(transitionDispatch, async ({ params, body, principal, tx, deps, meta }) => {
    const dispatch = await dispatches.transitionDispatch({ tx, keys: deps.keys, config: deps.config, now: meta.now }, principal, params.id, body);
    await audit(tx, principal, meta, 'transition', 'dispatch', dispatch.id);
    return dispatch;
  }),

  route(acknowledgeByLink, async ({ body, principal, tx, deps, meta }) => {
    if (principal.kind !== 'ack') throw forbidden();
    if (!(await consumeAckToken(tx, principal.tokenId, meta.now))) throw conflict('This link was already used');
    const dispatch = await dispatches.transitionDispatch(
      { tx, keys: deps.keys, config: deps.config, now: meta.now },
      principal,
      principal.dispatchId,
      { to: body.decision === 'acknowledge' ? 'acknowledged' : 'declined' },
    );
    await audit(tx, principal, meta, 'transition', 'dispatch', dispatch.id);
    return dispatch;
  }),

  // The stream itself is served by the app; this route only declares it.
  route(streamEvents, () => Promise.reject(new Error('served as a stream'))),

  route(createCalloutLog, async ({ body, principal, tx, meta }) => {
    const caller = embed(principal);
    const log = await calloutLogs.createCalloutLog(tx, caller, body, meta.now);
    await audit(tx, principal, meta, 'create', 'callout-log', log.id);
    return calloutLogs.redactCalloutLog(log, caller);
  }),

  route(listCalloutLogs, async ({ query, principal, tx, meta }) => {
    const caller = embed(principal);
    const { where, params } = rowsOf(caller.agencyId)
      .and('status = ?', query.status)
      .and('dispatch_id = ?', query.dispatchId)
      .and('specialist_id = ?', caller.role === 'specialist' ? caller.subjectId : undefined);
    const limit = query.limit ?? 50;
    const { docs, more } = await page(tx, { table: 'callout_logs', time: 'updated_at', where, params, schema: CalloutLog }, limit, query.cursor);
    const items = docs.filter((log) => calloutLogs.canSeeCalloutLog(caller, log)).map((log) => calloutLogs.redactCalloutLog(log, caller));
    await auditEach(tx, caller, meta, 'list', 'callout-log', items.map((log) => log.id));
    return { items, nextCursor: nextCursor(docs, more, (log) => log.updatedAt) };
  }),

  route(getCalloutLog, async ({ params, principal, tx, meta }) => {
    const caller = embed(principal);
    const log = await readableLog(tx, caller, params.id);
    await audit(tx, caller, meta, 'read', 'callout-log', log.id);
    return calloutLogs.redactCalloutLog(log, caller);
  }),

  // Answers go through redactCalloutLog too: after submitting, the author no longer reads the note.
  route(updateCalloutLog, async ({ params, body, principal, tx, meta }) => {
    const caller = embed(principal);
    const log = await calloutLogs.updateCalloutLog(tx, caller, params.id, body, meta.now);
    await audit(tx, principal, meta, 'update', 'callout-log', log.id);
    return calloutLogs.redactCalloutLog(log, caller);
  }),

  route(submitCalloutLog, async ({ params, body, principal, tx, meta }) => {
    const caller = embed(principal);
    const log = await calloutLogs.submitCalloutLog(tx, caller, params.id, body, meta.now);
    await audit(tx, principal, meta, 'transition', 'callout-log', log.id);
    if (log.piiKept.length > 0) await audit(tx, principal, meta, 'keep-pii', 'callout-log', log.id);
    return calloutLogs.redactCalloutLog(log, caller);
  }),

  route(reviewCalloutLog, async ({ params, body, principal, tx, meta }) => {
    const caller = embed(principal);
    const log = await calloutLogs.reviewCalloutLog(tx, caller, params.id, body, meta.now);
    await audit(tx, principal, meta, 'review', 'callout-log', log.id);
    return calloutLogs.redactCalloutLog(log, caller);
  }),

  route(searchResources, async ({ query, principal, tx, meta }) => searchDirectory(tx, principal.agencyId, query, meta.now)),

  route(getResource, async ({ params, principal, tx }) => {
    const rows = await tx.query<{ doc: Resource }>('select doc from resources where agency_id = $1 and id = $2', [principal.agencyId, params.id]);
    const resource = rows[0]?.doc;
    if (!resource) throw notFound();
    return resource;
  }),

  route(createReferral, async ({ body, principal, tx, meta }) => {
    const referral = await referrals.createReferral(tx, embed(principal), body, meta.now);
    await audit(tx, principal, meta, 'create', 'consent', referral.id);
    await audit(tx, principal, meta, 'create', 'referral', referral.id);
    return referral;
  }),

  route(listReferrals, async ({ query, principal, tx, meta }) => {
    const caller = embed(principal);
    const { where, params } = rowsOf(caller.agencyId)
      .and('status = ?', query.status)
      .and('person_ref = ?', query.personRef)
      .and('resource_id = ?', query.resourceId)
      .and(referrals.concernsSpecialist, caller.role === 'specialist' ? caller.subjectId : undefined);
    const limit = query.limit ?? 50;
    const { docs, more } = await page(tx, { table: 'referrals', time: 'created_at', where, params, schema: Referral }, limit, query.cursor);
    const made = await referrals.madeByCaller(tx, caller, docs.map((referral) => referral.id));
    const items = docs.filter((referral) => referrals.canSeeReferral(caller, referral, meta.now, made.has(referral.id)));
    await auditEach(tx, caller, meta, 'list', 'referral', items.map((referral) => referral.id));
    return { items, nextCursor: nextCursor(docs, more, (referral) => referral.createdAt) };
  }),

  route(getReferral, async ({ params, principal, tx, meta }) => {
    const caller = embed(principal);
    const referral = await readableReferral(tx, caller, params.id, meta.now);
    await audit(tx, caller, meta, 'read', 'referral', referral.id);
    await audit(tx, caller, meta, 'read', 'consent', referral.id);
    return referral;
  }),

  route(transitionReferral, async ({ params, body, principal, tx, meta }) => {
    const referral = await referrals.transitionReferral(tx, embed(principal), params.id, body, meta.now);
    await audit(tx, principal, meta, 'transition', 'referral', referral.id);
    return referral;
  }),

  route(revokeReferralConsent, async ({ params, body, principal, tx, meta }) => {
    const { referral, cancelled } = await referrals.revokeConsent(tx, embed(principal), params.id, body, meta.now);
    await audit(tx, principal, meta, 'revoke', 'consent', referral.id);
    if (cancelled) await audit(tx, principal, meta, 'transition', 'referral', referral.id);
    return { referralId: referral.id, status: referral.status, version: referral.version, consent: referral.consent };
  }),

  route(createCredential, async ({ body, principal, tx, deps, meta }) => {
    if (!credentialInScope(principal, { id: '', specialistId: body.specialistId })) throw forbidden('This token is scoped to another record');
    const credential = await issueCredential(tx, deps.keys, deps.config.publicUrl, principal.agencyId, body, meta.now);
    await audit(tx, principal, meta, 'create', 'credential', credential.id);
    return { status: 201, body: credential };
  }),

  route(changeCredentialStatus, async ({ params, body, principal, tx, meta }) => {
    await readableCredential(tx, principal, params.id);
    const credential = await changeStatus(tx, principal.agencyId, params.id, body, meta.now);
    await audit(tx, principal, meta, 'update', 'credential', credential.id);
    return credential;
  }),

  route(getStatusList, async ({ params, tx, deps, meta }) => {
    const rows = await tx.query('select 1 from agencies where id = $1', [params.id]);
    if (rows.length === 0) throw notFound();
    return { jwt: await signedStatusList(tx, deps.keys, deps.config.publicUrl, params.id, meta.now) };
  }),

  route(listCredentials, async ({ query, principal, tx, meta }) => {
    const caller = embed(principal);
    const { where, params } = rowsOf(caller.agencyId)
      .and('specialist_id = ?', query.specialistId)
      .and('specialist_id = ?', caller.scope?.type === 'specialist' ? caller.scope.id : undefined)
      .and('id = ?', caller.scope?.type === 'specialist' ? undefined : scopedTo(caller, 'credential'));
    const limit = query.limit ?? 50;
    const { docs, more } = await page(tx, { table: 'credentials', time: 'created_at', where, params, schema: CredentialRecord }, limit, query.cursor);
    let items = docs.map((doc) => withStatus(doc, meta.now));
    if (query.status) items = items.filter((credential) => credential.status === query.status);
    await auditEach(tx, caller, meta, 'list', 'credential', items.map((credential) => credential.id));
    return { items, nextCursor: nextCursor(docs, more, (doc) => doc.createdAt) };
  }),

  route(getCredential, async ({ params, principal, tx, meta }) => {
    const credential = await readableCredential(tx, principal, params.id);
    await audit(tx, principal, meta, 'read', 'credential', credential.id);
    return withStatus(credential, meta.now);
  }),

  route(getJwks, async ({ params, tx, deps }) => {
    const rows = await tx.query('select 1 from agencies where id = $1', [params.id]);
    if (rows.length === 0) throw notFound();
    return deps.keys.jwks(tx, params.id);
  }),

  route(listAuditEvents, async ({ query, principal, tx }) => {
    const { where, params } = rowsOf(principal.agencyId)
      .and("doc->>'recordType' = ?", query.recordType)
      .and("doc->>'recordId' = ?", query.recordId)
      // A record-scoped token reads the trail of its record only.
      .and("doc->>'recordId' = ?", principal.kind === 'embed' ? principal.scope?.id : undefined)
      .and('at >= ?', query.since);
    const limit = query.limit ?? 100;
    const { docs, more } = await page(tx, { table: 'audit_events', time: 'at', where, params, schema: { parse: readAuditEvent } }, limit, query.cursor);
    return { items: docs, nextCursor: nextCursor(docs, more, (event) => event.at) };
  }),
];

/**
 * The page a responder's phone opens from the notification link: two buttons in a plain form
 * (no script, so it works under any CSP and on any phone browser). It reveals nothing the
 * message did not already carry.
 */
export async function ackPage(c: Context, deps: AppDeps): Promise<Response> {
  const token = c.req.param('token') ?? '';
  let title = 'Call-out';
  let body: string;
  try {
    const principal = await verifyAckToken(deps.keys, token, deps.clock());
    const dispatch = await dispatches.loadDispatch(deps.db, principal.agencyId, principal.dispatchId);
    if (!dispatch) throw notFound();
    const [used] = await deps.db.query<{ used_at: Date | null }>('select used_at from ack_tokens where jti = $1', [principal.tokenId]);
    const type = escapeHtml(dispatch.callForService.type.replace(/-/g, ' '));
    const address = escapeHtml(dispatch.callForService.location.address);
    title = `Call-out: ${type}`;
    body = used?.used_at
      ? `<p>You already answered this call-out. Current status: <strong>${escapeHtml(dispatch.status)}</strong>.</p>`
      : `<p><strong>${type}</strong><br>${address}</p>
<form method="post"><button name="decision" value="acknowledge">Acknowledge — I am responding</button>
<button name="decision" value="decline">Decline</button></form>`;
  } catch (error) {
    body = `<p>${error instanceof HttpProblem ? escapeHtml(error.detail ?? error.title) : 'This link cannot be used.'}</p>`;
  }
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body>${body}</body></html>`,
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${String(ch.charCodeAt(0))};`);
}
