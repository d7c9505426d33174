import { defineElement, type DefineOptions } from '../base/define.js';
import { PeerProgramReport } from './program-report.js';

/** Defines `<peer-program-report>`, or `<prefix-program-report>` and/or in a given registry. */
export function define(options?: DefineOptions): string {
  return defineElement('peer-program-report', PeerProgramReport, options);
}

define();
