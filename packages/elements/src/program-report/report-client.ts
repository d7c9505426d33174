import {
  createProgramClient,
  type CallOptions,
  type CsvDocument,
  type GetToken,
  type ProgramReport,
  type ProgramReportQuery,
} from '@peerlink/sdk';

/**
 * The calls `<peer-program-report>` makes: `createProgramClient()` satisfies it. Reports are read
 * at once, never queued.
 */
export interface ReportClient {
  readonly reports: {
    program(query: ProgramReportQuery, call?: CallOptions): Promise<ProgramReport>;
    programCsv(query: ProgramReportQuery, call?: CallOptions): Promise<CsvDocument>;
  };
}

/** Builds the client the report needs from a service URL and a token source. */
export function reportClient(baseUrl: string, getToken: GetToken): ReportClient {
  return createProgramClient({ baseUrl, getToken });
}

declare module '../base/events.js' {
  interface PeerEventMap {
    'peer-report-loaded': { report: ProgramReport; query: ProgramReportQuery };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'peer-report-loaded': CustomEvent<{ report: ProgramReport; query: ProgramReportQuery }>;
  }
}
