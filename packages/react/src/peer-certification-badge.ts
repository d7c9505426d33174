// Generated from packages/elements/custom-elements.json by packages/react/scripts/generate.ts.
// Do not edit: change the element and its JSDoc, then run `pnpm cem` and `pnpm gen`.
import type * as React from 'react';
import { PeerCertificationBadge as PeerCertificationBadgeElement } from '@peerlink/elements';
import '@peerlink/elements/certification-badge/define.js';
import { wrapElement } from './wrap-element.js';

/**
 * A certification status badge with requirement progress, signature verification and role qualification.
 *
 * `<peer-certification-badge>` for React: props set the element's properties (objects and functions as they
 * are, never turned into attributes); importing this module defines the element.
 *
 * Events:
 * - `onPeerCredentialVerified` — `peer-credential-verified`: Verification of `signed` finished, valid or not. `detail: { result }` (`{ valid: true, credential }` or `{ valid: false, reason, message }`).
 * - `onPeerError` — `peer-error`: Verification could not run: no key set was given, or the verifier failed to load. `detail: { error: { code, message } }`.
 *
 * @since 0.1.0
 */
export const PeerCertificationBadge = wrapElement('PeerCertificationBadge', 'peer-certification-badge', PeerCertificationBadgeElement, {
  onPeerCredentialVerified: 'peer-credential-verified',
  onPeerError: 'peer-error',
});

/** Props of {@link PeerCertificationBadge}: the element's properties, `on…` event handlers and React's own. */
export type PeerCertificationBadgeProps = React.ComponentProps<typeof PeerCertificationBadge>;
