import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Override, ResolvedSchedule, Rotation } from '@peerlink/sdk';
import { PeerConflictError, createClientCore, scheduleApi } from '@peerlink/sdk';
import { insertSpecialist } from '../src/domain/store.js';
import type { Harness } from './harness.js';
import { harnessFor, ids, incident, rotationBody, storages } from './harness.js';

const DAY = 86_400_000;
const localDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

async function tokens(h: Harness) {
  return {
    supervisor: await h.token('supervisor', { subjectId: ids.supervisor }),
    specialist: await h.token('specialist', { subjectId: ids.primary }),
    outsider: await h.token('specialist', { subjectId: ids.outsider }),
    dispatcher: await h.token('dispatcher'),
    otherSupervisor: await h.token('supervisor', { subjectId: ids.other, agency: 'other' }),
  };
}

async function create<T>(h: Harness, token: string, path: string, body: unknown): Promise<T> {
  const result = await h.call('POST', path, { token, body });
  assert.equal(result.status, 201, JSON.stringify(result.body));
  return result.body as T;
}

async function schedule(h: Harness, token: string, from: string, to: string, area = 'county') {
  const result = await h.call('GET', `/v1/schedule?from=${from}&to=${to}&area=${area}`, { token });
  assert.equal(result.status, 200, JSON.stringify(result.body));
  return result.body as ResolvedSchedule;
}

const turns = (resolved: ResolvedSchedule, position = 'primary') =>
  resolved.segments.filter((s) => s.position === position).map((s) => [s.specialistId, s.startsAt, s.endsAt]);

/** Moves the test agency to another time zone and gives it a second area, through its settings. */
async function setZone(h: Harness, timeZone: string) {
  const changed = await h.call('PATCH', '/v1/agency', {
    token: h.apiKey,
    body: { timeZone, areas: ['county', 'east'] },
  });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
}

