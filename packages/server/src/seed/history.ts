// A year of clearly fictional history for the demo program, so the program report's charts say
// something on `npm start`: call-outs at plausible hours with escalations, declines, cancellations
// and a few unanswered; logs for most, some returned; referrals with every outcome. Deterministic
// (the demo's seed), written in batches of rows.
import type { CalloutLog, Dispatch, IncidentType, Referral, TimelineEntry } from '@peerlink/sdk';
import { CalloutLog as CalloutLogSchema, Dispatch as DispatchSchema, Referral as ReferralSchema } from '@peerlink/sdk';
import type { Sql } from '../infra/db/database.js';
import type { DemoProgram } from './demo.js';
import type { Random } from './random.js';
import { mulberry32, uuidFrom } from './random.js';

export interface HistorySummary {
  callouts: number;
  logs: number;
  referrals: number;
}

const types: readonly [IncidentType, number][] = [
  ['overdose-nonfatal', 0.38],
  ['behavioral-health-crisis', 0.27],
  ['substance-use-crisis', 0.15],
  ['overdose-fatal', 0.08],
  ['welfare-check', 0.12],
];
const needs = ['detox', 'treatment', 'moud', 'recovery-residence', 'mutual-aid', 'housing', 'harm-reduction'] as const;
const outcomes = ['services-accepted', 'services-accepted', 'services-declined', 'information-only'] as const;
const roles = ['person-in-crisis', 'overdose-survivor', 'family-member', 'friend', 'bystander'] as const;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
function weighted<T>(random: Random, items: readonly (readonly [T, number])[]): T {
  let left = random();
  for (const [item, weight] of items) {
    left -= weight;
    if (left <= 0) return item;
  }
  return (items.at(-1) as readonly [T, number])[0];
}
const iso = (ms: number) => new Date(ms).toISOString();
const minutes = (n: number) => Math.round(n * 60_000);

/** Calls come more often in the evening: an hour drawn from a day's curve. */
const hourOf = (random: Random) =>
  weighted(
    random,
    Array.from({ length: 24 }, (_, h) => [h, (h >= 16 && h <= 23 ? 1.8 : h >= 8 ? 1 : 0.5) / 28.4] as const),
  );

/** Inserts rows in batches: `values` builds one row's parameters. */
async function insertRows<T>(tx: Sql, head: string, cast: string[], rows: readonly T[], values: (row: T) => unknown[]) {
  for (let start = 0; start < rows.length; start += 400) {
    const batch = rows.slice(start, start + 400);
    const params: unknown[] = [];
    const tuples = batch.map((row) => {
      const first = params.length;
      params.push(...values(row));
      return `(${cast.map((c, i) => `$${String(first + i + 1)}${c}`).join(', ')})`;
    });
    await tx.query(`${head} values ${tuples.join(', ')}`, params);
  }
}

