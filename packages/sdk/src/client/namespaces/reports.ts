import * as api from '../../schema/api/reports.js';
import type { CalloutExportQuery, ProgramReportQuery } from '../../schema/report.js';
import type { ClientCore } from '../core.js';
import type { CallOptions } from '../http.js';

/**
 * The program report (a supervisor's embed token, or the agency's secret key on its own server):
 * the measures of `reportMeasures` as JSON, and the CSV documents for grant reporting. CSV comes
 * back as the service sent it, byte order mark included, ready to save as a file.
 */
export function reportsApi(core: ClientCore) {
  return {
    /** The measures by week or month and over the range; small counts read "<11" unless allowed. */
    program: (query: ProgramReportQuery, call?: CallOptions) => core.get(api.getProgramReport, { query }, call),
    /** The same report as CSV: one row per period and measure (`programReportCsvColumns`). */
    programCsv: (query: ProgramReportQuery, call?: CallOptions) =>
      core.get(api.exportProgramReportCsv, { query }, call),
    /** One de-identified row per call-out (`calloutCsvColumns`): no ids, names, addresses or free text. */
    calloutsCsv: (query: CalloutExportQuery, call?: CallOptions) => core.get(api.exportCalloutsCsv, { query }, call),
  };
}
