// The live stream of a record, as the stories' canned clients play it.
import type { Watch } from '@peerlink/sdk';

/**
 * A watch that reports `now()` at once and, `afterMs` later, `later()`, as the live stream would
 * (a value that is undefined is not reported).
 */
export function cannedWatch<T>(now: () => T | undefined, later?: () => T | undefined, afterMs = 1000): Watch<T> {
  let mode: Watch<T>['mode'] = 'stream';
  return {
    get mode() {
      return mode;
    },
    subscribe(listener) {
      const first = now();
      if (first !== undefined) listener(first);
      const timer = later
        ? setTimeout(() => {
            const next = later();
            if (mode !== 'closed' && next !== undefined) listener(next);
          }, afterMs)
        : undefined;
      return () => {
        clearTimeout(timer);
      };
    },
    close() {
      mode = 'closed';
    },
    async *[Symbol.asyncIterator]() {
      await Promise.resolve();
      const first = now();
      if (first !== undefined) yield first;
    },
  };
}
