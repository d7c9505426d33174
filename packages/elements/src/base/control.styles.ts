import { css } from 'lit';
import { token } from './tokens.js';

/** Buttons: a raised surface with the theme's border, `.primary` in the accent colour, dimmed while disabled or busy. */
export const buttonStyles = css`
  button {
    box-sizing: border-box;
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-md')};
    background: ${token('color-surface-raised')};
    color: ${token('color-text')};
    font: inherit;
    cursor: pointer;
  }
  button.primary {
    border-color: ${token('color-accent')};
    background: ${token('color-accent')};
    color: ${token('color-accent-contrast')};
  }
  button:disabled,
  button[aria-disabled='true'] {
    cursor: default;
    opacity: 0.75;
  }
`;

/** The theme's focus ring on controls and links reached by keyboard. */
export const focusRing = css`
  :is(button, a, input, select, textarea):focus-visible {
    outline: ${token('focus-ring-width')} solid ${token('color-focus-ring')};
    outline-offset: ${token('focus-ring-offset')};
  }
`;

/**
 * The focus ring on what an element focuses itself (`tabindex="-1"`: a status, a heading, a
 * question) when the browser shows focus, and none when it is focused by a pointer.
 */
export const focusTargetRing = css`
  [tabindex='-1']:focus-visible {
    outline: ${token('focus-ring-width')} solid ${token('color-focus-ring')};
    outline-offset: ${token('focus-ring-offset')};
  }
  [tabindex='-1']:focus:not(:focus-visible) {
    outline: none;
  }
`;

/** Invalid fields outlined in the danger colour; `.field-error` and `.error` messages in it, hidden while empty. */
export const fieldErrorStyles = css`
  :is(input, select, textarea)[aria-invalid='true'] {
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
`;
