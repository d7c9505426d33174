import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PeerNetworkError, type CalloutLog, type Dispatch, type GetToken } from '@peerlink/sdk';
import { ClientController } from '../base/client-controller.js';
import { errorInfo } from '../base/errors.js';
import { renderFailure } from '../base/failure.js';
import { keepFocus } from '../base/focus.js';
import { IntervalController } from '../base/interval-controller.js';
import { LatestRun, type Run } from '../base/latest-run.js';
import { LiveRecordController } from '../base/live-record-controller.js';
import { PeerElement } from '../base/peer-element.js';
import { elapsed } from '../base/relative-time.js';
import type { ReviewDecision } from '../callout-log-form/callout-log-client.js';
import { logReviewQueueMessages, type LogReviewQueueMessageKey } from './log-review-queue.messages.js';
import { logReviewQueueStyles } from './log-review-queue.styles.js';
import { oldestFirst, queueItem, type QueueItem } from './queue-model.js';
import { logReviewQueueClient, type LogReviewQueueClient } from './review-queue-client.js';

export type { LogReviewQueueClient } from './review-queue-client.js';

/** Where the queue is: reading, showing the list, or a failure with nothing to show. */
export type LogReviewQueuePhase = 'idle' | 'loading' | 'ready' | 'failed';

interface Page {
  items: CalloutLog[];
  nextCursor: string | null;
}

/** The most logs the queue reads at once: more than a program reviews in a day. */
const QUEUE_SIZE = 200;
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

/**
 * The supervisor's review queue: every submitted call-out log waiting for review, the longest
 * waiting first, each with its age and the call-out's facts — call type, area, times and the
 * position the peer answered in. The list never shows the narrative, the investigator note or any
 * other free text. Opening a log shows it in `<peer-callout-log-form mode="review">`, where the
 * supervisor approves it or returns it with comments; the queue then shows the next.
 *
 * The queue follows the SDK's event stream: a log a peer submits appears within a second, and one
 * reviewed elsewhere leaves. Without a connection it keeps what it last read and says so.
 *
 * Give it a `client` (such as `createPeerlinkClient()`), or a `base-url` and a `getToken` that
 * returns a supervisor's embed token.
 *
 * @summary The supervisor's queue of submitted call-out logs, oldest first, reviewed in place.
 *
 * @event peer-queue-change - The number of logs waiting changed. `detail: { count }`.
 * @event peer-log-open - A log was opened for review (`logId`), or closed (`null`). `detail: { logId }`.
 * @event peer-log-reviewed - Bubbles from the opened form: the decision was recorded. `detail: { log, decision }`.
 * @event peer-error - A call to Peerlink failed; the error is also shown. `detail: { error: { code, message, status? } }`.
 *
 * @csspart base - Everything the queue shows.
 * @csspart heading - The heading.
 * @csspart count - How many logs are waiting.
 * @csspart list - The list of waiting logs.
 * @csspart item - One waiting log.
 * @csspart facts - A log's call-out facts.
 * @csspart age - How long a log has waited.
 * @csspart open - The button opening a log for review.
 * @csspart empty - Said when nothing waits.
 * @csspart offline - Said while the service cannot be reached.
 * @csspart back - The button back to the queue from a log.
 * @csspart form - The `<peer-callout-log-form>` showing the opened log.
 * @csspart announcer - The live region announcing changes to the queue (visually hidden).
 * @csspart error - The message shown when a call fails.
 *
 * @cssproperty --peer-log-review-queue-background - Background. Defaults to `--peer-color-surface`.
 * @cssproperty --peer-log-review-queue-padding - Padding. Defaults to `--peer-space-4`.
 * @cssproperty --peer-log-review-queue-target-size - Minimum height of buttons. Defaults to 2.75rem (44px).
 *
 * @since 0.2.0
 * @tag peer-log-review-queue
 */
export class PeerLogReviewQueue extends PeerElement<LogReviewQueueMessageKey> {
  static override styles = [PeerElement.styles, logReviewQueueStyles];

  private readonly sdk = new ClientController<LogReviewQueueClient>(this, logReviewQueueClient);
  private readonly runs = new LatestRun();
  private readonly live = new LiveRecordController<Page>(this, {
    watch: () => this.sdk.value?.calloutLogs.watchList({ status: 'submitted', order: 'oldest', limit: QUEUE_SIZE }),
    changed: (page) => {
      this.failure = undefined;
      // Each page starts a run of its own: an older page still reading call-outs is dropped.
      void this.show(page.items, this.runs.start());
    },
  });
  // Ages are in minutes: say them again every half minute.
  private readonly clock = new IntervalController(this, 30_000, () => this.logs.length > 0);
  private readonly dispatches = new Map<string, Dispatch>();

