// Resolving the on-call schedule: 50 peers in 10 areas × 3 positions over 90 days (daily primary
// and backup turns, weekly supervisors, 40 overrides), in the agency's time zone across a
// daylight-saving change. Goal: ≤ 5 ms per resolution (a supervisor's console resolves on every edit).
import { randomUUID } from 'node:crypto';
import type { ResolveScheduleInput } from '@peerlink/sdk';
import { resolveSchedule } from '@peerlink/sdk';

const peers = Array.from({ length: 50 }, () => randomUUID());
const areas = Array.from({ length: 10 }, (_, i) => `area-${String(i)}`);
// Each area has four peers of its own who take primary and backup turns a day apart; ten
// supervisors take weekly turns, each over two areas; overrides bring in peers of other areas
// (some of them conflicts).
const team = (i: number, shift: number) => Array.from({ length: 4 }, (_, k) => peers[i * 4 + ((k + shift) % 4)] ?? '');
const supervisors = (i: number) => [peers[40 + i] ?? '', peers[40 + ((i + 5) % 10)] ?? ''];

const rotations: ResolveScheduleInput['rotations'] = areas.flatMap((area, i) => [
  {
    id: randomUUID(),
    area,
    position: 'primary' as const,
    members: team(i, 0),
    turnDays: 1,
    handoffTime: '08:00',
    startsOn: '2026-01-05',
  },
  {
    id: randomUUID(),
    area,
    position: 'backup' as const,
    members: team(i, 1),
    turnDays: 1,
    handoffTime: '08:00',
    startsOn: '2026-01-05',
  },
  {
    id: randomUUID(),
    area,
    position: 'supervisor' as const,
    members: supervisors(i),
    turnDays: 7,
    handoffTime: '09:00',
    startsOn: '2026-01-05',
  },
]);
const from = Date.parse('2026-02-01T06:00:00Z');
const overrides: ResolveScheduleInput['overrides'] = Array.from({ length: 40 }, (_, i) => {
  const start = from + i * 2 * 86_400_000 + 3_600_000 * (i % 12);
  return {
    id: randomUUID(),
    area: areas[i % areas.length] ?? 'area-0',
    position: 'primary' as const,
    specialistId: peers[(i * 11) % peers.length] ?? '',
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 6 * 3_600_000).toISOString(),
  };
});
const input: ResolveScheduleInput = {
  timeZone: 'America/Chicago',
  from: new Date(from).toISOString(),
  to: new Date(from + 90 * 86_400_000).toISOString(),
  rotations,
  overrides,
};

for (let i = 0; i < 20; i++) resolveSchedule(input);
const times: number[] = [];
let result = resolveSchedule(input);
for (let i = 0; i < 200; i++) {
  const started = performance.now();
  result = resolveSchedule(input);
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
console.log(
  `schedule: 90 days, 50 peers, ${String(areas.length)} areas × 3 positions, ${String(overrides.length)} overrides → ${String(result.segments.length)} segments, ${String(result.gaps.length)} gaps, ${String(result.conflicts.length)} conflicts`,
);
console.log(
  `schedule: resolve p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms (200 runs after 20 warm-up)`,
);
console.log(
  `figure: on-call schedule, 90 days × 50 peers, p50\t${at(0.5).toFixed(2)} ms\tgoal ≤ 5 ms ${at(0.5) <= 5 ? 'met' : 'NOT met'}`,
);
