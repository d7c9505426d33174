import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { AgencySettings, AuditEvent, ProgramReport, ReportCell } from '@peerlink/sdk';
import { calloutCsvColumns, programReportCsvColumns, reportMeasures } from '@peerlink/sdk';
import { createApiKey } from '../src/domain/auth.js';
import { parseCsv } from '../src/domain/csv.js';
import { shareCell } from '../src/domain/report-cells.js';
import { csvCell } from '../src/domain/report-csv.js';
import type { Harness } from './harness.js';
import { harnessFor, ids, storages } from './harness.js';
import { insertCallout, insertCredential, insertLog, insertReferral } from './report-fixtures.js';

const partner = randomUUID();

/**
 * The agency's time zone is America/Chicago; daylight saving starts on Sunday 8 March 2026 at 02:00.
 * Week 2 (2–8 March) holds A, B, C, D, E and H; F is on the last evening of February.
 */
async function history(h: Harness) {
  const { db } = h.server;
  type Minutes = [acknowledged: number, enRoute: number, onScene: number, checkedIn: number, cleared: number];
  /** A call-out the primary acknowledged and saw to the end: each step's minutes after the request. */
  const clearedByPrimary = (requestedAt: string, [acknowledged, enRoute, onScene, checkedIn, cleared]: Minutes) =>
    insertCallout(db, {
      requestedAt,
      status: 'cleared',
      steps: [
        ['notified', 0],
        ['acknowledged', acknowledged, ids.primary],
        ['en-route', enRoute],
        ['on-scene', onScene],
        ['checked-in', checkedIn],
        ['cleared', cleared],
      ],
    });
  // F: Saturday 28 Feb 23:55 CST (1 March in UTC), cleared after midnight: February, week 1.
  await clearedByPrimary('2026-03-01T05:55:00Z', [3, 5, 15, 18, 35]);
  // A: Sunday 8 March 23:50 CDT (Monday 9 March in UTC): week 2, cleared the next day.
  const a = await clearedByPrimary('2026-03-09T04:50:00Z', [4, 6, 20, 25, 50]);
  // B: Sunday 8 March 01:30 CST, on scene across the clock change (40 real minutes).
  const b = await clearedByPrimary('2026-03-08T07:30:00Z', [12, 14, 40, 45, 90]);
  // C: Monday 2 March 10:00 CST, declined by the primary, escalated, acknowledged by the backup.
  const c = await insertCallout(db, {
    requestedAt: '2026-03-02T16:00:00Z',
    status: 'cleared',
    type: 'behavioral-health-crisis',
    area: 'north',
    requestingAgencyId: partner,
    steps: [
      ['notified', 0],
      ['declined', 5, ids.primary],
      ['escalated', 5],
      ['notified', 5],
      ['acknowledged', 31, ids.backup],
      ['en-route', 33],
      ['on-scene', 60],
      ['checked-in', 65],
      ['cleared', 120],
    ],
  });
  // D: cancelled before anyone answered.
  await insertCallout(db, {
    requestedAt: '2026-03-03T20:00:00Z',
    status: 'cancelled',
    steps: [
      ['notified', 0],
      ['cancelled', 8],
    ],
  });
  // E: every level and repeat tried, nobody answered.
  await insertCallout(db, {
    requestedAt: '2026-03-04T15:00:00Z',
    status: 'escalated',
    steps: [
      ['notified', 0],
      ['escalated', 5],
      ['notified', 5],
      ['escalated', 10],
      ['notified', 10],
      ['escalated', 15],
    ],
  });
  // H: still waiting for an acknowledgement: neither answered nor unanswered.
  await insertCallout(db, {
    requestedAt: '2026-03-06T18:00:00Z',
    status: 'notified',
    ackDueAt: '2026-03-06T18:05:00Z',
    steps: [['notified', 0]],
  });
  // Another agency's call-out in the same week counts nowhere here.
  await insertCallout(db, {
    agencyId: ids.otherAgency,
    requestedAt: '2026-03-05T15:00:00Z',
    status: 'cancelled',
    steps: [['cancelled', 1]],
  });

  await insertLog(db, {
    dispatchId: a,
    submittedAt: '2026-03-09T06:10:00Z',
    reviews: [{ decision: 'return', at: '2026-03-09T07:10:00Z' }],
    outcome: 'services-declined',
    peopleServed: [
      { role: 'person-in-crisis', count: 1 },
      { role: 'family-member', count: 2 },
    ],
    narrative: 'Report canary narrative Jordan Example at 44 Canary Lane',
  });
  await insertLog(db, { dispatchId: b, peopleServed: [{ role: 'witness', count: 4 }] });
  await insertLog(db, {
    dispatchId: c,
    submittedAt: '2026-03-02T19:40:00Z',
    reviews: [{ decision: 'approve', at: '2026-03-02T20:00:00Z' }],
    peopleServed: [{ role: 'overdose-survivor', count: 1 }],
  });

  await insertReferral(db, {
    createdAt: '2026-03-05T18:00:00Z',
    status: 'completed',
    needs: ['detox', 'moud'],
    dispatchId: c,
    acceptedAfter: 45,
  });
  await insertReferral(db, {
    createdAt: '2026-03-06T18:00:00Z',
    status: 'cancelled',
    needs: ['housing'],
    consentRevoked: true,
  });
  await insertReferral(db, { createdAt: '2026-03-10T17:00:00Z', status: 'proposed', needs: ['detox'] });
}

