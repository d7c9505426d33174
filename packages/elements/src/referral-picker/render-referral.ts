// The referral made, followed live: its status, the appointment once scheduled, the consent's
// revocation, and "Refer someone else".
import { html, nothing, type TemplateResult } from 'lit';
import type { Referral } from '@peerlink/sdk';
import { renderFailure } from './failure.js';
import { dateTime, type PickerI18n } from './format.js';
import { REFERRAL_TONES, referralSince } from './referral-client.js';

/** What the referral view shows, and what its buttons do. */
export interface ReferralView {
  readonly i18n: PickerI18n;
  /** The referral shown; none yet while its creation waits in the outbox. */
  readonly referral?: Referral;
  /** The name of the resource referred to. */
  readonly name: string;
  /** A change waits in the outbox to be sent. */
  readonly queued: boolean;
  /** The revocation's part of the view. */
  readonly revocation: TemplateResult | typeof nothing;
  /** The last call's failure, if any. */
  readonly failure?: unknown;
  retry(): void;
  another(): void;
}

export function renderReferral(view: ReferralView): TemplateResult {
  const { i18n, referral, queued } = view;
  const tone = queued ? 'warning' : referral ? REFERRAL_TONES[referral.status] : 'neutral';
  const label = queued ? i18n.term('common.queued') : referral ? i18n.term(`picker.status.${referral.status}`) : '';
  const scheduledAt = referral?.status === 'scheduled' ? referral.scheduledAt : undefined;
  return html`<section class="panel" aria-labelledby="referral-heading">
    <h2 id="referral-heading">${i18n.term('picker.consentFor', { name: view.name })}</h2>
    <span class="status" tabindex="-1">
      <peer-status
        part="status"
        exportparts="base: status-base, label: status-label, time: status-time"
        tone=${tone}
        label=${label}
        since=${!queued && referral ? referralSince(referral) : nothing}
        live
      ></peer-status>
    </span>
    ${scheduledAt ? html`<p>${i18n.term('picker.scheduledFor', { time: dateTime(i18n, scheduledAt) })}</p>` : nothing}
    ${view.revocation}
    ${
      view.failure
        ? renderFailure(i18n, view.failure, () => {
            view.retry();
          })
        : nothing
    }
    <div class="actions">
      <button
        type="button"
        @click=${() => {
          view.another();
        }}
      >
        ${i18n.term('picker.another')}
      </button>
    </div>
  </section>`;
}
