import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { EmbedPrincipal } from '../src/domain/auth.js';
import { createOverride, createRotation } from '../src/domain/schedule.js';
import { insertAgency, insertSpecialist } from '../src/domain/store.js';
import { openDatabase } from '../src/infra/db/database.js';
import { migrate } from '../src/infra/db/migrate.js';
import { run } from './cli-run.js';
import { testPeer } from './fixtures.js';

const DAY = 86_400_000;

describe('peerlink-server schedule show', () => {
  it('prints the schedule in the agency’s time zone with names, GAP and conflicts; refuses bad arguments', async (t) => {
    const data = mkdtempSync(join(tmpdir(), 'peerlink-schedule-'));
    t.after(() => {
      rmSync(data, { recursive: true, force: true });
    });
    const agencyId = randomUUID();
    const [ana, ben] = [randomUUID(), randomUUID()];
    const db = await openDatabase({ dataDir: data });
    try {
      await migrate(db);
      await insertAgency(db, {
        id: agencyId,
        name: 'Harbor Peer Response (test)',
        kind: 'peer-program',
        programId: null,
        timeZone: 'America/New_York',
        allowedOrigins: [],
      });
      for (const [id, displayName] of [
        [ana, 'Ana P.'],
        [ben, 'Ben O.'],
      ] as const) {
        await insertSpecialist(db, testPeer({ id, agencyId, displayName }));
      }
      const supervisor: EmbedPrincipal = {
        kind: 'embed',
        role: 'supervisor',
        agencyId,
        subjectId: ana,
        scope: null,
        tokenId: 'cli-test',
        hostId: null,
      };
      const now = new Date();
      const startsOn = new Date(now.getTime() - 10 * DAY).toISOString().slice(0, 10);
      const rotation = { area: 'county', turnDays: 1, handoffTime: '07:00', startsOn };
      await createRotation(db, supervisor, { ...rotation, position: 'primary', members: [ana, ben] }, now);
      await createRotation(db, supervisor, { ...rotation, position: 'backup', members: [ana] }, now);
      await createOverride(
        db,
        supervisor,
        {
          area: 'county',
          position: 'supervisor',
          specialistId: ben,
          startsAt: new Date(now.getTime() + DAY).toISOString(),
          endsAt: new Date(now.getTime() + 2 * DAY).toISOString(),
        },
        now,
      );
    } finally {
      await db.close();
    }

    const shown = run(['schedule', 'show', '--agency', agencyId, '--days', '3', '--data', data]);
    assert.equal(shown.code, 0, shown.stderr);
    const out = shown.stdout;
    assert.match(out, /America\/New_York/);
    assert.match(out, /Area county/);
    assert.match(out, /when\s+primary\s+backup\s+supervisor/);
    // Handoffs at 07:00 local, the zone named on each time.
    assert.match(out, /07:00 E[SD]T/);
    assert.match(out, /Ana P\./);
    assert.match(out, /Ben O\./);
    // Nobody is supervisor outside the override: a gap.
    assert.match(out, /GAP/);
    assert.match(out, /\d+ gaps?: GAP above/);
    // Ana is primary and backup on her days.
    assert.match(out, /CONFLICT Ana P\.: .* county primary, county backup/);

    for (const args of [
      ['schedule', 'show'],
      ['schedule', 'list', '--agency', agencyId],
      ['schedule', 'show', '--agency', agencyId, '--days', '0', '--data', data],
      ['schedule', 'show', '--agency', agencyId, '--area', 'Not An Area', '--data', data],
      ['schedule', 'show', '--agency', randomUUID(), '--data', data],
    ]) {
      const wrong = run(args);
      assert.equal(wrong.code, 2, `${args.join(' ')}: ${wrong.stderr}`);
      assert.equal(wrong.stderr.trim().split('\n').length, 1, wrong.stderr);
      assert.match(wrong.stderr, /^peerlink-server: /);
    }
    assert.match(run(['schedule', '--help']).stdout, /schedule show --agency ID/);
  });
});
