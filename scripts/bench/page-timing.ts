// Timing helpers for the benchmark pages run in Chromium (bundled into the picker's and the staff
// elements' pages): the next task after a paint, a frame, a quantile, and a keystroke loop.

/** The next task: it runs after the frame the browser is about to paint. */
export const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      resolve();
    };
    channel.port2.postMessage(0);
  });

export const frame = (): Promise<void> =>
  new Promise((resolve) => {
    requestAnimationFrame(() => {
      resolve();
    });
  });

export const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

export interface Keystroke {
  /** What the box holds after this keystroke. */
  text: string;
  /** The first keystroke of a word: the box is cleared first, untimed. */
  fresh: boolean;
}

const type = (input: HTMLInputElement, text: string) => {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
};

/**
 * Types each keystroke into `input` and times it from the input event to the first task after the
 * frame that paints its answer; `paint` forces the layout of what the keystroke shows (timed),
 * `after` reads it (not timed). Returns the times in milliseconds.
 */
export async function timeKeystrokes(
  el: { updateComplete: Promise<unknown> },
  input: HTMLInputElement,
  keystrokes: readonly Keystroke[],
  { paint, after }: { paint: () => void; after: () => void },
): Promise<number[]> {
  const painted: number[] = [];
  for (const { text, fresh } of keystrokes) {
    if (fresh) {
      type(input, '');
      await el.updateComplete;
      await frame();
      await frame();
    }
    await frame();
    const t0 = performance.now();
    type(input, text);
    await el.updateComplete;
    // A virtualized list renders its window in microtasks after the element's update; this frame
    // then paints it, and the next task runs after the paint.
    await nextTask();
    paint();
    painted.push(performance.now() - t0);
    after();
  }
  return painted;
}
