import type { ReactiveControllerHost } from 'lit';
import { OnPageController } from './on-page-controller.js';

/**
 * Re-renders its host every `ms` milliseconds while the host is connected and `active()`
 * says so, with at most one interval; it re-checks `active()` after every update.
 */
export class IntervalController extends OnPageController {
  private readonly host: ReactiveControllerHost;
  private readonly ms: number;
  private readonly active: () => boolean;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(host: ReactiveControllerHost, ms: number, active: () => boolean) {
    super();
    this.host = host;
    this.ms = ms;
    this.active = active;
    host.addController(this);
  }

  /** Whether the interval is currently running. */
  get running(): boolean {
    return this.timer !== undefined;
  }

  protected override connectionChanged(): void {
    this.sync();
  }

  hostUpdated(): void {
    this.sync();
  }

  private sync(): void {
    const wanted = this.connected && this.active();
    if (wanted && this.timer === undefined) {
      this.timer = setInterval(() => {
        this.host.requestUpdate();
      }, this.ms);
    } else if (!wanted && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
