import { defineElement, type DefineOptions } from '../base/define.js';
import { define as defineStatus } from '../status/define.js';
import { PeerDispatchCard } from './dispatch-card.js';

/** Defines `<peer-dispatch-card>` (and the `<peer-status>` it shows), or `<prefix-…>` and/or in a given registry. */
export function define(options?: DefineOptions): string {
  if (options) defineStatus(options);
  return defineElement('peer-dispatch-card', PeerDispatchCard, options);
}

define();
