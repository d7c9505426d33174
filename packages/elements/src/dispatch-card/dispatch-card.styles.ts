import { css } from 'lit';
import { borderedStack, fieldErrorStyles, panelSheets } from '../base/styles.js';
import { token } from '../base/tokens.js';

const ownStyles = css`
  .base {
    box-sizing: border-box;
    min-inline-size: 0;
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
    min-block-size: var(--peer-dispatch-card-target-size, 2.75rem);
    padding-block: ${token('space-2')};
    padding-inline: ${token('space-4')};
    font-weight: ${token('font-weight-strong')};
  }
  button[aria-disabled='true'] {
    cursor: progress;
  }
  .checked-in {
    padding: ${token('space-2')} ${token('space-3')};
    border-inline-start: 4px solid ${token('color-success')};
    background: ${token('color-surface-raised')};
    overflow-wrap: anywhere;
  }
  .confirm {
    ${borderedStack}
    gap: ${token('space-2')};
    border-color: ${token('color-warning')};
    border-radius: ${token('radius-md')};
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

  @media (forced-colors: active) {
    button.primary {
      border-color: ButtonText;
    }
  }
`;

/** The shared text, buttons, focus rings, panel box and field errors, then the card's own layout. */
export const dispatchCardStyles = [
  panelSheets('dispatch-card', { maxInlineSize: '40rem', gap: 'space-3' }),
  fieldErrorStyles,
  ownStyles,
];
