import type { CalloutNotification, ContactChannel, NotificationSettings } from '@peerlink/sdk';
import { NotificationSettings as NotificationSettingsSchema, dispatchTransitions } from '@peerlink/sdk';
import type { Database } from './db/database.js';
import { uuidArray, write } from './db/database.js';
import { createTransport, retryDelay } from './notify/index.js';
import type { DeliveryOutcome, Transport, TransportOptions } from './notify/index.js';
import type { Clock } from '../time.js';

export interface Claimed {
  id: string;
  agency_id: string;
  recipient: ContactChannel;
  notification: CalloutNotification;
  attempts: number;
  notification_settings: unknown;
  time_zone: string;
  /**
   * The claim's lease, as written to `next_attempt_at`: the batch is recorded only where the row
   * still holds it, so a worker whose lease ran out (and whose messages another claim took) changes nothing.
   */
  lease: Date;
}

/** What came of one message, recorded with its batch. */
interface Outcome {
  id: string;
  at: Date;
  ok: boolean;
  detail: string;
  status: 'sent' | 'failed' | 'pending';
  attempts: number;
  next: Date;
  lease: Date;
}

export interface DeliveryWorkerOptions {
  transportOptions?: TransportOptions;
  /** Scales retry delays; tests use a small factor instead of waiting minutes. */
  retryScale?: number;
  /** How long a claimed delivery stays invisible to other workers while it is being sent (60 s by default). */
  leaseMs?: number;
  /**
   * The longest one message may take to send, all of it; half the lease by default. A transport's own
   * timeouts limit inactivity only (an SMTP server answering each command just in time holds a message for
   * minutes), and a batch is recorded once its slowest message is done: a message not sent by then counts
   * as a failed attempt, retried later, so that the batch is recorded while its lease holds.
   */
  sendTimeoutMs?: number;
}

/** How many messages one claim takes at most (fewer: none were left). */
export const deliveryBatch = 20;

/**
 * How many claimed batches may be out at once. A batch is recorded when its slowest message is
 * sent (a mail server's answer takes longer than a webhook's); once one has been out
 * {@link slowLaneMs}, messages queued meanwhile are claimed and sent beside it instead of waiting.
 */
export const deliveryLanes = 4;

/** How long a batch is out before the next may start beside it. */
export const slowLaneMs = 100;

/** A claim's lease unless the worker's options set one. */
export const defaultLeaseMs = 60_000;

