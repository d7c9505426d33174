import { html, nothing, type TemplateResult } from 'lit';

/** What an action button reads from the view it stands in. */
export interface ActionState {
  /** The form takes no action now. */
  readonly disabled: boolean;
  /** A request is under way. */
  readonly busy: boolean;
}

/** Which action a button is. */
export interface Action {
  /** The `part` it is exposed as. */
  readonly part: string;
  readonly label: string;
  /** The main action of the view. */
  readonly primary?: boolean;
}

/**
 * One of the log's actions (submit, approve, return): disabled while the form takes no action and
 * `aria-disabled` while a request is under way.
 */
export function actionButton(view: ActionState, { part, label, primary }: Action, act: () => void): TemplateResult {
  return html`<button
    part=${part}
    class=${primary ? 'primary' : nothing}
    type="button"
    ?disabled=${view.disabled}
    aria-disabled=${view.busy ? 'true' : 'false'}
    @click=${act}
  >
    ${label}
  </button>`;
}
