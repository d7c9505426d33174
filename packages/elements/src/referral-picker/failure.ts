// What a failed call shows, wherever it happens in the picker: the message, and Retry when the
// same call made again can succeed. (The error words and `errorInfo` are shared by every element.)
import { html, nothing, type TemplateResult } from 'lit';
import { canRetry } from '../base/retry.js';
import { errorInfo, errorMessageKey } from '../base/errors.js';
import type { PickerI18n } from './format.js';

export { errorInfo };

export function renderFailure(i18n: PickerI18n, failure: unknown, retry: () => void): TemplateResult {
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
