// The report's CSV documents: UTF-8 with a byte order mark (spreadsheets then read accents right),
// CRLF line ends, RFC 4180 quoting, and no cell a spreadsheet would run as a formula.
import type { ProgramReport, ReportCell } from '@peerlink/sdk';
import { calloutCsvColumns, programReportCsvColumns, reportMeasures } from '@peerlink/sdk';
import type { CalloutExportRow } from './reports.js';

type CsvValue = string | number | boolean | null;

/**
 * One cell. Text starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with an
 * apostrophe, as OWASP advises against CSV injection; numbers are written as numbers. A cell with a
 * comma, a quote, a line break or surrounding spaces is quoted, its quotes doubled.
 */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** A whole document from a header and rows, with the byte order mark first. */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const rowOf = (start: string, end: string, cell: ReportCell): CsvValue[] => [
  start,
  end,
  cell.measure,
  cell.key ?? null,
  cell.value,
  cell.suppressed ?? null,
  reportMeasures[cell.measure].unit,
];

/** The program report: each period's cells, then the whole range's, then the workload ranks. */
export function programReportCsv(report: ProgramReport): string {
  const rows: CsvValue[][] = [];
  for (const period of report.periods) {
    for (const cell of period.cells) rows.push(rowOf(period.start, period.end, cell));
  }
  for (const cell of report.total) rows.push(rowOf(report.from, report.to, cell));
  for (const row of report.workload) {
    rows.push(rowOf(report.from, report.to, row.callouts), rowOf(report.from, report.to, row.afterHoursShare));
  }
  return csvDocument(programReportCsvColumns, rows);
}

/** The de-identified call-outs: a sequence number, never an id. */
export function calloutsCsv(rows: readonly CalloutExportRow[]): string {
  return csvDocument(
    calloutCsvColumns,
    rows.map((row, index) => calloutCsvColumns.map((column) => (column === 'seq' ? index + 1 : row[column]))),
  );
}
