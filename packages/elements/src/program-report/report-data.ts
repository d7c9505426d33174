// Reading the service's report for charts and tables: a cell is a number, a suppressed small
// count ("<11"), a figure withheld to protect one ("*"), or nothing measured — and a hidden cell
// is never read as zero.
import { complementaryCellMarker, type ProgramReport, type ReportCell, type ReportMeasureId } from '@peerlink/sdk';
import type { ChartValue } from './charts.js';

/** The value of `measure` (and breakdown `key`) among `cells`. */
export function valueOf(cells: readonly ReportCell[], measure: ReportMeasureId, key?: string): ChartValue {
  const cell = cells.find((candidate) => candidate.measure === measure && candidate.key === key);
  return cell ? cellValue(cell) : null;
}

/** A cell's value for a chart: "suppressed" or "withheld" rather than its null. */
export function cellValue(cell: ReportCell): ChartValue {
  if (cell.suppressed === undefined) return cell.value;
  return cell.suppressed === complementaryCellMarker ? 'withheld' : 'suppressed';
}

/** Whether any cell of the report is withheld to protect a small count. */
export function hasWithheld(report: ProgramReport): boolean {
  const withheld = (cell: ReportCell) => cell.suppressed === complementaryCellMarker;
  return (
    report.total.some(withheld) ||
    report.periods.some((period) => period.cells.some(withheld)) ||
    report.workload.some((row) => withheld(row.callouts) || withheld(row.afterHoursShare))
  );
}

/** The value of `measure` in each period, in order. */
export function seriesOf(report: ProgramReport, measure: ReportMeasureId, key?: string): ChartValue[] {
  return report.periods.map((period) => valueOf(period.cells, measure, key));
}

/** The value of `measure` over the whole range. */
export function totalOf(report: ProgramReport, measure: ReportMeasureId, key?: string): ChartValue {
  return valueOf(report.total, measure, key);
}

/** Whether the range holds nothing to chart: no call-out and no referral. */
export function isEmpty(report: ProgramReport): boolean {
  return totalOf(report, 'callouts.requested') === 0 && totalOf(report, 'referrals.made') === 0;
}

/** A day as `YYYY-MM-DD` in the browser's time zone. */
export function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The default range: the last 52 weeks up to `today`. */
export function lastYear(today: Date): { from: string; to: string } {
  const from = new Date(today);
  from.setDate(from.getDate() - 7 * 52 + 1);
  return { from: dayOf(from), to: dayOf(today) };
}
