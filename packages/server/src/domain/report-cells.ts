// Turning the report's raw figures into the contract's cells: rounding, and small-cell suppression.
import type { ReportCell, ReportMeasureId } from '@peerlink/sdk';
import { reportMeasures, smallCellLimit, smallCellMarker } from '@peerlink/sdk';

/** Whether small counts are shown as they are (a supervisor, with the agency's consent) or read "<11". */
export type SmallCells = 'suppressed' | 'shown';

const isSmall = (count: number) => count >= 1 && count <= smallCellLimit;

/** Minutes to one decimal, shares to four: enough for a chart, no false precision. */
function rounded(measure: ReportMeasureId, value: number): number {
  const { unit } = reportMeasures[measure];
  const scale = unit === 'minutes' ? 10 : unit === 'share' ? 10_000 : 1;
  return Math.round(value * scale) / scale;
}

/**
 * One cell. A count is suppressed when it is from 1 to 10; a time or a share when the number of
 * records it was computed from (`base`) is, since a median of three call-outs describes three people.
 * Zero is never suppressed: it discloses nobody.
 */
export function cellOf(
  smallCells: SmallCells,
  measure: ReportMeasureId,
  value: number | null,
  base: number,
  key?: string,
): ReportCell {
  const keyed = key === undefined ? {} : { key };
  if (smallCells === 'suppressed' && isSmall(base)) {
    return { measure, ...keyed, value: null, suppressed: smallCellMarker };
  }
  return { measure, ...keyed, value: value === null || !Number.isFinite(value) ? null : rounded(measure, value) };
}

/** A count cell: the count is its own base. */
export const countCell = (smallCells: SmallCells, measure: ReportMeasureId, count: number, key?: string) =>
  cellOf(smallCells, measure, count, count, key);

/**
 * A share of `base`: null when there is nothing to divide by. Suppressed, besides a small base, when
 * the part or the rest of the base is from 1 to 10: a share times its base gives the count back, so
 * "5 % of 100 referrals" would show the 5 its count cell hides (or the 5 of "95 %" that did not).
 */
export function shareCell(smallCells: SmallCells, measure: ReportMeasureId, part: number, base: number): ReportCell {
  if (smallCells === 'suppressed' && (isSmall(part) || isSmall(base - part))) {
    return { measure, value: null, suppressed: smallCellMarker };
  }
  return cellOf(smallCells, measure, base > 0 ? part / base : null, base);
}
