// The resolved schedule as a table people read: `peerlink-server schedule show`.
import type { ResolvedSchedule, ShiftPosition } from '@peerlink/sdk';
import { shiftPositions } from '@peerlink/sdk';

/**
 * One row per stretch in which nobody changes, per area: the times in the agency's time zone and
 * who is primary, backup and supervisor by name, `GAP` where a position has nobody; then the
 * conflicts.
 */
export function scheduleTable(schedule: ResolvedSchedule, names: ReadonlyMap<string, string>): string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: schedule.timeZone,
    weekday: 'short',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  const time = (at: string) => format.format(new Date(at)).replace(/,/g, '');
  const name = (id: string) => names.get(id) ?? id;
  const areas = [...new Set([...schedule.segments, ...schedule.gaps].map((item) => item.area))].sort();
  const lines = [`On-call schedule, ${time(schedule.from)} to ${time(schedule.to)} (${schedule.timeZone})`];
  for (const area of areas) {
    const segments = schedule.segments.filter((s) => s.area === area);
    const bounds = [
      ...new Set(
        [...segments, ...schedule.gaps.filter((g) => g.area === area)].flatMap((item) => [
          Date.parse(item.startsAt),
          Date.parse(item.endsAt),
        ]),
      ),
    ].sort((a, b) => a - b);
    const rows: string[][] = [];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const at = bounds[i] ?? 0;
      const holder = (position: ShiftPosition) => {
        const held = segments.find(
          (s) => s.position === position && Date.parse(s.startsAt) <= at && at < Date.parse(s.endsAt),
        );
        return held ? name(held.specialistId) : 'GAP';
      };
      rows.push([
        `${time(new Date(at).toISOString())} – ${time(new Date(bounds[i + 1] ?? at).toISOString())}`,
        ...shiftPositions.map(holder),
      ]);
    }
    const header = ['when', ...shiftPositions];
    const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => (row[c] ?? '').length)));
    const line = (cells: string[]) =>
      cells
        .map((cell, c) => cell.padEnd(widths[c] ?? 0))
        .join('  ')
        .trimEnd();
    lines.push('', `Area ${area}`, line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line));
  }
  const gaps = schedule.gaps.length;
  lines.push('', gaps === 0 ? 'No gaps.' : `${String(gaps)} gap${gaps === 1 ? '' : 's'}: GAP above, nobody on call.`);
  if (schedule.conflicts.length === 0) lines.push('No conflicts.');
  else {
    lines.push(`${String(schedule.conflicts.length)} conflict(s): one person on call in two places at once`);
    for (const c of schedule.conflicts) {
      const slots = c.slots.map((slot) => `${slot.area} ${slot.position}`).join(', ');
      lines.push(`  CONFLICT ${name(c.specialistId)}: ${time(c.startsAt)} – ${time(c.endsAt)}: ${slots}`);
    }
  }
  return lines.join('\n');
}