const range = 'from=2026-02-23&to=2026-03-31';

async function supervisorSeeingSmallCounts(h: Harness) {
  const patched = await h.call('PATCH', '/v1/agency', {
    token: h.apiKey,
    body: { reportSmallCountsForSupervisor: true },
  });
  assert.equal(patched.status, 200);
  assert.equal((patched.body as AgencySettings).reportSmallCountsForSupervisor, true);
  return h.token('supervisor', { subjectId: ids.supervisor });
}

const valueOf = (cells: readonly ReportCell[], measure: string, key?: string) => {
  const cell = cells.find((c) => c.measure === measure && c.key === key);
  assert.ok(cell, `no cell ${measure}${key ? ` ${key}` : ''}`);
  return cell.suppressed ?? cell.value;
};

async function report(h: Harness, token: string, query: string): Promise<ProgramReport> {
  const answer = await h.call('GET', `/v1/reports/program?${query}`, { token });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body as ProgramReport;
}

const todayInChicago = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Chicago',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
const daysOn = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Fails when a sum the report shows holds exactly one hidden figure (which its other figures would
 * give back): each count over the periods and the range, and each period's statuses and referrals made.
 */
function assertNoLoneHidden(answer: ProgramReport) {
  const lone = (cells: readonly (ReportCell | undefined)[]) => cells.filter((cell) => cell?.suppressed).length === 1;
  for (const cell of answer.total.filter(
    (c) => reportMeasures[c.measure].unit === 'count' && !c.measure.startsWith('credentials.'),
  )) {
    const parts = answer.periods.map((period) =>
      period.cells.find((c) => c.measure === cell.measure && c.key === cell.key),
    );
    assert.ok(!lone([...parts, cell]), `${cell.measure} ${cell.key ?? ''} over the periods`);
  }
  for (const cells of [...answer.periods.map((period) => period.cells), answer.total]) {
    const statuses = cells.filter((c) => c.measure === 'referrals.by-status');
    assert.ok(!lone([...statuses, cells.find((c) => c.measure === 'referrals.made')]), 'statuses and referrals made');
  }
}

