import { css } from 'lit';
import { fieldErrorStyles, panelHeaderStyles, panelSheets } from '../base/styles.js';
import { token } from '../base/tokens.js';

const ownStyles = css`
  .base {
    container-type: inline-size;
  }

  h2,
  h3,
  p {
    margin: 0;
  }
  h3 {
    font-size: ${token('font-size-md')};
  }

  fieldset {
    display: grid;
    gap: ${token('space-3')};
    min-inline-size: 0;
    margin: 0;
    padding: ${token('space-3')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-md')};
  }
  fieldset.form {
    padding: 0;
    border: 0;
    gap: ${token('space-4')};
  }
  #f-times,
  #f-checkIn,
  #f-services-harmReduction,
  fieldset.row {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr));
  }
  fieldset.group > p,
  fieldset.group > .comment,
  fieldset.row > button,
  #f-services-harmReduction > .check {
    grid-column: 1 / -1;
  }
  legend {
    padding-inline: ${token('space-1')};
    font-weight: ${token('font-weight-strong')};
  }

  .field {
    display: grid;
    gap: ${token('space-1')};
    align-content: start;
  }
  .field.check,
  label.check {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space-2')};
    min-block-size: var(--peer-callout-log-form-target-size, 2.75rem);
  }
  /* The label stays beside its box and wraps there, however long it is. */
  label.check {
    flex-wrap: nowrap;
  }
  label.check > span,
  .field.check > label {
    flex: 1 1 0;
    min-inline-size: 0;
  }
  .field.check .field-error,
  .field.check .comment {
    flex-basis: 100%;
  }
  label,
  dt {
    font-weight: ${token('font-weight-strong')};
  }
  label.check,
  .field.check > label {
    font-weight: ${token('font-weight-normal')};
  }

  input,
  select,
  textarea {
    box-sizing: border-box;
    inline-size: 100%;
    min-block-size: var(--peer-callout-log-form-target-size, 2.75rem);
    padding: ${token('space-2')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-sm')};
    background: ${token('color-surface')};
    color: ${token('color-text')};
    font: inherit;
  }
  input[type='number'] {
    max-inline-size: 12rem;
  }
  input[type='checkbox'] {
    inline-size: 1.25rem;
    min-block-size: 1.25rem;
    margin: 0;
    accent-color: ${token('color-accent')};
  }
  textarea {
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-width: 2px;
  }

  button {
    min-block-size: var(--peer-callout-log-form-target-size, 2.75rem);
    padding-block: ${token('space-2')};
    padding-inline: ${token('space-4')};
    font-weight: ${token('font-weight-strong')};
    justify-self: start;
  }
  button.link {
    min-block-size: 2.75rem;
    padding-inline: ${token('space-2')};
    border-color: transparent;
    background: none;
    color: ${token('color-accent')};
    text-decoration: underline;
  }
  a {
    color: ${token('color-accent')};
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space-3')};
  }

  .summary,
  .returned,
  .comment,
  .note,
  .pii {
    display: grid;
    gap: ${token('space-2')};
    padding: ${token('space-3')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-inline-start-width: 4px;
    border-radius: ${token('radius-sm')};
    background: ${token('color-surface-raised')};
  }
  .summary {
    border-color: ${token('color-danger')};
  }
  .summary ul,
  .returned ul,
  .pii ul,
  .history ol {
    margin: 0;
    padding-inline-start: ${token('space-5')};
  }
  .returned,
  .comment {
    border-color: ${token('color-warning')};
  }
  .comment {
    padding: ${token('space-2')};
  }
  .note {
    border-color: ${token('color-info')};
  }
  .note-mark {
    display: flex;
    gap: ${token('space-2')};
    align-items: flex-start;
  }
  .icon {
    flex: none;
    inline-size: 1.5rem;
    block-size: 1.5rem;
    fill: none;
    stroke: ${token('color-info')};
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  .narrative {
    display: grid;
    gap: ${token('space-3')};
    grid-template-columns: minmax(0, 2fr) minmax(14rem, 1fr);
    align-items: start;
  }
  .pii li {
    display: grid;
    gap: ${token('space-1')};
    padding-block: ${token('space-1')};
    overflow-wrap: anywhere;
  }
  .pii li.kept {
    color: ${token('color-text-muted')};
  }
  .pii-actions {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-2')};
  }

  .referrals,
  .row-inline {
    display: grid;
    gap: ${token('space-2')};
  }

  .read {
    display: grid;
    gap: ${token('space-2')};
    margin: 0;
  }
  .read-row {
    display: grid;
    grid-template-columns: minmax(10rem, 1fr) minmax(0, 3fr);
    gap: ${token('space-2')};
    padding-block: ${token('space-2')};
    border-block-end: ${token('border-width')} solid ${token('color-border')};
  }
  .read dd {
    display: grid;
    gap: ${token('space-1')};
    margin: 0;
    overflow-wrap: anywhere;
  }
  .read ul {
    margin: 0;
    padding-inline-start: ${token('space-4')};
  }
  .prose {
    white-space: pre-wrap;
  }
  .review,
  .history {
    display: grid;
    gap: ${token('space-3')};
  }

  @container (max-width: 40rem) {
    .narrative,
    .read-row {
      grid-template-columns: minmax(0, 1fr);
    }
  }

  @media (forced-colors: active) {
    button.primary {
      border-color: ButtonText;
    }
    .icon {
      stroke: CanvasText;
    }
  }
`;

export const calloutLogFormStyles = [
  panelSheets('callout-log-form', { maxInlineSize: '60rem', gap: 'space-4' }),
  panelHeaderStyles('center'),
  fieldErrorStyles,
  ownStyles,
];
