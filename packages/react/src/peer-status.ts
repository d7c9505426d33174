// Generated from packages/elements/custom-elements.json by packages/react/scripts/generate.ts.
// Do not edit: change the element and its JSDoc, then run `pnpm cem` and `pnpm gen`.
import type * as React from 'react';
import { PeerStatus as PeerStatusElement } from '@peerlink/elements';
import '@peerlink/elements/status/define.js';
import { wrapElement } from './wrap-element.js';

/**
 * A status label with a tone, an icon and optional live elapsed time.
 *
 * `<peer-status>` for React: props set the element's properties (objects and functions as they
 * are, never turned into attributes); importing this module defines the element.
 *
 * @since 0.1.0
 */
export const PeerStatus = wrapElement('PeerStatus', 'peer-status', PeerStatusElement);

/** Props of {@link PeerStatus}: the element's properties, `on…` event handlers and React's own. */
export type PeerStatusProps = React.ComponentProps<typeof PeerStatus>;