export async function seedHistory(
  tx: Sql,
  demo: DemoProgram,
  options: { now: Date; callouts?: number },
): Promise<HistorySummary> {
  const random = mulberry32(demo.seed + 17);
  const agencyId = demo.program.id;
  const peers = demo.specialists.filter((s) => s.supervisorId !== null);
  const supervisor = demo.specialists.find((s) => s.supervisorId === null);
  const resources = await tx.query<{ id: string }>('select id from resources where agency_id = $1 limit 50', [
    agencyId,
  ]);
  const count = options.callouts ?? 3000;
  const end = options.now.getTime() - 2 * 86_400_000;
  const dispatches: Dispatch[] = [];
  const logs: CalloutLog[] = [];
  const referrals: Referral[] = [];
  for (let n = 0; n < count; n++) {
    const dayStart = (Math.floor(end / 86_400_000) - Math.floor(random() * 365)) * 86_400_000;
    // A local hour in the program's zone (UTC−6, or −5 in summer: close enough for a plausible curve).
    const at = dayStart + (hourOf(random) + 6) * 3_600_000 + Math.floor(random() * 3_600_000);
    const id = uuidFrom(random);
    const area = pick(random, demo.areas);
    const type = weighted(random, types);
    const partner = pick(random, demo.partners);
    const first = pick(random, peers);
    const second = pick(random, peers);
    const roll = random();
    const timeline: TimelineEntry[] = [
      { status: 'requested', at: iso(at), actor: { kind: 'user', role: 'dispatcher' } },
      { status: 'notified', at: iso(at + 20_000), actor: { kind: 'system' }, specialistId: first.id },
    ];
    const step = (status: TimelineEntry['status'], after: number, peer?: string) =>
      timeline.push({
        status,
        at: iso(at + after),
        actor: peer ? { kind: 'user', role: 'specialist', subjectId: peer } : { kind: 'system' },
        ...(peer ? { specialistId: peer } : {}),
      });
    let status: Dispatch['status'] = 'cleared';
    let holder: string | null = first.id;
    let ack = minutes(1 + random() ** 2 * 28);
    if (roll < 0.05) {
      status = 'cancelled';
      holder = null;
      step('cancelled', minutes(2 + random() * 10));
    } else if (roll < 0.08) {
      status = 'escalated';
      holder = null;
      for (const k of [1, 2, 3]) {
        step('escalated', minutes(5 * k));
        if (k < 3) step('notified', minutes(5 * k) + 10_000);
      }
    } else {
      if (roll < 0.2) {
        step('declined', minutes(1 + random() * 3), first.id);
        step('escalated', minutes(4));
        step('notified', minutes(4) + 10_000);
        holder = second.id;
        ack += minutes(5);
      }
      const scene = ack + minutes(8 + random() * 25);
      const checkIn = scene + minutes(1 + random() * 6);
      const cleared = checkIn + minutes(25 + random() * 90);
      step('acknowledged', ack, holder);
      step('en-route', ack + 60_000, holder);
      step('on-scene', scene, holder);
      step('checked-in', checkIn, holder);
      step('engaged', checkIn + 120_000, holder);
      step('cleared', cleared, holder);
    }
    const updatedAt = timeline.at(-1)?.at ?? iso(at);
    dispatches.push({
      id,
      agencyId,
      callForService: {
        id: uuidFrom(random),
        agencyId,
        externalId: `HIST-${String(n + 1).padStart(5, '0')}`,
        type,
        location: { address: `${String(100 + (n % 900))} Example Ave (fictional)`, area },
        receivedAt: iso(at - 60_000),
        requestingAgencyId: partner.id,
      },
      status,
      area,
      specialistId: holder,
      escalationLevel: 0,
      ackDueAt: null,
      timeline,
      createdAt: iso(at),
      updatedAt,
      version: timeline.length,
    });
    if (status !== 'cleared' || random() < 0.1) continue;
    const clearedAt = Date.parse(updatedAt);
    const submitted = clearedAt + minutes(30 + random() * 600);
    const returned = random() < 0.12;
    const logId = uuidFrom(random);
    const outcome = pick(random, outcomes);
    logs.push({
      id: logId,
      agencyId,
      dispatchId: id,
      specialistId: holder,
      status: returned ? 'returned' : 'approved',
      content: {
        peopleServed: [
          { role: pick(random, roles), ageBand: 'unknown', count: 1 },
          ...(random() < 0.4 ? [{ role: 'family-member' as const, ageBand: 'unknown' as const, count: 2 }] : []),
        ],
        outcome,
        narrative: 'Fictional demo history: no real person or event.',
      },
      submittedAt: iso(submitted),
      submissions: [{ version: 2, at: iso(submitted), piiKept: [] }],
      reviews: [
        {
          decision: returned ? 'return' : 'approve',
          reviewerId: supervisor?.id ?? null,
          version: 2,
          at: iso(submitted + minutes(60 + random() * 1400)),
          ...(returned ? { comment: 'Please add the services delivered.' } : {}),
        },
      ],
      piiKept: [],
      createdAt: iso(clearedAt),
      updatedAt: iso(submitted),
      version: 2,
    });
    const resource = resources.length > 0 ? pick(random, resources) : undefined;
    if (!resource || (outcome !== 'services-accepted' && random() < 0.8)) continue;
    const made = submitted - minutes(20);
    const final = weighted(random, [
      ['completed', 0.45],
      ['scheduled', 0.12],
      ['accepted', 0.1],
      ['declined', 0.12],
      ['no-show', 0.1],
      ['sent', 0.06],
      ['cancelled', 0.05],
    ] as const);
    const accepted = made + minutes(15 + random() * 600);
    const rTimeline: Referral['timeline'] = [{ status: 'sent', at: iso(made), actor: { kind: 'system' } }];
    if (final !== 'sent' && final !== 'declined') {
      rTimeline.push({ status: 'accepted', at: iso(accepted), actor: { kind: 'system' } });
    }
    if (final !== 'sent' && final !== 'accepted') {
      rTimeline.push({ status: final, at: iso(accepted + 86_400_000), actor: { kind: 'system' } });
    }
    referrals.push({
      id: uuidFrom(random),
      agencyId,
      personRef: `DEMO-${String(n + 1).padStart(5, '0')}`,
      resourceId: resource.id,
      needs: [pick(random, needs)],
      urgency: 'routine',
      consent: {
        scope: ['share-with-resource'],
        method: 'verbal',
        grantedAt: iso(made - 60_000),
        expiresAt: iso(made + 180 * 86_400_000),
        part2NoticeAcknowledged: true,
        revokedAt: null,
        recordedBy: { kind: 'user', role: 'specialist', subjectId: holder ?? undefined },
      },
      status: final,
      scheduledAt: null,
      dispatchId: id,
      timeline: rTimeline,
      createdAt: iso(made),
      updatedAt: rTimeline.at(-1)?.at ?? iso(made),
      version: rTimeline.length,
    });
  }
  await insertRows(
    tx,
    'insert into dispatches (id, agency_id, external_id, status, specialist_id, ack_due_at, doc, created_at, updated_at, version)',
    ['', '', '', '', '', '', '::text::jsonb', '', '', ''],
    dispatches.map((d) => DispatchSchema.parse(d)),
    (d) => [
      d.id,
      agencyId,
      d.callForService.externalId,
      d.status,
      d.specialistId,
      null,
      JSON.stringify(d),
      d.createdAt,
      d.updatedAt,
      d.version,
    ],
  );
  await insertRows(
    tx,
    'insert into callout_logs (id, agency_id, dispatch_id, specialist_id, status, doc, created_at, updated_at, version)',
    ['', '', '', '', '', '::text::jsonb', '', '', ''],
    logs.map((l) => CalloutLogSchema.parse(l)),
    (l) => [l.id, agencyId, l.dispatchId, l.specialistId, l.status, JSON.stringify(l), l.createdAt, l.updatedAt, 2],
  );
  await insertRows(
    tx,
    'insert into referrals (id, agency_id, person_ref, resource_id, status, doc, created_at, updated_at, version)',
    ['', '', '', '', '', '::text::jsonb', '', '', ''],
    referrals.map((r) => ReferralSchema.parse(r)),
    (r) => [
      r.id,
      agencyId,
      r.personRef,
      r.resourceId,
      r.status,
      JSON.stringify(r),
      r.createdAt,
      r.updatedAt,
      r.version,
    ],
  );
  return { callouts: dispatches.length, logs: logs.length, referrals: referrals.length };
}
