import { css } from 'lit';
import { borderedStack, buttonStyles, fieldErrorStyles, focusRing, typography } from '../base/styles.js';
import { token } from '../base/tokens.js';

// After the shared typography, buttons, focus ring and field errors: only what the picker does
// otherwise or besides.
const ownStyles = css`
  :host {
    display: block;
    max-inline-size: 72rem;
    --_target: var(--peer-referral-picker-target-size, 2.75rem);
  }

  .base {
    container-type: inline-size;
    display: grid;
    gap: ${token('space-3')};
    padding: var(--peer-referral-picker-padding, ${token('space-4')});
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-md')};
    background: var(--peer-referral-picker-background, ${token('color-surface')});
  }
  h2,
  h3,
  p,
  dl,
  dd,
  ul {
    margin: 0;
  }
  h2 {
    font-size: ${token('font-size-lg')};
  }
  h3 {
    font-size: ${token('font-size-md')};
  }
  h2:focus,
  h3:focus {
    outline: none;
  }
  h2:focus-visible,
  h3:focus-visible {
    outline: ${token('focus-ring-width')} solid ${token('color-focus-ring')};
    outline-offset: ${token('focus-ring-offset')};
  }

  input,
  select,
  textarea,
  button {
    box-sizing: border-box;
    min-block-size: var(--_target);
    font: inherit;
    color: inherit;
  }
  input[type='text'],
  input[type='search'],
  input[type='date'],
  select,
  textarea {
    inline-size: 100%;
    padding-inline: ${token('space-3')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-sm')};
    background: ${token('color-surface')};
  }
  textarea {
    padding-block: ${token('space-2')};
  }
  :is(input, select, textarea)[aria-invalid='true'] {
    border-width: 2px;
  }
  button {
    padding-block: 0;
    padding-inline: ${token('space-3')};
  }
  button.primary {
    border-color: var(--peer-referral-picker-accent, ${token('color-accent')});
    background: var(--peer-referral-picker-accent, ${token('color-accent')});
    color: ${token('color-accent-contrast')};
    font-weight: ${token('font-weight-strong')};
  }
  button.danger {
    border-color: ${token('color-danger')};
    background: ${token('color-danger')};
    color: ${token('color-accent-contrast')};
    font-weight: ${token('font-weight-strong')};
  }
  a {
    color: ${token('color-accent')};
  }

  .search {
    display: grid;
    gap: ${token('space-1')};
  }
  .search label {
    font-weight: ${token('font-weight-strong')};
  }

  fieldset {
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0;
    margin-block-end: ${token('space-1')};
    font-size: ${token('font-size-sm')};
    font-weight: ${token('font-weight-strong')};
  }
  /* An author's display (grid, flex) would otherwise win over the attribute. */
  [hidden] {
    display: none !important;
  }
  .filters,
  .more-filters {
    display: grid;
    gap: ${token('space-2')};
  }
  /* On a phone the services take one row that scrolls sideways, so the results stay in sight. */
  @container (max-width: 40rem) {
    .categories .chips {
      flex-wrap: nowrap;
      overflow-x: auto;
      /* Room for a chip's focus ring, which the scrolling row would clip. */
      padding: calc(${token('focus-ring-width')} + ${token('focus-ring-offset')});
      margin: calc(-1 * (${token('focus-ring-width')} + ${token('focus-ring-offset')}));
      scrollbar-width: thin;
    }
    .categories .chip {
      flex: none;
      white-space: nowrap;
    }
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-1')} ${token('space-2')};
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: ${token('space-1')};
    min-block-size: var(--peer-referral-picker-chip-height, 2.25rem);
    padding-inline: ${token('space-3')};
    border-radius: ${token('radius-pill')};
    background: ${token('color-surface')};
    font-size: ${token('font-size-sm')};
  }
  .chip[aria-pressed='true'] {
    border-color: var(--peer-referral-picker-accent, ${token('color-accent')});
    background: var(--peer-referral-picker-accent, ${token('color-accent')});
    color: ${token('color-accent-contrast')};
    font-weight: ${token('font-weight-strong')};
  }
  .filter-actions,
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-2')};
  }
  .link {
    min-block-size: 0;
    padding: 0;
    border: 0;
    background: none;
    color: ${token('color-accent')};
    text-decoration: underline;
  }

  .count {
    font-weight: ${token('font-weight-strong')};
  }
  .layout {
    display: grid;
    gap: ${token('space-3')};
  }
  @container (min-width: 48rem) {
    .layout.with-detail {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      align-items: start;
    }
  }
  .results[hidden] {
    display: none;
  }
  .listbox {
    block-size: var(--peer-referral-picker-list-height, 22rem);
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-sm')};
    background: ${token('color-surface')};
  }
  .option {
    inline-size: 100%;
    padding-block: ${token('space-2')};
    padding-inline: ${token('space-3')};
    border-block-end: 1px solid ${token('color-border')};
    cursor: pointer;
  }
  .option[aria-selected='true'] {
    background: ${token('color-surface-raised')};
    box-shadow: inset 0.3rem 0 0 ${token('color-focus-ring')};
    outline: ${token('focus-ring-width')} solid ${token('color-focus-ring')};
    outline-offset: -${token('focus-ring-width')};
  }
  .option.placeholder {
    color: ${token('color-text-muted')};
  }
  .name {
    font-weight: ${token('font-weight-strong')};
  }
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: 0 ${token('space-3')};
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-sm')};
  }
  .fact {
    display: inline-flex;
    align-items: center;
    gap: 0.2em;
  }
  /* Capacity figures over a day old: fainter, so fresh openings stand out. */
  .age.stale {
    font-style: italic;
    opacity: 0.8;
  }
  .icon {
    flex: none;
    inline-size: 1em;
    block-size: 1em;
    fill: none;
    stroke: currentColor;
    stroke-width: 2.5;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .open {
    color: ${token('color-success')};
    font-weight: ${token('font-weight-strong')};
  }

  .panel {
    ${borderedStack}
    gap: ${token('space-3')};
    border-radius: ${token('radius-md')};
    background: ${token('color-surface')};
  }
  .details {
    display: grid;
    gap: ${token('space-2')};
  }
  .details dt {
    font-size: ${token('font-size-sm')};
    font-weight: ${token('font-weight-strong')};
    color: ${token('color-text-muted')};
  }
  .details ul {
    padding-inline-start: 1.25rem;
  }

  form {
    display: grid;
    gap: ${token('space-3')};
  }
  .field {
    display: grid;
    gap: ${token('space-1')};
  }
  .field > label,
  .field > span.label {
    font-weight: ${token('font-weight-strong')};
  }
  .check {
    display: flex;
    align-items: flex-start;
    gap: ${token('space-2')};
    min-block-size: var(--_target);
  }
  .check input {
    flex: none;
    inline-size: 1.25rem;
    min-block-size: 1.25rem;
    block-size: 1.25rem;
    margin-block-start: 0.1rem;
  }
  .field-error {
    font-size: ${token('font-size-sm')};
  }
  .notice {
    padding: ${token('space-3')};
    border: 2px solid ${token('color-border')};
    border-radius: ${token('radius-sm')};
    background: ${token('color-surface-raised')};
    font-size: ${token('font-size-sm')};
  }
  .summary {
    padding: ${token('space-3')};
    border: 2px solid ${token('color-danger')};
    border-radius: ${token('radius-sm')};
  }
  .summary:focus {
    outline: ${token('focus-ring-width')} solid ${token('color-focus-ring')};
    outline-offset: ${token('focus-ring-offset')};
  }
  .summary ul {
    padding-inline-start: 1.25rem;
  }
  .confirm {
    display: grid;
    gap: ${token('space-2')};
    padding: ${token('space-3')};
    border: 2px solid ${token('color-danger')};
    border-radius: ${token('radius-sm')};
  }
  .revoked {
    font-weight: ${token('font-weight-strong')};
  }
  .status:focus {
    outline: none;
  }
  .status:focus-visible {
    outline: ${token('focus-ring-width')} solid ${token('color-focus-ring')};
    outline-offset: ${token('focus-ring-offset')};
    border-radius: ${token('radius-pill')};
  }

  @media (forced-colors: active) {
    .chip[aria-pressed='true'],
    .option[aria-selected='true'] {
      outline: 2px solid Highlight;
    }
  }
`;

export const referralPickerStyles = [typography, buttonStyles, focusRing, fieldErrorStyles, ownStyles];
