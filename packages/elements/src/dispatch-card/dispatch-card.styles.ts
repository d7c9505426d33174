import { css } from 'lit';
import { token } from '../base/tokens.js';

export const dispatchCardStyles = css`
  :host {
    display: block;
    max-inline-size: 40rem;
    font-family: ${token('font-family')};
    font-size: ${token('font-size-md')};
    line-height: ${token('line-height')};
    color: ${token('color-text')};
  }

  .base {
    display: grid;
    gap: ${token('space-3')};
    box-sizing: border-box;
    min-inline-size: 0;
    padding: var(--peer-dispatch-card-padding, ${token('space-4')});
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-md')};
    background: var(--peer-dispatch-card-background, ${token('color-surface')});
  }

  .base:focus {
    outline: none;
  }
  .base:focus-visible {
    outline: ${token('focus-ring-width')} solid ${token('color-focus-ring')};
    outline-offset: ${token('focus-ring-offset')};
  }

  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: ${token('space-2')};
  }
  h2 {
    margin: 0;
    font-size: ${token('font-size-lg')};
    font-weight: ${token('font-weight-strong')};
    overflow-wrap: anywhere;
  }
  p {
    margin: 0;
  }
  .meta {
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-sm')};
  }

  a {
    display: inline-flex;
    align-items: center;
    min-block-size: var(--peer-dispatch-card-target-size, 2.75rem);
    color: ${token('color-accent')};
    font-weight: ${token('font-weight-strong')};
    overflow-wrap: anywhere;
  }

  .cautions {
    padding: ${token('space-2')} ${token('space-3')};
    border-inline-start: 4px solid ${token('color-warning')};
    background: ${token('color-surface-raised')};
  }
  .cautions ul {
    margin: 0;
    padding-inline-start: ${token('space-5')};
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-2')};
  }
  button {
    flex: 1 1 8rem;
    box-sizing: border-box;
    min-block-size: var(--peer-dispatch-card-target-size, 2.75rem);
    padding-block: ${token('space-2')};
    padding-inline: ${token('space-4')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-md')};
    background: ${token('color-surface-raised')};
    color: ${token('color-text')};
    font: inherit;
    font-weight: ${token('font-weight-strong')};
    cursor: pointer;
  }
  button.primary {
    border-color: ${token('color-accent')};
    background: ${token('color-accent')};
    color: ${token('color-accent-contrast')};
  }
  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }
  .checked-in {
    padding: ${token('space-2')} ${token('space-3')};
    border-inline-start: 4px solid ${token('color-success')};
    background: ${token('color-surface-raised')};
    overflow-wrap: anywhere;
  }
  .confirm {
    display: grid;
    gap: ${token('space-2')};
    padding: ${token('space-3')};
    border: ${token('border-width')} solid ${token('color-warning')};
    border-radius: ${token('radius-md')};
  }
  #confirm-question:focus-visible,
  button:focus-visible,
  a:focus-visible,
  input:focus-visible,
  select:focus-visible {
    outline: ${token('focus-ring-width')} solid ${token('color-focus-ring')};
    outline-offset: ${token('focus-ring-offset')};
  }

  form {
    display: grid;
    gap: ${token('space-3')};
  }
  fieldset {
    display: grid;
    gap: ${token('space-2')};
    margin: 0;
    padding: ${token('space-3')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-md')};
    min-inline-size: 0;
  }
  legend {
    padding-inline: ${token('space-1')};
    font-weight: ${token('font-weight-strong')};
  }
  label {
    font-weight: ${token('font-weight-strong')};
  }
  input,
  select {
    box-sizing: border-box;
    inline-size: 100%;
    min-block-size: var(--peer-dispatch-card-target-size, 2.75rem);
    padding-inline: ${token('space-2')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-sm')};
    background: ${token('color-surface')};
    color: ${token('color-text')};
    font: inherit;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: ${token('color-danger')};
  }
  .field-error,
  .error {
    color: ${token('color-danger')};
    font-weight: ${token('font-weight-strong')};
  }
  .field-error:empty {
    display: none;
  }

  @media (forced-colors: active) {
    button.primary {
      border-color: ButtonText;
    }
  }
`;
