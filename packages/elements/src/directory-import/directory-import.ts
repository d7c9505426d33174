import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PeerConflictError, type DirectoryImport, type GetToken } from '@peerlink/sdk';
import { ClientController } from '../base/client-controller.js';
import { errorInfo } from '../base/errors.js';
import { renderFailure } from '../base/failure.js';
import { labelledField } from '../base/fields/labelled-field.js';
import { keepFocus } from '../base/focus.js';
import { LatestRun, type Run } from '../base/latest-run.js';
import { PeerElement } from '../base/peer-element.js';
import { CapacityPanel } from './capacity-panel.js';
import { directoryImportClient, type DirectoryImportClient } from './directory-import-client.js';
import { directoryImportMessages, type DirectoryImportMessageKey } from './directory-import.messages.js';
import { directoryImportStyles } from './directory-import.styles.js';
import { barOf, parseUpload, toWriteOf, type ImportStage } from './import-model.js';
import { renderReport } from './render-report.js';

export type { DirectoryImportClient } from './directory-import-client.js';
export type { ImportStage } from './import-model.js';

/** How often a running import's progress is read. */
const POLL_MS = 400;
/** A progress read slower than this means the service is busy writing: the bar turns indeterminate. */
const SLOW_MS = 1500;

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * The supervisor's directory tools: import an Open Referral HSDS 3.0 file, and quick capacity
 * updates for one resource.
 *
 * Choosing a file checks it at once (a dry run: nothing is written) and shows the counts — new,
 * changed, unchanged, with errors, warnings — and every record with an error or a warning, by its
 * place in the file. With no error, Import writes them all in one transaction, with a progress bar
 * and a Cancel button; a cancelled import writes nothing. While the service writes without
 * reporting how far it is (the embedded store answers no read until its one write ends), the bar is
 * indeterminate and says so.
 *
 * Below, a supervisor finds a resource by name and sets its open beds, open slots and whether it
 * accepts new clients.
 *
 * Give it a `client` (`createProgramClient()`), or a `base-url` and a `getToken` that returns a
 * supervisor's embed token. Nothing is queued offline: an import is a deliberate act, retried by hand.
 *
 * @summary HSDS 3.0 directory import (dry run, progress, cancel) and quick capacity updates.
 *
 * @event peer-import-checked - The dry run's report is shown. `detail: { job }`.
 * @event peer-import-done - The import wrote everything. `detail: { job }`.
 * @event peer-import-cancelled - The import was cancelled; nothing was written. `detail: { id }`.
 * @event peer-capacity-saved - A resource's capacity was saved. `detail: { resource }`.
 * @event peer-error - A call to Peerlink failed; the error is also shown. `detail: { error: { code, message, status? } }`.
 *
 * @csspart base - Everything the element shows.
 * @csspart heading - The heading.
 * @csspart file - The file chooser.
 * @csspart report - The dry run's report.
 * @csspart counts - The report's counts.
 * @csspart records - The records with errors or warnings.
 * @csspart record - One of them.
 * @csspart import - The Import button.
 * @csspart progress - The progress bar.
 * @csspart progress-label - What the progress bar stands for now.
 * @csspart cancel - The Cancel import button.
 * @csspart outcome - What the import did (done or cancelled).
 * @csspart capacity - The capacity section.
 * @csspart resource-search - The resource search field.
 * @csspart resources - The resources found.
 * @csspart resource - One resource found (a toggle button).
 * @csspart capacity-form - The capacity fields of the chosen resource.
 * @csspart save-capacity - The Save capacity button.
 * @csspart capacity-status - Says when the capacity was saved.
 * @csspart error - The message shown when a call fails.
 *
 * @cssproperty --peer-directory-import-background - Background. Defaults to `--peer-color-surface`.
 * @cssproperty --peer-directory-import-padding - Padding. Defaults to `--peer-space-4`.
 * @cssproperty --peer-directory-import-target-size - Minimum height of buttons and fields. Defaults to 2.75rem (44px).
 *
 * @since 0.2.0
 * @tag peer-directory-import
 */
export class PeerDirectoryImport extends PeerElement<DirectoryImportMessageKey> {
  static override styles = [PeerElement.styles, directoryImportStyles];

  private readonly sdk = new ClientController<DirectoryImportClient>(this, directoryImportClient);
  private readonly runs = new LatestRun();
  private readonly capacity = new CapacityPanel(this, {
    api: () => this.sdk.value,
    saved: (resource) => {
      this.emit('peer-capacity-saved', { resource });
    },
    failed: (error) => {
      this.emit('peer-error', { error: errorInfo(error) });
    },
  });

  /** Where the import is (read-only). */
  @state() stage: ImportStage = 'idle';

  /** The dry run's report of the chosen file (read-only). */
  @state() report?: DirectoryImport;

