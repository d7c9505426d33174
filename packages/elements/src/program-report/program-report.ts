import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  IncidentType,
  ReportPeriodKind,
  type GetToken,
  type ProgramReport,
  type ProgramReportQuery,
  type ReportPeriod,
} from '@peerlink/sdk';
import { ClientController } from '../base/client-controller.js';
import { errorInfo } from '../base/errors.js';
import { renderReadFailure } from '../base/failure.js';
import { LatestRun } from '../base/latest-run.js';
import { PeerElement } from '../base/peer-element.js';
import { programReportMessages, type ProgramReportMessageKey } from './program-report.messages.js';
import { programReportStyles } from './program-report.styles.js';
import { reportClient, type ReportClient } from './report-client.js';
import { hasWithheld, isEmpty, lastYear } from './report-data.js';
import {
  credentialsSection,
  outcomesSection,
  referralsSection,
  timesSection,
  volumeSection,
  workloadSection,
  type ReportFormats,
} from './render-sections.js';

/** A requesting agency the host lets the report filter by. */
export interface ReportAgencyOption {
  id: string;
  name: string;
}

/** Where the report is: nothing asked yet, loading, shown, or failed. */
export type ProgramReportPhase = 'idle' | 'loading' | 'ready' | 'failed';

/** The properties that make up the report's query: a change to any reloads it. */
const QUERY_PROPERTIES = ['from', 'to', 'period', 'area', 'callType', 'requestingAgencyId'] as const;

/**
 * A peer program's measures for a date range, as a program manager reads them at a glance:
 * call-outs over time, time to acknowledge and to arrive against the 30-minute line, outcomes,
 * the referral funnel, workload per peer (by rank, never named) and credentials expiring. Each
 * chart has a one-sentence summary and a table with its numbers. Small counts (1 to 10) read
 * "<11" and are drawn as a dashed box, never as zero (nor given away by a share). The
 * date range, week or month, area, call type and requesting agency are chosen in the element
 * (or set by the host); the CSV for grant reporting downloads from the service. Printing gives
 * the sections black on white, one per page, without the controls.
 *
 * Needs a supervisor's embed token (or a client built with one): the service refuses others.
 *
 * @summary Program report: charts, tables and summaries of the program's measures, with CSV download.
 *
 * @event peer-report-loaded - A report for the current query was shown. `detail: { report, query }`.
 * @event peer-error - The report or its CSV could not be loaded. `detail: { error: { code, message, status? } }`.
 *
 * @csspart controls - The range and filter controls (not printed).
 * @csspart download - The CSV download button.
 * @csspart status - The loading and empty messages (a polite live region).
 * @csspart error - What went wrong, with a retry button.
 * @csspart section - Each section: call-outs, times, outcomes, referrals, workload, credentials.
 * @csspart summary - Each section's one-sentence summary.
 * @csspart chart - Each chart with its legend.
 * @csspart legend - Each chart's legend.
 * @csspart table - Each table with the chart's numbers.
 *
 * @cssproperty --peer-program-report-max-width - Widest the report grows. Defaults to `60rem`.
 * @cssproperty --peer-program-report-background - Background. Defaults to `--peer-color-surface`.
 *
 * @since 0.2.0
 * @tag peer-program-report
 */
export class PeerProgramReport extends PeerElement<ProgramReportMessageKey> {
  static override styles = [PeerElement.styles, ...programReportStyles];

  constructor() {
    super(programReportMessages);
  }

  private readonly sdk = new ClientController<ReportClient>(this, reportClient);
  /** Each load and each download is a run: a late answer for an older query is dropped. */
  private readonly runs = new LatestRun();
  private readonly downloads = new LatestRun();

  @state() private report?: ProgramReport;
  @state() private failure?: unknown;
  @state() private downloading = false;
  @state() private loading = false;

  /** A client with `reports` (`createProgramClient()`); takes precedence over `base-url`. */
  @property({ attribute: false }) client?: ReportClient;

  /** The Peerlink service, used with `getToken` when no `client` is given. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** Returns a supervisor's embed token from the host's server; used with `base-url`. */
  @property({ attribute: false }) getToken?: GetToken;

  /** First day of the range (`YYYY-MM-DD`, the agency's time zone). Defaults to 52 weeks before `to`. */
  @property({ reflect: true }) from?: string;

  /** Last day of the range, included. Defaults to today. */
  @property({ reflect: true }) to?: string;

