// Hand-made history for the report tests: call-outs, logs, referrals and credentials written as the
// service stores them, at chosen times in the past (the API stamps its own clock, so a year ago
// cannot be made through it). The figures the tests expect are worked out by hand from these.
import { randomUUID } from 'node:crypto';
import type { Sql } from '../src/infra/db/database.js';
import { ids } from './harness.js';

/** A step of a call-out: its status and the minutes after the request it happened. */
export type Step = [status: string, minutes: number, specialistId?: string];

export interface CalloutFixture {
  id?: string;
  agencyId?: string;
  /** The request time, as an ISO instant. */
  requestedAt: string;
  steps: Step[];
  status: string;
  area?: string;
  type?: string;
  requestingAgencyId?: string;
  /** The acknowledgement still awaited (the escalation has not run out). */
  ackDueAt?: string;
}

const at = (start: string, minutes: number) => new Date(Date.parse(start) + minutes * 60_000).toISOString();

export async function insertCallout(db: Sql, fixture: CalloutFixture): Promise<string> {
  const id = fixture.id ?? randomUUID();
  const agencyId = fixture.agencyId ?? ids.agency;
  const timeline = [
    { status: 'requested', at: fixture.requestedAt, actor: { kind: 'user', role: 'dispatcher' } },
    ...fixture.steps.map(([status, minutes, specialistId]) => ({
      status,
      at: at(fixture.requestedAt, minutes),
      actor: specialistId ? { kind: 'user', role: 'specialist', subjectId: specialistId } : { kind: 'system' },
      ...(specialistId ? { specialistId } : {}),
    })),
  ];
  const updatedAt = timeline.at(-1)?.at ?? fixture.requestedAt;
  const doc = {
    id,
    agencyId,
    callForService: {
      id: randomUUID(),
      agencyId,
      externalId: `CAD-${id.slice(0, 8)}`,
      type: fixture.type ?? 'overdose-nonfatal',
      location: { address: '1200 Elm St, Springfield', area: fixture.area ?? 'county' },
      receivedAt: fixture.requestedAt,
      ...(fixture.requestingAgencyId ? { requestingAgencyId: fixture.requestingAgencyId } : {}),
    },
    status: fixture.status,
    area: fixture.area ?? 'county',
    specialistId: null,
    escalationLevel: 0,
    ackDueAt: fixture.ackDueAt ?? null,
    timeline,
    createdAt: fixture.requestedAt,
    updatedAt,
    version: timeline.length,
  };
  await db.query(
    `insert into dispatches (id, agency_id, external_id, status, specialist_id, ack_due_at, doc, created_at, updated_at, version)
     values ($1, $2, $3, $4, null, $5, $6::text::jsonb, $7, $8, $9)`,
    [
      id,
      agencyId,
      doc.callForService.externalId,
      fixture.status,
      fixture.ackDueAt ?? null,
      JSON.stringify(doc),
      fixture.requestedAt,
      updatedAt,
      doc.version,
    ],
  );
  return id;
}

export interface LogFixture {
  dispatchId: string;
  /** Minutes after the call-out was cleared that the log was first submitted; none: a draft. */
  submittedAt?: string;
  reviews?: { decision: 'approve' | 'return'; at: string }[];
  outcome?: string;
  peopleServed?: { role: string; count: number }[];
  narrative?: string;
}

export async function insertLog(db: Sql, fixture: LogFixture): Promise<void> {
  const id = randomUUID();
  const status =
    fixture.reviews?.at(-1)?.decision === 'approve' ? 'approved' : fixture.submittedAt ? 'submitted' : 'draft';
  const doc = {
    id,
    agencyId: ids.agency,
    dispatchId: fixture.dispatchId,
    specialistId: ids.primary,
    status,
    content: {
      outcome: fixture.outcome ?? 'engaged',
      peopleServed: (fixture.peopleServed ?? []).map((p) => ({ ...p, ageBand: 'unknown' })),
      narrative: fixture.narrative ?? '',
    },
    submittedAt: fixture.submittedAt ?? null,
    submissions: fixture.submittedAt ? [{ version: 2, at: fixture.submittedAt, piiKept: [] }] : [],
    reviews: (fixture.reviews ?? []).map((review) => ({ ...review, reviewerId: ids.supervisor, version: 2 })),
    piiKept: [],
  };
  const now = fixture.submittedAt ?? new Date().toISOString();
  await db.query(
    `insert into callout_logs (id, agency_id, dispatch_id, specialist_id, status, doc, created_at, updated_at, version)
     values ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $7, 2)`,
    [id, ids.agency, fixture.dispatchId, ids.primary, status, JSON.stringify(doc), now],
  );
}

export interface ReferralFixture {
  createdAt: string;
  status: string;
  needs: string[];
  dispatchId?: string;
  /** Minutes after it was made that the resource accepted it. */
  acceptedAfter?: number;
  consentRevoked?: boolean;
}

export async function insertReferral(db: Sql, fixture: ReferralFixture): Promise<void> {
  const id = randomUUID();
  const timeline = [
    { status: 'sent', at: fixture.createdAt, actor: { kind: 'user', role: 'specialist' } },
    ...(fixture.acceptedAfter === undefined
      ? []
      : [{ status: 'accepted', at: at(fixture.createdAt, fixture.acceptedAfter), actor: { kind: 'system' } }]),
    ...(fixture.consentRevoked
      ? [{ status: fixture.status, at: at(fixture.createdAt, 90), actor: { kind: 'system' }, event: 'consent-revoked' }]
      : []),
  ];
  const doc = {
    id,
    agencyId: ids.agency,
    personRef: 'CASE-0001',
    resourceId: ids.resource,
    needs: fixture.needs,
    status: fixture.status,
    dispatchId: fixture.dispatchId ?? null,
    timeline,
  };
  await db.query(
    `insert into referrals (id, agency_id, person_ref, resource_id, status, doc, created_at, updated_at, version)
     values ($1, $2, 'CASE-0001', $3, $4, $5::text::jsonb, $6, $6, 1)`,
    [id, ids.agency, ids.resource, fixture.status, JSON.stringify(doc), fixture.createdAt],
  );
}

export async function insertCredential(
  db: Sql,
  expiresOn: string,
  administrativeStatus = 'active',
  specialistId = ids.primary,
): Promise<void> {
  const doc = { specialistId, type: 'peer-recovery', expiresOn, administrativeStatus };
  await db.query(
    `insert into credentials (id, agency_id, specialist_id, doc, created_at, updated_at)
     values ($1, $2, $3, $4::text::jsonb, now(), now())`,
    [randomUUID(), ids.agency, specialistId, JSON.stringify(doc)],
  );
}
