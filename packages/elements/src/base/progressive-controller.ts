import type { ReactiveControllerHost } from 'lit';
import { OnPageController } from './on-page-controller.js';

/** How many items {@link ProgressiveController} draws at once. */
export interface ProgressiveOptions {
  /** Drawn in the update that brings a new list: the top of the screen, within one frame. */
  readonly first: number;
  /** Added after each later paint at the least; as many as are drawn already once that is more. */
  readonly step: number;
}

// A hidden page paints nothing and runs no animation frames: the timer then takes the next step.
const HIDDEN_PAGE_STEP_MS = 100;

/**
 * Calls `callback` in a task after the next frame is painted (an animation frame, then a message), or after
 * {@link HIDDEN_PAGE_STEP_MS} if no frame comes; returns a function cancelling it.
 */
function afterNextPaint(callback: () => void): () => void {
  const channel = new MessageChannel();
  let cancelled = false;
  channel.port1.onmessage = () => {
    channel.port1.close();
    if (!cancelled) callback();
  };
  const post = () => {
    clearTimeout(timer);
    cancelAnimationFrame(frame);
    channel.port2.postMessage(undefined);
  };
  const timer = setTimeout(post, HIDDEN_PAGE_STEP_MS);
  const frame = requestAnimationFrame(post);
  return () => {
    cancelled = true;
    clearTimeout(timer);
    cancelAnimationFrame(frame);
    channel.port1.close();
  };
}

/**
 * Draws a long list over several frames: a new list's first items in the update that brings it, then after
 * each paint as many more as are drawn (at least `step`), so the first screen shows within a frame and the page
 * stays responsive while the rest is added. A list replacing one is drawn at once as far as the old one was, so
 * a list already on screen is updated in place rather than shrunk and grown again (the page keeps its height
 * and its scroll position). A newer list cancels the steps of the older one. A hidden page draws everything at
 * once.
 *
 * @example
 * ```ts
 * private readonly rows = new ProgressiveController(this, { first: 2, step: 2 });
 *
 * render() {
 *   const shown = this.rows.show(this.items);
 *   return html`<div aria-busy=${this.rows.complete ? nothing : 'true'}>${this.items.slice(0, shown).map(row)}</div>`;
 * }
 * ```
 */
export class ProgressiveController extends OnPageController {
  private items: readonly unknown[] = [];
  private shown = 0;
  private cancelStep?: () => void;
  private whenDrawn?: Promise<void>;
  private resolveDrawn?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ProgressiveOptions,
  ) {
    super();
    host.addController(this);
  }

  /** How many of `items` to draw in this render (call it from `render`). */
  show(items: readonly unknown[]): number {
    if (items !== this.items) {
      this.cancel();
      this.items = items;
      const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
      this.shown = hidden ? items.length : Math.min(items.length, Math.max(this.options.first, this.shown));
    }
    return this.shown;
  }

  /** Whether every item of the list last shown is drawn. */
  get complete(): boolean {
    return this.shown >= this.items.length;
  }

  /**
   * Resolves once every item of the list shown is drawn: at once if it is already, and not while the host is out
   * of the page (its steps wait until it is back).
   */
  get drawn(): Promise<void> {
    if (this.complete) return Promise.resolve();
    this.whenDrawn ??= new Promise((resolve) => {
      this.resolveDrawn = resolve;
    });
    return this.whenDrawn;
  }

  protected override connectionChanged(): void {
    if (this.connected) this.next();
    else this.cancel();
  }

  hostUpdated(): void {
    if (!this.complete) this.next();
    else if (this.resolveDrawn) {
      this.resolveDrawn();
      this.whenDrawn = this.resolveDrawn = undefined;
    }
  }

  private next(): void {
    if (!this.connected || this.complete || this.cancelStep) return;
    this.cancelStep = afterNextPaint(() => {
      this.cancelStep = undefined;
      // Doubling: items further down are further off screen, where drawing them costs little more than their
      // DOM, and the list is whole in fewer frames.
      this.shown = Math.min(this.items.length, this.shown + Math.max(this.options.step, this.shown));
      this.host.requestUpdate();
    });
  }

  private cancel(): void {
    this.cancelStep?.();
    this.cancelStep = undefined;
  }
}
