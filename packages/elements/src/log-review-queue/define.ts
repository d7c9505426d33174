import { defineElement, type DefineOptions } from '../base/define.js';
import { define as defineCalloutLogForm } from '../callout-log-form/define.js';
import { PeerLogReviewQueue } from './log-review-queue.js';

/** Defines `<peer-log-review-queue>` (and the `<peer-callout-log-form>` it opens logs in), or `<prefix-…>` and/or in a given registry. */
export function define(options?: DefineOptions): string {
  if (options) defineCalloutLogForm(options);
  return defineElement('peer-log-review-queue', PeerLogReviewQueue, options);
}

define();
