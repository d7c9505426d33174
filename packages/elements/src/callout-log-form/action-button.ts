import { html, nothing, type TemplateResult } from 'lit';

/** What an action button reads from the view it stands in. */
export interface ActionState {
  /** The form takes no action now. */
  readonly disabled: boolean;
  /** A request is under way. */
  readonly busy: boolean;
}

/**
 * One of the log's actions (submit, approve, return), exposed as `part`: disabled while the form takes no
 * action and `aria-disabled` while a request is under way; `className` `primary` for the main one.
 */
export function actionButton(
  view: ActionState,
  part: string,
  label: string,
  act: () => void,
  className?: 'primary',
): TemplateResult {
  return html`<button
    part=${part}
    class=${className ?? nothing}
    type="button"
    ?disabled=${view.disabled}
    aria-disabled=${view.busy ? 'true' : 'false'}
    @click=${act}
  >
    ${label}
  </button>`;
}
