// The report's four sections. Each is a heading, a one-sentence summary, a chart (an image the
// table repeats, hidden from assistive technology) with its legend, and the table with the numbers.
import { html, nothing, svg, type TemplateResult } from 'lit';
import {
  complementaryCellMarker,
  smallCellMarker,
  type ProgramReport,
  type ReportMeasureId,
  type ReportPeriod,
} from '@peerlink/sdk';
import { barChart, lineChart, type Bar, type ChartSeries, type ChartValue, type HiddenText } from './charts.js';
import { cellValue, seriesOf, totalOf } from './report-data.js';
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

const hiddenText: HiddenText = { suppressed: smallCellMarker, withheld: complementaryCellMarker };

/** A value in a sentence: the number, "<11", "*", or "no data". */
function word(value: ChartValue, format: Format, f: ReportFormats): string {
  if (value === 'suppressed' || value === 'withheld') return hiddenText[value];
  return value === null ? f.term('report.noValue') : format(value);
}

/** A value in a table cell; "no data" and a withheld value are read out in words, a sign is shown. */
function cell(value: ChartValue, format: Format, f: ReportFormats): TemplateResult {
  if (value === 'suppressed') return html`<td class="suppressed-cell">${smallCellMarker}</td>`;
  if (value === 'withheld')
    return html`<td class="suppressed-cell"><span aria-hidden="true">${complementaryCellMarker}</span><span class="visually-hidden">${f.term('report.withheldCell')}</span></td>`;
  if (value === null)
    return html`<td><span aria-hidden="true">–</span><span class="visually-hidden">${f.term('report.noValue')}</span></td>`;
  return html`<td>${format(value)}</td>`;
}

interface Row {
  readonly label: string;
  readonly values: readonly ChartValue[];
}

/** A table of `rows`; column `j` of the values is written with `formats[j]` (or the first). */
function table(
  id: string,
  title: string,
  head: readonly string[],
  rows: readonly Row[],
  formats: readonly [Format, ...Format[]],
  f: ReportFormats,
) {
  return html`<div class="table-wrap" role="region" tabindex="0" aria-labelledby="${id}-table">
    <table part="table">
      <caption id="${id}-table">${f.term('report.table', { title })}</caption>
      <thead>
        <tr>${head.map((label) => html`<th scope="col">${label}</th>`)}</tr>
      </thead>
      <tbody>
        ${rows.map((row) => html`<tr><th scope="row">${row.label}</th>${row.values.map((value, j) => cell(value, formats[j] ?? formats[0], f))}</tr>`)}
      </tbody>
    </table>
  </div>`;
}

type Shape = ReturnType<typeof svg>;

/** A legend: each item's swatch and label, and the dashed "<11" box when a value is suppressed. */
function legend(items: readonly (readonly [Shape, string])[], suppressed: boolean): TemplateResult {
  return html`<ul part="legend" class="legend">
    ${[
      ...items,
      ...(suppressed
        ? [[svg`<rect class="suppressed" x="6" y="1" width="12" height="10"></rect>`, smallCellMarker] as const]
        : []),
    ].map(
      ([shape, label]) =>
        html`<li><svg class="swatch" viewBox="0 0 24 12" aria-hidden="true">${shape}</svg>${label}</li>`,
    )}
  </ul>`;
}