for (const storage of await storages()) {
  describe(`on-call schedule on ${storage}`, () => {
    it('takes daily and weekly turns at the handoff time in the agency’s zone', async (t) => {
      const h = await harnessFor(t, storage);
      const tk = await tokens(h);
      await create(h, tk.supervisor, '/v1/schedule/rotations', rotationBody());
      await create(
        h,
        tk.supervisor,
        '/v1/schedule/rotations',
        rotationBody({ position: 'backup', members: [ids.outsider, ids.backup], turnDays: 7, handoffTime: '09:00' }),
      );
      const resolved = await schedule(h, tk.dispatcher, '2026-03-02T14:00:00Z', '2026-03-05T14:00:00Z');
      assert.equal(resolved.timeZone, 'America/Chicago');
      // 08:00 in Chicago is 14:00Z in winter.
      assert.deepEqual(turns(resolved), [
        [ids.backup, '2026-03-02T14:00:00.000Z', '2026-03-03T14:00:00.000Z'],
        [ids.primary, '2026-03-03T14:00:00.000Z', '2026-03-04T14:00:00.000Z'],
        [ids.backup, '2026-03-04T14:00:00.000Z', '2026-03-05T14:00:00.000Z'],
      ]);
      // Weekly from Sunday 2026-03-01 09:00 CST (15:00Z): the first member holds the whole range.
      assert.deepEqual(turns(resolved, 'backup'), [
        [ids.outsider, '2026-03-02T14:00:00.000Z', '2026-03-05T14:00:00.000Z'],
      ]);
      const week = await schedule(h, tk.specialist, '2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z');
      assert.deepEqual(
        turns(week, 'backup').map(([who, start]) => [who, start]),
        [
          [ids.outsider, '2026-03-08T00:00:00.000Z'],
          // 09:00 CDT on 2026-03-08 (the spring-forward day) is 14:00Z.
          [ids.backup, '2026-03-08T14:00:00.000Z'],
        ],
      );
    });

    it('lets an override beat the rotation until it is cancelled, and lists gaps and conflicts', async (t) => {
      const h = await harnessFor(t, storage);
      const tk = await tokens(h);
      await create(h, tk.supervisor, '/v1/schedule/rotations', rotationBody({ endsOn: '2026-03-04' }));
      await create(
        h,
        tk.supervisor,
        '/v1/schedule/rotations',
        rotationBody({ position: 'backup', members: [ids.outsider] }),
      );
      const override = await create<Override>(h, tk.supervisor, '/v1/schedule/overrides', {
        area: 'county',
        position: 'primary',
        specialistId: ids.outsider,
        startsAt: '2026-03-03T18:00:00Z',
        endsAt: '2026-03-03T22:00:00Z',
        reason: 'swap',
      });
      const from = '2026-03-03T14:00:00Z';
      const to = '2026-03-05T14:00:00Z';
      const resolved = await schedule(h, tk.supervisor, from, to);
      assert.deepEqual(turns(resolved), [
        [ids.primary, '2026-03-03T14:00:00.000Z', '2026-03-03T18:00:00.000Z'],
        [ids.outsider, '2026-03-03T18:00:00.000Z', '2026-03-03T22:00:00.000Z'],
        [ids.primary, '2026-03-03T22:00:00.000Z', '2026-03-04T14:00:00.000Z'],
      ]);
      assert.equal(resolved.segments.find((s) => s.source === 'override')?.sourceId, override.id);
      // The rotation ended on 2026-03-04 at 08:00 local: primary is a gap from then; nobody is supervisor.
      assert.deepEqual(
        resolved.gaps.map((g) => [g.position, g.startsAt, g.endsAt]),
        [
          ['primary', '2026-03-04T14:00:00.000Z', '2026-03-05T14:00:00.000Z'],
          ['supervisor', '2026-03-03T14:00:00.000Z', '2026-03-05T14:00:00.000Z'],
        ],
      );
      // The outsider is backup all along and primary during the override: a conflict.
      assert.deepEqual(
        resolved.conflicts.map((c) => [c.specialistId, c.startsAt, c.endsAt, c.slots.map((s) => s.position)]),
        [[ids.outsider, '2026-03-03T18:00:00.000Z', '2026-03-03T22:00:00.000Z', ['primary', 'backup']]],
      );
      const listed = await h.call('GET', `/v1/schedule/overrides?from=${from}&to=${to}`, { token: tk.dispatcher });
      assert.deepEqual(
        (listed.body as { items: Override[] }).items.map((o) => o.id),
        [override.id],
      );

      const cancelled = await h.call('POST', `/v1/schedule/overrides/${override.id}/cancel`, { token: tk.supervisor });
      assert.equal(cancelled.status, 200);
      assert.ok((cancelled.body as Override).cancelledAt);
      const after = await schedule(h, tk.supervisor, from, to);
      assert.deepEqual(
        turns(after).map(([who]) => who),
        [ids.primary],
      );
      assert.deepEqual(after.conflicts, []);
      const remaining = await h.call('GET', `/v1/schedule/overrides?from=${from}&to=${to}`, { token: tk.supervisor });
      assert.deepEqual((remaining.body as { items: Override[] }).items, []);
    });

    it('hands off at 02:30 and 07:00 New York time across the spring-forward and fall-back changes', async (t) => {
      const h = await harnessFor(t, storage);
      const tk = await tokens(h);
      await setZone(h, 'America/New_York');
      const night = await create<Rotation>(
        h,
        tk.supervisor,
        '/v1/schedule/rotations',
        rotationBody({ area: 'east', handoffTime: '02:30', startsOn: '2026-01-01' }),
      );
      await create(
        h,
        tk.supervisor,
        '/v1/schedule/rotations',
        rotationBody({
          area: 'east',
          position: 'backup',
          members: [ids.outsider, ids.supervisor],
          handoffTime: '07:00',
          startsOn: '2026-01-01',
        }),
      );
      const starts = (resolved: ResolvedSchedule, position: string) =>
        resolved.segments.filter((s) => s.position === position).map((s) => s.startsAt);
      // Spring forward: 2026-03-08 02:00 EST becomes 03:00 EDT; 02:30 does not exist that day.
      const spring = await schedule(h, tk.dispatcher, '2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z', 'east');
      assert.equal(spring.timeZone, 'America/New_York');
      assert.deepEqual(starts(spring, 'primary'), [
        '2026-03-07T00:00:00.000Z',
        '2026-03-07T07:30:00.000Z', // 02:30 EST
        '2026-03-08T07:30:00.000Z', // 02:30 skipped: 03:30 EDT
        '2026-03-09T06:30:00.000Z', // 02:30 EDT
      ]);
      assert.deepEqual(starts(spring, 'backup'), [
        '2026-03-07T00:00:00.000Z',
        '2026-03-07T12:00:00.000Z', // 07:00 EST
        '2026-03-08T11:00:00.000Z', // 07:00 EDT
        '2026-03-09T11:00:00.000Z',
      ]);
      // Fall back: 2026-11-01 02:00 EDT becomes 01:00 EST; that night's turn lasts 25 hours.
      const fall = await schedule(h, tk.dispatcher, '2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z', 'east');
      assert.deepEqual(starts(fall, 'primary'), [
        '2026-10-31T00:00:00.000Z',
        '2026-10-31T06:30:00.000Z', // 02:30 EDT
        '2026-11-01T07:30:00.000Z', // 02:30 EST
        '2026-11-02T07:30:00.000Z',
      ]);
      assert.deepEqual(starts(fall, 'backup'), [
        '2026-10-31T00:00:00.000Z',
        '2026-10-31T11:00:00.000Z', // 07:00 EDT
        '2026-11-01T12:00:00.000Z', // 07:00 EST
        '2026-11-02T12:00:00.000Z',
      ]);
      // Who a call-out would reach follows the same handoffs: just before and after 07:00 EST on 2026-11-01.
      const before = await h.call('GET', '/v1/specialists/on-call?area=east&at=2026-11-01T11:59:00Z', {
        token: tk.dispatcher,
      });
      const afterHandoff = await h.call('GET', '/v1/specialists/on-call?area=east&at=2026-11-01T12:00:00Z', {
        token: tk.dispatcher,
      });
      const backupOf = (result: { body: unknown }) => (result.body as { backup: { id: string } | null }).backup?.id;
      assert.notEqual(backupOf(before), backupOf(afterHandoff));
      assert.deepEqual(
        [backupOf(before), backupOf(afterHandoff)],
        [
          fall.segments.find((s) => s.position === 'backup' && s.startsAt === '2026-10-31T11:00:00.000Z')?.specialistId,
          fall.segments.find((s) => s.position === 'backup' && s.startsAt === '2026-11-01T12:00:00.000Z')?.specialistId,
        ],
      );
      const primaryAt = await h.call('GET', '/v1/specialists/on-call?area=east&at=2026-03-08T07:29:00Z', {
        token: tk.dispatcher,
      });
      assert.equal(
        (primaryAt.body as { primary: { id: string } | null }).primary?.id,
        spring.segments.find((s) => s.sourceId === night.id && s.startsAt === '2026-03-07T07:30:00.000Z')?.specialistId,
      );
    });

    it('notifies whoever the rotation says, over the single shifts, and skips a deactivated peer', async (t) => {
      const h = await harnessFor(t, storage);
      const tk = await tokens(h);
      // The harness's shifts make ids.primary primary now; a rotation of the outsider beats them.
      await create(
        h,
        tk.supervisor,
        '/v1/schedule/rotations',
        rotationBody({ members: [ids.outsider], startsOn: localDay(-3) }),
      );
      const onCall = await h.call('GET', '/v1/specialists/on-call', { token: tk.dispatcher });
      assert.equal((onCall.body as { primary: { id: string } }).primary.id, ids.outsider);
      const dispatch = await h.call('POST', '/v1/dispatches', { token: tk.dispatcher, body: incident() });
      assert.equal(dispatch.status, 201, JSON.stringify(dispatch.body));
      assert.equal((dispatch.body as { specialistId: string }).specialistId, ids.outsider);
      // An override puts the backup on as primary right now.
      await create(h, tk.supervisor, '/v1/schedule/overrides', {
        area: 'county',
        position: 'primary',
        specialistId: ids.backup,
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      const second = await h.call('POST', '/v1/dispatches', { token: tk.dispatcher, body: incident() });
      assert.equal((second.body as { specialistId: string }).specialistId, ids.backup);
      // The backup is deactivated: the rotation answers again.
      await h.server.db.query(
        `update specialists set active = false, doc = jsonb_set(doc, '{active}', 'false') where id = $1`,
        [ids.backup],
      );
      const third = await h.call('POST', '/v1/dispatches', { token: tk.dispatcher, body: incident() });
      assert.equal((third.body as { specialistId: string }).specialistId, ids.outsider);
      // With no rotation or override, the single shifts still answer (the lowest layer).
      const plain = await h.call('GET', '/v1/specialists/on-call?area=county', { token: tk.dispatcher });
      assert.equal((plain.body as { supervisor: { id: string } }).supervisor.id, ids.supervisor);
    });

    it('versions rotation changes, refuses a stale version with 409, ends rotations and audits field names', async (t) => {
      const h = await harnessFor(t, storage);
      const tk = await tokens(h);
      const rotation = await create<Rotation>(h, tk.supervisor, '/v1/schedule/rotations', rotationBody());
      assert.equal(rotation.version, 1);
      const changed = await h.call('PATCH', `/v1/schedule/rotations/${rotation.id}`, {
        token: tk.supervisor,
        body: { version: 1, handoffTime: '07:00', members: [ids.backup, ids.primary] },
      });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal((changed.body as Rotation).version, 2);
      assert.equal((changed.body as Rotation).handoffTime, '07:00');
      const stale = await h.call('PATCH', `/v1/schedule/rotations/${rotation.id}`, {
        token: tk.supervisor,
        body: { version: 1, turnDays: 7 },
      });
      assert.equal(stale.status, 409);
      assert.match(stale.headers.get('content-type') ?? '', /problem\+json/);
      const ended = await h.call('POST', `/v1/schedule/rotations/${rotation.id}/end`, {
        token: tk.supervisor,
        body: { version: 2, endsOn: '2026-03-10' },
      });
      assert.equal(ended.status, 200, JSON.stringify(ended.body));
      assert.equal((ended.body as Rotation).version, 3);
      const badEnd = await h.call('POST', `/v1/schedule/rotations/${rotation.id}/end`, {
        token: tk.supervisor,
        body: { version: 3, endsOn: '2026-02-01' },
      });
      assert.equal(badEnd.status, 400);
      assert.equal((badEnd.body as { errors: { path: string }[] }).errors[0]?.path, 'endsOn');
      // Ended before today: listed only when asked for.
      const current = await h.call('GET', '/v1/schedule/rotations', { token: tk.specialist });
      assert.deepEqual((current.body as { items: unknown[] }).items, []);
      const all = await h.call('GET', '/v1/schedule/rotations?includeEnded=true', { token: tk.specialist });
      assert.deepEqual(
        (all.body as { items: Rotation[] }).items.map((r) => [r.id, r.version, r.endsOn]),
        [[rotation.id, 3, '2026-03-10']],
      );
      const audit = await h.call('GET', '/v1/audit?recordType=rotation', { token: tk.supervisor });
      const events = (audit.body as { items: { action: string; recordId: string; fields?: string[] }[] }).items;
      const mine = events.filter((e) => e.recordId === rotation.id && e.action !== 'list' && e.action !== 'read');
      assert.deepEqual(mine.map((e) => [e.action, [...(e.fields ?? [])].sort()]).sort(), [
        ['create', ['area', 'handoffTime', 'members', 'position', 'startsOn', 'turnDays']],
        ['update', ['endsOn']],
        ['update', ['handoffTime', 'members']],
      ]);
    });

    it('refuses members who are not active peers of the agency, areas it does not list, and too long ranges', async (t) => {
      const h = await harnessFor(t, storage);
      const tk = await tokens(h);
      const gone = randomUUID();
      await insertSpecialist(h.server.db, {
        id: gone,
        agencyId: ids.agency,
        displayName: 'Former peer',
        roles: ['crisis-interventionist'],
        languages: ['en'],
        supervisorId: null,
        active: false,
      });
      const bad = await h.call('POST', '/v1/schedule/rotations', {
        token: tk.supervisor,
        body: rotationBody({ members: [ids.primary, ids.other, gone] }),
      });
      assert.equal(bad.status, 400);
      assert.deepEqual(
        (bad.body as { errors: { path: string }[] }).errors.map((e) => e.path),
        ['members.1', 'members.2'],
      );
      const badOverride = await h.call('POST', '/v1/schedule/overrides', {
        token: tk.supervisor,
        body: {
          area: 'county',
          position: 'backup',
          specialistId: gone,
          startsAt: '2026-03-03T18:00:00Z',
          endsAt: '2026-03-03T22:00:00Z',
        },
      });
      assert.equal(badOverride.status, 400);
      assert.equal((badOverride.body as { errors: { path: string }[] }).errors[0]?.path, 'specialistId');
      const elsewhere = { token: tk.supervisor };
      for (const [path, body] of [
        ['/v1/schedule/rotations', rotationBody({ area: 'lakeshore' })],
        [
          '/v1/schedule/overrides',
          {
            area: 'east',
            position: 'backup',
            specialistId: ids.primary,
            startsAt: '2026-03-03T18:00:00Z',
            endsAt: '2026-03-03T22:00:00Z',
          },
        ],
      ] as const) {
        const unknown = await h.call('POST', path, { ...elsewhere, body });
        assert.equal(unknown.status, 400, path);
        assert.deepEqual((unknown.body as { errors: { path: string; code: string }[] }).errors, [
          { path: 'area', message: 'Not an area of this agency (county)', code: 'unknown_area' },
        ]);
      }
      const long = await h.call('GET', '/v1/schedule?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z', {
        token: tk.dispatcher,
      });
      assert.equal(long.status, 400);
      assert.equal((long.body as { errors: { path: string }[] }).errors[0]?.path, 'to');
      const backwards = await h.call(
        'GET',
        '/v1/schedule/overrides?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z',
        {
          token: tk.dispatcher,
        },
      );
      assert.equal(backwards.status, 400);
      const rows = await h.server.db.query('select 1 from rotations union all select 1 from schedule_overrides');
      assert.equal(rows.length, 0, 'nothing half-written');
    });

    it('lets peers read the schedule and their own shifts but not edit it; another agency’s records are 404', async (t) => {
      const h = await harnessFor(t, storage);
      const tk = await tokens(h);
      const rotation = await create<Rotation>(
        h,
        tk.supervisor,
        '/v1/schedule/rotations',
        rotationBody({ members: [ids.outsider, ids.backup], startsOn: localDay(-1) }),
      );
      const override = await create<Override>(h, tk.supervisor, '/v1/schedule/overrides', {
        area: 'county',
        position: 'backup',
        specialistId: ids.primary,
        startsAt: new Date(Date.now() + DAY).toISOString(),
        endsAt: new Date(Date.now() + 2 * DAY).toISOString(),
      });
      for (const token of [tk.specialist, tk.dispatcher]) {
        const refused = await h.call('POST', '/v1/schedule/rotations', { token, body: rotationBody() });
        assert.equal(refused.status, 403);
      }
      const mine = await h.call('GET', '/v1/schedule/mine?days=7', { token: tk.outsider });
      assert.equal(mine.status, 200, JSON.stringify(mine.body));
      const shifts = mine.body as { specialistId: string; shifts: { specialistId: string; source: string }[] };
      assert.equal(shifts.specialistId, ids.outsider);
      assert.ok(shifts.shifts.length >= 3, JSON.stringify(shifts));
      assert.ok(shifts.shifts.every((s) => s.specialistId === ids.outsider && s.source === 'rotation'));
      const primaryOwn = await h.call('GET', '/v1/schedule/mine', { token: tk.specialist });
      const own = (primaryOwn.body as { shifts: { source: string }[] }).shifts.map((s) => s.source);
      assert.deepEqual([...new Set(own)], ['override'], 'the rotation took the primary shift; the override remains');
      // The supervisor's single shift of the harness is the lowest layer, still theirs.
      const supervisorOwn = await h.call('GET', '/v1/schedule/mine?days=1', { token: tk.supervisor });
      const theirShifts = (supervisorOwn.body as { shifts: { source: string; position: string }[] }).shifts;
      assert.deepEqual(
        theirShifts.map((s) => [s.source, s.position]),
        [['shift', 'supervisor']],
      );

      const other = tk.otherSupervisor;
      assert.equal(
        (
          await h.call('PATCH', `/v1/schedule/rotations/${rotation.id}`, {
            token: other,
            body: { version: 1, turnDays: 2 },
          })
        ).status,
        404,
      );
      assert.equal(
        (
          await h.call('POST', `/v1/schedule/rotations/${rotation.id}/end`, {
            token: other,
            body: { version: 1, endsOn: '2030-01-01' },
          })
        ).status,
        404,
      );
      assert.equal(
        (await h.call('POST', `/v1/schedule/overrides/${override.id}/cancel`, { token: other })).status,
        404,
      );
      const theirs = await h.call('GET', '/v1/schedule/rotations', { token: other });
      assert.deepEqual((theirs.body as { items: unknown[] }).items, []);
      const theirSchedule = await h.call(
        'GET',
        `/v1/schedule?from=${new Date().toISOString()}&to=${new Date(Date.now() + DAY).toISOString()}`,
        { token: other },
      );
      assert.ok(!JSON.stringify(theirSchedule.body).includes(ids.outsider));
      // Their own member lists refuse our peers.
      const crossed = await h.call('POST', '/v1/schedule/rotations', {
        token: other,
        body: rotationBody({ members: [ids.primary] }),
      });
      assert.equal(crossed.status, 400);
    });

    it('is typed and callable through the SDK namespace', async (t) => {
      const h = await harnessFor(t, storage);
      const tk = await tokens(h);
      const client = (token: string) =>
        scheduleApi(createClientCore({ baseUrl: h.server.url, getToken: () => token, offline: false }));
      const supervisor = client(tk.supervisor);
      const rotation = await supervisor.rotations.create({
        area: 'county',
        position: 'backup',
        members: [ids.outsider],
        turnDays: 7,
        handoffTime: '09:00',
        startsOn: localDay(-2),
      });
      const changed = await supervisor.rotations.update(rotation.id, { version: 1, name: 'Backup week' });
      assert.equal(changed.version, 2);
      await assert.rejects(
        supervisor.rotations.end(rotation.id, { version: 1, endsOn: '2030-01-01' }),
        PeerConflictError,
      );
      const override = await supervisor.overrides.create({
        area: 'county',
        position: 'backup',
        specialistId: ids.primary,
        startsAt: new Date(Date.now() + DAY).toISOString(),
        endsAt: new Date(Date.now() + 2 * DAY).toISOString(),
      });
      assert.equal((await supervisor.overrides.list()).items.length, 1);
      assert.ok((await supervisor.overrides.cancel(override.id)).cancelledAt);
      assert.equal((await supervisor.rotations.list()).items[0]?.name, 'Backup week');
      const resolved = await client(tk.dispatcher).resolve({
        from: new Date().toISOString(),
        to: new Date(Date.now() + DAY).toISOString(),
        area: 'county',
      });
      assert.ok(resolved.segments.some((s) => s.position === 'backup' && s.specialistId === ids.outsider));
      const mine = await client(tk.outsider).mine(3);
      assert.ok(mine.shifts.length > 0 && mine.shifts.every((s) => s.specialistId === ids.outsider));
    });
  });
}
