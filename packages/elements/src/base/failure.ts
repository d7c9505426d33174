// What a failed call shows, in any element: the message, and Retry when the same call made again
// can succeed, or always for a failed read of what the element shows. (The words and `errorInfo`
// are shared by every element.)
import { html, nothing, type TemplateResult } from 'lit';
import type { CommonMessageKey } from './common.messages.js';
import { canRetry, errorMessageKey } from './errors.js';

/** What {@link renderFailure} needs of an element's localization: the common error words and Retry. */
export interface FailureI18n {
  term(key: Extract<CommonMessageKey, `common.error.${string}` | 'common.retry'>): string;
}

/** The failure as a focusable alert (part `error`), with Retry when retrying can help. */
export function renderFailure(i18n: FailureI18n, failure: unknown, retry: () => void): TemplateResult {
  return html`<p part="error" class="error" role="alert" tabindex="-1">
    ${i18n.term(errorMessageKey(failure))}
    ${
      canRetry(failure)
        ? html`<button
          type="button"
          @click=${() => {
            retry();
          }}
        >
          ${i18n.term('common.retry')}
        </button>`
        : nothing
    }
  </p>`;
}

/**
 * A read of what the element shows that failed, as an alert (part `error`): the message, and Retry
 * always (reading again is harmless).
 */
export function renderReadFailure(i18n: FailureI18n, failure: unknown, retry: () => void): TemplateResult {
  return html`<div part="error" class="error" role="alert">
    <p>${i18n.term(errorMessageKey(failure))}</p>
    <button type="button" @click=${retry}>${i18n.term('common.retry')}</button>
  </div>`;
}
