import { css } from 'lit';
import { buttonStyles, focusRing, typography } from '../base/styles.js';
import { token } from '../base/tokens.js';

const chartStyles = css`
  .chart {
    display: block;
    inline-size: 100%;
    block-size: auto;
    overflow: visible;
  }
  .grid {
    stroke: ${token('color-border')};
    stroke-opacity: 0.35;
  }
  .tick,
  .category,
  .value,
  .reference-label {
    fill: ${token('color-text')};
    font-size: 11px;
  }
  .category,
  .value {
    font-size: 13px;
  }
  /* A lone point is a polyline of one point drawn twice: the round cap makes it a dot. */
  .series :is(polyline, line) {
    fill: none;
    stroke-width: 2;
    stroke-linecap: round;
  }
  /* Each series has its own dash, so a line is told apart without its colour. */
  .s0 {
    stroke: ${token('color-accent')};
    fill: ${token('color-accent')};
  }
  .s1 {
    stroke: ${token('color-success')};
    fill: ${token('color-success')};
    stroke-dasharray: 6 3;
  }
  .s2 {
    stroke: ${token('color-warning')};
    fill: ${token('color-warning')};
    stroke-dasharray: 2 3;
  }
  .s3 {
    stroke: ${token('color-danger')};
    fill: ${token('color-danger')};
    stroke-dasharray: 8 3 2 3;
  }
  .bar {
    fill: ${token('color-accent')};
  }
  /* A suppressed cell: the 1–10 band as a dashed box, never a zero. */
  .suppressed {
    fill: ${token('color-text-muted')};
    fill-opacity: 0.2;
    stroke: ${token('color-text')};
    stroke-width: 1;
    stroke-dasharray: 3 2;
  }
  .reference {
    stroke: ${token('color-danger')};
    stroke-width: 2;
    stroke-dasharray: 4 4;
  }
  .reference-label {
    font-weight: ${token('font-weight-strong')};
  }
`;

export const programReportStyles = [
  typography,
  buttonStyles,
  focusRing,
  chartStyles,
  css`
    :host {
      display: block;
      max-inline-size: var(--peer-program-report-max-width, 60rem);
      background: var(--peer-program-report-background, ${token('color-surface')});
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: ${token('space-3')};
      margin: 0 0 ${token('space-4')};
      padding: ${token('space-3')};
      border: ${token('border-width')} solid ${token('color-border')};
      border-radius: ${token('radius-md')};
    }
    .controls legend {
      font-weight: ${token('font-weight-strong')};
    }
    label {
      display: grid;
      gap: ${token('space-1')};
      font-size: ${token('font-size-sm')};
    }
    input,
    select {
      min-block-size: ${token('control-height-compact')};
      border: ${token('border-width')} solid ${token('color-border')};
      border-radius: ${token('radius-sm')};
      background: ${token('color-surface')};
      color: ${token('color-text')};
      font: inherit;
    }
    button {
      min-block-size: ${token('control-height-compact')};
      padding: 0 ${token('space-3')};
    }
    .status,
    .error {
      margin: ${token('space-2')} 0;
    }
    .error {
      color: ${token('color-danger')};
      font-weight: ${token('font-weight-strong')};
    }
    .section {
      margin-block: ${token('space-5')};
    }
    h2 {
      font-size: ${token('font-size-lg')};
      margin: 0 0 ${token('space-2')};
    }
    h3 {
      font-size: ${token('font-size-md')};
      margin: ${token('space-4')} 0 ${token('space-2')};
    }
    .summary {
      margin: 0 0 ${token('space-3')};
    }
    figure {
      margin: 0;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: ${token('space-1')} ${token('space-4')};
      margin: 0 0 ${token('space-2')};
      padding: 0;
      list-style: none;
      font-size: ${token('font-size-sm')};
    }
    .legend li {
      display: flex;
      align-items: center;
      gap: ${token('space-1')};
    }
    .swatch {
      inline-size: 1.5rem;
      block-size: 0.75rem;
    }
    .table-wrap {
      max-block-size: 16rem;
      overflow: auto;
      margin-block-start: ${token('space-2')};
    }
    table {
      border-collapse: collapse;
      font-size: ${token('font-size-sm')};
      font-variant-numeric: tabular-nums;
    }
    caption {
      text-align: start;
      font-weight: ${token('font-weight-strong')};
    }
    th,
    td {
      padding: ${token('space-1')} ${token('space-2')};
      border-block-end: ${token('border-width')} solid ${token('color-border')};
      text-align: end;
    }
    th[scope='row'],
    thead th:first-child {
      text-align: start;
    }
    .suppressed-cell {
      font-style: italic;
    }
    [aria-busy='true'] .section {
      opacity: 0.6;
    }
    /* A grant report page: no controls, black on white, each section on its own page. */
    @media print {
      :host,
      :host([theme]) {
        max-inline-size: none;
        background: #fff;
        color: #000;
        --peer-color-text: #000;
        --peer-color-text-muted: #000;
        --peer-color-border: #000;
        --peer-color-accent: #000;
        --peer-color-success: #000;
        --peer-color-warning: #000;
        --peer-color-danger: #000;
        --peer-color-surface: #fff;
      }
      .controls,
      .actions,
      .status {
        display: none;
      }
      .section {
        break-before: page;
        break-inside: avoid-page;
        opacity: 1;
      }
      .section:first-of-type {
        break-before: auto;
      }
      .table-wrap {
        max-block-size: none;
        overflow: visible;
      }
      table {
        inline-size: 100%;
      }
      .bar {
        fill: #000;
        fill-opacity: 0.6;
      }
    }
  `,
];