/** The legend of a line chart: a line per series, and the reference line. */
function lineLegend(series: readonly ChartSeries[], reference?: string): TemplateResult {
  const line = svg`<line x1="0" x2="24" y1="6" y2="6"></line>`;
  return legend(
    [
      ...series.map((s, i) => [svg`<g class="series s${i}">${line}</g>`, s.label] as const),
      ...(reference ? [[svg`<g class="reference">${line}</g>`, reference] as const] : []),
    ],
    series.some((s) => s.values.includes('suppressed')),
  );
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

/** Measures and the message that names each, in the order a chart draws them. */
type Labelled = readonly (readonly [ReportMeasureId, ProgramReportMessageKey])[];

/**
 * A line per measure over the report's periods, with its legend and the `reference` line, if any, and
 * the same numbers as a table of a row per period, written with `format`.
 */
function lines(
  id: string,
  title: string,
  report: ProgramReport,
  measures: Labelled,
  format: Format,
  f: ReportFormats,
  reference?: { readonly value: number; readonly label: string },
): TemplateResult {
  const series = measures.map(([measure, label]) => ({ label: f.term(label), values: seriesOf(report, measure) }));
  const labels = report.periods.map((period) => f.period(period, true));
  return html`<figure part="chart" class="chart-box">${lineLegend(series, reference?.label)}${lineChart({ labels, series, reference, format: f.count })}</figure>
    ${table(id, title, [f.term('report.table.period'), ...series.map((s) => s.label)], periodRows(report, series, f), [format], f)}`;
}

/** A bar, and what its table row adds after its value (a share). */
interface Item extends Bar {
  readonly more?: ChartValue;
}

/** A bar with a share beside its value, both written at its end ("182 · 28%"). */
const withShare = (label: string, value: ChartValue, more: ChartValue, f: ReportFormats): Item => ({
  label,
  value,
  more,
  text: `${word(value, f.count, f)} · ${word(more, f.share, f)}`,
});

/** Bars, and the same numbers as a table of `head` columns: a row per bar. */
function bars(
  id: string,
  title: string,
  items: readonly Item[],
  formats: readonly [Format, ...Format[]],
  f: ReportFormats,
  head = [f.term('report.table.measure'), f.term('report.table.value')],
): TemplateResult {
  return html`<figure part="chart" class="chart-box">${barChart({ bars: items, format: formats[0], hiddenText })}</figure>${table(
    id,
    title,
    head,
    items.map((bar) => ({ label: bar.label, values: 'more' in bar ? [bar.value, bar.more ?? null] : [bar.value] })),
    formats,
    f,
  )}`;
}

const VOLUME = [
  ['callouts.requested', 'report.measure.requested'],
  ['callouts.answered', 'report.measure.answered'],
  ['callouts.cancelled', 'report.measure.cancelled'],
  ['callouts.unanswered', 'report.measure.unanswered'],
] as const satisfies Labelled;

export function volumeSection(report: ProgramReport, f: ReportFormats): TemplateResult {
  const title = f.term('report.volume.title');
  const total = (measure: ReportMeasureId) => word(totalOf(report, measure), f.count, f);
  const summary = f.term('report.volume.summary', {
    requested: total('callouts.requested'),
    answered: total('callouts.answered'),
    cancelled: total('callouts.cancelled'),
    unanswered: total('callouts.unanswered'),
  });
  return section('volume', title, summary, lines('volume', title, report, VOLUME, f.count, f));
}

const TIMES = [
  ['to-acknowledged.median', 'report.series.ackMedian'],
  ['to-acknowledged.p90', 'report.series.ackP90'],
  ['to-on-scene.median', 'report.series.arriveMedian'],
  ['to-on-scene.p90', 'report.series.arriveP90'],
] as const satisfies Labelled;

const STAGES = [
  ['acknowledged', 'report.stage.acknowledged'],
  ['on-scene', 'report.stage.onScene'],
] as const;
const THRESHOLDS = [5, 15, 30] as const;

export function timesSection(report: ProgramReport, f: ReportFormats): TemplateResult {
  const title = f.term('report.times.title');
  const reference = f.term('report.times.reference');
  const summary = f.term('report.times.summary', {
    ackWithin: word(totalOf(report, 'to-acknowledged.within-30'), f.share, f),
    ackMedian: word(totalOf(report, 'to-acknowledged.median'), f.minutes, f),
    arriveWithin: word(totalOf(report, 'to-on-scene.within-30'), f.share, f),
    arriveMedian: word(totalOf(report, 'to-on-scene.median'), f.minutes, f),
  });
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
    html`${lines('times', title, report, TIMES, f.minutes, f, { value: 30, label: reference })}
      <h3 id="within-title">${withinTitle}</h3>
      ${bars('within', withinTitle, within, [f.share], f)}`,
  );
}

const OUTCOMES = [
  ['callouts.answered', 'report.measure.answered'],
  ['callouts.escalated', 'report.measure.escalated'],
  ['callouts.cancelled', 'report.measure.cancelled'],
  ['callouts.unanswered', 'report.measure.unanswered'],
  ['callouts.services-declined', 'report.measure.servicesDeclined'],
] as const satisfies Labelled;

