// Generated from packages/elements/custom-elements.json by packages/react/scripts/generate.ts.
// Do not edit: change the element and its JSDoc, then run `pnpm cem` and `pnpm gen`.
import type * as React from 'react';
import { PeerDispatchCard as PeerDispatchCardElement } from '@peerlink/elements';
import '@peerlink/elements/dispatch-card/define.js';
import { wrapElement } from './wrap-element.js';

/**
 * A call-out as the responding peer sees it, with its next steps as large buttons.
 *
 * `<peer-dispatch-card>` for React: props set the element's properties (objects and functions as they
 * are, never turned into attributes); importing this module defines the element.
 *
 * Events:
 * - `onPeerDispatchStatus` — `peer-dispatch-status`: The call-out moved to another status (by this peer or anyone). `detail: { dispatch, status }`.
 * - `onPeerDispatchCleared` — `peer-dispatch-cleared`: The call-out shown is one this peer cleared (just now, or before the card opened): time for the call-out log. `detail: { dispatch }`.
 * - `onPeerError` — `peer-error`: A call to Peerlink failed; the error is also shown with a Retry button. `detail: { error: { code, message, status? } }`.
 *
 * @since 0.1.0
 */
export const PeerDispatchCard = wrapElement('PeerDispatchCard', 'peer-dispatch-card', PeerDispatchCardElement, {
  onPeerDispatchStatus: 'peer-dispatch-status',
  onPeerDispatchCleared: 'peer-dispatch-cleared',
  onPeerError: 'peer-error',
});

/** Props of {@link PeerDispatchCard}: the element's properties, `on…` event handlers and React's own. */
export type PeerDispatchCardProps = React.ComponentProps<typeof PeerDispatchCard>;
