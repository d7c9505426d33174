import { defineElement, type DefineOptions } from '../base/define.js';
import { define as defineStatus } from '../status/define.js';
import { PeerCalloutLogForm } from './callout-log-form.js';

/** Defines `<peer-callout-log-form>` (and the `<peer-status>` it shows), or `<prefix-…>` and/or in a given registry. */
export function define(options?: DefineOptions): string {
  if (options) defineStatus(options);
  return defineElement('peer-callout-log-form', PeerCalloutLogForm, options);
}

define();
