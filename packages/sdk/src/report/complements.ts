// Complementary suppression: where the report's figures add up to another figure it shows, a single
// hidden count among them would be the difference of the others, so a second one is hidden too.
// The service applies it to every report whose small cells are suppressed.
import type { referralStatuses } from '../schema/machines.js';
import type { ProgramReport, ReportCell, ReportMeasureId, ReportPeriod, WorkloadRow } from '../schema/report.js';
import { complementaryCellMarker, reportMeasures } from '../schema/report.js';

/** The statuses a referral's loop closes in: `referrals.closed-loop` counts the referrals in them. */
export const closedLoopReferralStatuses = [
  'completed',
  'declined',
  'no-show',
  'cancelled',
] as const satisfies readonly (typeof referralStatuses)[number][];

/** Figures the report shows whose `parts` add up to `total` (or, for workload, at most to it). */
interface Sum {
  readonly parts: readonly ReportCell[];
  readonly total: ReportCell;
}

/** A share and the two counts it is the quotient of: shown beside them, it would give a hidden one back. */
const shares = [
  ['callouts.escalation-rate', 'callouts.escalated', 'callouts.requested'],
  ['referrals.closed-loop-rate', 'referrals.closed-loop', 'referrals.made'],
] as const satisfies readonly (readonly [ReportMeasureId, ReportMeasureId, ReportMeasureId])[];

const hidden = (cell: ReportCell) => cell.suppressed !== undefined;
const identity = (cell: ReportCell) => `${cell.measure}\u0000${cell.key ?? ''}`;

function find(cells: readonly ReportCell[], measure: ReportMeasureId, key?: string): ReportCell | undefined {
  return cells.find((cell) => cell.measure === measure && cell.key === key);
}

/** Hides a cell of the report's copy. */
function withhold(cell: ReportCell): void {
  cell.value = null;
  cell.suppressed = complementaryCellMarker;
}

/** The sums a report's cells take part in. */
function sumsOf(periods: readonly ReportPeriod[], total: readonly ReportCell[], workload: readonly WorkloadRow[]) {
  const sums: Sum[] = [];
  // Every count of the periods adds up to the same count over the whole range.
  // Each period's cells by identity, looked up once per count rather than searched (the first of a kind, as `find`).
  const byIdentity = periods.map((period) => {
    const cells = new Map<string, ReportCell>();
    for (const cell of period.cells) if (!cells.has(identity(cell))) cells.set(identity(cell), cell);
    return cells;
  });
  for (const cell of total) {
    if (reportMeasures[cell.measure].unit !== 'count') continue;
    const parts = byIdentity.map((cells) => cells.get(identity(cell)));
    if (parts.length > 0 && parts.every((part) => part !== undefined)) sums.push({ parts, total: cell });
  }
  // In each period and over the range: the statuses add up to the referrals made, the final ones to the closed loops.
  for (const cells of [...periods.map((period) => period.cells), total]) {
    const status = (key: string) => find(cells, 'referrals.by-status', key);
    const made = find(cells, 'referrals.made');
    const closed = find(cells, 'referrals.closed-loop');
    const all = cells.filter((cell) => cell.measure === 'referrals.by-status');
    if (made && all.length > 0) sums.push({ parts: all, total: made });
    const final = closedLoopReferralStatuses.map(status).filter((cell) => cell !== undefined);
    if (closed && final.length > 0) sums.push({ parts: final, total: closed });
  }
  // The peers' call-outs add up to at most those answered: treated as a sum, which hides no less than it must.
  const answered = find(total, 'callouts.answered');
  if (answered && workload.length > 0) sums.push({ parts: workload.map((row) => row.callouts), total: answered });
  return sums;
}

/**
 * The report with what would give a suppressed count back hidden too (`suppressed: "*"`). A sum
 * with exactly one hidden member is mended by hiding its smallest shown figure above zero (a part
 * before the total); that may leave another sum with one hidden member, so it repeats until none
 * has. Then a share is hidden where either of its counts is. This is the usual heuristic of
 * statistical offices, not a proof against every combination of sums; it never hides a zero, which
 * discloses nobody. A report whose small cells are shown is returned as it is.
 */
export function hideComplements(report: ProgramReport): ProgramReport {
  if (report.smallCells === 'shown') return report;
  const copy = structuredClone(report);
  const { periods, total, workload } = copy;
  const sums = sumsOf(periods, total, workload);
  for (let changed = true; changed;) {
    changed = false;
    for (const { parts, total: sum } of sums) {
      const members = [...parts, sum];
      if (members.filter(hidden).length !== 1) continue;
      const shown = members.filter((cell) => !hidden(cell) && (cell.value ?? 0) > 0);
      const smallest = shown.reduce<ReportCell | undefined>(
        (least, cell) => (least === undefined || (cell.value ?? 0) < (least.value ?? 0) ? cell : least),
        undefined,
      );
      if (smallest) {
        withhold(smallest);
        changed = true;
      }
    }
  }
  for (const cells of [...periods.map((period) => period.cells), total])
    for (const [share, part, base] of shares) {
      const cell = find(cells, share);
      const counts = [find(cells, part), find(cells, base)];
      if (cell && !hidden(cell) && counts.some((count) => count && hidden(count))) withhold(cell);
    }
  return copy;
}
