import type { DefineOptions } from './base/define.js';
import { define as defineStatus } from './status/define.js';
import { define as defineRequestButton } from './request-button/define.js';
import { define as defineDispatchCard } from './dispatch-card/define.js';
import { define as defineCalloutLogForm } from './callout-log-form/define.js';
import { define as defineCertificationBadge } from './certification-badge/define.js';
import { define as defineReferralPicker } from './referral-picker/define.js';
// Program staff: the on-call schedule, the roster, the review queue, the directory import and the report.
import { define as defineOnCallSchedule } from './on-call-schedule/define.js';
import { define as defineRoster } from './roster/define.js';
import { define as defineLogReviewQueue } from './log-review-queue/define.js';
import { define as defineDirectoryImport } from './directory-import/define.js';
import { define as defineProgramReport } from './program-report/define.js';

/**
 * Defines every Peerlink element under its `peer-*` tag (importing this module does that);
 * call it again with a prefix or registry to define them elsewhere too.
 */
export function defineAll(options?: DefineOptions): void {
  defineStatus(options);
  defineRequestButton(options);
  defineDispatchCard(options);
  defineCalloutLogForm(options);
  defineCertificationBadge(options);
  defineReferralPicker(options);
  // Program staff: the on-call schedule, the roster, the review queue, the directory import and the report.
  defineOnCallSchedule(options);
  defineRoster(options);
  defineLogReviewQueue(options);
  defineDirectoryImport(options);
  defineProgramReport(options);
}