export function outcomesSection(report: ProgramReport, f: ReportFormats): TemplateResult {
  const title = f.term('report.outcomes.title');
  const items = OUTCOMES.map(([measure, label]) => ({ label: f.term(label), value: totalOf(report, measure) }));
  const summary = f.term('report.outcomes.summary', {
    requested: word(totalOf(report, 'callouts.requested'), f.count, f),
    escalated: word(totalOf(report, 'callouts.escalated'), f.count, f),
    declined: word(totalOf(report, 'callouts.services-declined'), f.count, f),
  });
  return section('outcomes', title, summary, bars('outcomes', title, items, [f.count], f));
}

const FUNNEL = [
  ['referrals.made', 'report.funnel.made'],
  ['referrals.accepted', 'report.funnel.accepted'],
  ['referrals.closed-loop', 'report.funnel.closed'],
  // Not a stage: noted beside them, as a referral may be at any stage when consent is revoked.
  ['referrals.consent-revoked', 'report.funnel.revoked'],
] as const satisfies Labelled;

/**
 * The share of `made` a stage's count is. A hidden count (or base) gives a hidden share: a share of
 * a known total would give the hidden count back.
 */
function shareOf(count: ChartValue, made: ChartValue): ChartValue {
  if (count === 'suppressed' || made === 'suppressed') return 'suppressed';
  if (count === 'withheld' || made === 'withheld') return 'withheld';
  return count === null || made === null || made === 0 ? null : count / made;
}

/**
 * The referral funnel: referrals made, accepted by the resource, and closed (a final status), each
 * with its share of those made; consent revoked is noted beside it, as an outcome of its own.
 */
export function referralsSection(report: ProgramReport, f: ReportFormats): TemplateResult {
  const title = f.term('report.referrals.title');
  const made = totalOf(report, 'referrals.made');
  const items = FUNNEL.map(([measure, label]) => {
    const value = totalOf(report, measure);
    return withShare(f.term(label), value, shareOf(value, made), f);
  });
  const summary = f.term('report.referrals.summary', {
    made: word(made, f.count, f),
    accepted: word(items[1]?.more ?? null, f.share, f),
    closed: word(items[2]?.more ?? null, f.share, f),
  });
  const head = [f.term('report.funnel.stage'), f.term('report.funnel.count'), f.term('report.funnel.share')];
  return section('referrals', title, summary, bars('referrals', title, items, [f.count, f.share], f, head));
}

/** Call-outs each peer acknowledged, busiest first, with the share after hours; peers by rank, never named. */
export function workloadSection(report: ProgramReport, f: ReportFormats): TemplateResult | typeof nothing {
  if (report.workload.length === 0) return nothing;
  const title = f.term('report.workload.title');
  const items = report.workload.map((row) =>
    withShare(
      f.term('report.workload.peer', { rank: row.rank }),
      cellValue(row.callouts),
      cellValue(row.afterHoursShare),
      f,
    ),
  );
  const summary = f.term('report.workload.summary', {
    peers: f.count(items.length),
    top: word(items[0]?.value ?? null, f.count, f),
    afterHours: word(items[0]?.more ?? null, f.share, f),
  });
  const head = ['peerColumn', 'callouts', 'afterHours'] as const;
  return section(
    'workload',
    title,
    summary,
    bars(
      'workload',
      title,
      items,
      [f.count, f.share],
      f,
      head.map((key) => f.term(`report.workload.${key}`)),
    ),
  );
}

const WITHIN_DAYS = [30, 60, 90] as const;

/** Credentials of active peers expiring within 30, 60 and 90 days of the report's day (each includes the shorter). */
export function credentialsSection(report: ProgramReport, f: ReportFormats): TemplateResult {
  const title = f.term('report.credentials.title');
  const items = WITHIN_DAYS.map((days) => ({
    label: f.term('report.credentials.within', { days }),
    value: totalOf(report, `credentials.expiring-${days}`),
  }));
  const [d30 = '', d60 = '', d90 = ''] = items.map((bar) => word(bar.value, f.count, f));
  const summary = f.term('report.credentials.summary', { d30, d60, d90 });
  return section('credentials', title, summary, bars('credentials', title, items, [f.count], f));
}
