// What migrations 0015 and 0016 keep beside each record for the program report: the minutes to each
// step, people served by role, a referral's needs as bits, and each log's copy of its call-out's
// request time, filter values and clearing. PostgreSQL computes them on every write; these tests
// hold them to what the report computed from the records before, and to the SDK's lists they are
// numbered by.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportBreakdownKeys } from '@peerlink/sdk';
import { harnessFor, ids, storages } from './harness.js';
import { insertCallout, insertLog, insertReferral } from './report-fixtures.js';

/** Minutes from one instant to the other, as the report computed them before migration 0015. */
const minutes = (from: string, to: string) =>
  `(case when ${to} - ${from} between interval '-1 day' and interval '1 day' then date_part('epoch', ${to} - ${from})
         else extract(epoch from ${to} - ${from})::float8 end / 60)`;

for (const storage of await storages()) {
  describe(`report columns on ${storage}`, () => {
    it('numbers the needs as the SDK lists the categories, one bit each', async (t) => {
      const { db } = (await harnessFor(t, storage)).server;
      for (const [i, need] of reportBreakdownKeys.category.entries()) {
        const [row] = await db.query<{ mask: number }>(
          'select peerlink_needs_mask(jsonb_build_array($1::text)) as mask',
          [need],
        );
        assert.equal(row?.mask, 2 ** i, need);
      }
      const [row] = await db.query<{ both: number; none: number; missing: number | null }>(
        `select peerlink_needs_mask('["other", "detox", "other", "unknown"]') as both,
                peerlink_needs_mask('[]') as none, peerlink_needs_mask(null) as missing`,
      );
      assert.deepEqual(
        { ...row },
        { both: 2 ** reportBreakdownKeys.category.indexOf('other') + 1, none: 0, missing: 0 },
      );
    });

    it('keeps the minutes, people served and needs right as records are written and changed', async (t) => {
      const { db } = (await harnessFor(t, storage)).server;
      // Steps at odd milliseconds, one more than a day after the request, one before it.
      const dispatchId = await insertCallout(db, {
        requestedAt: '2026-03-08T07:30:00.123Z',
        status: 'cleared',
        steps: [
          ['acknowledged', 4.0071, ids.primary],
          ['on-scene', -0.5],
          ['checked-in', 1500.00123],
          ['cleared', 3000.3333],
        ],
      });
      await insertLog(db, {
        dispatchId,
        submittedAt: '2026-03-10T09:00:00.777Z',
        reviews: [{ decision: 'return', at: '2026-03-12T10:00:01.001Z' }],
        peopleServed: [
          { role: 'person-in-crisis', count: 1 },
          { role: 'family-member', count: 2 },
          { role: 'family-member', count: 3 },
        ],
      });
      await insertReferral(db, {
        createdAt: '2026-03-08T08:00:00.5Z',
        status: 'accepted',
        needs: ['housing', 'detox'],
        dispatchId,
        acceptedAfter: 1441.25,
      });
      const check = async () => {
        const [d] = await db.query<Record<string, boolean>>(
          `select ${(['acknowledged', 'on_scene', 'checked_in', 'cleared'] as const)
            .map(
              (stage) => `rpt_to_${stage} is not distinct from ${minutes('created_at', `rpt_${stage}_at`)} as ${stage}`,
            )
            .join(', ')}
             from dispatches where id = $1`,
          [dispatchId],
        );
        assert.deepEqual({ ...d }, { acknowledged: true, on_scene: true, checked_in: true, cleared: true });
        const [l] = await db.query<Record<string, unknown>>(
          `select rpt_to_review is not distinct from ${minutes('rpt_submitted_at', 'rpt_reviewed_at')} as review,
                  ${reportBreakdownKeys.role.map((role, i) => `rpt_served_${role.replace(/-/g, '_')} is not distinct from (rpt_served->>'${role}')::int as r${String(i)}`).join(', ')}
             from callout_logs where dispatch_id = $1`,
          [dispatchId],
        );
        assert.ok(l && Object.values(l).every((same) => same === true), JSON.stringify(l));
        const [r] = await db.query<Record<string, unknown>>(
          `select rpt_to_accepted is not distinct from ${minutes('created_at', 'rpt_accepted_at')} as accepted,
                  ${reportBreakdownKeys.category.map((need, i) => `(rpt_needs_mask & ${String(2 ** i)} <> 0) = (rpt_needs ? '${need}') as c${String(i)}`).join(', ')}
             from referrals where rpt_dispatch_id = $1`,
          [dispatchId],
        );
        assert.ok(r && Object.values(r).every((same) => same === true), JSON.stringify(r));
      };
      await check();
      const [row] = await db.query<{ served: number; needs: number }>(
        `select (select rpt_served_family_member from callout_logs where dispatch_id = $1) as served,
                (select rpt_needs_mask from referrals where rpt_dispatch_id = $1) as needs`,
        [dispatchId],
      );
      assert.deepEqual(
        { ...row },
        {
          served: 5,
          needs:
            2 ** reportBreakdownKeys.category.indexOf('housing') + 2 ** reportBreakdownKeys.category.indexOf('detox'),
        },
      );
      // Changed documents: the columns follow.
      await db.query(
        `update dispatches set doc = jsonb_set(doc, '{timeline}', doc->'timeline' || jsonb_build_array(jsonb_build_object('status', 'acknowledged', 'at', '2026-03-01T00:00:00Z'))) where id = $1`,
        [dispatchId],
      );
      await db.query(
        `update dispatches set doc = jsonb_set(doc, '{timeline}', (select jsonb_agg(s) from jsonb_array_elements(doc->'timeline') s where s->>'status' <> 'acknowledged')) where id = $1`,
        [dispatchId],
      );
      await db.query(
        `update callout_logs set doc = jsonb_set(doc, '{content,peopleServed}', '[{"role": "witness", "ageBand": "unknown", "count": 4}]') where dispatch_id = $1`,
        [dispatchId],
      );
      await db.query(`update referrals set doc = jsonb_set(doc, '{needs}', '["food"]') where rpt_dispatch_id = $1`, [
        dispatchId,
      ]);
      await check();
      const [after] = await db.query<{ ack: number | null; witness: number; family: number | null; needs: number }>(
        `select d.rpt_to_acknowledged as ack, l.rpt_served_witness as witness, l.rpt_served_family_member as family,
                r.rpt_needs_mask as needs
           from dispatches d join callout_logs l on l.dispatch_id = d.id join referrals r on r.rpt_dispatch_id = d.id
          where d.id = $1`,
        [dispatchId],
      );
      assert.deepEqual(
        { ...after },
        {
          ack: null,
          witness: 4,
          family: null,
          needs: 2 ** reportBreakdownKeys.category.indexOf('food'),
        },
      );
    });

    it("keeps each log's copy of its call-out's request, filters and clearing as either changes", async (t) => {
      const { db } = (await harnessFor(t, storage)).server;
      const requestedAt = '2026-03-08T07:30:00.123Z';
      const dispatchId = await insertCallout(db, {
        requestedAt,
        status: 'cleared',
        area: 'north',
        type: 'overdose-fatal',
        requestingAgencyId: 'county-ems',
        steps: [
          ['acknowledged', 4, ids.primary],
          ['cleared', 95.5],
        ],
      });
      await insertLog(db, { dispatchId, submittedAt: '2026-03-08T11:00:00.123Z' });
      const copies = async (id: string) => {
        const [row] = await db.query<Record<string, unknown>>(
          `select (l.rpt_requested_at, l.rpt_area, l.rpt_call_type, l.rpt_requesting_agency, l.rpt_cleared_at)
                  is not distinct from (d.created_at, d.rpt_area, d.rpt_call_type, d.rpt_requesting_agency, d.rpt_cleared_at) as same,
                  l.rpt_to_submit is not distinct from ${minutes('d.rpt_cleared_at', 'l.rpt_submitted_at')} as submit,
                  l.rpt_area as area, l.rpt_call_type as type, l.rpt_requesting_agency as requester, l.rpt_to_submit as minutes
             from callout_logs l join dispatches d on d.id = l.dispatch_id where d.id = $1`,
          [id],
        );
        assert.ok(row?.same === true && row.submit === true, JSON.stringify(row));
        return { area: row.area, type: row.type, requester: row.requester, minutes: row.minutes };
      };
      assert.deepEqual(await copies(dispatchId), {
        area: 'north',
        type: 'overdose-fatal',
        requester: 'county-ems',
        minutes: 210 - 95.5,
      });
      // The call-out moves to another area and type, and its clearing is taken back.
      await db.query(
        `update dispatches set doc = jsonb_set(jsonb_set(jsonb_set(doc, '{area}', '"south"'), '{callForService,type}', '"welfare-check"'),
                                               '{timeline}', (select jsonb_agg(s) from jsonb_array_elements(doc->'timeline') s where s->>'status' <> 'cleared'))
          where id = $1`,
        [dispatchId],
      );
      assert.deepEqual(await copies(dispatchId), {
        area: 'south',
        type: 'welfare-check',
        requester: 'county-ems',
        minutes: null,
      });
      // The log is moved to another call-out: it copies that one's.
      const otherId = await insertCallout(db, {
        requestedAt: '2026-03-08T08:00:00.123Z',
        status: 'cleared',
        area: 'east',
        steps: [['cleared', 60]],
      });
      await db.query('update callout_logs set dispatch_id = $2 where dispatch_id = $1', [dispatchId, otherId]);
      assert.deepEqual(await copies(otherId), {
        area: 'east',
        type: 'overdose-nonfatal',
        requester: null,
        minutes: 120,
      });
    });

    if (storage === 'postgres') {
      it('a log written while its call-out is being changed copies the change once committed', async (t) => {
        const { db } = (await harnessFor(t, storage)).server;
        const dispatchId = await insertCallout(db, {
          requestedAt: '2026-03-08T07:30:00Z',
          status: 'cleared',
          area: 'north',
          steps: [['cleared', 30]],
        });
        let written: Promise<void> | undefined;
        await db.transaction(async (tx) => {
          await tx.query(`update dispatches set doc = jsonb_set(doc, '{area}', '"south"') where id = $1`, [dispatchId]);
          // On another connection: waits for this change to commit.
          written = insertLog(db, { dispatchId, submittedAt: '2026-03-08T09:00:00Z' });
          await new Promise((resolve) => setTimeout(resolve, 200));
        });
        await written;
        const [row] = await db.query<{ area: string }>(
          'select rpt_area as area from callout_logs where dispatch_id = $1',
          [dispatchId],
        );
        assert.equal(row?.area, 'south');
      });
    }
  });
}
