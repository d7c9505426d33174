// Generated from packages/elements/custom-elements.json by packages/react/scripts/generate.ts.
// Do not edit: change the element and its JSDoc, then run `pnpm cem` and `pnpm gen`.
import * as React from 'react';
import { createComponent } from '@lit/react';
import { PeerStatus as PeerStatusElement } from '@peerlink/elements';
import '@peerlink/elements/status/define.js';

/**
 * A status label with a tone, an icon and optional live elapsed time.
 *
 * `<peer-status>` for React: props set the element's properties (objects and functions as they
 * are, never turned into attributes); importing this module defines the element.
 *
 * @since 0.1.0
 */
export const PeerStatus = createComponent({
  tagName: 'peer-status',
  elementClass: PeerStatusElement,
  react: React,
  displayName: 'PeerStatus',
});

/** Props of {@link PeerStatus}: the element's properties, `on…` event handlers and React's own. */
export type PeerStatusProps = React.ComponentProps<typeof PeerStatus>;
