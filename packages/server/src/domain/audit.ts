import { randomUUID } from 'node:crypto';
import type { AuditListQuery } from '@peerlink/sdk';
import { AuditEvent, Origin } from '@peerlink/sdk';
import type { Principal } from './auth.js';
import { nextCursor, page } from './pagination.js';
import { rowsOf } from './records.js';
import type { Sql } from '../infra/db/database.js';
import { write } from '../infra/db/database.js';
import { iso } from '../time.js';

export interface RequestMeta {
  requestId: string;
  /** The browser's Origin header as sent; stored only when it is an origin (`hostOriginOf`). */
  origin: string | null;
  now: Date;
}

/**
 * The host origin an audit event may carry: only what the contract calls an origin. Browsers send
 * `Origin: null` from opaque origins (a page served with `Referrer-Policy: no-referrer`, a sandbox),
 * which names no host, so it is recorded as absent.
 */
export function hostOriginOf(header: string | null | undefined): string | null {
  return typeof header === 'string' && Origin.safeParse(header).success ? header : null;
}

/** Reads a stored event; rows written before origins were checked may hold `"null"`. */
export function readAuditEvent(doc: unknown): AuditEvent {
  if (typeof doc === 'object' && doc !== null && 'hostOrigin' in doc && typeof doc.hostOrigin === 'string') {
    return AuditEvent.parse({ ...doc, hostOrigin: hostOriginOf(doc.hostOrigin) });
  }
  return AuditEvent.parse(doc);
}

export function actorOf(principal: Principal): AuditEvent['actor'] {
  switch (principal.kind) {
    case 'embed':
      return { kind: 'user', role: principal.role, ...(principal.subjectId ? { subjectId: principal.subjectId } : {}) };
    case 'ack':
      return { kind: 'user', role: 'specialist', subjectId: principal.specialistId };
    case 'api-key':
      return { kind: 'system' };
  }
}

/** Appends one audit event in the caller's transaction: it is stored exactly when the change is. */
export async function audit(
  tx: Sql,
  principal: Principal,
  meta: RequestMeta,
  action: AuditEvent['action'],
  recordType: AuditEvent['recordType'],
  recordId: string | null,
  fields?: readonly string[],
): Promise<void> {
  await auditEach(tx, principal, meta, action, recordType, [recordId], fields);
}

/**
 * Appends one event per record (a list read names every record it showed) in one statement, so
 * a page of 100 rows costs one round trip. An empty list still leaves one event without a record.
 */
export async function auditEach(
  tx: Sql,
  principal: Principal,
  meta: RequestMeta,
  action: AuditEvent['action'],
  recordType: AuditEvent['recordType'],
  recordIds: readonly (string | null)[],
  fields?: readonly string[],
): Promise<void> {
  const events = (recordIds.length > 0 ? recordIds : [null]).map((recordId): AuditEvent => ({
    id: randomUUID(),
    agencyId: principal.agencyId,
    at: iso(meta.now),
    actor: actorOf(principal),
    hostOrigin: hostOriginOf(meta.origin),
    action,
    recordType,
    recordId,
    requestId: meta.requestId,
    ...(fields ? { fields: [...fields] } : {}),
  }));
  const rows = events.map(
    (_, n) =>
      `($${String(4 * n + 1)}, $${String(4 * n + 2)}, $${String(4 * n + 3)}, $${String(4 * n + 4)}::text::jsonb)`,
  );
  // Queued in a transaction: checked before the commit, never waited on alone.
  await write(
    tx,
    `insert into audit_events (id, agency_id, at, doc) values ${rows.join(', ')}`,
    events.flatMap((event) => [event.id, event.agencyId, meta.now, JSON.stringify(event)]),
  );
}

/** The kind of record an endpoint's path serves, for auditing replays and refusals. */
export function auditedRecordType(path: string): AuditEvent['recordType'] | null {
  const kinds: [string, AuditEvent['recordType']][] = [
    ['/v1/dispatches', 'dispatch'],
    ['/v1/ack', 'dispatch'],
    ['/v1/callout-logs', 'callout-log'],
    ['/v1/referrals', 'referral'],
    ['/v1/credentials', 'credential'],
    ['/v1/embed-sessions', 'api-key'],
    ['/v1/api-keys', 'api-key'],
    ['/v1/agency', 'agency'],
    ['/v1/specialists', 'specialist'],
    ['/v1/sms', 'dispatch'],
    ['/v1/reports', 'report'],
    ['/v1/rule-sets', 'rule-set'],
    ['/v1/escalation-policy', 'escalation-policy'],
    ['/v1/schedule/rotations', 'rotation'],
    ['/v1/schedule/overrides', 'override'],
  ];
  return kinds.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`))?.[1] ?? null;
}

/** A page of the agency's audit trail, newest first; a record-scoped token reads its record's only. */
export async function listAuditEvents(tx: Sql, principal: Principal, query: AuditListQuery) {
  const { where, params } = rowsOf(principal.agencyId)
    .and("doc->>'recordType' = ?", query.recordType)
    .and("doc->>'recordId' = ?", query.recordId)
    .and("doc->>'recordId' = ?", principal.kind === 'embed' ? principal.scope?.id : undefined)
    .and('at >= ?', query.since);
  const table = { table: 'audit_events', time: 'at', where, params, schema: { parse: readAuditEvent } };
  const { docs, more } = await page(tx, table, query.limit ?? 100, query.cursor);
  return { items: docs, nextCursor: nextCursor(docs, more, (event) => event.at) };
}
