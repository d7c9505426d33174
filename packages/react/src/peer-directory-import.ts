// Generated from packages/elements/custom-elements.json by packages/react/scripts/generate.ts.
// Do not edit: change the element and its JSDoc, then run `pnpm cem` and `pnpm gen`.
import type * as React from 'react';
import { PeerDirectoryImport as PeerDirectoryImportElement } from '@peerlink/elements';
import '@peerlink/elements/directory-import/define.js';
import { wrapElement } from './wrap-element.js';

/**
 * HSDS 3.0 directory import (dry run, progress, cancel) and quick capacity updates.
 *
 * `<peer-directory-import>` for React: props set the element's properties (objects and functions as they
 * are, never turned into attributes); importing this module defines the element.
 *
 * Events:
 * - `onPeerImportChecked` — `peer-import-checked`: The dry run's report is shown. `detail: { job }`.
 * - `onPeerImportDone` — `peer-import-done`: The import wrote everything. `detail: { job }`.
 * - `onPeerImportCancelled` — `peer-import-cancelled`: The import was cancelled; nothing was written. `detail: { id }`.
 * - `onPeerCapacitySaved` — `peer-capacity-saved`: A resource's capacity was saved. `detail: { resource }`.
 * - `onPeerError` — `peer-error`: A call to Peerlink failed; the error is also shown. `detail: { error: { code, message, status? } }`.
 *
 * @since 0.2.0
 */
export const PeerDirectoryImport = wrapElement('PeerDirectoryImport', 'peer-directory-import', PeerDirectoryImportElement, {
  onPeerImportChecked: 'peer-import-checked',
  onPeerImportDone: 'peer-import-done',
  onPeerImportCancelled: 'peer-import-cancelled',
  onPeerCapacitySaved: 'peer-capacity-saved',
  onPeerError: 'peer-error',
});

/** Props of {@link PeerDirectoryImport}: the element's properties, `on…` event handlers and React's own. */
export type PeerDirectoryImportProps = React.ComponentProps<typeof PeerDirectoryImport>;
