// Generated from packages/elements/custom-elements.json by packages/react/scripts/generate.ts.
// Do not edit: change the element and its JSDoc, then run `pnpm cem` and `pnpm gen`.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { PeerOnCallSchedule as PeerOnCallScheduleElement, type PeerElementEvent } from '@peerlink/elements';
import '@peerlink/elements/on-call-schedule/define.js';

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
export const PeerOnCallSchedule = createComponent({
  tagName: 'peer-on-call-schedule',
  elementClass: PeerOnCallScheduleElement,
  react: React,
  events: {
    onPeerScheduleChanged: 'peer-schedule-changed' as EventName<PeerElementEvent<'peer-schedule-changed'>>,
    onPeerError: 'peer-error' as EventName<PeerElementEvent<'peer-error'>>,
  },
  displayName: 'PeerOnCallSchedule',
});

/** Props of {@link PeerOnCallSchedule}: the element's properties, `on…` event handlers and React's own. */
export type PeerOnCallScheduleProps = React.ComponentProps<typeof PeerOnCallSchedule>;
