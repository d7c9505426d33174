import type { ReactiveControllerHost } from 'lit';
import type { ClientCore, OutboxEvent, PeerError } from '@peerlink/sdk';
import { OnPageController } from './on-page-controller.js';

/** The part of the SDK's outbox an element listens to. */
export type OutboxSource = Pick<ClientCore['outbox'], 'subscribe'>;

/** What to do when the change waited for leaves the outbox. */
export interface OutboxOutcome {
  /** The service took it; `result` is its answer, still to be parsed. */
  sent(result: unknown): void;
  /** The service refused it (or it could not be sent). */
  failed(error: PeerError): void;
}

/**
 * Waits for one change kept in the SDK's outbox (a call made offline that threw
 * `PeerQueuedError`) and reports once, when it is sent or refused. Listening stops while the
 * host is off the page and resumes when it comes back; `stop()` gives up waiting.
 *
 * @example
 * ```ts
 * private readonly outbox = new OutboxController(this, () => this.sdk.value?.outbox);
 * // in a catch: if (error instanceof PeerQueuedError)
 * this.outbox.wait(error.idempotencyKey, {
 *   sent: (result) => this.show(parse(result)),
 *   failed: (error) => this.fail(error),
 * });
 * ```
 */
export class OutboxController extends OnPageController {
  private waiting?: { key: string; outcome: OutboxOutcome };
  private unsubscribe?: () => void;

  constructor(
    host: ReactiveControllerHost,
    private readonly outbox: () => OutboxSource | undefined,
  ) {
    super();
    host.addController(this);
  }

  /** The idempotency key of the change waited for, if any. */
  get key(): string | undefined {
    return this.waiting?.key;
  }

  /** Waits for the change queued under `key` (instead of any other). */
  wait(key: string, outcome: OutboxOutcome): void {
    this.stop();
    this.waiting = { key, outcome };
    this.listen();
  }

  /** Stops waiting. */
  stop(): void {
    this.unlisten();
    this.waiting = undefined;
  }

  protected override connectionChanged(): void {
    if (!this.connected) this.unlisten();
    else if (!this.unsubscribe) this.listen();
  }

  private listen(): void {
    const waiting = this.waiting;
    const outbox = this.outbox();
    if (!waiting || !outbox || !this.connected) return;
    this.unsubscribe = outbox.subscribe((event: OutboxEvent) => {
      if (this.waiting !== waiting || event.item.key !== waiting.key || event.type === 'queued') return;
      this.stop();
      if (event.type === 'sent') waiting.outcome.sent(event.result);
      else waiting.outcome.failed(event.error);
    });
  }

  private unlisten(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
