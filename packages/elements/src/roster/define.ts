import { defineElement, type DefineOptions } from '../base/define.js';
import { PeerRoster } from './roster.js';

/** Defines `<peer-roster>`, or `<prefix-roster>` and/or in a given registry. */
export function define(options?: DefineOptions): string {
  return defineElement('peer-roster', PeerRoster, options);
}

define();
