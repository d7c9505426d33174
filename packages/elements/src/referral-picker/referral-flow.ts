import type { ReactiveElement } from 'lit';
import * as z from 'zod/mini';
import {
  PeerConflictError,
  PeerQueuedError,
  Referral,
  isTerminal,
  referralTransitions,
  type ConsentRevocation,
  type CreateReferralRequest,
  type FieldError,
  type Resource,
} from '@peerlink/sdk';
import { fieldErrorsOf } from '../base/errors.js';
import type { PeerEventMap, PeerEventName } from '../base/events.js';
import { keepFocus } from '../base/focus.js';
import { LatestRun } from '../base/latest-run.js';
import { LiveRecordController } from '../base/live-record-controller.js';
import { OutboxController } from '../base/outbox-controller.js';
import { ConsentRevocationController } from './consent-revocation.js';
import { dateTime, type PickerI18n } from './format.js';
import type { ReferralClient } from './referral-client.js';
import { newDraft, referralRequest, type ConsentDraft, type ConsentFieldPath } from './referral-model.js';

/** Where the picker is: searching, filling in consent, sending, waiting offline, or following a referral. */
export type ReferralPickerPhase = 'search' | 'consent' | 'sending' | 'queued' | 'referred';

/** The step of the flow a change kept in the outbox stands for. */
type QueuedStep = 'create' | 'send';

/** A change to the consent form, read from the form as it is when the person acts. */
export type DraftChange = (draft: ConsentDraft) => Partial<ConsentDraft>;

/** The picker as the referral flow sees it: where it is, and the referral it shows. */
export interface FlowHostElement extends ReactiveElement {
  phase: ReferralPickerPhase;
  referral?: Referral;
}

/** What the referral flow needs from the picker that holds it. */
export interface ReferralFlowHost {
  readonly host: FlowHostElement;
  readonly i18n: PickerI18n;
  client(): ReferralClient | undefined;
  /** The resource chosen, the one referred to. */
  resource(): Resource | undefined;
  dispatchId(): string | undefined;
  emit<K extends PeerEventName>(name: K, detail: PeerEventMap[K]): void;
  /** A referral was created: the host's `value` holds one more id. */
  changed(): void;
  /** A call failed; the error is shown (with `retry` when it can help) and the host's page told. */
  failed(error: unknown): void;
}

/**
 * The referral flow: the consent form's draft and its errors, creating the referral (kept in the
 * outbox when offline), sending it to the resource, following it live through its closed loop,
 * and the revocation of its consent. No referral is created without valid consent. Following the
 * referral and waiting for the outbox pause and resume with the host, in their own controllers.
 */
export class ReferralFlowController {
  /** The consent form as filled in so far. */
  draft?: ConsentDraft;
  /** Whether the form shows its errors: after a send was refused, by the form or the service. */
  showErrors = false;
  /** The service's errors, by field, until that field is edited. */
  serverErrors: readonly FieldError[] = [];
  /** The last call's failure, shown with Retry when it can help. */
  failure?: unknown;
  /** Ids of the referrals created, oldest first. */
  ids: readonly string[] = [];
  /** Tries the failed call again. */
  retry: () => void = () => undefined;
  readonly revocation: ConsentRevocationController;

  /** The referral shown, followed live until it ends. */
  private readonly live: LiveRecordController<Referral>;
  /** A creation or a send kept in the outbox while offline. */
  private readonly outbox: OutboxController;
  /** Each referral started over is a new run: late answers for an older one are dropped. */
  private readonly runs = new LatestRun();

  constructor(private readonly deps: ReferralFlowHost) {
    this.live = new LiveRecordController(deps.host, {
      watch: (id) => deps.client()?.referrals.watch(id),
      changed: (next) => {
        this.show(next);
      },
    });
    this.outbox = new OutboxController(deps.host, () => deps.client()?.outbox);
    this.revocation = new ConsentRevocationController({
      host: deps.host,
      term: (key, params) => deps.i18n.term(key, params),
      date: (value) => dateTime(deps.i18n, value),
      client: () => deps.client(),
      revoked: (result) => {
        this.revoked(result);
      },
      failed: (error, retry) => {
        this.fail(error, retry);
      },
    });
  }

  private get host(): FlowHostElement {
    return this.deps.host;
  }

  /** What stands between the form and a referral, one error per field; none until they are shown. */
  get errors(): readonly FieldError[] {
    const resource = this.deps.resource();
    if (!this.showErrors || !this.draft || !resource) return [];
    const check = referralRequest(this.draft, resource, new Date(), this.deps.dispatchId());
    const errors = [...(check.errors ?? []), ...this.serverErrors];
    return errors.filter((error, index) => errors.findIndex((other) => other.path === error.path) === index);
  }

  /** Opens the consent form for the resource chosen; `personRef` fills in the person when the host knows them. */
  open(personRef: string | undefined): boolean {
    const resource = this.deps.resource();
    if (!resource || !this.deps.client()) return false;
    const draft = newDraft(resource, this.deps.i18n.term('picker.defaultPurpose'), new Date());
    this.draft = personRef ? { ...draft, personRef } : draft;
    this.showErrors = false;
    this.serverErrors = [];
    this.failure = undefined;
    this.host.phase = 'consent';
    return true;
  }

  close(): void {
    this.draft = undefined;
    this.failure = undefined;
    this.host.phase = 'search';
  }

  /** Applies a change to the form; the service's errors on the fields at `paths` are done with. */
  edit(change: DraftChange, paths: readonly ConsentFieldPath[]): void {
    if (!this.draft) return;
    this.draft = { ...this.draft, ...change(this.draft) };
    const touched = (error: FieldError) =>
      paths.some((path) => error.path === path || error.path.startsWith(`${path}.`));
    this.serverErrors = this.serverErrors.filter((error) => !touched(error));
    this.host.requestUpdate();
  }

