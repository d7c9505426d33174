import {
  createClientCore,
  reportsApi,
  type GetToken,
  type ProgramReport,
  type ProgramReportQuery,
} from '@peerlink/sdk';

/**
 * The calls `<peer-program-report>` makes. `createProgramClient()` satisfies it; so does
 * `{ reports: reportsApi(core) }`, which carries no other program schemas.
 */
export interface ReportClient {
  readonly reports: Pick<ReturnType<typeof reportsApi>, 'program' | 'programCsv'>;
}

/** Builds the client the report needs from a service URL and a token source; reports are never queued. */
export function reportClient(baseUrl: string, getToken: GetToken): ReportClient {
  return { reports: reportsApi(createClientCore({ baseUrl, getToken, offline: false })) };
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