for (const storage of await storages()) {
  describe(`program report on ${storage}`, () => {
    it('computes the measures by week in the agency time zone, across the clock change, midnight and the month end', async (t) => {
      const h = await harnessFor(t, storage);
      await history(h);
      const token = await supervisorSeeingSmallCounts(h);
      const weekly = await report(h, token, `${range}&period=week`);
      assert.equal(weekly.smallCells, 'shown');
      assert.equal(weekly.timeZone, 'America/Chicago');
      assert.deepEqual(
        weekly.periods.map((p) => `${p.start}..${p.end}`),
        [
          '2026-02-23..2026-03-01',
          '2026-03-02..2026-03-08',
          '2026-03-09..2026-03-15',
          '2026-03-16..2026-03-22',
          '2026-03-23..2026-03-29',
          '2026-03-30..2026-03-31',
        ],
      );
      const [week1, week2, week3] = weekly.periods.map((p) => p.cells);
      assert.ok(week1 && week2 && week3);
      assert.equal(valueOf(week1, 'callouts.requested'), 1);
      const expected: [string, number | null, string?][] = [
        ['callouts.requested', 6],
        ['callouts.answered', 3],
        ['callouts.cancelled', 1],
        ['callouts.unanswered', 1],
        ['callouts.escalated', 2],
        ['callouts.escalation-rate', 0.3333],
        ['callouts.decline-rate', 0.1667],
        ['callouts.services-declined', 1],
        ['to-acknowledged.median', 12],
        ['to-acknowledged.p90', 27.2],
        ['to-acknowledged.within-5', 0.3333],
        ['to-acknowledged.within-15', 0.6667],
        ['to-acknowledged.within-30', 0.6667],
        ['to-on-scene.median', 40],
        ['to-on-scene.p90', 56],
        ['to-on-scene.within-30', 0.3333],
        ['to-checked-in.median', 45],
        ['to-cleared.median', 90],
        ['to-cleared.p90', 114],
        ['logs.submitted', 2],
        ['logs.to-submit.median', 65],
        ['logs.to-review.median', 40],
        ['logs.returned', 1],
        ['people-served', 1, 'person-in-crisis'],
        ['people-served', 2, 'family-member'],
        ['people-served', 1, 'overdose-survivor'],
        ['people-served', 0, 'witness'],
        ['referrals.made', 2],
        // One reached `accepted`; both reached a final status (the cancelled one before acceptance).
        ['referrals.accepted', 1],
        ['referrals.closed-loop', 2],
        ['referrals.to-accepted.median', 45],
        ['referrals.closed-loop-rate', 1],
        ['referrals.consent-revoked', 1],
        ['referrals.by-status', 1, 'completed'],
        ['referrals.by-status', 1, 'cancelled'],
        ['referrals.by-status', 0, 'sent'],
        ['referrals.by-category', 1, 'detox'],
        ['referrals.by-category', 1, 'moud'],
        ['referrals.by-category', 1, 'housing'],
      ];
      for (const [measure, value, key] of expected)
        assert.equal(valueOf(week2, measure, key), value, `${measure} ${key ?? ''}`);
      assert.equal(valueOf(week3, 'callouts.requested'), 0);
      assert.equal(valueOf(week3, 'to-acknowledged.median'), null);
      assert.equal(valueOf(week3, 'referrals.made'), 1);
      // The whole range: a median of all seven call-outs, not of the weeks.
      assert.equal(valueOf(weekly.total, 'callouts.requested'), 7);
      assert.equal(valueOf(weekly.total, 'to-acknowledged.median'), 8);
      assert.equal(valueOf(weekly.total, 'to-acknowledged.p90'), 25.3);
      // Every measure the contract defines is in the total.
      for (const measure of Object.keys(reportMeasures).filter((m) => !m.startsWith('workload.'))) {
        assert.ok(
          weekly.total.some((cell) => cell.measure === measure),
          measure,
        );
      }
      // Workload: ranks, the supervisor also sees whose they are.
      assert.deepEqual(
        weekly.workload.map((row) => [row.rank, row.specialistId, row.callouts.value, row.afterHoursShare.value]),
        [
          [1, ids.primary, 3, 1],
          [2, ids.backup, 1, 0],
        ],
      );
    });

    it('cuts by calendar month and filters by area, call type and requesting agency', async (t) => {
      const h = await harnessFor(t, storage);
      await history(h);
      const token = await supervisorSeeingSmallCounts(h);
      const monthly = await report(h, token, `${range}&period=month`);
      assert.deepEqual(
        monthly.periods.map((p) => [p.start, p.end, valueOf(p.cells, 'callouts.requested')]),
        [
          ['2026-02-23', '2026-02-28', 1],
          ['2026-03-01', '2026-03-31', 6],
        ],
      );
      for (const filter of ['area=north', 'callType=behavioral-health-crisis', `requestingAgencyId=${partner}`]) {
        const narrowed = await report(h, token, `${range}&period=month&${filter}`);
        assert.equal(valueOf(narrowed.total, 'callouts.requested'), 1, filter);
        assert.equal(valueOf(narrowed.total, 'callouts.escalated'), 1, filter);
        assert.equal(valueOf(narrowed.total, 'referrals.made'), 1, filter);
        assert.equal(valueOf(narrowed.total, 'people-served', 'overdose-survivor'), 1, filter);
      }
      const refused = await h.call('GET', `/v1/reports/program?from=2026-03-31&to=2026-03-01&period=week`, { token });
      assert.equal(refused.status, 400);
    });

    it('counts credentials of active peers expiring within 30, 60 and 90 days', async (t) => {
      const h = await harnessFor(t, storage);
      const today = todayInChicago();
      for (const days of [10, 45, 80, 100, -5]) await insertCredential(h.server.db, daysOn(today, days));
      await insertCredential(h.server.db, daysOn(today, 20), 'revoked');
      const token = await supervisorSeeingSmallCounts(h);
      const answer = await report(h, token, `from=${daysOn(today, -30)}&to=${today}&period=month`);
      assert.equal(answer.asOf, today);
      assert.deepEqual(
        ['credentials.expiring-30', 'credentials.expiring-60', 'credentials.expiring-90'].map((m) =>
          valueOf(answer.total, m),
        ),
        [1, 2, 3],
      );
    });

    it('suppresses counts from 1 to 10 unless the supervisor reads and the agency allows it; keys see ranks only', async (t) => {
      const h = await harnessFor(t, storage);
      await history(h);
      const supervisor = await h.token('supervisor', { subjectId: ids.supervisor });
      for (const token of [h.apiKey, supervisor]) {
        const answer = await report(h, token, `${range}&period=week`);
        const week2 = answer.periods[1]?.cells ?? [];
        assert.equal(answer.smallCells, 'suppressed');
        assert.equal(valueOf(week2, 'callouts.requested'), '<11');
        assert.equal(valueOf(week2, 'to-acknowledged.median'), '<11');
        assert.equal(valueOf(week2, 'callouts.escalation-rate'), '<11');
        assert.equal(valueOf(week2, 'people-served', 'witness'), 0);
        assert.equal(valueOf(answer.periods[2]?.cells ?? [], 'callouts.requested'), 0);
        const cell = week2.find((c) => c.measure === 'callouts.requested');
        assert.deepEqual(cell, { measure: 'callouts.requested', value: null, suppressed: '<11' });
        assertNoLoneHidden(answer);
      }
      await h.call('PATCH', '/v1/agency', { token: h.apiKey, body: { reportSmallCountsForSupervisor: true } });
      const byKey = await report(h, h.apiKey, `${range}&period=week`);
      assert.equal(byKey.smallCells, 'suppressed');
      assert.ok(byKey.workload.every((row) => row.specialistId === undefined));
      const other = await report(h, h.otherApiKey, `${range}&period=week`);
      assert.equal(valueOf(other.total, 'callouts.requested'), '<11');
      assert.equal(valueOf(other.total, 'callouts.answered'), 0);
    });

    it('hides a second figure of every sum holding a "<11", so no small count is the difference of figures shown', async (t) => {
      const h = await harnessFor(t, storage);
      const { db } = h.server;
      const callouts = async (count: number, day: string) => {
        for (let i = 0; i < count; i++)
          await insertCallout(db, {
            requestedAt: `${day}T${String(10 + (i % 8)).padStart(2, '0')}:${String(i).padStart(2, '0')}:00Z`,
            status: 'cleared',
            steps: [
              ['notified', 0],
              ['acknowledged', 4, ids.primary],
              ['cleared', 60],
            ],
          });
      };
      await callouts(14, '2026-03-04');
      await callouts(3, '2026-03-11');
      await callouts(20, '2026-03-18');
      for (const [count, status] of [
        [15, 'completed'],
        [2, 'declined'],
      ] as const)
        for (let i = 0; i < count; i++)
          await insertReferral(db, { createdAt: '2026-03-18T15:00:00Z', status, needs: ['housing'] });

      const answer = await report(h, h.apiKey, `${range}&period=week`);
      const week = (start: string) => answer.periods.find((period) => period.start === start)?.cells ?? [];
      // Three call-outs in the week of 9 March read "<11"; the year's 37 stay, so the 14 of the week before go.
      assert.deepEqual(
        answer.periods.map((period) => valueOf(period.cells, 'callouts.requested')),
        [0, '*', '<11', 20, 0, 0],
      );
      assert.equal(valueOf(answer.total, 'callouts.requested'), 37);
      assert.equal(valueOf(week('2026-03-02'), 'callouts.escalation-rate'), '*', 'a share of a hidden count');
      // Two declined of 17 referrals: the 15 completed go too, in the week and over the range.
      assert.equal(valueOf(week('2026-03-16'), 'referrals.by-status', 'declined'), '<11');
      assert.equal(valueOf(week('2026-03-16'), 'referrals.by-status', 'completed'), '*');
      assert.equal(valueOf(answer.total, 'referrals.by-status', 'completed'), '*');
      assert.equal(valueOf(answer.total, 'referrals.made'), 17);
      assert.deepEqual(
        answer.total.find((cell) => cell.measure === 'referrals.by-status' && cell.key === 'completed'),
        { measure: 'referrals.by-status', key: 'completed', value: null, suppressed: '*' },
      );
      assertNoLoneHidden(answer);

      const shown = await report(h, await supervisorSeeingSmallCounts(h), `${range}&period=week`);
      assert.deepEqual(
        shown.periods.map((period) => valueOf(period.cells, 'callouts.requested')),
        [0, 14, 3, 20, 0, 0],
      );
      assert.ok([...shown.total, ...shown.periods.flatMap((period) => period.cells)].every((cell) => !cell.suppressed));
    });

    it("takes the agency's own key but refuses a provider's key and an unknown one", async (t) => {
      const h = await harnessFor(t, storage);
      const provider = (await createApiKey(h.server.db, ids.agency, { resourceId: ids.resource })).key;
      for (const path of ['/v1/reports/program?period=week&', '/v1/reports/callouts/csv?']) {
        assert.equal((await h.call('GET', `${path}${range}`, { token: provider })).status, 403, path);
        assert.equal((await h.call('GET', `${path}${range}`, { token: h.apiKey })).status, 200, path);
        assert.equal((await h.call('GET', `${path}${range}`, { token: 'plk_000000000000_x' })).status, 401, path);
      }
    });

    it('exports the report and the de-identified call-outs as CSV with a byte order mark, and audits every read', async (t) => {
      const h = await harnessFor(t, storage);
      await history(h);
      const token = await supervisorSeeingSmallCounts(h);
      const response = await fetch(`${h.server.url}/v1/reports/program/csv?${range}&period=week`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
      const bytes = new Uint8Array(await response.arrayBuffer());
      assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes);
      const records = parseCsv(text).map((r) => r.fields);
      assert.deepEqual(records[0], [...programReportCsvColumns]);
      assert.ok(text.includes('\r\n'));
      const row = records.find((r) => r[0] === '2026-03-02' && r[2] === 'to-acknowledged.p90');
      assert.deepEqual(row, ['2026-03-02', '2026-03-08', 'to-acknowledged.p90', '', '27.2', '', 'minutes']);
      assert.ok(
        records.some(
          (r) => r[0] === '2026-02-23' && r[1] === '2026-03-31' && r[2] === 'workload.callouts' && r[3] === '1',
        ),
      );

      const suppressed = await h.call('GET', `/v1/reports/program/csv?${range}&period=week`, { token: h.apiKey });
      const suppressedRow = parseCsv(String(suppressed.body)).find(
        (r) => r.fields[0] === '2026-03-02' && r.fields[2] === 'callouts.requested',
      );
      assert.deepEqual(suppressedRow?.fields.slice(4, 6), ['', '<11']);

      const callouts = await h.call('GET', `/v1/reports/callouts/csv?${range}`, { token });
      assert.equal(callouts.status, 200);
      const csv = String(callouts.body);
      const lines = parseCsv(csv).map((r) => r.fields);
      assert.deepEqual(lines[0], [...calloutCsvColumns]);
      assert.equal(lines.length, 1 + 7);
      const byOutcome = lines.slice(1).map((r) => r[4]);
      assert.deepEqual(byOutcome, ['cleared', 'cleared', 'cancelled', 'unanswered', 'open', 'cleared', 'cleared']);
      // F first: its local request time, in February.
      assert.deepEqual(lines[1]?.slice(0, 4), ['1', '2026-02-28T23:55', 'county', 'overdose-nonfatal']);
      const c = lines[2] ?? [];
      assert.deepEqual(c.slice(5, 11), ['1', '1', '31', '60', '65', '120']);
      assert.doesNotMatch(csv, /[0-9a-f]{8}-[0-9a-f]{4}-/);
      assert.doesNotMatch(csv, /Elm St|canary|Jordan/i);

      const audit = await h.call('GET', '/v1/audit?recordType=report', { token });
      const events = (audit.body as { items: AuditEvent[] }).items;
      assert.deepEqual(events.map((e) => e.action).sort(), ['export', 'export', 'export']);
      await report(h, token, `${range}&period=week`);
      const after = (await h.call('GET', '/v1/audit?recordType=report', { token })).body as { items: AuditEvent[] };
      const [latest] = after.items;
      assert.equal(latest?.action, 'read');
      assert.deepEqual(latest.fields, ['from', 'period', 'to']);
    });
  });
}

describe('report CSV cells', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    for (const start of ['+', '-', '@']) assert.equal(csvCell(`${start}1+2`), `'${start}1+2`);
    assert.equal(csvCell('\tcmd'), "'\tcmd");
    assert.equal(csvCell(-5), '-5');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(true), 'true');
  });
});

describe('report share cells', () => {
  it('suppress a share whose part or rest is from 1 to 10, since share × base gives the count back', () => {
    const measure = 'referrals.closed-loop-rate';
    const hidden = { measure, value: null, suppressed: '<11' };
    assert.deepEqual(shareCell('suppressed', measure, 5, 100), hidden);
    assert.deepEqual(shareCell('suppressed', measure, 95, 100), hidden);
    assert.deepEqual(shareCell('suppressed', measure, 5, 8), hidden);
    assert.deepEqual(shareCell('suppressed', measure, 50, 100), { measure, value: 0.5 });
    assert.deepEqual(shareCell('suppressed', measure, 0, 100), { measure, value: 0 });
    assert.deepEqual(shareCell('suppressed', measure, 100, 100), { measure, value: 1 });
    assert.deepEqual(shareCell('shown', measure, 5, 100), { measure, value: 0.05 });
  });
});
