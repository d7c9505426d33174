// The `reports` endpoints: the program report as JSON and CSV, and the de-identified call-out CSV.
import { endpoint } from '../endpoint.js';
import { CalloutExportQuery, CsvDocument, ProgramReport, ProgramReportQuery } from '../report.js';

const staff = { auth: 'embed-token-or-api-key', roles: ['supervisor'] } as const;

export const getProgramReport = endpoint({
  operationId: 'getProgramReport',
  method: 'GET',
  path: '/v1/reports/program',
  summary: 'Read the program report',
  description:
    "Every measure of `reportMeasures` for a date range in the agency's time zone, by week (Monday to Sunday) or calendar month, and over the whole range, optionally for one area, call type or requesting agency. Aggregates only: counts from 1 to 10 read `<11` (`value` null, `suppressed` set), and rates and times over so few call-outs are suppressed too, unless the caller is a supervisor and the agency's `reportSmallCountsForSupervisor` setting is on. Where figures add up to a total the report shows, a second figure of a sum holding a `<11` is withheld (`suppressed: \"*\"`) so that the `<11` cannot be worked out from the others. Workload rows are anonymous ranks; a supervisor also gets each peer's id. A supervisor's embed token or the agency's secret API key; every read is audited.",
  tag: 'reports',
  ...staff,
  query: ProgramReportQuery,
  response: ProgramReport,
});

export const exportProgramReportCsv = endpoint({
  operationId: 'exportProgramReportCsv',
  method: 'GET',
  path: '/v1/reports/program/csv',
  summary: 'Export the program report as CSV',
  description:
    'The program report as `text/csv` (UTF-8 with a byte order mark, CRLF line ends): the columns of `programReportCsvColumns`, one row per period and measure (and breakdown key), then the rows of the whole range with the range as their period; suppressed cells have an empty `value` and `<11` in `suppressed` (`*` for a figure withheld so that a `<11` cannot be worked out from the totals). Cells that a spreadsheet would read as a formula are prefixed with an apostrophe. Audited as an export.',
  tag: 'reports',
  ...staff,
  query: ProgramReportQuery,
  response: CsvDocument,
  responseType: 'text/csv',
});

export const exportCalloutsCsv = endpoint({
  operationId: 'exportCalloutsCsv',
  method: 'GET',
  path: '/v1/reports/callouts/csv',
  summary: 'Export de-identified call-outs as CSV',
  description:
    'One row per call-out requested in the range (`calloutCsvColumns`): a sequence number instead of any id, the request time in the agency time zone, area, call type, outcome, escalations and declines, minutes to each step, whether after hours, the log status, the number of people served and of referrals. No names, addresses, notes or narrative. UTF-8 with a byte order mark; audited as an export.',
  tag: 'reports',
  ...staff,
  query: CalloutExportQuery,
  response: CsvDocument,
  responseType: 'text/csv',
});
