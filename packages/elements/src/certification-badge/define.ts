import { defineElement, type DefineOptions } from '../base/define.js';
import { PeerCertificationBadge } from './certification-badge.js';

/** Defines `<peer-certification-badge>`, or `<prefix-certification-badge>` and/or in a given registry. */
export function define(options?: DefineOptions): string {
  return defineElement('peer-certification-badge', PeerCertificationBadge, options);
}

define();
