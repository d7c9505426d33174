import type { DefineOptions } from './base/define.js';
import { define as defineStatus } from './status/define.js';
import { define as defineRequestButton } from './request-button/define.js';
import { define as defineDispatchCard } from './dispatch-card/define.js';
import { define as defineCalloutLogForm } from './callout-log-form/define.js';
import { define as defineCertificationBadge } from './certification-badge/define.js';
import { define as defineReferralPicker } from './referral-picker/define.js';

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

  defineProgramReport(options);
}
