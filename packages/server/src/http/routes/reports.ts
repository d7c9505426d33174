import { exportCalloutsCsv, exportProgramReportCsv, getProgramReport } from '@peerlink/sdk';
import { wholeAgency } from '../../domain/auth.js';
import { calloutsCsv, programReportCsv } from '../../domain/report-csv.js';
import { calloutExportRows, programReport } from '../../domain/reports.js';
import { route } from '../route.js';

/** The report's filters given, by name (never their values), for the audit trail. */
const filtersOf = (query: object) => Object.keys(query).sort();

export const getProgramReportRoute = route<typeof getProgramReport, string[]>(getProgramReport, {
  auth: 'embed-token-or-api-key',
  audit: [{ action: 'read', recordType: 'report', fields: (_, facts) => facts ?? [] }],
  async handler({ query, principal, tx, meta }) {
    wholeAgency(principal);
    return { status: 200, body: await programReport(tx, principal, query, meta.now), facts: filtersOf(query) };
  },
});

export const exportProgramReportCsvRoute = route<typeof exportProgramReportCsv, string[]>(exportProgramReportCsv, {
  auth: 'embed-token-or-api-key',
  audit: [{ action: 'export', recordType: 'report', fields: (_, facts) => facts ?? [] }],
  async handler({ query, principal, tx, meta }) {
    wholeAgency(principal);
    const body = programReportCsv(await programReport(tx, principal, query, meta.now));
    return { status: 200, body, facts: filtersOf(query) };
  },
});

export const exportCalloutsCsvRoute = route<typeof exportCalloutsCsv, string[]>(exportCalloutsCsv, {
  auth: 'embed-token-or-api-key',
  audit: [{ action: 'export', recordType: 'report', fields: (_, facts) => facts ?? [] }],
  async handler({ query, principal, tx }) {
    wholeAgency(principal);
    return { status: 200, body: calloutsCsv(await calloutExportRows(tx, principal, query)), facts: filtersOf(query) };
  },
});
