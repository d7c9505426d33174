import { defineElement, type DefineOptions } from '../base/define.js';
import { PeerStatus } from './status.js';

/** Defines `<peer-status>`, or `<prefix-status>` and/or in a given registry. */
export function define(options?: DefineOptions): string {
  return defineElement('peer-status', PeerStatus, options);
}

define();
