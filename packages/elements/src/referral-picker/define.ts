import { defineElement, type DefineOptions } from '../base/define.js';
import { define as defineStatus } from '../status/define.js';
import { PeerReferralConsent } from './consent-form.js';
import { PeerReferralPicker } from './referral-picker.js';

/**
 * Defines `<peer-referral-picker>` (and the `<peer-status>` and consent form it shows), or
 * `<prefix-…>` and/or in a given registry.
 */
export function define(options?: DefineOptions): string {
  if (options) defineStatus(options);
  defineElement('peer-referral-consent', PeerReferralConsent, options);
  return defineElement('peer-referral-picker', PeerReferralPicker, options);
}

define();
