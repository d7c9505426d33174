import { OnPageController } from './on-page-controller.js';

/**
 * The base of the controllers that keep one subscription for a target (a record, a queued change) open while
 * the host is on the page: `start(target)` subscribes (closing any earlier subscription), `stop()` closes it
 * and forgets the target. Leaving the page closes it; coming back opens it again for the same target.
 */
export abstract class SubscriptionController<T> extends OnPageController {
  /** What is followed, if anything (whether or not its subscription is open right now). */
  protected target?: T;
  private close?: () => void;

  /** Whether a subscription is open now. */
  get open(): boolean {
    return this.close !== undefined;
  }

  /** Stops following. */
  stop(): void {
    this.unsubscribe();
    this.target = undefined;
  }

  /** Follows `target` (instead of any other), from now while connected. */
  protected start(target: T): void {
    this.stop();
    this.target = target;
    this.resume();
  }

  protected override connectionChanged(): void {
    if (!this.connected) this.unsubscribe();
    else if (!this.close) this.resume();
  }

  /** Opens the subscription for `target`; returns what closes it, or `undefined` if none could be opened. */
  protected abstract subscribe(target: T): (() => void) | undefined;

  private resume(): void {
    if (this.target === undefined || !this.connected) return;
    this.close = this.subscribe(this.target);
  }

  private unsubscribe(): void {
    this.close?.();
    this.close = undefined;
  }
}
