import { svg, type SVGTemplateResult } from 'lit';

/*
 * Charts as SVG in Lit templates, with our own scales (docs/decisions/0005-charts.md): real DOM
 * text a screen reader and a printer both get, themed by the --peer-* tokens through CSS classes,
 * and no library bytes. Each chart is an image with a label; the table beside it carries the
 * numbers, so the shapes themselves are hidden from assistive technology.
 */

/**
 * One value of a series: a number, a suppressed small cell (1–10), a cell withheld to protect one
 * (of any size, so drawn as nothing), or nothing measured.
 */
export type ChartValue = number | 'suppressed' | 'withheld' | null;

/** The text of a hidden value: "<11" for a suppressed one, "*" for a withheld one. */
export type HiddenText = Readonly<Record<'suppressed' | 'withheld', string>>;

export interface ChartSeries {
  readonly label: string;
  readonly values: readonly ChartValue[];
}

/** Top of the band a suppressed cell may lie in: a count from 1 to 10 is shown as "<11". */
export const SUPPRESSED_MAX = 10;

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { top: 12, right: 12, bottom: 36, left: 48 } as const;
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/** Round tick values from zero up to at least `max` (about five steps of 1, 2 or 5 × 10ⁿ). */
export function niceTicks(max: number, steps = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / steps;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step; tick += step) ticks.push(Number(tick.toPrecision(12)));
  return ticks;
}

function highest(series: readonly ChartSeries[], floor: number): number {
  let max = floor;
  for (const { values } of series)
    for (const value of values)
      max = Math.max(max, typeof value === 'number' ? value : value === 'suppressed' ? SUPPRESSED_MAX : 0);
  return max;
}

const fixed = (n: number): string => n.toFixed(1);

function yAxis(ticks: readonly number[], y: (v: number) => number, format: (v: number) => string) {
  return ticks.map(
    (
      tick,
    ) => svg`<line class="grid" x1=${PAD.left} x2=${WIDTH - PAD.right} y1=${fixed(y(tick))} y2=${fixed(y(tick))}></line>
      <text class="tick" x=${PAD.left - 6} y=${fixed(y(tick))} dy="0.32em" text-anchor="end">${format(tick)}</text>`,
  );
}

/** Every n-th label, so at most about a dozen fit under the axis. */
function xLabels(labels: readonly string[], x: (i: number) => number) {
  const every = Math.max(1, Math.ceil(labels.length / 12));
  return labels.map((label, i) =>
    i % every === 0
      ? svg`<text class="tick" x=${fixed(x(i))} y=${HEIGHT - PAD.bottom + 16} text-anchor="middle">${label}</text>`
      : null,
  );
}

export interface LineChartOptions {
  readonly labels: readonly string[];
  readonly series: readonly ChartSeries[];
  /** A horizontal reference line (e.g. 30 minutes) with its label. */
  readonly reference?: { readonly value: number; readonly label: string };
  readonly format: (value: number) => string;
}

/**
 * Series over periods as lines; a gap where nothing was measured or a value is withheld, and a
 * hatched 1–10 band where a cell is suppressed, so a small count is never drawn as zero.
 */
export function lineChart({ labels, series, reference, format }: LineChartOptions): SVGTemplateResult {
  const ticks = niceTicks(highest(series, reference ? reference.value * 1.1 : 0));
  const top = ticks[ticks.length - 1] ?? 1;
  const y = (v: number) => PAD.top + PLOT_H - (v / top) * PLOT_H;
  const step = PLOT_W / Math.max(1, labels.length);
  const x = (i: number) => PAD.left + step * (i + 0.5);
  const lines = series.map(({ values }, s) => {
    const runs: string[][] = [[]];
    const bands: SVGTemplateResult[] = [];
    values.forEach((value, i) => {
      if (typeof value === 'number') {
        runs[runs.length - 1]?.push(`${fixed(x(i))},${fixed(y(value))}`);
        return;
      }
      runs.push([]);
      if (value === 'suppressed')
        bands.push(
          svg`<rect class="suppressed" x=${fixed(x(i) - step / 4)} width=${fixed(step / 2)} y=${fixed(y(SUPPRESSED_MAX))} height=${fixed(y(0) - y(SUPPRESSED_MAX))}></rect>`,
        );
    });
    return svg`<g class="series s${s}">
      ${runs.map((run) => (run.length > 0 ? svg`<polyline points=${[run[0], ...run].join(' ')}></polyline>` : null))}
      ${bands}
    </g>`;
  });
  return svg`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" aria-hidden="true">
    ${yAxis(ticks, y, format)}
    ${xLabels(labels, x)}
    ${lines}
    ${reference ? svg`<line class="reference" x1=${PAD.left} x2=${WIDTH - PAD.right} y1=${fixed(y(reference.value))} y2=${fixed(y(reference.value))}></line><text class="reference-label" x=${WIDTH - PAD.right} y=${fixed(y(reference.value) - 4)} text-anchor="end">${reference.label}</text>` : null}
  </svg>`;
}

/** One bar: its value, and the text written at its end. */
export interface Bar {
  readonly label: string;
  readonly value: ChartValue;
  /** Written at the bar's end instead of the value alone (the funnel and workload add a share). */
  readonly text?: string;
}

export interface BarChartOptions {
  readonly bars: readonly Bar[];
  readonly format: (value: number) => string;
  /** Text drawn for a suppressed bar ("<11") and a withheld one ("*", with no bar). */
  readonly hiddenText: HiddenText;
}

const LABEL_W = 200;

/**
 * Categories as horizontal bars, each value written at its end: outcomes, the referral funnel
 * (its stages in order, so the bars narrow), workload per peer and expiring credentials.
 */
export function barChart({ bars, format, hiddenText }: BarChartOptions): SVGTemplateResult {
  const top = niceTicks(highest([{ label: '', values: bars.map((bar) => bar.value) }], 1)).at(-1) ?? 1;
  const width = WIDTH - LABEL_W - PAD.right - 96;
  // Many bars (a program's peers) are drawn thinner, so the chart stays compact.
  const BAR = bars.length > 8 ? 18 : 28;
  const height = bars.length * BAR + 8;
  const w = (v: number) => (v / top) * width;
  return svg`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" aria-hidden="true">
    ${bars.map(({ label, value, text }, i) => {
      const y0 = 4 + i * BAR;
      const size = typeof value === 'number' ? w(value) : value === 'suppressed' ? w(SUPPRESSED_MAX) : 0;
      const shown = typeof value === 'number' ? format(value) : value === null ? '–' : hiddenText[value];
      return svg`<text class="category" x=${LABEL_W - 8} y=${y0 + BAR / 2} dy="0.32em" text-anchor="end">${label}</text>
        <rect class=${value === 'suppressed' ? 'suppressed' : 'bar'} x=${LABEL_W} y=${y0 + 4} width=${fixed(size)} height=${BAR - 8}></rect>
        <text class="value" x=${fixed(LABEL_W + size + 6)} y=${y0 + BAR / 2} dy="0.32em">${text ?? shown}</text>`;
    })}
  </svg>`;
}
