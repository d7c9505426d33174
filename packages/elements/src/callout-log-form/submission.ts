import type { ReactiveControllerHost } from 'lit';
import * as z from 'zod/mini';
import {
  CalloutLog,
  PeerConflictError,
  PeerError,
  PeerNetworkError,
  PeerQueuedError,
  type CalloutLogContent,
  type PiiKeepDecision,
  type ReviewCalloutLogRequest,
} from '@peerlink/sdk';
import { OutboxController } from '../base/outbox-controller.js';
import type { CalloutLogClient, ReviewDecision } from './callout-log-client.js';
import type { CalloutLogFormPhase, Pending, StoredDraft } from './callout-log-model.js';

/** The element a submission runs in: it sets the element's `log` and `phase` as calls go. */
export interface SubmissionHost extends ReactiveControllerHost {
  log?: CalloutLog | undefined;
  phase: CalloutLogFormPhase;
}

/** What the submission asks of its element. */
export interface SubmissionDelegate {
  api(): CalloutLogClient | undefined;
  /** The decisions to keep personal information that go with a submit. */
  keptNow(): PiiKeepDecision[];
  /** Keeps the draft (with the submit that waits, if any) on the device now. */
  saveDraft(): void;
  /** The service accepted the submitted log. */
  submitted(log: CalloutLog): Promise<void>;
  /** The service recorded the supervisor's decision. */
  reviewed(log: CalloutLog, decision: ReviewDecision): void;
  /** A submit or a review failed (the form is ready again). */
  failed(error: unknown): void;
  /** The button pressed is gone (the form waits, or is done): keep a keyboard user's place. */
  keepFocus(): void;
  /** What the outbox sent could not be read: read the log again. */
  reload(): void;
}

const finished = (log: CalloutLog): boolean => log.status === 'submitted' || log.status === 'approved';

/**
 * Sends the log to the service — saved, then submitted; or the supervisor's review — and, when the
 * device is offline, follows the change waiting in the outbox until it is sent or refused, across
 * a reload (the draft remembers a waiting submit) and a move on the page.
 *
 * @example
 * const submission = new SubmissionController(this, { api: () => this.api, keptNow: () => this.guard.keptNow(), … });
 * await submission.submit(dispatchId, content); // sets the log and the phase as it goes
 */
export class SubmissionController {
  /** The change waiting in the outbox, if any. */
  pending?: Pending;

  private readonly host: SubmissionHost;
  private readonly delegate: SubmissionDelegate;
  /** Follows the change waiting in the outbox, also after the form moves on the page. */
  private readonly outbox: OutboxController;

  constructor(host: SubmissionHost, delegate: SubmissionDelegate) {
    this.host = host;
    this.delegate = delegate;
    this.outbox = new OutboxController(host, () => delegate.api()?.outbox);
  }

  /** Stops following the outbox and forgets what waits there (another log is opened). */
  reset(): void {
    this.outbox.stop();
    this.pending = undefined;
  }

  /** Saves `content` as the call-out's log (creating it, or continuing one started elsewhere) and submits it. */
  async submit(dispatchId: string, content: CalloutLogContent): Promise<void> {
    const api = this.delegate.api();
    if (!api) return;
    this.host.phase = 'busy';
    let log = this.host.log;
    try {
      if (log) {
        log = await api.calloutLogs.update(log.id, { content, expectedVersion: log.version });
      } else {
        try {
          log = await api.calloutLogs.create({ dispatchId, content });
        } catch (error) {
          // Started elsewhere (another tab, or a create replayed from the outbox): continue with it.
          const existing =
            error instanceof PeerConflictError
              ? (await api.calloutLogs.list({ dispatchId, limit: 1 })).items[0]
              : undefined;
          if (!existing) throw error;
          log = await api.calloutLogs.update(existing.id, { content, expectedVersion: existing.version });
        }
      }
      this.host.log = log;
      await this.submitSaved(log);
    } catch (error) {
      if (!(error instanceof PeerQueuedError)) this.fail(error);
      // The update waits in the outbox; the submit queues behind it.
      else if (log) await this.submitSaved(log, false);
      else this.queued({ step: 'create', key: error.idempotencyKey });
    }
  }

