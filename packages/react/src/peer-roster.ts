// Generated from packages/elements/custom-elements.json by packages/react/scripts/generate.ts.
// Do not edit: change the element and its JSDoc, then run `pnpm cem` and `pnpm gen`.
import type * as React from 'react';
import { PeerRoster as PeerRosterElement } from '@peerlink/elements';
import '@peerlink/elements/roster/define.js';
import { wrapElement } from './wrap-element.js';

/**
 * The program's roster: peers, on call now, credentials, add/edit/deactivate, and CSV import with a dry run.
 *
 * `<peer-roster>` for React: props set the element's properties (objects and functions as they
 * are, never turned into attributes); importing this module defines the element.
 *
 * Events:
 * - `onPeerRosterChanged` — `peer-roster-changed`: A peer was saved, deactivated or reactivated, or a roster imported. `detail: { kind, id }` or `{ kind: 'imported', created, updated, unchanged }`.
 * - `onPeerError` — `peer-error`: Reading or writing failed. `detail: { error: { code, message, status? } }`.
 *
 * @since 0.2.0
 */
export const PeerRoster = wrapElement('PeerRoster', 'peer-roster', PeerRosterElement, {
  onPeerRosterChanged: 'peer-roster-changed',
  onPeerError: 'peer-error',
});

/** Props of {@link PeerRoster}: the element's properties, `on…` event handlers and React's own. */
export type PeerRosterProps = React.ComponentProps<typeof PeerRoster>;
