// Ranking helpers of the resource index: order by name, language matching, opening hours read
// once per time zone, and the k best of many without sorting them all.
import type { Schedule } from '../schema/resource.js';
import { isOpenAtLocal, localTime } from './schedule.js';
import type { LocalTime } from './schedule.js';

/** Positive when `a` sorts before `b`. */
export const earlier = (a: string, b: string) => (a === b ? 0 : a < b ? 1 : -1);

export function speaks(own: readonly string[], wanted: readonly string[]): boolean {
  // RFC 4647 basic filtering: "es" matches "es" and "es-MX", not "est".
  return wanted.some((tag) => own.some((language) => language === tag || language.startsWith(`${tag}-`)));
}

/** `isOpenAt`, reading the clock once per time zone for one search. */
export function openAt(schedule: Schedule, at: Date, clocks: Map<string, LocalTime>): boolean {
  if (schedule.open24x7) return true;
  let clock = clocks.get(schedule.timeZone);
  if (!clock) {
    clock = localTime(at, schedule.timeZone);
    clocks.set(schedule.timeZone, clock);
  }
  return isOpenAtLocal(schedule, clock);
}

/** The `k` best of `slots` in order, by `compare` (positive when the first is better). */
export function best(slots: number[], k: number, compare: (a: number, b: number) => number): number[] {
  const byRank = (a: number, b: number) => compare(b, a);
  if (slots.length <= k * 4) return slots.sort(byRank).slice(0, k);
  // A heap of the k best so far, the worst of them on top.
  const heap: number[] = [];
  const up = (i: number) => {
    let at = i;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (compare(heap[parent] ?? 0, heap[at] ?? 0) <= 0) break;
      [heap[parent], heap[at]] = [heap[at] ?? 0, heap[parent] ?? 0];
      at = parent;
    }
  };
  const down = () => {
    let at = 0;
    for (;;) {
      const left = at * 2 + 1;
      const right = left + 1;
      let worst = at;
      if (left < heap.length && compare(heap[worst] ?? 0, heap[left] ?? 0) > 0) worst = left;
      if (right < heap.length && compare(heap[worst] ?? 0, heap[right] ?? 0) > 0) worst = right;
      if (worst === at) return;
      [heap[worst], heap[at]] = [heap[at] ?? 0, heap[worst] ?? 0];
      at = worst;
    }
  };
  for (const slot of slots) {
    if (heap.length < k) {
      heap.push(slot);
      up(heap.length - 1);
    } else if (k > 0 && compare(slot, heap[0] ?? 0) > 0) {
      heap[0] = slot;
      down();
    }
  }
  return heap.sort(byRank);
}
