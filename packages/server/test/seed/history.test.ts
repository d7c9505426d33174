import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProgramReport } from '@peerlink/sdk';
import { createApiKey } from '../../src/domain/auth.js';
import { seedDemo } from '../../src/seed/seeding.js';
import { harnessFor } from '../harness.js';

describe('demo history', () => {
  it('seeds a year of call-outs, logs and referrals the report reads, for the demo program only', async (t) => {
    const h = await harnessFor(t, 'pglite');
    const now = new Date();
    const started = performance.now();
    const summary = await seedDemo(h.server.db, {
      publicUrl: h.server.config.publicUrl,
      resources: 20,
      history: true,
      now,
    });
    const took = performance.now() - started;
    console.log(
      `demo history: ${String(summary.history?.callouts)} call-outs, ${String(summary.history?.logs)} logs, ${String(summary.history?.referrals)} referrals seeded (with the demo) in ${took.toFixed(0)} ms`,
    );
    const { history } = summary;
    assert.ok(history);
    assert.equal(history.callouts, 3000);
    assert.ok(history.logs > 2000);
    assert.ok(history.referrals > 300);

    const key = (await createApiKey(h.server.db, summary.programId)).key;
    const day = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
    const answer = await h.call('GET', `/v1/reports/program?from=${day(-366)}&to=${day(0)}&period=month`, {
      token: key,
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const report = answer.body as ProgramReport;
    const total = (measure: string) => report.total.find((cell) => cell.measure === measure)?.value;
    assert.equal(total('callouts.requested'), 3000);
    assert.ok((total('to-acknowledged.median') ?? 0) > 1);
    assert.ok((total('callouts.escalated') ?? 0) > 100);
    assert.ok((total('referrals.closed-loop-rate') ?? 0) > 0.5);
    const listed = await h.call('GET', '/v1/dispatches?limit=5', { token: await h.token('dispatcher') });
    assert.equal(listed.status, 200, 'the harness agency lists none of the demo program');
    assert.deepEqual((listed.body as { items: unknown[] }).items, []);
  });
});
