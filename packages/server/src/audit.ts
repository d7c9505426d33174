import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '@peerlink/sdk';
import type { Principal } from './auth.js';
import type { Sql } from './db/database.js';
import { iso } from './time.js';

export interface RequestMeta {
  requestId: string;
  /** The embedding host's origin, from the browser's Origin header. */
  origin: string | null;
  now: Date;
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
): Promise<void> {
  const event: AuditEvent = {
    id: randomUUID(),
    agencyId: principal.agencyId,
    at: iso(meta.now),
    actor: actorOf(principal),
    hostOrigin: meta.origin,
    action,
    recordType,
    recordId,
    requestId: meta.requestId,
  };
  await tx.query('insert into audit_events (id, agency_id, at, doc) values ($1, $2, $3, $4::text::jsonb)', [
    event.id,
    event.agencyId,
    meta.now,
    JSON.stringify(event),
  ]);
}