  /** The running or finished import, as last read (read-only). */
  @state() job?: DirectoryImport;

  @state() private fileName = '';
  @state() private failure?: unknown;
  @state() private notJson = false;
  @state() private tooLate = false;
  /** Whether progress reads answer promptly; when not, the service is writing and the bar is indeterminate. */
  @state() private answering = true;
  private payload: unknown;
  private importId?: string;

  /** A client with `directory` and `resources` (e.g. `createProgramClient()`). Takes precedence over `base-url`. */
  @property({ attribute: false }) client?: DirectoryImportClient;

  /** The Peerlink service to build a client for, with `getToken`, when no `client` is given. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** Returns a supervisor's embed token from the host's server. */
  @property({ attribute: false }) getToken?: GetToken;

  constructor() {
    super(directoryImportMessages);
  }

  private readonly handleFile = (event: Event): void => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) void this.check(file);
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.sdk.changed(changed) && this.stage !== 'importing' && this.stage !== 'cancelling') this.reset();
  }

  /** Reads `file` and checks it with a dry run, as choosing it does. */
  async check(file: Blob & { name?: string }): Promise<void> {
    this.reset();
    const run = this.runs.start();
    this.fileName = file.name ?? '';
    this.stage = 'reading';
    const payload = parseUpload(await file.text());
    if (run.stale) return;
    if (payload === undefined) {
      this.notJson = true;
      this.stage = 'failed';
      return;
    }
    this.payload = payload;
    await this.dryRun(run);
  }

  /** Imports the checked file, as the Import button does. */
  async import(): Promise<void> {
    const api = this.sdk.value;
    if (!api || !this.report || this.report.counts.error > 0 || this.stage !== 'checked') return;
    const run = this.runs.start();
    const id = crypto.randomUUID();
    this.importId = id;
    this.job = undefined;
    this.answering = true;
    this.stage = 'importing';
    keepFocus(this, ['[part~="cancel"]'], { always: true });
    void this.follow(api, id, run);
    try {
      const job = await api.directory.importHsds(this.payload as Parameters<typeof api.directory.importHsds>[0], {
        id,
      });
      if (run.stale) return;
      this.job = job;
      this.stage = 'done';
      this.emit('peer-import-done', { job });
    } catch (error) {
      if (run.stale) return;
      if (error instanceof PeerConflictError && this.cancelAsked()) {
        this.stage = 'cancelled';
        return;
      }
      this.fail(error);
    }
    keepFocus(this, ['[part~="outcome"]', '[part~="error"]'], { always: true });
  }

  /** Cancels the running import, as the Cancel button does: nothing is written. */
  async cancel(): Promise<void> {
    const api = this.sdk.value;
    const id = this.importId;
    // Until the service has answered for the job once, there is nothing it could cancel yet.
    if (!api || !id || this.stage !== 'importing' || !this.job) return;
    this.stage = 'cancelling';
    try {
      const job = await api.directory.cancelImport(id);
      if (this.importId !== id) return;
      this.job = job;
      this.stage = 'cancelled';
      this.emit('peer-import-cancelled', { id });
      keepFocus(this, ['[part~="outcome"]'], { always: true });
    } catch (error) {
      if (this.importId !== id) return;
      if (error instanceof PeerConflictError) {
        // It ended first: its own answer says how.
        this.tooLate = true;
        if (this.stage === 'cancelling') this.stage = 'importing';
        return;
      }
      this.fail(error);
    }
  }

  /** Whether a cancel was asked for (the stage changes while an import awaits its answer). */
  private cancelAsked(): boolean {
    return this.stage === 'cancelling' || this.stage === 'cancelled';
  }

  private reset(): void {
    this.runs.start();
    this.stage = 'idle';
    this.report = undefined;
    this.job = undefined;
    this.failure = undefined;
    this.notJson = false;
    this.tooLate = false;
    this.payload = undefined;
    this.importId = undefined;
  }

  private async dryRun(run: Run): Promise<void> {
    const api = this.sdk.value;
    if (!api) return;
    this.stage = 'checking';
    this.failure = undefined;
    try {
      const report = await api.directory.importHsds(
        this.payload as Parameters<typeof api.directory.importHsds>[0],
        { dryRun: true },
        { signal: run.signal },
      );
      if (run.stale) return;
      this.report = report;
      this.stage = 'checked';
      this.emit('peer-import-checked', { job: report });
      keepFocus(this, ['#report-heading'], { always: true });
    } catch (error) {
      if (!run.stale) this.fail(error);
    }
  }

  /** Reads the import's progress until it ends; a slow read means the service is busy writing. */
  private async follow(api: DirectoryImportClient, id: string, run: Run): Promise<void> {
    const running = () => !run.stale && (this.stage === 'importing' || this.stage === 'cancelling');
    while (running()) {
      const slow = setTimeout(() => {
        this.answering = false;
      }, SLOW_MS);
      try {
        const job = await api.directory.importStatus(id, { signal: run.signal });
        if (running()) this.job = job;
      } catch {
        // Not started yet (404), or a read that failed: the import's own answer says how it ended.
      }
      clearTimeout(slow);
      this.answering = true;
      await sleep(POLL_MS);
    }
  }

  private fail(error: unknown): void {
    this.failure = error;
    this.stage = 'failed';
    this.emit('peer-error', { error: errorInfo(error) });
  }

  private renderProgress(): TemplateResult {
    const i18n = this.i18n;
    const toWrite = this.report ? toWriteOf(this.report) : 0;
    const bar = barOf(this.job, toWrite, this.answering);
    const job = this.job;
    const label =
      this.stage === 'cancelling'
        ? i18n.term('dir.cancelling')
        : !job
          ? i18n.term('dir.waiting')
          : !this.answering || (job.status === 'writing' && !bar)
            ? i18n.term('dir.writingUnknown')
            : job.status === 'writing'
              ? i18n.term('dir.writing', { count: toWrite })
              : i18n.term('dir.validating', { processed: job.processed });
    return html`<div class="progress">
      <label for="progress" part="progress-label">${label}</label>
      ${
        bar
          ? html`<progress id="progress" part="progress" max=${bar.max} .value=${bar.value}></progress>`
          : html`<progress id="progress" part="progress" aria-busy="true"></progress>`
      }
      <div>
        <button
          type="button"
          part="cancel"
          aria-disabled=${this.stage === 'cancelling' || !this.job ? 'true' : 'false'}
          @click=${() => void this.cancel()}
        >
          ${i18n.term(this.stage === 'cancelling' ? 'dir.cancelling' : 'dir.cancel')}
        </button>
      </div>
    </div>`;
  }

  private renderChecked(report: DirectoryImport): TemplateResult {
    const i18n = this.i18n;
    if (report.counts.error > 0) return html`<p class="note">${i18n.term('dir.hasErrors')}</p>`;
    const count = toWriteOf(report);
    if (count === 0) return html`<p class="note">${i18n.term('dir.nothing')}</p>`;
    return html`<div>
      <button type="button" class="primary" part="import" @click=${() => void this.import()}>
        ${i18n.term('dir.import', { count })}
      </button>
    </div>`;
  }

  private renderStage(): TemplateResult | typeof nothing {
    const i18n = this.i18n;
    const job = this.job;
    switch (this.stage) {
      case 'reading':
        return html`<p role="status">${i18n.term('dir.reading')}</p>`;
      case 'checking':
        return html`<p role="status">${i18n.term('dir.checking')}</p>`;
      case 'checked':
        return this.report ? this.renderChecked(this.report) : nothing;
      case 'importing':
      case 'cancelling':
        return this.renderProgress();
      case 'done':
        return job
          ? html`<p part="outcome" class="outcome" role="status" tabindex="-1">
              ${i18n.term('dir.done', job.counts)}
            </p>`
          : nothing;
      case 'cancelled':
        return html`<p part="outcome" class="outcome" role="status" tabindex="-1">${i18n.term('dir.cancelled')}</p>`;
      case 'failed':
        return this.notJson
          ? html`<p part="error" class="error" role="alert">${i18n.term('dir.notJson')}</p>`
          : renderFailure(i18n, this.failure, () => {
              if (this.report) this.stage = 'checked';
              else void this.dryRun(this.runs.start());
            });
      default:
        return nothing;
    }
  }

  protected override render(): TemplateResult {
    const i18n = this.i18n;
    const busy = this.stage === 'importing' || this.stage === 'cancelling' || this.stage === 'reading';
    return html`<section part="base" class="base" aria-labelledby="heading">
      <h2 part="heading" id="heading">${i18n.term('dir.heading')}</h2>
      <section class="panel" aria-labelledby="import-heading">
        <h3 id="import-heading">${i18n.term('dir.import.heading')}</h3>
        ${labelledField(
          'file',
          i18n.term('dir.file'),
          html`<input
              id="file"
              part="file"
              type="file"
              accept="application/json,.json"
              aria-describedby="file-help"
              ?disabled=${busy}
              @change=${this.handleFile}
            />
            <p id="file-help" class="muted">${i18n.term('dir.fileHelp')}</p>`,
        )}
        ${this.report && this.stage !== 'checking' ? renderReport(i18n, this.report, this.fileName) : nothing}
        ${this.renderStage()}
        ${this.tooLate ? html`<p class="note" role="status">${i18n.term('dir.tooLate')}</p>` : nothing}
      </section>
      ${this.capacity.render(i18n)}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-directory-import': PeerDirectoryImport;
  }
}
