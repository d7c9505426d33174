import type { ReactiveControllerHost } from 'lit';
import type { ClientCore, OutboxEvent, PeerError } from '@peerlink/sdk';
import { SubscriptionController } from './subscription-controller.js';

/** The part of the SDK's outbox an element listens to. */
export type OutboxSource = Pick<ClientCore['outbox'], 'subscribe'>;

/** What to do when the change waited for leaves the outbox. */
export interface OutboxOutcome {
  /** The service took it; `result` is its answer, still to be parsed. */
  sent(result: unknown): void;
  /** The service refused it (or it could not be sent). */
  failed(error: PeerError): void;
}

interface Waiting {
  readonly key: string;
  readonly outcome: OutboxOutcome;
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
export class OutboxController extends SubscriptionController<Waiting> {
  constructor(
    host: ReactiveControllerHost,
    private readonly outbox: () => OutboxSource | undefined,
  ) {
    super();
    host.addController(this);
  }

  /** The idempotency key of the change waited for, if any. */
  get key(): string | undefined {
    return this.target?.key;
  }

  /** Waits for the change queued under `key` (instead of any other). */
  wait(key: string, outcome: OutboxOutcome): void {
    this.start({ key, outcome });
  }

  protected override subscribe(waiting: Waiting): (() => void) | undefined {
    return this.outbox()?.subscribe((event: OutboxEvent) => {
      if (this.target !== waiting || event.item.key !== waiting.key || event.type === 'queued') return;
      this.stop();
      if (event.type === 'sent') waiting.outcome.sent(event.result);
      else waiting.outcome.failed(event.error);
    });
  }
}
