import type { ReactiveControllerHost } from 'lit';
import { OnPageController } from './on-page-controller.js';

/** What {@link NextChangeController} asks of its host. */
export interface NextChangeOptions {
  /** The next instant (ms since the epoch) at which what the host shows changes with the time; `undefined`: none. */
  next(): number | undefined;
  /** That instant has come; `now` is the time read. The host updates what it shows (and so what `next()` says). */
  due(now: number): void;
  /** The longest wait: a clock that jumped, or a machine that slept, is caught up within it. */
  readonly maxWaitMs: number;
}

/**
 * Updates its host when what it shows changes with the time alone (a handoff, a midnight), with one timer at a
 * time: after each update of the host the timer is set for `next()`, waiting `maxWaitMs` at most; when it fires,
 * `due(now)` runs if that instant has come, and the timer is set again. No timer while the host is off the page.
 *
 * @example
 * ```ts
 * private readonly clock = new NextChangeController(this, {
 *   next: () => this.expiresAt,
 *   due: (now) => (this.drawnAt = now),
 *   maxWaitMs: 60_000,
 * });
 * ```
 */
export class NextChangeController extends OnPageController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The instant the running timer waits for. */
  private waitingFor: number | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: NextChangeOptions,
  ) {
    super();
    host.addController(this);
  }

  hostUpdated(): void {
    this.arm();
  }

  protected override connectionChanged(): void {
    this.arm();
  }

  private arm(): void {
    const at = this.connected ? this.options.next() : undefined;
    // Most updates (a status, a keystroke) leave the next change where it was: the timer set for it stays.
    if (this.timer !== undefined && at === this.waitingFor) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waitingFor = at;
    if (at === undefined) return;
    this.timer = setTimeout(this.fire, Math.min(Math.max(at - Date.now(), 0), this.options.maxWaitMs));
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    const now = Date.now();
    const at = this.options.next();
    if (at !== undefined && at <= now) this.options.due(now);
    this.arm();
  };
}
