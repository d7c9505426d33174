// Generated from packages/elements/custom-elements.json by packages/react/scripts/generate.ts.
// Do not edit: change the element and its JSDoc, then run `pnpm cem` and `pnpm gen`.
import type * as React from 'react';
import { PeerRequestButton as PeerRequestButtonElement } from '@peerlink/elements';
import '@peerlink/elements/request-button/define.js';
import { wrapElement } from './wrap-element.js';

/**
 * Requests a peer support specialist for a call for service and follows the call-out live.
 *
 * `<peer-request-button>` for React: props set the element's properties (objects and functions as they
 * are, never turned into attributes); importing this module defines the element.
 *
 * Events:
 * - `onPeerDispatchRequested` — `peer-dispatch-requested`: The call-out was requested (or the incident's active one was found on pressing). `detail: { dispatch }`.
 * - `onPeerDispatchStatus` — `peer-dispatch-status`: The call-out shown moved to another status. `detail: { dispatch, status }`.
 * - `onPeerError` — `peer-error`: A call to Peerlink failed; the error is also shown with a Retry button. `detail: { error: { code, message, status? } }`.
 *
 * @since 0.1.0
 */
export const PeerRequestButton = wrapElement('PeerRequestButton', 'peer-request-button', PeerRequestButtonElement, {
  onPeerDispatchRequested: 'peer-dispatch-requested',
  onPeerDispatchStatus: 'peer-dispatch-status',
  onPeerError: 'peer-error',
});

/** Props of {@link PeerRequestButton}: the element's properties, `on…` event handlers and React's own. */
export type PeerRequestButtonProps = React.ComponentProps<typeof PeerRequestButton>;
