// Complementary suppression as the service applies it: no sum the report shows keeps a lone hidden figure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProgramReport, ReportCell } from '@peerlink/sdk';
import { hideComplements } from '@peerlink/sdk';

const count = (measure: ReportCell['measure'], value: number, key?: string): ReportCell => ({
  measure,
  ...(key === undefined ? {} : { key }),
  ...(value >= 1 && value <= 10 ? { value: null, suppressed: '<11' as const } : { value }),
});

/** Three weeks of requested and escalated call-outs, with the escalation rate, and their total. */
function report(weeks: readonly (readonly [requested: number, escalated: number])[]): ProgramReport {
  const cells = ([requested, escalated]: readonly [number, number]): ReportCell[] => [
    count('callouts.requested', requested),
    count('callouts.escalated', escalated),
    { measure: 'callouts.escalation-rate', value: requested > 0 ? escalated / requested : null },
  ];
  const sum = weeks.reduce<[number, number]>((all, [r, e]) => [all[0] + r, all[1] + e], [0, 0]);
  return {
    from: '2026-03-02',
    to: '2026-03-22',
    period: 'week',
    filters: {},
    timeZone: 'America/Chicago',
    generatedAt: '2026-03-23T12:00:00.000Z',
    asOf: '2026-03-23',
    smallCells: 'suppressed',
    periods: weeks.map((week, i) => ({
      start: `2026-03-${String(2 + 7 * i).padStart(2, '0')}`,
      end: `2026-03-${String(8 + 7 * i).padStart(2, '0')}`,
      cells: cells(week),
    })),
    total: cells(sum),
    workload: [],
  };
}

const values = (answer: ProgramReport, measure: string) =>
  [...answer.periods.map((period) => period.cells), answer.total].map((cells) => {
    const cell = cells.find((c) => c.measure === measure);
    return cell?.suppressed ?? cell?.value;
  });

describe('hideComplements', () => {
  it('withholds the smallest other figure of a sum with one "<11", a part before the total, and the shares of hidden counts', () => {
    const before = report([
      [40, 12],
      [5, 0],
      [30, 20],
    ]);
    const after = hideComplements(before);
    // 5 in the second week would be 75 − 40 − 30: the 30 goes too (smaller than the 40 and the total).
    assert.deepEqual(values(after, 'callouts.requested'), [40, '<11', '*', 75]);
    assert.deepEqual(values(after, 'callouts.escalated'), [12, 0, 20, 32]);
    // 20 escalated of the hidden 30 would give the 30 back.
    assert.deepEqual(values(after, 'callouts.escalation-rate'), [12 / 40, '*', '*', 32 / 75]);
    assert.deepEqual(values(before, 'callouts.requested'), [40, '<11', 30, 75], 'the report given is left as it was');
  });

  it('repeats until no sum holds a lone hidden figure, hiding the total when the other parts are zero', () => {
    const after = hideComplements(
      report([
        [0, 0],
        [7, 0],
        [0, 0],
      ]),
    );
    // 7 alone in its weeks: the total (7) is "<11" too, so the sum holds two hidden figures already.
    assert.deepEqual(values(after, 'callouts.requested'), [0, '<11', 0, '<11']);
    const cascade = hideComplements(
      report([
        [0, 0],
        [7, 0],
        [14, 0],
      ]),
    );
    assert.deepEqual(values(cascade, 'callouts.requested'), [0, '<11', '*', 21]);
  });

  it('leaves a report whose small cells are shown as it is', () => {
    const shown = {
      ...report([
        [40, 12],
        [30, 20],
      ]),
      smallCells: 'shown' as const,
    };
    assert.equal(hideComplements(shown), shown);
  });
});