  /** `week` (Monday to Sunday) or `month`. */
  @property({ reflect: true }) period: ReportPeriodKind = 'week';

  /** Only call-outs in this area. */
  @property({ reflect: true }) area?: string;

  /** Only call-outs of this call type (e.g. `overdose-nonfatal`). */
  @property({ attribute: 'call-type', reflect: true }) callType?: IncidentType;

  /** Only call-outs requested by this partner agency (its id). */
  @property({ attribute: 'requesting-agency-id', reflect: true }) requestingAgencyId?: string;

  /** The areas offered in the area filter (the agency's area codes); without them there is no area filter. */
  @property({ attribute: false }) areas: readonly string[] = [];

  /** The partner agencies offered in the requesting-agency filter; without them there is none. */
  @property({ attribute: false }) agencies: readonly ReportAgencyOption[] = [];

  /** Where the report is now (read-only). */
  get phase(): ProgramReportPhase {
    if (this.failure !== undefined) return 'failed';
    if (this.loading) return 'loading';
    return this.report ? 'ready' : 'idle';
  }

  private readonly handleChange = (event: Event): void => {
    const control = event.target;
    if (!(control instanceof HTMLInputElement || control instanceof HTMLSelectElement)) return;
    const value = control.value || undefined;
    switch (control.name) {
      case 'from':
        if (value) this.from = value;
        break;
      case 'to':
        if (value) this.to = value;
        break;
      case 'period':
        this.period = value === 'month' ? 'month' : 'week';
        break;
      case 'area':
        this.area = value;
        break;
      case 'callType':
        this.callType = IncidentType.options.find((option) => option === value);
        break;
      case 'requestingAgencyId':
        this.requestingAgencyId = value;
        break;
    }
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.sdk.changed(changed) || QUERY_PROPERTIES.some((name) => changed.has(name))) void this.reload();
  }

  /** The query the report shows now: the properties, with the last 52 weeks by default. */
  get query(): ProgramReportQuery {
    const range = lastYear(this.to ? new Date(`${this.to}T12:00:00`) : new Date());
    return {
      from: this.from ?? range.from,
      to: this.to ?? range.to,
      period: this.period,
      ...(this.area ? { area: this.area } : {}),
      ...(this.callType ? { callType: this.callType } : {}),
      ...(this.requestingAgencyId ? { requestingAgencyId: this.requestingAgencyId } : {}),
    };
  }

  /** Loads the report for the current query again; resolves once it is shown (or failed, or overtaken). */
  async reload(): Promise<void> {
    const api = this.sdk.value;
    const run = this.runs.start();
    if (!api) return;
    const query = this.query;
    this.loading = true;
    this.failure = undefined;
    try {
      const report = await api.reports.program(query, { signal: run.signal });
      if (run.stale) return;
      this.report = report;
      this.loading = false;
      this.emit('peer-report-loaded', { report, query });
    } catch (error) {
      if (run.stale) return;
      this.loading = false;
      this.report = undefined;
      this.failure = error;
      this.emit('peer-error', { error: errorInfo(error) });
    }
  }

  /** Downloads the report for the current query as CSV from the service (UTF-8 with a byte order mark). */
  async download(): Promise<void> {
    const api = this.sdk.value;
    const run = this.downloads.start();
    if (!api) return;
    const query = this.query;
    this.downloading = true;
    try {
      const csv = await api.reports.programCsv(query, { signal: run.signal });
      if (run.stale) return;
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `program-report-${query.from}-${query.to}-${query.period}.csv`;
      link.hidden = true;
      this.renderRoot.append(link);
      link.click();
      link.remove();
      setTimeout(() => {
        URL.revokeObjectURL(url);
      }, 0);
    } catch (error) {
      if (!run.stale) this.emit('peer-error', { error: errorInfo(error) });
    } finally {
      if (!run.stale) this.downloading = false;
    }
  }

  private readonly formats: ReportFormats = {
    term: (key, params) => this.i18n.term(key, params),
    count: (value) => this.i18n.number(value),
    minutes: (value) =>
      this.i18n.term('report.minutes', { minutes: this.i18n.number(value, { maximumFractionDigits: 1 }) }),
    share: (value) => this.i18n.number(value, { style: 'percent', maximumFractionDigits: 0 }),
    period: (period, short) => this.periodLabel(period, short),
  };

  private day(value: string, options: Intl.DateTimeFormatOptions): string {
    return this.i18n.date(`${value}T00:00:00Z`, { ...options, timeZone: 'UTC' });
  }

  private periodLabel(period: ReportPeriod, short: boolean): string {
    if (this.report?.period === 'month') return this.day(period.start, { month: 'short', year: 'numeric' });
    if (short) return this.day(period.start, { month: 'short', day: 'numeric' });
    return `${this.day(period.start, { dateStyle: 'medium' })} – ${this.day(period.end, { dateStyle: 'medium' })}`;
  }

  private select(
    name: string,
    label: ProgramReportMessageKey,
    all: ProgramReportMessageKey | undefined,
    value: string | undefined,
    options: readonly { value: string; label: string }[],
  ): TemplateResult {
    return html`<label
      >${this.i18n.term(label)}
      <select name=${name} .value=${value ?? ''}>
        ${all ? html`<option value="" ?selected=${!value}>${this.i18n.term(all)}</option>` : nothing}
        ${options.map((option) => html`<option value=${option.value} ?selected=${option.value === value}>${option.label}</option>`)}
      </select></label
    >`;
  }

  private renderControls(query: ProgramReportQuery): TemplateResult {
    return html`<fieldset part="controls" class="controls" @change=${this.handleChange}>
      <legend>${this.i18n.term('report.filters')}</legend>
      <label>${this.i18n.term('report.from')} <input type="date" name="from" .value=${query.from} max=${query.to} /></label>
      <label>${this.i18n.term('report.to')} <input type="date" name="to" .value=${query.to} min=${query.from} /></label>
      ${this.select(
        'period',
        'report.period',
        undefined,
        query.period,
        ReportPeriodKind.options.map((kind) => ({ value: kind, label: this.i18n.term(`report.period.${kind}`) })),
      )}
      ${
        this.areas.length > 0
          ? this.select(
              'area',
              'report.area',
              'report.area.all',
              query.area,
              this.areas.map((area) => ({ value: area, label: area })),
            )
          : nothing
      }
      ${this.select(
        'callType',
        'report.callType',
        'report.callType.all',
        query.callType,
        IncidentType.options.map((type) => ({ value: type, label: this.i18n.term(`report.callType.${type}`) })),
      )}
      ${
        this.agencies.length > 0
          ? this.select(
              'requestingAgencyId',
              'report.agency',
              'report.agency.all',
              query.requestingAgencyId,
              this.agencies.map((agency) => ({ value: agency.id, label: agency.name })),
            )
          : nothing
      }
      <div class="actions">
        <button type="button" part="download" ?disabled=${!this.report || this.downloading} @click=${() => void this.download()}>
          ${this.i18n.term(this.downloading ? 'report.downloading' : 'report.download')}
        </button>
      </div>
    </fieldset>`;
  }

  private renderStatus(): TemplateResult {
    const report = this.report;
    const text = this.loading
      ? this.i18n.term('common.loading')
      : report && isEmpty(report)
        ? this.i18n.term('report.empty')
        : '';
    return html`<p part="status" class="status" role="status">${text}</p>`;
  }

  private renderFailure(): TemplateResult | typeof nothing {
    if (this.failure === undefined) return nothing;
    return renderReadFailure(this.i18n, this.failure, () => void this.reload());
  }

  private renderReport(report: ProgramReport): TemplateResult {
    const f = this.formats;
    return html`<p class="meta">
        ${this.i18n.term('report.range', {
          from: this.day(report.from, { dateStyle: 'long' }),
          to: this.day(report.to, { dateStyle: 'long' }),
          period: this.i18n.term(`report.period.${report.period}`).toLocaleLowerCase(this.i18n.lang),
        })}
      </p>
      ${report.smallCells === 'suppressed' ? html`<p class="meta">${this.i18n.term('report.smallCells')}</p>` : nothing}
      ${hasWithheld(report) ? html`<p class="meta">${this.i18n.term('report.withheld')}</p>` : nothing}
      ${volumeSection(report, f)} ${timesSection(report, f)} ${outcomesSection(report, f)} ${referralsSection(report, f)}
      ${workloadSection(report, f)} ${credentialsSection(report, f)}`;
  }

  override render(): TemplateResult {
    const report = this.report;
    return html`${this.renderControls(this.query)} ${this.renderStatus()} ${this.renderFailure()}
      <div class="report" aria-busy=${this.loading ? 'true' : 'false'}>
        ${report && !isEmpty(report) ? this.renderReport(report) : nothing}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-program-report': PeerProgramReport;
  }
}