  /** Records the supervisor's decision on the log shown. */
  async review(decision: ReviewDecision, request: Omit<ReviewCalloutLogRequest, 'decision'>): Promise<void> {
    const api = this.delegate.api();
    const log = this.host.log;
    if (!api || !log) return;
    this.host.phase = 'busy';
    try {
      this.reviewed(await api.calloutLogs.review(log.id, { decision, ...request }), decision);
    } catch (error) {
      if (error instanceof PeerQueuedError) this.queued({ step: 'review', key: error.idempotencyKey, decision });
      else this.fail(error);
    }
  }

  /** Picks up a submit that was waiting in the outbox when the page was left. */
  async resume(pending: NonNullable<StoredDraft['pending']>, dispatchId: string): Promise<void> {
    const api = this.delegate.api();
    if (!api) return;
    this.queued(pending);
    try {
      const item = (await api.outbox?.pending())?.find((waiting) => waiting.key === pending.key);
      if (this.pending !== pending || (item && !item.failure)) return;
      // Sent while away (or refused): carry on from what the service has now.
      this.reset();
      if (item?.failure) {
        this.fail(new PeerError(item.failure.message, { code: item.failure.code, status: item.failure.status }));
        return;
      }
      const log = (await api.calloutLogs.list({ dispatchId, limit: 1 })).items[0];
      if (log && finished(log)) await this.done(log);
      else if (log && pending.step === 'create') await this.submitSaved(log);
      else {
        this.host.log = log;
        this.host.phase = 'ready';
        this.delegate.saveDraft();
      }
    } catch (error) {
      // Unreachable again: keep waiting; the outbox sends it when the connection returns.
      if (!(error instanceof PeerNetworkError)) this.fail(error);
    }
  }

  private async submitSaved(log: CalloutLog, versioned = true): Promise<void> {
    const api = this.delegate.api();
    if (!api) return;
    this.host.phase = 'busy';
    try {
      const version = versioned ? { expectedVersion: log.version } : {};
      await this.done(await api.calloutLogs.submit(log.id, { keep: this.delegate.keptNow(), ...version }));
    } catch (error) {
      if (error instanceof PeerQueuedError) this.queued({ step: 'submit', key: error.idempotencyKey });
      else this.fail(error);
    }
  }

  private async done(log: CalloutLog): Promise<void> {
    this.reset();
    this.host.log = log;
    this.host.phase = 'ready';
    this.delegate.keepFocus();
    await this.delegate.submitted(log);
  }

  private reviewed(log: CalloutLog, decision: ReviewDecision): void {
    this.host.log = log;
    this.host.phase = 'ready';
    this.delegate.reviewed(log, decision);
  }

  private fail(error: unknown): void {
    this.host.phase = 'ready';
    this.delegate.failed(error);
    // Changed elsewhere meanwhile: read it again so a retry sends against the latest version.
    const log = this.host.log;
    if (error instanceof PeerConflictError && log) {
      void this.delegate
        .api()
        ?.calloutLogs.get(log.id)
        .then(
          (latest) => {
            if (this.host.log?.id === latest.id) this.host.log = latest;
          },
          () => undefined,
        );
    }
  }

  /** Waits for a change kept in the outbox; the draft remembers a submit across reloads. */
  private queued(pending: Pending): void {
    this.pending = pending;
    this.host.phase = 'queued';
    this.delegate.keepFocus();
    if (pending.step !== 'review') this.delegate.saveDraft();
    this.outbox.wait(pending.key, {
      sent: (result) => {
        this.pending = undefined;
        this.host.phase = 'ready';
        const sent = z.safeParse(CalloutLog, result);
        if (!sent.success) this.delegate.reload();
        else if (pending.step === 'review') this.reviewed(sent.data, pending.decision);
        else if (pending.step === 'create') void this.submitSaved(sent.data);
        else void this.done(sent.data);
      },
      failed: (error) => {
        this.pending = undefined;
        this.host.phase = 'ready';
        if (pending.step !== 'review') this.delegate.saveDraft();
        this.fail(error);
      },
    });
  }
}
