import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import type { ResolveScheduleInput } from '@peerlink/sdk';
import { OverrideInput, ResolvedSchedule, RotationInput, onCallAt, resolveSchedule } from '@peerlink/sdk';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [ana, ben, cal, dee] = [id(1), id(2), id(3), id(4)];
const zone = 'America/Chicago';

type RotationSpec = ResolveScheduleInput['rotations'][number];
const rotation = (overrides: Partial<RotationSpec>): RotationSpec => ({
  id: id(100),
  area: 'county',
  position: 'primary',
  members: [ana, ben],
  turnDays: 1,
  handoffTime: '08:00',
  startsOn: '2026-03-01',
  ...overrides,
});
type OverrideSpec = ResolveScheduleInput['overrides'][number];
/** An override in the county; `n` numbers its id. */
const countyOverride = (
  n: number,
  position: OverrideSpec['position'],
  specialistId: string,
  [startsAt, endsAt]: [string, string],
): OverrideSpec => ({ id: id(n), area: 'county', position, specialistId, startsAt, endsAt });
const staffed = (extra: Partial<ResolveScheduleInput> = {}): ResolveScheduleInput => ({
  timeZone: zone,
  from: '2026-03-02T14:00:00Z',
  to: '2026-03-05T14:00:00Z',
  rotations: [
    rotation({}),
    rotation({ id: id(101), position: 'backup', members: [cal] }),
    rotation({ id: id(102), position: 'supervisor', members: [dee], turnDays: 7 }),
  ],
  overrides: [],
  ...extra,
});
const who = (schedule: ResolvedSchedule, position: 'primary' | 'backup' | 'supervisor') =>
  schedule.segments.filter((s) => s.position === position).map((s) => [s.specialistId, s.startsAt, s.endsAt]);
/** The primary turns resolved from `from` to `to`, with these rotations (the staffed ones by default). */
const primaryTurns = (from: string, to: string, rotations = staffed().rotations) =>
  who(resolveSchedule(staffed({ from, to, rotations })), 'primary');
/** Turns without who takes them: [start, end]. */
const turnSpans = (turns: ReturnType<typeof who>) => turns.map(([, start, end]) => [start, end]);

