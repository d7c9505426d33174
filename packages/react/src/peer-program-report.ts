// Generated from packages/elements/custom-elements.json by packages/react/scripts/generate.ts.
// Do not edit: change the element and its JSDoc, then run `pnpm cem` and `pnpm gen`.
import type * as React from 'react';
import { PeerProgramReport as PeerProgramReportElement } from '@peerlink/elements';
import '@peerlink/elements/program-report/define.js';
import { wrapElement } from './wrap-element.js';

/**
 * Program report: charts, tables and summaries of the program's measures, with CSV download.
 *
 * `<peer-program-report>` for React: props set the element's properties (objects and functions as they
 * are, never turned into attributes); importing this module defines the element.
 *
 * Events:
 * - `onPeerReportLoaded` — `peer-report-loaded`: A report for the current query was shown. `detail: { report, query }`.
 * - `onPeerError` — `peer-error`: The report or its CSV could not be loaded. `detail: { error: { code, message, status? } }`.
 *
 * @since 0.2.0
 */
export const PeerProgramReport = wrapElement('PeerProgramReport', 'peer-program-report', PeerProgramReportElement, {
  onPeerReportLoaded: 'peer-report-loaded',
  onPeerError: 'peer-error',
});

/** Props of {@link PeerProgramReport}: the element's properties, `on…` event handlers and React's own. */
export type PeerProgramReportProps = React.ComponentProps<typeof PeerProgramReport>;
