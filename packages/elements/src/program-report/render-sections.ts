// The report's four sections. Each is a heading, a one-sentence summary, a chart (an image the
// table repeats, hidden from assistive technology) with its legend, and the table with the numbers.
import { html, nothing, svg, type TemplateResult } from 'lit';
import {
  referralStatuses,
  smallCellMarker,
  type ProgramReport,
  type ReportMeasureId,
  type ReportPeriod,
} from '@peerlink/sdk';
import { barChart, lineChart, type ChartSeries, type ChartValue } from './charts.js';
import { seriesOf, totalOf } from './report-data.js';
import type { ProgramReportMessageKey } from './program-report.messages.js';

/** What the sections need of the element: its messages and number and date formats. */
export interface ReportFormats {
  readonly term: (key: ProgramReportMessageKey, params?: Record<string, string | number>) => string;
  readonly count: (value: number) => string;
  readonly minutes: (value: number) => string;
  readonly share: (value: number) => string;
  /** A period as an axis reads it (`short`) or as a table row names it. */
  readonly period: (period: ReportPeriod, short: boolean) => string;
}

type Format = (value: number) => string;

/** A value in a sentence: the number, "<11", or "no data". */
function word(value: ChartValue, format: Format, f: ReportFormats): string {
  if (value === 'suppressed') return smallCellMarker;
  return value === null ? f.term('report.noValue') : format(value);
}

/** A value in a table cell; "no data" is read out, a dash is shown. */
function cell(value: ChartValue, format: Format, f: ReportFormats): TemplateResult {
  if (value === 'suppressed') return html`<td class="suppressed-cell">${smallCellMarker}</td>`;
  if (value === null)
    return html`<td><span aria-hidden="true">–</span><span class="visually-hidden">${f.term('report.noValue')}</span></td>`;
  return html`<td>${format(value)}</td>`;
}

interface Row {
  readonly label: string;
  readonly values: readonly ChartValue[];
}