describe('resolveSchedule', () => {
  it('takes turns at the handoff time on the agency’s wall clock, in the contract’s shape', () => {
    const schedule = resolveSchedule(staffed());
    assert.equal(z.safeParse(ResolvedSchedule, schedule).success, true);
    // 08:00 in Chicago is 14:00Z in winter (CST, UTC−6).
    assert.deepEqual(who(schedule, 'primary'), [
      [ben, '2026-03-02T14:00:00.000Z', '2026-03-03T14:00:00.000Z'],
      [ana, '2026-03-03T14:00:00.000Z', '2026-03-04T14:00:00.000Z'],
      [ben, '2026-03-04T14:00:00.000Z', '2026-03-05T14:00:00.000Z'],
    ]);
    assert.deepEqual(who(schedule, 'backup'), [[cal, '2026-03-02T14:00:00.000Z', '2026-03-05T14:00:00.000Z']]);
    assert.deepEqual(schedule.gaps, []);
    assert.deepEqual(schedule.conflicts, []);
  });

  it('keeps the handoff at 08:00 local across the spring-forward and fall-back changes', () => {
    // 2026-03-08 is the change: 08:00 CST on the 7th is 14:00Z, 08:00 CDT on the 8th is 13:00Z.
    assert.deepEqual(turnSpans(primaryTurns('2026-03-07T14:00:00Z', '2026-03-09T13:00:00Z')), [
      ['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z'],
      ['2026-03-08T13:00:00.000Z', '2026-03-09T13:00:00.000Z'],
    ]);
    const fall = primaryTurns('2026-10-31T13:00:00Z', '2026-11-02T14:00:00Z', [rotation({ startsOn: '2026-10-01' })]);
    assert.deepEqual(turnSpans(fall), [
      ['2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z'],
      ['2026-11-01T14:00:00.000Z', '2026-11-02T14:00:00.000Z'],
    ]);
  });

  it('reads a handoff inside the skipped hour as after the change, and a repeated hour as its first time', () => {
    const skipped = primaryTurns('2026-03-08T00:00:00Z', '2026-03-09T12:00:00Z', [rotation({ handoffTime: '02:30' })]);
    // 02:30 does not exist on 2026-03-08 in Chicago: the handoff happens at 03:30 CDT (08:30Z).
    assert.ok(
      skipped.some(([, start]) => start === '2026-03-08T08:30:00.000Z'),
      JSON.stringify(skipped),
    );
    const repeated = primaryTurns('2026-11-01T00:00:00Z', '2026-11-02T12:00:00Z', [rotation({ handoffTime: '01:30' })]);
    // 01:30 happens twice on 2026-11-01: first at CDT (06:30Z).
    assert.ok(
      repeated.some(([, start]) => start === '2026-11-01T06:30:00.000Z'),
      JSON.stringify(repeated),
    );
  });

  it('lets an override cover part of a turn, and a later override beat an earlier one', () => {
    const schedule = resolveSchedule(
      staffed({
        overrides: [
          countyOverride(200, 'primary', dee, ['2026-03-03T18:00:00Z', '2026-03-03T22:00:00Z']),
          countyOverride(201, 'primary', cal, ['2026-03-03T20:00:00Z', '2026-03-03T21:00:00Z']),
        ],
      }),
    );
    assert.deepEqual(who(schedule, 'primary').slice(0, 6), [
      [ben, '2026-03-02T14:00:00.000Z', '2026-03-03T14:00:00.000Z'],
      [ana, '2026-03-03T14:00:00.000Z', '2026-03-03T18:00:00.000Z'],
      [dee, '2026-03-03T18:00:00.000Z', '2026-03-03T20:00:00.000Z'],
      [cal, '2026-03-03T20:00:00.000Z', '2026-03-03T21:00:00.000Z'],
      [dee, '2026-03-03T21:00:00.000Z', '2026-03-03T22:00:00.000Z'],
      [ana, '2026-03-03T22:00:00.000Z', '2026-03-04T14:00:00.000Z'],
    ]);
    const override = schedule.segments.find((s) => s.specialistId === dee && s.position === 'primary');
    assert.deepEqual(override && [override.source, override.sourceId], ['override', id(200)]);
  });

  it('lists the gaps, including positions no rotation covers in a staffed area', () => {
    const schedule = resolveSchedule({
      timeZone: zone,
      from: '2026-03-02T14:00:00Z',
      to: '2026-03-04T14:00:00Z',
      rotations: [rotation({ endsOn: '2026-03-03' })],
      overrides: [],
      areas: ['county', 'north'],
    });
    assert.deepEqual(
      schedule.gaps.map((g) => [g.area, g.position, g.startsAt, g.endsAt]),
      [
        ['county', 'primary', '2026-03-03T14:00:00.000Z', '2026-03-04T14:00:00.000Z'],
        ['county', 'backup', '2026-03-02T14:00:00.000Z', '2026-03-04T14:00:00.000Z'],
        ['county', 'supervisor', '2026-03-02T14:00:00.000Z', '2026-03-04T14:00:00.000Z'],
        ['north', 'primary', '2026-03-02T14:00:00.000Z', '2026-03-04T14:00:00.000Z'],
        ['north', 'backup', '2026-03-02T14:00:00.000Z', '2026-03-04T14:00:00.000Z'],
        ['north', 'supervisor', '2026-03-02T14:00:00.000Z', '2026-03-04T14:00:00.000Z'],
      ],
    );
  });

  it('flags one person in two places at once, for exactly that stretch', () => {
    const schedule = resolveSchedule(
      staffed({
        overrides: [countyOverride(202, 'backup', ana, ['2026-03-03T10:00:00Z', '2026-03-03T16:00:00Z'])],
      }),
    );
    assert.deepEqual(schedule.conflicts, [
      {
        specialistId: ana,
        startsAt: '2026-03-03T14:00:00.000Z',
        endsAt: '2026-03-03T16:00:00.000Z',
        slots: [
          { area: 'county', position: 'primary' },
          { area: 'county', position: 'backup' },
        ],
      },
    ]);
  });

  it('lets a higher layer take over from the base rotation where they overlap', () => {
    const schedule = resolveSchedule(
      staffed({
        rotations: [
          rotation({}),
          rotation({ id: id(103), members: [dee], layer: 1, startsOn: '2026-03-03', endsOn: '2026-03-04' }),
        ],
      }),
    );
    assert.deepEqual(who(schedule, 'primary'), [
      [ben, '2026-03-02T14:00:00.000Z', '2026-03-03T14:00:00.000Z'],
      [dee, '2026-03-03T14:00:00.000Z', '2026-03-04T14:00:00.000Z'],
      [ben, '2026-03-04T14:00:00.000Z', '2026-03-05T14:00:00.000Z'],
    ]);
  });

  it('answers who is on call at a moment', () => {
    const schedule = resolveSchedule(staffed());
    assert.deepEqual(onCallAt(schedule, 'county', '2026-03-03T15:00:00Z'), {
      primary: ana,
      backup: cal,
      supervisor: dee,
    });
    assert.deepEqual(onCallAt(schedule, 'north', '2026-03-03T15:00:00Z'), {
      primary: null,
      backup: null,
      supervisor: null,
    });
  });

  it('refuses a range that ends before it starts', () => {
    assert.throws(
      () => resolveSchedule(staffed({ from: '2026-03-05T00:00:00Z', to: '2026-03-04T00:00:00Z' })),
      RangeError,
    );
  });
});

describe('schedule contract', () => {
  it('refuses an empty rotation, a turn of 0 or 29 days, a bad handoff time and an end before the start', () => {
    const good = {
      area: 'county',
      position: 'primary',
      members: [ana],
      turnDays: 7,
      handoffTime: '08:00',
      startsOn: '2026-03-02',
    };
    assert.equal(z.safeParse(RotationInput, good).success, true);
    for (const bad of [
      { members: [] },
      { turnDays: 0 },
      { turnDays: 29 },
      { handoffTime: '24:00' },
      { endsOn: '2026-03-01' },
      { extra: true },
    ]) {
      assert.equal(z.safeParse(RotationInput, { ...good, ...bad }).success, false, JSON.stringify(bad));
    }
    const override = {
      area: 'county',
      position: 'backup',
      specialistId: ben,
      startsAt: '2026-03-03T10:00:00Z',
      endsAt: '2026-03-03T16:00:00Z',
    };
    assert.equal(z.safeParse(OverrideInput, override).success, true);
    assert.equal(z.safeParse(OverrideInput, { ...override, endsAt: override.startsAt }).success, false);
  });
});
