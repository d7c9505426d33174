import { html, type TemplateResult } from 'lit';

/** A `.field` of a form that is not the field kit's: its `label` for the control with id `id`, then `control`. */
export function labelledField(id: string, label: string, control: TemplateResult): TemplateResult {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${control}
  </div>`;
}
