// Generated from packages/elements/custom-elements.json by packages/react/scripts/generate.ts.
// Do not edit: change the element and its JSDoc, then run `pnpm cem` and `pnpm gen`.
import type * as React from 'react';
import { PeerReferralPicker as PeerReferralPickerElement } from '@peerlink/elements';
import '@peerlink/elements/referral-picker/define.js';
import { wrapElement } from './wrap-element.js';

/**
 * Searches the resource directory and makes consented, closed-loop referrals.
 *
 * `<peer-referral-picker>` for React: props set the element's properties (objects and functions as they
 * are, never turned into attributes); importing this module defines the element.
 *
 * Events:
 * - `onChange` — `change`: A referral was created; `value` holds the ids of every referral made here.
 * - `onPeerResourceSelected` — `peer-resource-selected`: A resource was chosen from the results. `detail: { resource }`.
 * - `onPeerReferralCreated` — `peer-referral-created`: The service created the referral (also after an offline wait). `detail: { referral }`.
 * - `onPeerReferralStatus` — `peer-referral-status`: The referral shown moved to another status. `detail: { referral, status }`.
 * - `onPeerError` — `peer-error`: A call to Peerlink failed; the error is also shown. `detail: { error: { code, message, status? } }`.
 *
 * @since 0.1.0
 */
export const PeerReferralPicker = wrapElement('PeerReferralPicker', 'peer-referral-picker', PeerReferralPickerElement, {
  onChange: 'change',
  onPeerResourceSelected: 'peer-resource-selected',
  onPeerReferralCreated: 'peer-referral-created',
  onPeerReferralStatus: 'peer-referral-status',
  onPeerError: 'peer-error',
});

/** Props of {@link PeerReferralPicker}: the element's properties, `on…` event handlers and React's own. */
export type PeerReferralPickerProps = React.ComponentProps<typeof PeerReferralPicker>;
