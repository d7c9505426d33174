import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Dispatch } from '@peerlink/sdk';
import { startServer } from '../src/index.js';
import type { StartOptions } from '../src/index.js';
import { createApiKey } from '../src/domain/auth.js';
import { insertAgency, insertShift, insertSpecialist } from '../src/domain/store.js';
import { dispatcherToken, freshDatabase, ids, incident, storages } from './harness.js';

const restartAgency: Parameters<typeof insertAgency>[1] = {
  id: ids.agency,
  name: 'Restart test',
  kind: 'peer-program',
  programId: null,
  timeZone: 'America/Chicago',
  allowedOrigins: [],
};

for (const storage of await storages()) {
  describe(`restart on ${storage}`, () => {
    it('keeps acknowledgement timers across a restart: a due call-out escalates on the new instance', async (t) => {
      let storageOptions: StartOptions;
      if (storage === 'postgres') {
        const database = await freshDatabase();
        t.after(() => database.drop());
        storageOptions = { databaseUrl: database.url };
      } else {
        const dir = mkdtempSync(join(tmpdir(), 'peerlink-restart-'));
        t.after(() => {
          rmSync(dir, { recursive: true, force: true });
        });
        storageOptions = { dataDir: dir };
      }
      let now = Date.now();
      const options: StartOptions = {
        ...storageOptions,
        background: false,
        clock: () => new Date(now),
        config: { ackTimeoutMs: 60_000 },
      };

      const first = await startServer(options);
      await insertAgency(first.db, restartAgency);
      const startsAt = new Date(now - 3600_000).toISOString();
      const endsAt = new Date(now + 86_400_000).toISOString();
      for (const [id, position] of [
        [ids.primary, 'primary'],
        [ids.backup, 'backup'],
      ] as const) {
        await insertSpecialist(first.db, {
          id,
          agencyId: ids.agency,
          displayName: position,
          roles: ['crisis-interventionist'],
          languages: ['en'],
          supervisorId: null,
          active: true,
        });
        await insertShift(first.db, {
          id: crypto.randomUUID(),
          agencyId: ids.agency,
          area: 'county',
          position,
          specialistId: id,
          startsAt,
          endsAt,
        });
      }
      const { key } = await createApiKey(first.db, ids.agency);
      const token = (url: string) => dispatcherToken(url, key);
      const created = await fetch(`${first.url}/v1/dispatches`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${await token(first.url)}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(incident()),
      });
      const dispatch = (await created.json()) as Dispatch;
      assert.equal(dispatch.specialistId, ids.primary);
      await first.close();

      now += 120_000; // the acknowledgement time passes while no instance runs
      const second = await startServer(options);
      t.after(() => second.close());
      await second.tick();
      const read = await fetch(`${second.url}/v1/dispatches/${dispatch.id}`, {
        headers: { Authorization: `Bearer ${await token(second.url)}` },
      });
      const after = (await read.json()) as Dispatch;
      assert.equal(after.specialistId, ids.backup);
      assert.deepEqual(
        after.timeline.map((e) => e.status),
        ['requested', 'notified', 'escalated', 'notified'],
      );
    });
  });
}

describe('restart on pglite', () => {
  it('ends the imports a stopped process left unfinished: failed as interrupted, their staged rows gone', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'peerlink-restart-'));
    t.after(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    const first = await startServer({ dataDir: dir, background: false });
    await insertAgency(first.db, restartAgency);
    await insertSpecialist(first.db, {
      id: ids.supervisor,
      agencyId: ids.agency,
      displayName: 'Supervisor',
      roles: ['crisis-interventionist'],
      languages: ['en'],
      supervisorId: null,
      active: true,
    });
    const { key } = await createApiKey(first.db, ids.agency);
    // The state a process killed while writing an import leaves: its job `writing`, rows staged.
    const id = crypto.randomUUID();
    await first.db.query(
      `insert into directory_imports (id, agency_id, status, dry_run, processed, created_at)
       values ($1, $2, 'writing', false, 1, now())`,
      [id, ids.agency],
    );
    await first.db.query(
      `insert into directory_import_rows (import_id, batch, id, hsds_id, hsds_hash, doc) values ($1, 0, $2, 'svc-1', 'h', '{}')`,
      [id, crypto.randomUUID()],
    );
    await first.close();

    const second = await startServer({ dataDir: dir, background: false });
    t.after(() => second.close());
    const session = await fetch(`${second.url}/v1/embed-sessions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ role: 'supervisor', subjectId: ids.supervisor }),
    });
    const { token } = (await session.json()) as { token: string };
    const response = await fetch(`${second.url}/v1/directory/imports/${id}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const job = (await response.json()) as { status: string; failure: { code: string }[] | null };
    assert.equal(response.status, 200, JSON.stringify(job));
    assert.equal(job.status, 'failed');
    assert.deepEqual(
      job.failure?.map((error) => error.code),
      ['interrupted'],
    );
    const staged = await second.db.query('select 1 from directory_import_rows where import_id = $1', [id]);
    assert.equal(staged.length, 0, 'no staged row is left');
  });
});
