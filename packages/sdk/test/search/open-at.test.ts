import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Schedule } from '@peerlink/sdk';
import { createResourceIndex, isOpenAt, localTime } from '@peerlink/sdk';
import { names, resource } from './support.js';

// 2026 in America/Chicago: clocks spring forward on Sunday 8 March at 02:00 CST (to 03:00 CDT,
// UTC−5) and fall back on Sunday 1 November at 02:00 CDT (to 01:00 CST, UTC−6).
const chicago = (rules: Schedule['rules']): Schedule => ({ timeZone: 'America/Chicago', rules });
const at = (iso: string) => new Date(iso);

describe('opening hours across daylight saving time', () => {
  it('reads wall-clock time in the resource’s zone on both sides of a change', () => {
    assert.deepEqual(localTime(at('2026-03-08T07:59:00Z'), 'America/Chicago'), {
      weekday: 'SU',
      date: '2026-03-08',
      minutes: 60 + 59,
    });
    assert.deepEqual(localTime(at('2026-03-08T08:00:00Z'), 'America/Chicago'), {
      weekday: 'SU',
      date: '2026-03-08',
      minutes: 3 * 60,
    });
    // 01:30 happens twice on the day clocks fall back.
    assert.equal(localTime(at('2026-11-01T06:30:00Z'), 'America/Chicago').minutes, 90);
    assert.equal(localTime(at('2026-11-01T07:30:00Z'), 'America/Chicago').minutes, 90);
  });

  it('opens at 09:00 local before and after spring forward (15:00Z, then 14:00Z)', () => {
    const office = chicago([{ byDay: ['FR', 'MO'], opensAt: '09:00', closesAt: '17:00' }]);
    // Friday 6 March, CST.
    assert.equal(isOpenAt(office, at('2026-03-06T14:59:00Z')), false);
    assert.equal(isOpenAt(office, at('2026-03-06T15:00:00Z')), true);
    // Monday 9 March, CDT: the same wall-clock hour is an hour earlier in UTC.
    assert.equal(isOpenAt(office, at('2026-03-09T13:59:00Z')), false);
    assert.equal(isOpenAt(office, at('2026-03-09T14:00:00Z')), true);
    assert.equal(isOpenAt(office, at('2026-03-09T21:59:00Z')), true);
    assert.equal(isOpenAt(office, at('2026-03-09T22:00:00Z')), false);
  });

  it('runs overnight hours through the night clocks spring forward', () => {
    // Saturday 22:00 to Sunday 06:00, which lasts seven hours that night.
    const shelter = chicago([{ byDay: ['SA'], opensAt: '22:00', closesAt: '06:00' }]);
    assert.equal(isOpenAt(shelter, at('2026-03-08T03:59:00Z')), false, 'Saturday 21:59 CST');
    assert.equal(isOpenAt(shelter, at('2026-03-08T04:00:00Z')), true, 'Saturday 22:00 CST');
    assert.equal(isOpenAt(shelter, at('2026-03-08T07:59:00Z')), true, 'Sunday 01:59 CST');
    assert.equal(isOpenAt(shelter, at('2026-03-08T08:00:00Z')), true, 'Sunday 03:00 CDT');
    assert.equal(isOpenAt(shelter, at('2026-03-08T10:59:00Z')), true, 'Sunday 05:59 CDT');
    // A fixed UTC−6 offset would still say 05:00 here.
    assert.equal(isOpenAt(shelter, at('2026-03-08T11:00:00Z')), false, 'Sunday 06:00 CDT');
  });

  it('is open in both 01:30s the night clocks fall back, and closed at 02:00 CST', () => {
    const lateMeeting = chicago([{ byDay: ['SU'], opensAt: '01:00', closesAt: '02:00' }]);
    assert.equal(isOpenAt(lateMeeting, at('2026-11-01T06:30:00Z')), true, '01:30 CDT');
    assert.equal(isOpenAt(lateMeeting, at('2026-11-01T07:30:00Z')), true, '01:30 CST');
    assert.equal(isOpenAt(lateMeeting, at('2026-11-01T08:00:00Z')), false, '02:00 CST');
  });

  it('keeps a zone without daylight saving time on its one offset all year (America/Phoenix)', () => {
    const phoenix: Schedule = {
      timeZone: 'America/Phoenix',
      rules: [{ byDay: ['MO', 'TU', 'WE', 'TH', 'FR'], opensAt: '07:00', closesAt: '08:00' }],
    };
    // 07:00 MST is 14:00Z in January and in July alike (Denver, next door, moves to 13:00Z).
    assert.equal(isOpenAt(phoenix, at('2026-01-14T14:00:00Z')), true);
    assert.equal(isOpenAt(phoenix, at('2026-07-15T14:00:00Z')), true);
    assert.equal(isOpenAt(phoenix, at('2026-07-15T13:30:00Z')), false);
    assert.equal(isOpenAt(phoenix, at('2026-03-09T14:30:00Z')), true, 'the Monday after the US change');
  });

  it('filters search results by the same rules, each resource in its own zone', () => {
    const index = createResourceIndex([
      resource({
        name: 'Chicago Morning Group',
        schedule: chicago([{ byDay: ['MO'], opensAt: '07:00', closesAt: '08:00' }]),
      }),
      resource({
        name: 'Phoenix Morning Group',
        schedule: { timeZone: 'America/Phoenix', rules: [{ byDay: ['MO'], opensAt: '07:00', closesAt: '08:00' }] },
      }),
    ]);
    // Monday 9 March, the day after spring forward: 07:30 CDT is 12:30Z; 07:30 MST is 14:30Z.
    assert.deepEqual(names(index.search({ openAt: '2026-03-09T12:30:00Z' })), ['Chicago Morning Group']);
    assert.deepEqual(names(index.search({ openAt: '2026-03-09T14:30:00Z' })), ['Phoenix Morning Group']);
    // The Monday before, Chicago's 07:30 was 13:30Z.
    assert.deepEqual(names(index.search({ openAt: '2026-03-02T12:30:00Z' })), []);
    assert.deepEqual(names(index.search({ openAt: '2026-03-02T13:30:00Z' })), ['Chicago Morning Group']);
    const hits = index.search({}, at('2026-03-09T12:30:00Z')).items;
    assert.deepEqual(
      hits.map((hit) => hit.openNow),
      [true, false],
    );
  });
});
