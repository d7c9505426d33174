// Generated from packages/elements/custom-elements.json by packages/react/scripts/generate.ts.
// Do not edit: change the element and its JSDoc, then run `pnpm cem` and `pnpm gen`.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { PeerReferralPicker as PeerReferralPickerElement, type PeerElementEvent } from '@peerlink/elements';
import '@peerlink/elements/referral-picker/define.js';
import type { ElementEvent } from './element-event.js';

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
export const PeerReferralPicker = createComponent({
  tagName: 'peer-referral-picker',
  elementClass: PeerReferralPickerElement,
  react: React,
  events: {
    onChange: 'change' as EventName<ElementEvent<'change'>>,
    onPeerResourceSelected: 'peer-resource-selected' as EventName<PeerElementEvent<'peer-resource-selected'>>,
    onPeerReferralCreated: 'peer-referral-created' as EventName<PeerElementEvent<'peer-referral-created'>>,
    onPeerReferralStatus: 'peer-referral-status' as EventName<PeerElementEvent<'peer-referral-status'>>,
    onPeerError: 'peer-error' as EventName<PeerElementEvent<'peer-error'>>,
  },
  displayName: 'PeerReferralPicker',
});

/** Props of {@link PeerReferralPicker}: the element's properties, `on…` event handlers and React's own. */
export type PeerReferralPickerProps = React.ComponentProps<typeof PeerReferralPicker>;
