// Canned program reports shaped by the contract, for stories and for the element's tests of states
// the service cannot be made to answer on demand (a slow answer, an outage). Clearly fictional
// figures from a fixed seed, so every story looks the same on any day.
import {
  PeerNetworkError,
  PeerError,
  hideComplements,
  referralStatuses,
  smallCellLimit,
  smallCellMarker,
  type ProgramReport,
  type ProgramReportQuery,
  type ReportCell,
  type ReportMeasureId,
  type ReportPeriod,
  type WorkloadRow,
} from '@peerlink/sdk';
import type { ReportClient } from '../packages/elements/src/program-report/report-client.js';

/** A fixed pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (date: Date): string => date.toISOString().slice(0, 10);

/** A count as the service answers it: 1 to 10 suppressed, unless small cells are shown. */
function count(measure: ReportMeasureId, value: number, suppress: boolean, key?: string): ReportCell {
  const base = key === undefined ? { measure } : { measure, key };
  return suppress && value >= 1 && value <= smallCellLimit
    ? { ...base, value: null, suppressed: smallCellMarker }
    : { ...base, value };
}

/** Rates and times over so few call-outs are suppressed too; none at all is "no data". */
function over(measure: ReportMeasureId, n: number, value: number, suppress: boolean): ReportCell {
  if (n === 0) return { measure, value: null };
  if (suppress && n <= smallCellLimit) return { measure, value: null, suppressed: smallCellMarker };
  return { measure, value };
}

interface Tally {
  requested: number;
  answered: number;
  cancelled: number;
  unanswered: number;
  escalated: number;
  servicesDeclined: number;
  referrals: Record<string, number>;
}

function cells(t: Tally, next: () => number, suppress: boolean): ReportCell[] {
  const made = Math.round(Object.values(t.referrals).reduce((a, b) => a + b, 0));
  const sum = (statuses: string[]) => Math.round(statuses.reduce((a, s) => a + (t.referrals[s] ?? 0), 0));
  const final = sum(['completed', 'declined', 'no-show', 'cancelled']);
  const accepted = sum(['accepted', 'scheduled', 'completed', 'no-show']);
  const ack = 4 + next() * 6;
  const arrive = 18 + next() * 10;
  return [
    count('callouts.requested', t.requested, suppress),
    count('callouts.answered', t.answered, suppress),
    count('callouts.cancelled', t.cancelled, suppress),
    count('callouts.unanswered', t.unanswered, suppress),
    count('callouts.escalated', t.escalated, suppress),
    count('callouts.services-declined', t.servicesDeclined, suppress),
    over('to-acknowledged.median', t.answered, Math.round(ack * 10) / 10, suppress),
    over('to-acknowledged.p90', t.answered, Math.round(ack * 25) / 10, suppress),
    over('to-acknowledged.within-5', t.answered, 0.3 + next() * 0.2, suppress),
    over('to-acknowledged.within-15', t.answered, 0.7 + next() * 0.15, suppress),
    over('to-acknowledged.within-30', t.answered, 0.9 + next() * 0.08, suppress),
    over('to-on-scene.median', t.answered, Math.round(arrive * 10) / 10, suppress),
    over('to-on-scene.p90', t.answered, Math.round(arrive * 18) / 10, suppress),
    over('to-on-scene.within-5', t.answered, 0.02 + next() * 0.05, suppress),
    over('to-on-scene.within-15', t.answered, 0.2 + next() * 0.2, suppress),
    over('to-on-scene.within-30', t.answered, 0.55 + next() * 0.2, suppress),
    count('referrals.made', made, suppress),
    ...referralStatuses.map((status) =>
      count('referrals.by-status', Math.round(t.referrals[status] ?? 0), suppress, status),
    ),
    count('referrals.accepted', accepted, suppress),
    count('referrals.closed-loop', final, suppress),
    over('referrals.closed-loop-rate', made, made ? final / made : 0, suppress),
    count('referrals.consent-revoked', Math.round(made * 0.02), suppress),
  ];
}

function tally(scale: number, next: () => number, referralRate = 0.5): Tally {
  const requested = Math.round(scale * (0.7 + next() * 0.6));
  const cancelled = Math.round(requested * 0.06 * next());
  const unanswered = Math.round(requested * 0.04 * next());
  const answered = requested - cancelled - unanswered;
  const referrals: Record<string, number> = {};
  const shares = [0.05, 0.1, 0.1, 0.15, 0.35, 0.12, 0.05, 0.08];
  referralStatuses.forEach((status, i) => {
    // Unrounded, so a year of a rare referral adds up as it would; cells round.
    referrals[status] = answered * referralRate * (shares[i] ?? 0) * (0.6 + next() * 0.8);
  });
  return {
    requested,
    answered,
    cancelled,
    unanswered,
    escalated: Math.round(requested * 0.15 * next()),
    servicesDeclined: Math.round(answered * 0.1 * next()),
    referrals,
  };
}

