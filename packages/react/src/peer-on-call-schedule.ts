// Generated from packages/elements/custom-elements.json by packages/react/scripts/generate.ts.
// Do not edit: change the element and its JSDoc, then run `pnpm cem` and `pnpm gen`.
import type * as React from 'react';
import { PeerOnCallSchedule as PeerOnCallScheduleElement } from '@peerlink/elements';
import '@peerlink/elements/on-call-schedule/define.js';
import { wrapElement } from './wrap-element.js';

/**
 * An area's on-call week: who is primary, backup and supervisor, gaps and conflicts, overrides and rotations.
 *
 * `<peer-on-call-schedule>` for React: props set the element's properties (objects and functions as they
 * are, never turned into attributes); importing this module defines the element.
 *
 * Events:
 * - `onPeerScheduleChanged` — `peer-schedule-changed`: A supervisor's override or rotation change was accepted. `detail: { kind, id }`.
 * - `onPeerError` — `peer-error`: Reading or writing failed. `detail: { error: { code, message, status? } }`.
 *
 * @since 0.2.0
 */
export const PeerOnCallSchedule = wrapElement('PeerOnCallSchedule', 'peer-on-call-schedule', PeerOnCallScheduleElement, {
  onPeerScheduleChanged: 'peer-schedule-changed',
  onPeerError: 'peer-error',
});

/** Props of {@link PeerOnCallSchedule}: the element's properties, `on…` event handlers and React's own. */
export type PeerOnCallScheduleProps = React.ComponentProps<typeof PeerOnCallSchedule>;
