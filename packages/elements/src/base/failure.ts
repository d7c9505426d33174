// What a failed call shows, in any element: the message, and Retry when the same call made again
// can succeed. (The words and `errorInfo` are shared by every element.)
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
