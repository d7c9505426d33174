// Generated from packages/elements/custom-elements.json by packages/react/scripts/generate.ts.
// Do not edit: change the element and its JSDoc, then run `pnpm cem` and `pnpm gen`.
import type * as React from 'react';
import { PeerLogReviewQueue as PeerLogReviewQueueElement } from '@peerlink/elements';
import '@peerlink/elements/log-review-queue/define.js';
import { wrapElement } from './wrap-element.js';

/**
 * The supervisor's queue of submitted call-out logs, oldest first, reviewed in place.
 *
 * `<peer-log-review-queue>` for React: props set the element's properties (objects and functions as they
 * are, never turned into attributes); importing this module defines the element.
 *
 * Events:
 * - `onPeerQueueChange` — `peer-queue-change`: The number of logs waiting changed. `detail: { count }`.
 * - `onPeerLogOpen` — `peer-log-open`: A log was opened for review (`logId`), or closed (`null`). `detail: { logId }`.
 * - `onPeerLogReviewed` — `peer-log-reviewed`: Bubbles from the opened form: the decision was recorded. `detail: { log, decision }`.
 * - `onPeerError` — `peer-error`: A call to Peerlink failed; the error is also shown. `detail: { error: { code, message, status? } }`.
 *
 * @since 0.2.0
 */
export const PeerLogReviewQueue = wrapElement('PeerLogReviewQueue', 'peer-log-review-queue', PeerLogReviewQueueElement, {
  onPeerQueueChange: 'peer-queue-change',
  onPeerLogOpen: 'peer-log-open',
  onPeerLogReviewed: 'peer-log-reviewed',
  onPeerError: 'peer-error',
});

/** Props of {@link PeerLogReviewQueue}: the element's properties, `on…` event handlers and React's own. */
export type PeerLogReviewQueueProps = React.ComponentProps<typeof PeerLogReviewQueue>;
