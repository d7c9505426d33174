import { defineElement, type DefineOptions } from '../base/define.js';
import { define as defineStatus } from '../status/define.js';
import { PeerRequestButton } from './request-button.js';

/** Defines `<peer-request-button>` (and the `<peer-status>` it shows), or `<prefix-…>` and/or in a given registry. */
export function define(options?: DefineOptions): string {
  if (options) defineStatus(options);
  return defineElement('peer-request-button', PeerRequestButton, options);
}

define();
