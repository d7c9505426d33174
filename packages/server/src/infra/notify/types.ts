import type { CalloutNotification, ContactChannel, NotificationSettings } from '@peerlink/sdk';

/**
 * What one delivery attempt came to. `retryable` tells the worker whether the same message may
 * succeed later (network trouble, a busy receiver) or never will (a rejected address, a
 * misconfigured transport). `detail` is for operators and never carries a recipient address.
 */
export type DeliveryOutcome =
  { ok: true; detail?: string } | { ok: false; retryable: boolean; detail: string; retryAfterMs?: number };

export type TransportName = NotificationSettings['transport'];

/** One way call-outs leave the service. Every transport implements this and nothing more. */
export interface Transport {
  readonly name: TransportName;
  /**
   * Delivers `n` to one recipient. Never throws for delivery problems: they come back as an
   * outcome, so a worker can record and schedule them without a try block per transport.
   * `deliveryId` identifies the delivery across retries, so receivers can drop duplicates.
   * `signal` aborts the attempt (the worker's cap on its whole time); a transport whose own timeouts
   * already bound the whole attempt (webhook, Twilio: until the answer) may leave it to them.
   */
  send(
    deliveryId: string,
    recipient: ContactChannel,
    n: CalloutNotification,
    signal?: AbortSignal,
  ): Promise<DeliveryOutcome>;
  close(): Promise<void>;
}

/** Options shared by the transports that render text. */
export interface RenderOptions {
  /** IANA zone for the human-readable received time, usually the agency's; UTC when absent. */
  timeZone?: string;
}
