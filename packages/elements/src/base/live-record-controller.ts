import type { ReactiveControllerHost } from 'lit';
import type { Watch, WatchOptions } from '@peerlink/sdk';
import { SubscriptionController } from './subscription-controller.js';

/** What {@link LiveRecordController} needs from its host. */
export interface LiveRecordOptions<T> {
  /**
   * Opens the SDK's watch of the record (e.g. `(id, options) => api.dispatches.watch(id, options)`);
   * `undefined` without a client.
   */
  watch(id: string, options: WatchOptions): Watch<T> | undefined;
  /** Called with every state the stream delivers while this record is followed. */
  changed(next: T): void;
}

/**
 * Follows one record live through the SDK's event stream: `follow(id)` opens a watch (closing
 * any earlier one), `stop()` closes it. The watch is open only while the host is connected: it
 * closes when the host leaves the page and opens again when it comes back, still following
 * the same record until `stop()`.
 *
 * @example
 * ```ts
 * private readonly live = new LiveRecordController<Dispatch>(this, {
 *   watch: (id) => this.sdk.value?.dispatches.watch(id),
 *   changed: (dispatch) => this.show(dispatch),
 * });
 * // after loading: this.live.follow(dispatch.id); once it has ended: this.live.stop();
 * ```
 */
export class LiveRecordController<T> extends SubscriptionController<string> {
  /** When the record the host holds was asked for, for the next watch only. */
  private heldSince?: number;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: LiveRecordOptions<T>,
  ) {
    super();
    host.addController(this);
  }

  /** The id of the record followed, if any (whether or not its watch is open right now). */
  get following(): string | undefined {
    return this.target;
  }

  /**
   * Follows record `id` (instead of any other), from now while connected. `heldSince`: the host holds
   * the record as answered to a request sent then (`performance.now()`), so an open stream need not
   * read it again (see the SDK's `WatchOptions.heldSince`).
   */
  follow(id: string, heldSince?: number): void {
    this.heldSince = heldSince;
    this.start(id);
  }

  protected override subscribe(id: string): (() => void) | undefined {
    const heldSince = this.heldSince;
    // Back on the page later, the record held then may be stale: that watch reads it.
    this.heldSince = undefined;
    const watch = this.options.watch(id, heldSince === undefined ? {} : { heldSince });
    if (!watch) return undefined;
    let open = true;
    const unsubscribe = watch.subscribe((next) => {
      if (open) this.options.changed(next);
    });
    return () => {
      open = false;
      unsubscribe();
      watch.close();
    };
  }
}
