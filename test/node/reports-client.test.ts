// The SDK's `reports` namespace against the real reference service (PGlite storage, real HTTP).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  PeerAuthError,
  PeerValidationError,
  calloutCsvColumns,
  createProgramClient,
  programReportCsvColumns,
  reportMeasures,
} from '@peerlink/sdk';
import { harnessFor, ids } from '../../packages/server/test/harness.js';
import { insertCallout } from '../../packages/server/test/report-fixtures.js';

describe('SDK reports namespace', () => {
  it('reads the report, both CSVs with their byte order mark, and refuses what the contract refuses', async (t) => {
    const h = await harnessFor(t, 'pglite');
    await insertCallout(h.server.db, {
      requestedAt: '2026-03-02T16:00:00Z',
      status: 'cleared',
      steps: [
        ['notified', 0],
        ['acknowledged', 6, ids.primary],
        ['cleared', 40],
      ],
    });
    const client = (role: 'supervisor' | 'dispatcher') =>
      createProgramClient({
        baseUrl: h.server.url,
        getToken: () => h.token(role, role === 'supervisor' ? { subjectId: ids.supervisor } : {}),
        offline: false,
      });
    const { reports } = client('supervisor');
    const query = { from: '2026-03-01', to: '2026-03-31', period: 'week' as const };

    const report = await reports.program(query);
    assert.equal(report.periods.length, 6);
    assert.equal(report.smallCells, 'suppressed');
    const requested = report.total.find((cell) => cell.measure === 'callouts.requested');
    assert.deepEqual(requested, { measure: 'callouts.requested', value: null, suppressed: '<11' });
    assert.equal(reportMeasures[report.total[0]?.measure ?? 'callouts.requested'].unit, 'count');

    const csv = await reports.programCsv(query);
    assert.ok(csv.startsWith('\uFEFF'), 'the byte order mark is kept');
    assert.ok(csv.startsWith(`\uFEFF${programReportCsvColumns.join(',')}\r\n`));
    const callouts = await reports.calloutsCsv({ from: query.from, to: query.to });
    assert.equal(callouts.split('\r\n')[0], `\uFEFF${calloutCsvColumns.join(',')}`);
    assert.match(callouts, /\r\n1,2026-03-02T10:00,county,overdose-nonfatal,cleared,0,0,6,,,40,false,,0,0\r\n$/);

    const backwards = await reports.program({ ...query, from: '2026-04-01' }).catch((e: unknown) => e);
    assert.ok(backwards instanceof PeerValidationError);
    assert.deepEqual(Object.keys(backwards.fieldErrors), ['to']);
    const refused = await client('dispatcher')
      .reports.program(query)
      .catch((e: unknown) => e);
    assert.ok(refused instanceof PeerAuthError);
  });
});
