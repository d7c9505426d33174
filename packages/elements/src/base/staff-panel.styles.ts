import { css, type CSSResult } from 'lit';
import { borderedStack } from './panel.styles.js';
import { buttonStyles, fieldErrorStyles, focusRing, focusTargetRing } from './control.styles.js';
import { token } from './tokens.js';
import { typography } from './typography.styles.js';

/**
 * The panel of the program-staff elements (a schedule, a roster): a bordered block of stacked parts with
 * plain headings, labelled fields stacked, inputs and selects at the compact height on the surface colour,
 * bordered tables, and the status line hidden while it has nothing to say. Each element sets its own
 * background on `.base`.
 */
const staffPanelStyles = css`
  :host {
    display: block;
  }
  .base {
    ${borderedStack}
    gap: ${token('space-3')};
    border-radius: ${token('radius-md')};
    color: ${token('color-text')};
  }
  h2,
  h3,
  h4,
  p {
    margin: 0;
  }
  h2 {
    font-size: ${token('font-size-lg')};
  }
  .field {
    display: grid;
    gap: ${token('space-1')};
  }
  input:not([type='checkbox']),
  select {
    min-block-size: ${token('control-height-compact')};
    font: inherit;
    color: ${token('color-text')};
    background: ${token('color-surface')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-sm')};
  }
  button {
    min-block-size: ${token('control-height-compact')};
    padding-inline: ${token('space-3')};
  }
  table {
    border-collapse: collapse;
  }
  th,
  td {
    border: ${token('border-width')} solid ${token('color-border')};
    padding: ${token('space-1')};
    text-align: start;
  }
  .status:empty {
    display: none;
  }
`;

/**
 * The sheets a program-staff element starts with, before its own rules: the text, the buttons, the panel, the
 * focus rings and the field errors.
 */
export const staffPanelSheets: CSSResult[] = [
  typography,
  buttonStyles,
  staffPanelStyles,
  focusRing,
  focusTargetRing,
  fieldErrorStyles,
];
