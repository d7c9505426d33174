import { defineElement, type DefineOptions } from '../base/define.js';
import { PeerOnCallSchedule } from './on-call-schedule.js';

/** Defines `<peer-on-call-schedule>`, or `<prefix-on-call-schedule>` and/or in a given registry. */
export function define(options?: DefineOptions): string {
  return defineElement('peer-on-call-schedule', PeerOnCallSchedule, options);
}

define();
