// resolveSchedule against a slow reference: who holds each slot is read afresh every quarter hour
// from the zone's wall clock, turn by turn, with no interval arithmetic at all. Handoffs are kept
// out of the small hours, where a skipped or repeated wall-clock time needs a rule of its own
// (resolve.test.ts covers those).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ResolveScheduleInput } from '@peerlink/sdk';
import { resolveSchedule, shiftPositions } from '@peerlink/sdk';

const QUARTER = 15 * 60_000;
const DAY = 86_400_000;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const peers = [1, 2, 3, 4, 5].map(id);
const areas = ['north', 'south'];

/**
 * Local wall-clock minutes since 1970-01-01 at `ms` in `timeZone`, read through Intl as Swedish
 * does it (`2026-03-08 01:59`, ISO order on a 24-hour clock) rather than from the parts the SDK reads.
 */
const formats = new Map<string, Intl.DateTimeFormat>();
function wallMinutes(timeZone: string, ms: number): number {
  const format =
    formats.get(timeZone) ?? new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' });
  formats.set(timeZone, format);
  const wall = Date.parse(`${format.format(ms).replace(' ', 'T')}Z`);
  assert.ok(Number.isFinite(wall), `unreadable wall-clock time ${format.format(ms)}`);
  return wall / 60_000;
}

const dayOf = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY);
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Who holds each slot at `ms`: the latest override, else the highest layer's turn (then the later rotation). */
function reference(input: ResolveScheduleInput, ms: number): Map<string, string> {
  const wall = wallMinutes(input.timeZone, ms);
  const held = new Map<string, string>();
  for (const area of areas) {
    for (const position of shiftPositions) {
      let winner: string | undefined;
      input.overrides.forEach((o) => {
        if (o.area === area && o.position === position && Date.parse(o.startsAt) <= ms && ms < Date.parse(o.endsAt))
          winner = o.specialistId;
      });
      if (winner === undefined) {
        let best = -1;
        input.rotations.forEach((r, order) => {
          if (r.area !== area || r.position !== position) return;
          const begins = dayOf(r.startsOn) * 1440 + minutesOf(r.handoffTime);
          const ends = r.endsOn === undefined ? Infinity : dayOf(r.endsOn) * 1440 + minutesOf(r.handoffTime);
          if (wall < begins || wall >= ends) return;
          const turn = Math.floor((wall - begins) / (r.turnDays * 1440));
          const rank = (r.layer ?? 0) * 10_000 + order;
          if (rank > best) {
            best = rank;
            winner = r.members[turn % r.members.length];
          }
        });
      }
      if (winner !== undefined) held.set(`${area}/${position}`, winner);
    }
  }
  return held;
}

const quarterTime = fc
  .tuple(fc.integer({ min: 4, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const date = fc
  .integer({ min: 0, max: 40 })
  .map((d) => new Date(Date.parse('2026-02-20T00:00:00Z') + d * DAY).toISOString().slice(0, 10));
const rotation = fc.record({
  area: fc.constantFrom(...areas),
  position: fc.constantFrom(...shiftPositions),
  members: fc.array(fc.constantFrom(...peers), { minLength: 1, maxLength: 4 }),
  turnDays: fc.constantFrom(1, 2, 7),
  handoffTime: quarterTime,
  startsOn: date,
  length: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
  layer: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
});
const rangeStart = Date.parse('2026-03-01T00:00:00Z');
const override = fc.record({
  area: fc.constantFrom(...areas),
  position: fc.constantFrom(...shiftPositions),
  specialistId: fc.constantFrom(...peers),
  start: fc.integer({ min: 0, max: 14 * 96 }),
  quarters: fc.integer({ min: 1, max: 96 }),
});

describe('resolveSchedule against a slow reference', () => {
  it('names the same person for every slot at every quarter hour, lists gaps and conflicts where it says', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('America/New_York', 'America/Chicago', 'Europe/Berlin', 'UTC'),
        fc.array(rotation, { maxLength: 6 }),
        fc.array(override, { maxLength: 5 }),
        (timeZone, rotations, overrides) => {
          const input: ResolveScheduleInput = {
            timeZone,
            from: new Date(rangeStart).toISOString(),
            to: new Date(rangeStart + 12 * DAY).toISOString(),
            areas,
            rotations: rotations.map(({ length, layer, ...r }, i) => ({
              id: id(100 + i),
              ...r,
              ...(length === undefined
                ? {}
                : { endsOn: new Date(Date.parse(r.startsOn) + length * DAY).toISOString().slice(0, 10) }),
              ...(layer === undefined ? {} : { layer }),
            })),
            overrides: overrides.map((o, i) => ({
              id: id(200 + i),
              area: o.area,
              position: o.position,
              specialistId: o.specialistId,
              startsAt: new Date(rangeStart + o.start * QUARTER).toISOString(),
              endsAt: new Date(rangeStart + (o.start + o.quarters) * QUARTER).toISOString(),
            })),
          };
          const resolved = resolveSchedule(input);
          const at = <T extends { startsAt: string; endsAt: string }>(list: readonly T[], ms: number) =>
            list.filter((item) => Date.parse(item.startsAt) <= ms && ms < Date.parse(item.endsAt));
          for (let ms = rangeStart; ms < rangeStart + 12 * DAY; ms += QUARTER) {
            const expected = reference(input, ms);
            const segments = at(resolved.segments, ms);
            const gaps = at(resolved.gaps, ms);
            for (const area of areas) {
              for (const position of shiftPositions) {
                const key = `${area}/${position}`;
                const found = segments.filter((s) => s.area === area && s.position === position);
                const gap = gaps.some((g) => g.area === area && g.position === position);
                assert.ok(found.length <= 1, `two segments for ${key} at ${new Date(ms).toISOString()}`);
                assert.equal(found[0]?.specialistId, expected.get(key), `${key} at ${new Date(ms).toISOString()}`);
                assert.equal(gap, !expected.has(key), `gap of ${key} at ${new Date(ms).toISOString()}`);
              }
            }
            // A conflict: one person in two slots at once, unless every one of them is a supervisor slot.
            const slotsOf = new Map<string, string[]>();
            for (const [key, who] of expected) slotsOf.set(who, [...(slotsOf.get(who) ?? []), key]);
            const conflicted = [...slotsOf]
              .filter(([, keys]) => keys.length > 1 && !keys.every((k) => k.endsWith('/supervisor')))
              .map(([who]) => who)
              .sort();
            const listed = at(resolved.conflicts, ms)
              .map((c) => c.specialistId)
              .sort();
            assert.deepEqual(listed, conflicted, `conflicts at ${new Date(ms).toISOString()}`);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