const add = (a: Tally, b: Tally): Tally => ({
  requested: a.requested + b.requested,
  answered: a.answered + b.answered,
  cancelled: a.cancelled + b.cancelled,
  unanswered: a.unanswered + b.unanswered,
  escalated: a.escalated + b.escalated,
  servicesDeclined: a.servicesDeclined + b.servicesDeclined,
  referrals: Object.fromEntries(referralStatuses.map((s) => [s, (a.referrals[s] ?? 0) + (b.referrals[s] ?? 0)])),
});

/** Twelve peers, ranked busiest first, sharing `answered` call-outs; a third or so after hours. */
function workload(answered: number, next: () => number, suppress: boolean): WorkloadRow[] {
  if (answered === 0) return [];
  const weights = Array.from({ length: 12 }, (_, i) => 1 / (i + 2));
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((weight, i) => {
    const n = Math.round((answered * weight) / sum);
    const rank = String(i + 1);
    return {
      rank: i + 1,
      callouts: count('workload.callouts', n, suppress, rank),
      afterHoursShare: { ...over('workload.after-hours-share', n, 0.2 + next() * 0.3, suppress), key: rank },
    };
  });
}

export interface SampleOptions {
  /** Call-outs per week, about. */
  perWeek?: number;
  /** Small counts read "<11" (the default), as for a viewer the agency does not allow to see them. */
  suppress?: boolean;
  /** Weeks from Monday 1 December 2025. */
  weeks?: number;
  /** Referrals per answered call-out, about. */
  referralRate?: number;
}

/** A year by week of a fictional program: about `perWeek` call-outs a week, with referrals. */
export function sampleReport({
  perWeek = 40,
  suppress = true,
  weeks = 52,
  referralRate = 0.5,
}: SampleOptions = {}): ProgramReport {
  const next = random(17);
  const first = Date.UTC(2025, 11, 1);
  const periods: ReportPeriod[] = [];
  let total: Tally = tally(0, () => 0);
  for (let week = 0; week < weeks; week += 1) {
    const t = tally(perWeek, next, referralRate);
    total = add(total, t);
    const start = new Date(first + week * 7 * 86_400_000);
    const end = new Date(start.getTime() + 6 * 86_400_000);
    periods.push({ start: day(start), end: day(end), cells: cells(t, next, suppress) });
  }
  // As the service answers: a figure that would give a "<11" back is withheld too.
  return hideComplements({
    from: periods[0]?.start ?? day(new Date(first)),
    to: periods.at(-1)?.end ?? day(new Date(first)),
    period: 'week',
    filters: {},
    timeZone: 'America/Chicago',
    generatedAt: '2026-11-30T18:00:00.000Z',
    asOf: '2026-11-30',
    smallCells: suppress ? 'suppressed' : 'shown',
    periods,
    total: [
      ...cells(total, next, suppress),
      ...([30, 60, 90] as const).map((days) =>
        count(`credentials.expiring-${days}`, Math.round((days / 30) * (1 + perWeek / 8)), suppress),
      ),
    ],
    workload: workload(total.answered, next, suppress),
  });
}

/** A client whose report answers come from `answer` after `delay` ms (per query), as a round trip would. */
export function cannedReportClient(
  answer: (query: ProgramReportQuery) => ProgramReport | Error | 'never',
  delay: number | ((query: ProgramReportQuery) => number) = 20,
): ReportClient & { queries: ProgramReportQuery[] } {
  const queries: ProgramReportQuery[] = [];
  const respond = (query: ProgramReportQuery) =>
    new Promise<ProgramReport>((resolve, reject) => {
      queries.push(query);
      const result = answer(query);
      if (result === 'never') return;
      setTimeout(
        () => {
          if (result instanceof Error) reject(result);
          else resolve(result);
        },
        typeof delay === 'number' ? delay : delay(query),
      );
    });
  return {
    queries,
    reports: {
      program: (query) => respond(query),
      programCsv: async (query: ProgramReportQuery) => {
        await respond(query);
        return `\uFEFFperiod_start,period_end,measure,key,value,suppressed,unit\r\n`;
      },
    },
  };
}

export const offline = (): Error => new PeerNetworkError('Unreachable', { code: 'network' });
export const failure = (): Error => new PeerError('Service failed', { code: 'server_error', status: 500 });
