// Generated from packages/elements/custom-elements.json by packages/react/scripts/generate.ts.
// Do not edit: change the element and its JSDoc, then run `pnpm cem` and `pnpm gen`.
import type * as React from 'react';
import { PeerCalloutLogForm as PeerCalloutLogFormElement } from '@peerlink/elements';
import '@peerlink/elements/callout-log-form/define.js';
import { wrapElement } from './wrap-element.js';

/**
 * The peer's after-action log of a call-out, with drafts, a PII guard and supervisor review.
 *
 * `<peer-callout-log-form>` for React: props set the element's properties (objects and functions as they
 * are, never turned into attributes); importing this module defines the element.
 *
 * Events:
 * - `onPeerLogSaved` — `peer-log-saved`: The draft was saved on the device. `detail: { dispatchId, savedAt }`.
 * - `onPeerLogSubmitted` — `peer-log-submitted`: The service accepted the submitted log (also after an offline wait). `detail: { log }`.
 * - `onPeerLogReviewed` — `peer-log-reviewed`: The supervisor's decision was recorded. `detail: { log, decision }`.
 * - `onPeerError` — `peer-error`: A call to Peerlink failed; the error is also shown. `detail: { error: { code, message, status? } }`.
 *
 * @since 0.1.0
 */
export const PeerCalloutLogForm = wrapElement('PeerCalloutLogForm', 'peer-callout-log-form', PeerCalloutLogFormElement, {
  onPeerLogSaved: 'peer-log-saved',
  onPeerLogSubmitted: 'peer-log-submitted',
  onPeerLogReviewed: 'peer-log-reviewed',
  onPeerError: 'peer-error',
});

/** Props of {@link PeerCalloutLogForm}: the element's properties, `on…` event handlers and React's own. */
export type PeerCalloutLogFormProps = React.ComponentProps<typeof PeerCalloutLogForm>;