/** The states of a closed call-out: nothing of it is sent any more. */
const closed = `(${dispatchTransitions.terminal.map((status) => `'${status}'`).join(', ')})`;

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

  /**
   * Claims up to `limit` due messages for this worker: each is leased, invisible to other claims
   * (here or in another process) until the lease runs out or {@link deliver} records it. Messages of a
   * call-out that is closed (cleared or cancelled) are withdrawn instead of claimed; the transition that
   * closed it withdraws them already, this is the backstop. Claims again for the places they took, so a
   * short batch still means nothing else is due.
   */
  async claim(limit = deliveryBatch): Promise<readonly Claimed[]> {
    const now = this.clock();
    const lease = new Date(now.getTime() + this.leaseMs());
    const claimed: Claimed[] = [];
    for (;;) {
      // One statement claims the batch and commits on its own: no transaction around it to wait for.
      const rows = await this.db.query<Omit<Claimed, 'lease'> & { withdrawn: boolean }>(
        `with due as (
           select d.id, x.status in ${closed} as withdrawn
           from deliveries d join dispatches x on x.id = d.dispatch_id
           where d.status = 'pending' and d.next_attempt_at <= $1
           order by d.next_attempt_at limit $3 for update of d skip locked)
         update deliveries d set
           status = case when due.withdrawn then 'withdrawn' else d.status end,
           next_attempt_at = case when due.withdrawn then d.next_attempt_at else $2 end,
           updated_at = $1
         from due, agencies a
         where d.id = due.id and a.id = d.agency_id
         returning d.id, d.agency_id, d.recipient, d.notification, d.attempts,
                   a.notification as notification_settings, a.time_zone, due.withdrawn`,
        [now, lease, limit - claimed.length],
      );
      for (const { withdrawn, ...row } of rows) if (!withdrawn) claimed.push({ ...row, lease });
      if (claimed.length === limit || rows.every((row) => !row.withdrawn)) return claimed;
    }
  }

  /** Sends a claimed batch and records what came of each message, together. */
  async deliver(claimed: readonly Claimed[]): Promise<void> {
    const outcomes = await Promise.all(claimed.map((delivery) => this.send(delivery)));
    await this.record(outcomes);
  }

  async close(): Promise<void> {
    await Promise.all([...this.transports.values()].map((transport) => transport.close()));
    this.transports.clear();
  }

  private leaseMs(): number {
    return this.options.leaseMs ?? defaultLeaseMs;
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

  /** Sends one message; what came of it is recorded with the rest of the batch. */
  private async send(delivery: Claimed): Promise<Outcome> {
    const attempt = delivery.attempts + 1;
    const capMs = this.options.sendTimeoutMs ?? this.leaseMs() / 2;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let outcome: DeliveryOutcome;
    try {
      // Past the cap the attempt is aborted (the SMTP transport closes its connection; the webhook's and
      // Twilio's own timeouts end theirs) and fails at once: the batch does not wait for it to wind down.
      // A server that had taken the message may still pass it on: receivers drop a repeat by its delivery id.
      const overdue = new Promise<DeliveryOutcome>((resolve) => {
        timer = setTimeout(() => {
          abort.abort();
          resolve({ ok: false, retryable: true, detail: `not sent within ${String(capMs)} ms` });
        }, capMs);
      });
      const transport = this.transportFor(delivery);
      const sending = transport.send(delivery.id, delivery.recipient, delivery.notification, abort.signal);
      outcome = await Promise.race([sending, overdue]);
    } catch (error) {
      outcome = {
        ok: false as const,
        retryable: false,
        detail: `transport failed: ${error instanceof Error ? error.message : 'unknown'}`,
      };
    } finally {
      clearTimeout(timer);
    }
    const now = this.clock();
    const delay = retryDelay(outcome, attempt);
    const status = outcome.ok ? 'sent' : delay === null ? 'failed' : 'pending';
    const next = new Date(now.getTime() + (delay ?? 0) * (this.options.retryScale ?? 1));
    const detail = outcome.ok ? (outcome.detail ?? 'delivered') : outcome.detail;
    return { id: delivery.id, at: now, ok: outcome.ok, detail, status, attempts: attempt, next, lease: delivery.lease };
  }

  /**
   * The batch's attempts in one insert and its deliveries' states in one update, in one transaction.
   * Every attempt is logged (it was made); a delivery's state changes only while it holds this claim's
   * lease: one whose lease ran out may have been claimed (and sent) again, and that claim records it. A
   * message withdrawn while it was out keeps its state unless it went out anyway: then it reads sent.
   */
  private async record(outcomes: readonly Outcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    const rows = JSON.stringify(
      outcomes.map((o) => ({
        id: o.id,
        at: o.at.toISOString(),
        ok: o.ok,
        detail: o.detail,
        status: o.status,
        attempts: o.attempts,
        next: o.next.toISOString(),
        lease: o.lease.toISOString(),
        error: o.ok ? null : o.detail,
      })),
    );
    const columns =
      'id uuid, at timestamptz, ok boolean, detail text, status text, attempts int, next timestamptz, lease timestamptz, error text';
    await this.db.transaction(async (tx) => {
      await write(
        tx,
        `insert into delivery_attempts (delivery_id, at, ok, detail)
         select id, at, ok, detail from jsonb_to_recordset($1::text::jsonb) as o(${columns})`,
        [rows],
      );
      // The ids again as an array: the planner reads the batch's rows as a hundred whatever they are,
      // and would then join them to a scan of the whole table (32 ms at 20,000 deliveries) instead
      // of finding each by its key (0.5 ms).
      await write(
        tx,
        `update deliveries d set status = case when d.status = 'pending' then o.status else 'sent' end,
           attempts = o.attempts, next_attempt_at = o.next, last_error = o.error, updated_at = o.at
         from jsonb_to_recordset($1::text::jsonb) as o(${columns})
         where d.id = o.id and d.id = any($2::text::uuid[]) and d.next_attempt_at = o.lease
           and (d.status = 'pending' or (d.status = 'withdrawn' and o.ok))`,
        [rows, uuidArray(outcomes.map((o) => o.id))],
      );
    });
  }
}