  /**
   * Checks the form and, when it holds a valid consent, creates the referral and sends it to the
   * resource. Problems are listed at the top of the form (focused) and beside each field.
   */
  async submit(): Promise<void> {
    const resource = this.deps.resource();
    if (!this.deps.client() || !resource || !this.draft || this.host.phase !== 'consent') return;
    this.serverErrors = [];
    const check = referralRequest(this.draft, resource, new Date(), this.deps.dispatchId());
    if (!check.request) {
      this.showErrors = true;
      this.host.requestUpdate();
      this.focusSummary();
      return;
    }
    await this.create(check.request);
  }

  /** Back to the results for another referral; the one made stays in `ids`. */
  another(): void {
    this.runs.start();
    this.revocation.reset();
    this.live.stop();
    this.outbox.stop();
    this.host.referral = undefined;
    this.draft = undefined;
    this.failure = undefined;
    this.host.phase = 'search';
  }

  private async create(request: CreateReferralRequest): Promise<void> {
    const api = this.deps.client();
    if (!api) return;
    const run = this.runs.start();
    this.host.phase = 'sending';
    this.failure = undefined;
    try {
      const referral = await api.referrals.create(request);
      if (!run.stale) this.created(referral);
    } catch (error) {
      if (run.stale) return;
      if (error instanceof PeerQueuedError) {
        this.queue('create', error.idempotencyKey);
        return;
      }
      this.host.phase = 'consent';
      this.serverErrors = fieldErrorsOf(error);
      this.showErrors = true;
      this.fail(error, () => void this.submit());
      if (this.serverErrors.length > 0) this.focusSummary();
    }
  }

  private created(referral: Referral): void {
    this.ids = [...this.ids, referral.id];
    this.deps.emit('peer-referral-created', { referral });
    this.deps.changed();
    this.show(referral);
    this.keepFocus();
    if (referral.status === 'proposed') void this.markSent(referral);
  }

  /** The person consented and the referral is made: it goes to the resource. */
  private async markSent(referral: Referral): Promise<void> {
    const api = this.deps.client();
    if (!api) return;
    const run = this.runs.current;
    this.failure = undefined;
    this.host.requestUpdate();
    try {
      const sent = await api.referrals.transition(referral.id, { to: 'sent', expectedVersion: referral.version });
      if (!run.stale) this.show(sent);
    } catch (error) {
      if (run.stale) return;
      const shown = this.host.referral;
      if (error instanceof PeerQueuedError) this.queue('send', error.idempotencyKey);
      // Moved on elsewhere first (another tab, the receiving service): the watch shows it.
      else if (!(error instanceof PeerConflictError && shown && shown.status !== 'proposed')) {
        this.fail(error, () => {
          if (this.host.referral) void this.markSent(this.host.referral);
        });
      }
    }
  }

  /** Waits for a change kept in the outbox and carries on when it is sent (or refused). */
  private queue(step: QueuedStep, key: string): void {
    this.host.phase = 'queued';
    this.keepFocus();
    this.outbox.wait(key, {
      sent: (result) => {
        const sent = z.safeParse(Referral, result);
        if (!sent.success) return;
        if (step === 'create') this.created(sent.data);
        else this.show(sent.data);
      },
      failed: (error) => {
        this.host.phase = step === 'create' ? 'consent' : 'referred';
        this.serverErrors = fieldErrorsOf(error);
        this.showErrors = this.serverErrors.length > 0;
        this.fail(error, () => void this.submit());
      },
    });
  }

  private show(referral: Referral): void {
    const previous = this.host.referral;
    if (previous?.id === referral.id && previous.version >= referral.version) return;
    this.host.referral = referral;
    if (this.host.phase !== 'queued' || this.outbox.key === undefined) this.host.phase = 'referred';
    if (previous?.id !== referral.id || previous.status !== referral.status) {
      this.deps.emit('peer-referral-status', { referral, status: referral.status });
    }
    if (isTerminal(referralTransitions, referral.status)) this.live.stop();
    else if (this.live.following !== referral.id || !this.live.open) this.live.follow(referral.id);
  }

  /**
   * The service recorded the revocation as its answer says; the referral is shown as the service
   * now holds it (which the revoking role may no longer be allowed to read).
   */
  private revoked(result: ConsentRevocation): void {
    const referral = this.host.referral;
    if (referral?.id !== result.referralId) return;
    const at = result.consent.revokedAt ?? referral.updatedAt;
    const actor = result.consent.revokedBy ?? { kind: 'system' as const };
    const entry = { status: result.status, at, actor, event: 'consent-revoked' as const };
    this.failure = undefined;
    this.show({
      ...referral,
      status: result.status,
      version: result.version,
      consent: result.consent,
      updatedAt: at,
      timeline: [...referral.timeline, entry],
    });
  }

  private fail(error: unknown, retry: () => void): void {
    this.failure = error;
    this.retry = retry;
    this.host.requestUpdate();
    this.keepFocus();
    this.deps.failed(error);
  }

  private focusSummary(): void {
    const host = this.host;
    void host.updateComplete.then(() => {
      host.shadowRoot?.querySelector<HTMLElement>('[part~="error-summary"]')?.focus();
    });
  }

  /** The control a keyboard user was on is gone; keep their place on what replaced it. */
  private keepFocus(): void {
    keepFocus(this.host, ['[part~="error"]', '.status']);
  }
}
