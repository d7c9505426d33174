import { css } from 'lit';
import { typography } from '../base/styles.js';
import { token } from '../base/tokens.js';

const ownStyles = css`
  :host {
    display: inline-block;
    vertical-align: middle;
    max-inline-size: 100%;
    font-size: ${token('font-size-sm')};
  }
  :host([size='full']) {
    display: block;
    max-inline-size: var(--peer-certification-badge-max-width, 32rem);
    font-size: ${token('font-size-md')};
  }

  p,
  ul,
  dl,
  dd {
    margin: 0;
  }
  ul {
    padding: 0;
    list-style: none;
  }

  .base {
    box-sizing: border-box;
    min-inline-size: 0;
    border: ${token('border-width')} solid var(--peer-certification-badge-border-color, ${token('color-border')});
  }

  .compact {
    display: inline-flex;
    align-items: center;
    gap: ${token('space-2')};
    max-inline-size: 100%;
    block-size: var(--peer-certification-badge-height, 1.5rem);
    padding-inline: ${token('space-2')};
    border-radius: ${token('radius-pill')};
    background: var(--peer-certification-badge-background, ${token('color-surface-raised')});
    white-space: nowrap;
    overflow: hidden;
  }
  .compact .segment + .segment {
    padding-inline-start: ${token('space-2')};
    border-inline-start: ${token('border-width')} solid ${token('color-border')};
  }

  .full {
    display: grid;
    gap: ${token('space-3')};
    padding: ${token('space-4')};
    border-radius: ${token('radius-md')};
    background: var(--peer-certification-badge-background, ${token('color-surface')});
  }

  .segment,
  .line {
    display: inline-flex;
    align-items: center;
    gap: ${token('space-1')};
    min-inline-size: 0;
  }
  .line {
    display: flex;
    align-items: flex-start;
  }
  .text {
    min-inline-size: 0;
  }
  .compact .text {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .status .text,
  .line .text {
    font-weight: ${token('font-weight-strong')};
  }

  .icon {
    flex: none;
    inline-size: 1.25em;
    block-size: 1.25em;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .line .icon {
    margin-block-start: 0.1em;
  }
  .success {
    color: ${token('color-success')};
  }
  .warning {
    color: ${token('color-warning')};
  }
  .danger {
    color: ${token('color-danger')};
  }
  .info {
    color: ${token('color-info')};
  }
  .neutral {
    color: ${token('color-text-muted')};
  }

  .header {
    display: grid;
    gap: ${token('space-1')};
    justify-items: start;
  }
  .holder {
    font-size: ${token('font-size-lg')};
    font-weight: ${token('font-weight-strong')};
    overflow-wrap: anywhere;
  }
  .name {
    overflow-wrap: anywhere;
  }

  .details {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: ${token('space-2')} ${token('space-4')};
  }
  dt {
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-sm')};
  }
  dd {
    overflow-wrap: anywhere;
  }

  .qualification-block {
    display: grid;
    gap: ${token('space-1')};
  }
  .reasons {
    padding-inline-start: calc(1.25em + ${token('space-1')});
    list-style: disc inside;
    color: ${token('color-text')};
  }

  .checklist {
    display: grid;
    gap: ${token('space-2')};
  }
  .caption {
    font-weight: ${token('font-weight-strong')};
  }
  .rule-set,
  .note {
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-sm')};
    font-weight: ${token('font-weight-normal')};
  }
  .checklist ul {
    display: grid;
    gap: ${token('space-2')};
  }
  .item {
    display: grid;
    grid-template-columns: auto 1fr auto;
    align-items: center;
    gap: 0 ${token('space-2')};
  }
  .amount {
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-sm')};
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .bar {
    grid-column: 2 / -1;
    inline-size: 100%;
    block-size: 0.375rem;
    appearance: none;
    border: none;
    border-radius: ${token('radius-pill')};
    background: ${token('color-surface-raised')};
    overflow: hidden;
  }
  .bar::-webkit-progress-bar {
    background: ${token('color-surface-raised')};
  }
  .bar::-webkit-progress-value {
    background: ${token('color-accent')};
  }
  .bar::-moz-progress-bar {
    background: ${token('color-accent')};
  }
  .met .bar::-webkit-progress-value {
    background: ${token('color-success')};
  }
  .met .bar::-moz-progress-bar {
    background: ${token('color-success')};
  }

  /* Windows high contrast: the system palette replaces ours; keep outlines, icons and bars visible. */
  @media (forced-colors: active) {
    .base,
    .compact .segment + .segment {
      border-color: CanvasText;
    }
    .icon {
      color: CanvasText;
    }
    .bar {
      border: 1px solid CanvasText;
    }
  }
`;

/** The shared text, then the element's own. */
export const certificationBadgeStyles = [typography, ownStyles];