  /** The waiting logs, the longest waiting first (read-only). */
  @state() logs: readonly CalloutLog[] = [];

  /** Where the queue is (read-only). */
  @state() phase: LogReviewQueuePhase = 'idle';

  /** The log opened for review, if any (read-only). */
  @state() openLogId?: string;

  @state() private failure?: unknown;
  @state() private announcement = '';

  /** A Peerlink client with `calloutLogs` (with `watchList`), `dispatches` and `drafts` (e.g. `createPeerlinkClient()`). Takes precedence over `base-url`. */
  @property({ attribute: false }) client?: LogReviewQueueClient;

  /** The Peerlink service to build a client for, with `getToken`, when no `client` is given. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** Returns a supervisor's embed token from the host's server. */
  @property({ attribute: false }) getToken?: GetToken;

  constructor() {
    super(logReviewQueueMessages);
  }

  private readonly handleReviewed = (event: GlobalEventHandlersEventMap['peer-log-reviewed']): void => {
    const { log, decision } = event.detail;
    void this.afterReview(log, decision);
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.sdk.changed(changed)) void this.load();
  }

  /** Reads the queue again now (it also follows changes live by itself). */
  async refresh(): Promise<void> {
    await this.load();
  }

  /** Opens a waiting log for review, as its Review button does. */
  open(logId: string): void {
    this.openLogId = logId;
    this.emit('peer-log-open', { logId });
    keepFocus(this, ['[part~="back"]'], { always: true, hadFocus: true });
  }

  /** Back to the queue from an opened log. */
  close(): void {
    const was = this.openLogId;
    this.openLogId = undefined;
    this.emit('peer-log-open', { logId: null });
    const next = this.logs.find((log) => log.id === was) ?? this.logs[0];
    keepFocus(this, next ? [`[data-log="${next.id}"]`, '[part~="heading"]'] : ['[part~="heading"]'], {
      always: true,
      hadFocus: true,
    });
  }

  private async load(): Promise<void> {
    const api = this.sdk.value;
    this.live.stop();
    if (!api) {
      this.phase = 'idle';
      return;
    }
    const run = this.runs.start();
    this.phase = this.logs.length > 0 ? 'ready' : 'loading';
    try {
      const page = await api.calloutLogs.list(
        { status: 'submitted', order: 'oldest', limit: QUEUE_SIZE },
        { signal: run.signal },
      );
      if (run.stale) return;
      this.failure = undefined;
      this.live.follow('queue');
      await this.show(page.items, run);
    } catch (error) {
      if (run.stale) return;
      this.failure = error;
      this.phase = this.logs.length > 0 ? 'ready' : 'failed';
      this.emit('peer-error', { error: errorInfo(error) });
      // Followed even after a failure: the stream reads the queue again when it (re)opens.
      this.live.follow('queue');
    }
  }

  /**
   * Shows `logs` once their call-outs are read (a call-out that cannot be read shows the log's own facts),
   * unless a newer `run` has started meanwhile.
   */
  private async show(logs: readonly CalloutLog[], run: Run): Promise<void> {
    const next = oldestFirst(logs);
    const api = this.sdk.value;
    const unknown = [...new Set(next.map((log) => log.dispatchId))].filter((id) => !this.dispatches.has(id));
    await Promise.all(
      unknown.map(async (id) => {
        const dispatch = await api?.dispatches.get(id, { signal: run.signal }).catch(() => undefined);
        if (dispatch) this.dispatches.set(id, dispatch);
      }),
    );
    if (run.stale) return;
    const before = new Set(this.logs.map((log) => log.id));
    const added = this.phase === 'ready' && next.some((log) => !before.has(log.id));
    const changed = next.length !== this.logs.length || added;
    this.logs = next;
    this.phase = 'ready';
    if (changed) {
      const count = next.length;
      if (added) this.announcement = this.i18n.term('queue.added', { count });
      this.emit('peer-queue-change', { count });
    }
  }

  private async afterReview(log: CalloutLog, decision: ReviewDecision): Promise<void> {
    this.logs = this.logs.filter((waiting) => waiting.id !== log.id);
    this.announcement = this.i18n.term(`queue.reviewed.${decision}`, { count: this.logs.length });
    this.emit('peer-queue-change', { count: this.logs.length });
    this.close();
    await this.updateComplete;
  }

  private renderFacts(item: QueueItem): TemplateResult {
    const i18n = this.i18n;
    const time = (label: LogReviewQueueMessageKey, value: string | undefined) =>
      value
        ? html`<div>
            <dt>${i18n.term(label)}</dt>
            <dd><time datetime=${value}>${i18n.date(value, TIME)}</time></dd>
          </div>`
        : nothing;
    return html`<dl part="facts">
      ${
        item.area
          ? html`<div>
              <dt>${i18n.term('queue.area')}</dt>
              <dd>${item.area}</dd>
            </div>`
          : nothing
      }
      ${time('queue.dispatched', item.dispatchedAt)} ${time('queue.arrived', item.arrivedAt)}
      ${time('queue.cleared', item.clearedAt)}
      ${
        item.position
          ? html`<div>
              <dt>${i18n.term('queue.role')}</dt>
              <dd>${i18n.term(`queue.position.${item.position}`)}</dd>
            </div>`
          : nothing
      }
    </dl>`;
  }

  private renderItem(log: CalloutLog): TemplateResult {
    const item = queueItem(log, this.dispatches.get(log.dispatchId));
    const i18n = this.i18n;
    const title = item.callType ? i18n.term(`common.incidentType.${item.callType}`) : i18n.term('queue.unknownCall');
    const age = elapsed(Date.parse(item.submittedAt));
    const titleId = `title-${item.id}`;
    return html`<li part="item" aria-labelledby=${titleId}>
      <div>
        <p class="title" id=${titleId}>${title}</p>
        <p part="age" class="muted">
          <time datetime=${item.submittedAt}>
            ${i18n.term('queue.submitted', { age: i18n.relativeTime(age.value, age.unit) })}
          </time>
        </p>
        ${this.renderFacts(item)}
      </div>
      <button
        type="button"
        part="open"
        data-log=${item.id}
        aria-describedby=${titleId}
        @click=${() => {
          this.open(item.id);
        }}
      >
        ${i18n.term('queue.open')}
      </button>
    </li>`;
  }

  private renderList(): TemplateResult {
    const i18n = this.i18n;
    if (this.phase === 'idle') return html`<p class="muted">${i18n.term('queue.noClient')}</p>`;
    if (this.phase === 'loading') return html`<p class="muted" role="status">${i18n.term('common.loading')}</p>`;
    if (this.phase === 'failed') return html``;
    if (this.logs.length === 0) return html`<p part="empty" class="muted">${i18n.term('queue.empty')}</p>`;
    return html`<ol part="list">
      ${this.logs.map((log) => this.renderItem(log))}
    </ol>`;
  }

  private renderReview(logId: string): TemplateResult {
    const log = this.logs.find((waiting) => waiting.id === logId);
    return html`<section part="base" class="base" aria-label=${this.i18n.term('queue.reviewing')}>
      <div>
        <button
          type="button"
          part="back"
          @click=${() => {
            this.close();
          }}
        >
          ${this.i18n.term('queue.back')}
        </button>
      </div>
      <peer-callout-log-form
        part="form"
        mode="review"
        lang=${this.i18n.lang}
        .client=${this.sdk.value}
        log-id=${logId}
        dispatch-id=${log?.dispatchId ?? ''}
        @peer-log-reviewed=${this.handleReviewed}
      ></peer-callout-log-form>
    </section>`;
  }

  private renderQueue(): TemplateResult {
    const i18n = this.i18n;
    const offline = this.failure instanceof PeerNetworkError;
    return html`<section part="base" class="base" aria-labelledby="heading">
      <div class="header">
        <h2 part="heading" id="heading" tabindex="-1">${i18n.term('queue.heading')}</h2>
        ${
          this.phase === 'ready'
            ? html`<span part="count" class="muted">${i18n.term('queue.count', { count: this.logs.length })}</span>`
            : nothing
        }
      </div>
      ${offline && this.phase === 'ready' ? html`<p part="offline" role="status">${i18n.term('queue.offline')}</p>` : nothing}
      ${
        this.failure !== undefined && !(offline && this.phase === 'ready')
          ? renderFailure(i18n, this.failure, () => void this.load())
          : nothing
      }
      ${this.renderList()}
    </section>`;
  }

  protected override render(): TemplateResult {
    // One live region in both views, so an announcement made as a review closes lands in a region already read.
    return html`${this.openLogId ? this.renderReview(this.openLogId) : this.renderQueue()}
      <p part="announcer" class="visually-hidden" role="status">${this.announcement}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-log-review-queue': PeerLogReviewQueue;
  }
}
