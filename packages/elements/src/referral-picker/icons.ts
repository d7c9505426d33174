import { html, svg, type TemplateResult } from 'lit';

const check = svg`<path d="m5 12.5 4.5 4.5L19 7.5" />`;
const clock = svg`<circle cx="12" cy="12" r="9" /><path d="M12 7v5l3 2" />`;

/** A decorative icon: the text beside it says what it shows. */
export function icon(name: 'check' | 'clock'): TemplateResult {
  return html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"
    >${name === 'check' ? check : clock}</svg
  >`;
}
