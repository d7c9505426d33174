import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizeController } from '../base/localize.js';
import { elapsed } from '../base/relative-time.js';
import type { CalloutSummary } from './callout.js';
import type { RequestButtonMessageKey } from './request-button.messages.js';

type I18n = LocalizeController<RequestButtonMessageKey>;

/** The words on the status label. */
export function calloutLabel(i18n: I18n, summary: CalloutSummary): string {
  return summary.label === 'nobody'
    ? i18n.term('requestButton.nobody')
    : i18n.term(`common.dispatchStatus.${summary.label}`);
}

function holderName(i18n: I18n, name: string | undefined): string {
  return name ?? i18n.term('requestButton.unnamed');
}

/** Who holds the call-out, in one short line for a table row or toolbar. */
export function renderCompactHolder(i18n: I18n, summary: CalloutSummary): TemplateResult | typeof nothing {
  const { holder } = summary;
  if (!holder) return nothing;
  const position = i18n.term(`requestButton.position.${holder.position}`);
  const text = i18n.term('requestButton.holder.short', { name: holderName(i18n, holder.name), position });
  return html`<span part="holder" class="holder" title=${text}>${text}</span>`;
}

/**
 * Who holds the call-out now (a polite live region, so a change of hands is heard), when it
 * escalates next, and who it passed by on the way.
 */
export function renderHolder(i18n: I18n, summary: CalloutSummary): TemplateResult {
  const { holder } = summary;
  const position = holder ? i18n.term(`requestButton.position.${holder.position}`) : '';
  const now = holder
    ? i18n.term(summary.waiting ? 'requestButton.holder.waiting' : 'requestButton.holder.working', {
        name: holderName(i18n, holder.name),
        position,
      })
    : summary.label === 'nobody'
      ? i18n.term('requestButton.nobodyDetail')
      : '';
  return html`<div part="holder" class="holder">
    <span class="holder-now" role="status" aria-atomic="true">${now}</span>
    ${summary.waiting && holder ? renderDue(i18n, summary.escalatesAt) : nothing}
    ${
      summary.passed.length
        ? html`<ul class="passed">
          ${summary.passed.map(
            (passed) =>
              html`<li>${i18n.term(`requestButton.passed.${passed.reason}`, { name: holderName(i18n, passed.name) })}</li>`,
          )}
        </ul>`
        : nothing
    }
  </div>`;
}

function renderDue(i18n: I18n, escalatesAt: string | undefined): TemplateResult {
  const due = escalatesAt ? Date.parse(escalatesAt) : Number.NaN;
  if (Number.isNaN(due)) return html`<span class="due">${i18n.term('requestButton.lastLevel')}</span>`;
  // The time left is the time elapsed from now until then, said as a future.
  const { value, unit } = elapsed(Date.now(), due);
  return html`<time class="due" datetime=${escalatesAt ?? nothing}
    >${i18n.term('requestButton.escalates', { time: i18n.relativeTime(-value, unit, { numeric: 'auto', style: 'short' }) })}</time
  >`;
}
