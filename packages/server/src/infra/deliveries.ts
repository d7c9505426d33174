import type { CalloutNotification, ContactChannel, NotificationSettings } from '@peerlink/sdk';
import { NotificationSettings as NotificationSettingsSchema } from '@peerlink/sdk';
import type { Database } from './db/database.js';
import { createTransport, retryDelay } from './notify/index.js';
import type { Transport, TransportOptions } from './notify/index.js';
import type { Clock } from '../time.js';

interface Claimed {
  id: string;
  agency_id: string;
  recipient: ContactChannel;
  notification: CalloutNotification;
  attempts: number;
  notification_settings: unknown;
  time_zone: string;
}

export interface DeliveryWorkerOptions {
  transportOptions?: TransportOptions;
  /** Scales retry delays; tests use a small factor instead of waiting minutes. */
  retryScale?: number;
  /** How long a claimed delivery stays invisible to other workers while it is being sent. */
  leaseMs?: number;
}

/**
 * Sends queued notifications. Deliveries were stored in the dispatch's own transaction, so a
 * provider that is down delays a message but never loses it or holds up the dispatch. Several
 * instances may run workers: each claims rows with SKIP LOCKED and a lease.
 */
export class DeliveryWorker {
  private readonly transports = new Map<string, Transport>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly options: DeliveryWorkerOptions = {},
  ) {}

  async tick(limit = 20): Promise<number> {
    const now = this.clock();
    const lease = new Date(now.getTime() + (this.options.leaseMs ?? 60_000));
    const claimed = await this.db.transaction((tx) =>
      tx.query<Claimed>(
        `update deliveries d set next_attempt_at = $2, updated_at = $1
         from agencies a
         where d.agency_id = a.id and d.id in (
           select id from deliveries where status = 'pending' and next_attempt_at <= $1
           order by next_attempt_at limit $3 for update skip locked)
         returning d.id, d.agency_id, d.recipient, d.notification, d.attempts,
                   a.notification as notification_settings, a.time_zone`,
        [now, lease, limit],
      ),
    );
    await Promise.all(claimed.map((delivery) => this.send(delivery)));
    return claimed.length;
  }

  async close(): Promise<void> {
    await Promise.all([...this.transports.values()].map((transport) => transport.close()));
    this.transports.clear();
  }

  private transportFor(delivery: Claimed): Transport {
    const key = `${delivery.agency_id}:${JSON.stringify(delivery.notification_settings)}`;
    let transport = this.transports.get(key);
    if (!transport) {
      const settings: NotificationSettings = NotificationSettingsSchema.parse(delivery.notification_settings);
      transport = createTransport(settings, { ...this.options.transportOptions, timeZone: delivery.time_zone });
      this.transports.set(key, transport);
    }
    return transport;
  }

  private async send(delivery: Claimed): Promise<void> {
    const attempt = delivery.attempts + 1;
    let outcome;
    try {
      outcome = await this.transportFor(delivery).send(delivery.id, delivery.recipient, delivery.notification);
    } catch (error) {
      outcome = {
        ok: false as const,
        retryable: false,
        detail: `transport failed: ${error instanceof Error ? error.message : 'unknown'}`,
      };
    }
    const now = this.clock();
    const delay = retryDelay(outcome, attempt);
    const status = outcome.ok ? 'sent' : delay === null ? 'failed' : 'pending';
    const next = new Date(now.getTime() + (delay ?? 0) * (this.options.retryScale ?? 1));
    const detail = outcome.ok ? (outcome.detail ?? 'delivered') : outcome.detail;
    await this.db.transaction(async (tx) => {
      await tx.query('insert into delivery_attempts (delivery_id, at, ok, detail) values ($1, $2, $3, $4)', [
        delivery.id,
        now,
        outcome.ok,
        detail,
      ]);
      await tx.query(
        'update deliveries set status = $2, attempts = $3, next_attempt_at = $4, last_error = $5, updated_at = $6 where id = $1',
        [delivery.id, status, attempt, next, outcome.ok ? null : detail, now],
      );
    });
  }
}