function table(
  id: string,
  title: string,
  head: readonly string[],
  rows: readonly Row[],
  format: Format,
  f: ReportFormats,
) {
  return html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="${id}-table">
    <table part="table">
      <caption id="${id}-table">${f.term('report.table', { title })}</caption>
      <thead>
        <tr>${head.map((label) => html`<th scope="col">${label}</th>`)}</tr>
      </thead>
      <tbody>
        ${rows.map((row) => html`<tr><th scope="row">${row.label}</th>${row.values.map((value) => cell(value, format, f))}</tr>`)}
      </tbody>
    </table>
  </div>`;
}

function legend(series: readonly ChartSeries[], f: ReportFormats, reference?: string): TemplateResult {
  const suppressed = series.some((s) => s.values.includes('suppressed'));
  const swatch = (shape: TemplateResult | ReturnType<typeof svg>) =>
    html`<svg class="swatch" viewBox="0 0 24 12" aria-hidden="true" focusable="false">${shape}</svg>`;
  return html`<ul part="legend" class="legend">
    ${series.map((s, i) => html`<li>${swatch(svg`<g class="series s${i}"><line x1="0" x2="24" y1="6" y2="6"></line></g>`)}${s.label}</li>`)}
    ${reference ? html`<li>${swatch(svg`<line class="reference" x1="0" x2="24" y1="6" y2="6"></line>`)}${reference}</li>` : nothing}
    ${suppressed ? html`<li>${swatch(svg`<rect class="suppressed" x="6" y="1" width="12" height="10"></rect>`)}${smallCellMarker}</li>` : nothing}
  </ul>`;
}

function section(id: string, title: string, summary: string, body: TemplateResult): TemplateResult {
  return html`<section part="section" class="section" data-section=${id} aria-labelledby="${id}-title">
    <h2 id="${id}-title">${title}</h2>
    <p part="summary" class="summary">${summary}</p>
    ${body}
  </section>`;
}

const periodRows = (report: ProgramReport, series: readonly ChartSeries[], f: ReportFormats): Row[] =>
  report.periods.map((period, i) => ({
    label: f.period(period, false),
    values: series.map((s) => s.values[i] ?? null),
  }));

interface Bar {
  readonly label: string;
  readonly value: ChartValue;
}

/** Totals as horizontal bars, and the same numbers as a measure/value table. */
function bars(id: string, title: string, items: readonly Bar[], format: Format, f: ReportFormats): TemplateResult {
  const head = [f.term('report.table.measure'), f.term('report.table.value')];
  return html`<figure part="chart" class="chart-box">
      ${barChart({ bars: items, format, suppressedText: smallCellMarker })}
    </figure>
    ${table(
      id,
      title,
      head,
      items.map((bar) => ({ label: bar.label, values: [bar.value] })),
      format,
      f,
    )}`;
}

const VOLUME = [
  ['callouts.requested', 'report.measure.requested'],
  ['callouts.answered', 'report.measure.answered'],
  ['callouts.cancelled', 'report.measure.cancelled'],
  ['callouts.unanswered', 'report.measure.unanswered'],
] as const satisfies readonly (readonly [ReportMeasureId, ProgramReportMessageKey])[];

export function volumeSection(report: ProgramReport, f: ReportFormats): TemplateResult {
  const title = f.term('report.volume.title');
  const series = VOLUME.map(([measure, label]) => ({ label: f.term(label), values: seriesOf(report, measure) }));
  const total = (measure: ReportMeasureId) => word(totalOf(report, measure), f.count, f);
  const summary = f.term('report.volume.summary', {
    requested: total('callouts.requested'),
    answered: total('callouts.answered'),
    cancelled: total('callouts.cancelled'),
    unanswered: total('callouts.unanswered'),
  });
  const labels = report.periods.map((period) => f.period(period, true));
  return section(
    'volume',
    title,
    summary,
    html`<figure part="chart" class="chart-box">${legend(series, f)}${lineChart({ labels, series, format: f.count })}</figure>
      ${table('volume', title, [f.term('report.table.period'), ...series.map((s) => s.label)], periodRows(report, series, f), f.count, f)}`,
  );
}

const TIMES = [
  ['to-acknowledged.median', 'report.series.ackMedian'],
  ['to-acknowledged.p90', 'report.series.ackP90'],
  ['to-on-scene.median', 'report.series.arriveMedian'],
  ['to-on-scene.p90', 'report.series.arriveP90'],
] as const satisfies readonly (readonly [ReportMeasureId, ProgramReportMessageKey])[];

const STAGES = [
  ['acknowledged', 'report.stage.acknowledged'],
  ['on-scene', 'report.stage.onScene'],
] as const;
const THRESHOLDS = [5, 15, 30] as const;

export function timesSection(report: ProgramReport, f: ReportFormats): TemplateResult {
  const title = f.term('report.times.title');
  const series = TIMES.map(([measure, label]) => ({ label: f.term(label), values: seriesOf(report, measure) }));
  const reference = f.term('report.times.reference');
  const summary = f.term('report.times.summary', {
    ackWithin: word(totalOf(report, 'to-acknowledged.within-30'), f.share, f),
    ackMedian: word(totalOf(report, 'to-acknowledged.median'), f.minutes, f),
    arriveWithin: word(totalOf(report, 'to-on-scene.within-30'), f.share, f),
    arriveMedian: word(totalOf(report, 'to-on-scene.median'), f.minutes, f),
  });
  const labels = report.periods.map((period) => f.period(period, true));
  const withinTitle = f.term('report.within.title');
  const within = STAGES.flatMap(([stage, label]) =>
    THRESHOLDS.map((minutes) => ({
      label: f.term('report.within', { stage: f.term(label), minutes }),
      value: totalOf(report, `to-${stage}.within-${minutes}`),
    })),
  );
  return section(
    'times',
    title,
    summary,
    html`<figure part="chart" class="chart-box">
        ${legend(series, f, reference)}
        ${lineChart({ labels, series, reference: { value: 30, label: reference }, format: f.count })}
      </figure>
      ${table('times', title, [f.term('report.table.period'), ...series.map((s) => s.label)], periodRows(report, series, f), f.minutes, f)}
      <h3 id="within-title">${withinTitle}</h3>
      ${bars('within', withinTitle, within, f.share, f)}`,
  );
}

const OUTCOMES = [
  ['callouts.answered', 'report.measure.answered'],
  ['callouts.escalated', 'report.measure.escalated'],
  ['callouts.cancelled', 'report.measure.cancelled'],
  ['callouts.unanswered', 'report.measure.unanswered'],
  ['callouts.services-declined', 'report.measure.servicesDeclined'],
] as const satisfies readonly (readonly [ReportMeasureId, ProgramReportMessageKey])[];

export function outcomesSection(report: ProgramReport, f: ReportFormats): TemplateResult {
  const title = f.term('report.outcomes.title');
  const items = OUTCOMES.map(([measure, label]) => ({ label: f.term(label), value: totalOf(report, measure) }));
  const summary = f.term('report.outcomes.summary', {
    requested: word(totalOf(report, 'callouts.requested'), f.count, f),
    escalated: word(totalOf(report, 'callouts.escalated'), f.count, f),
    declined: word(totalOf(report, 'callouts.services-declined'), f.count, f),
  });
  return section('outcomes', title, summary, bars('outcomes', title, items, f.count, f));
}

/** Referrals by the status they have now, in the order of the loop: the funnel and where it ends. */
export function referralsSection(report: ProgramReport, f: ReportFormats): TemplateResult {
  const title = f.term('report.referrals.title');
  const items = referralStatuses.map((status) => ({
    label: f.term(`report.referral.${status}`),
    value: totalOf(report, 'referrals.by-status', status),
  }));
  const summary = f.term('report.referrals.summary', {
    made: word(totalOf(report, 'referrals.made'), f.count, f),
    closedLoop: word(totalOf(report, 'referrals.closed-loop-rate'), f.share, f),
    revoked: word(totalOf(report, 'referrals.consent-revoked'), f.count, f),
  });
  return section('referrals', title, summary, bars('referrals', title, items, f.count, f));
}
