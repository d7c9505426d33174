import type { ReactiveControllerHost } from 'lit';
import type { ClientCore, OutboxEvent, OutboxItem, PeerError } from '@peerlink/sdk';
import { OnPageController } from './on-page-controller.js';

/** The part of the SDK's outbox an element lists and follows. */
export type QueuedChangesSource = Pick<ClientCore['outbox'], 'subscribe' | 'pending' | 'discard'>;

/** What to do when one of the changes followed leaves the outbox. */
export interface QueuedChangeOutcome {
  /** The service took it; `result` is its answer, still to be parsed. */
  sent(item: OutboxItem, result: unknown): void;
  /** The service refused it; it is dropped from the outbox once reported. */
  failed(item: OutboxItem, error: PeerError): void;
}

/**
 * Lists every change of one kind (an endpoint's `operationId`) waiting in the SDK's outbox — those made
 * now offline and those a reload found still waiting — and reports each once when it is sent or refused.
 * Where {@link OutboxController} waits for the one change a form just made, this follows as many as an
 * element lets a person make while offline. The host re-renders when the list changes.
 *
 * @example
 * ```ts
 * private readonly queued = new QueuedChangesController(this, 'createOverride', () => this.sdk.value?.outbox, {
 *   sent: (item, result) => this.saved(result),
 *   failed: (item, error) => this.fail(error),
 * });
 * // in willUpdate, when the client may have changed: this.queued.follow();
 * // in render: this.queued.items.map((item) => …)
 * ```
 */
export class QueuedChangesController extends OnPageController {
  /** The changes waiting, oldest first. */
  items: readonly OutboxItem[] = [];

  private source?: QueuedChangesSource;
  private unsubscribe?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly operationId: string,
    private readonly outbox: () => QueuedChangesSource | undefined,
    private readonly outcome: QueuedChangeOutcome,
  ) {
    super();
    host.addController(this);
  }

  protected override connectionChanged(): void {
    this.follow();
  }

  /** Follows the outbox of the client in use now; call again when the client may have changed. */
  follow(): void {
    const source = this.connected ? this.outbox() : undefined;
    if (source === this.source) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.source = source;
    this.items = [];
    this.host.requestUpdate();
    if (!source) return;
    this.unsubscribe = source.subscribe((event) => {
      this.heard(event);
    });
    this.refresh();
  }

  /**
   * Reads the outbox again: another client on this device (another element, another tab) may have sent
   * what this one listed.
   */
  refresh(): void {
    const source = this.source;
    if (!source) return;
    void source.pending().then(
      (all) => {
        if (this.source !== source) return;
        this.items = all.filter((item) => item.operationId === this.operationId && !item.failure);
        this.host.requestUpdate();
      },
      () => undefined,
    );
  }

  private heard(event: OutboxEvent): void {
    if (event.item.operationId !== this.operationId) return;
    const others = this.items.filter((item) => item.key !== event.item.key);
    this.items = event.type === 'queued' ? [...others, event.item] : others;
    this.host.requestUpdate();
    if (event.type === 'sent') this.outcome.sent(event.item, event.result);
    else if (event.type === 'failed') {
      this.outcome.failed(event.item, event.error);
      void this.source?.discard(event.item.key);
    }
  }
}
