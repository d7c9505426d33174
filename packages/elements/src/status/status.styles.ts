import { css } from 'lit';
import { typography } from '../base/styles.js';
import { token } from '../base/tokens.js';

const ownStyles = css`
  :host {
    --_tone: ${token('color-text-muted')};
    display: inline-flex;
    vertical-align: middle;
    max-inline-size: 100%;
    color: var(--peer-status-text-color, ${token('color-text')});
  }
  :host([tone='info']) {
    --_tone: ${token('color-info')};
  }
  :host([tone='success']) {
    --_tone: ${token('color-success')};
  }
  :host([tone='warning']) {
    --_tone: ${token('color-warning')};
  }
  :host([tone='danger']) {
    --_tone: ${token('color-danger')};
  }

  .base {
    display: inline-flex;
    align-items: center;
    gap: ${token('space-2')};
    box-sizing: border-box;
    min-inline-size: 0;
    min-block-size: var(--peer-status-height, ${token('control-height')});
    padding-block: ${token('space-1')};
    padding-inline: ${token('space-3')};
    border: ${token('border-width')} solid var(--peer-status-tone-color, var(--_tone));
    border-radius: ${token('radius-pill')};
    background: var(--peer-status-background, ${token('color-surface-raised')});
  }

  .icon {
    flex: none;
    inline-size: 1.25em;
    block-size: 1.25em;
    color: var(--peer-status-tone-color, var(--_tone));
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  /* Status words wrap between words, never inside one: the pill keeps room for the longest. */
  .label {
    font-weight: ${token('font-weight-strong')};
    overflow-wrap: normal;
    word-break: normal;
    hyphens: manual;
  }

  .time {
    flex: none;
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-sm')};
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }

  :host([compact]) {
    font-size: ${token('font-size-sm')};
  }
  :host([compact]) .base {
    gap: ${token('space-1')};
    min-block-size: var(--peer-status-height, ${token('control-height-compact')});
    padding-block: 0;
    padding-inline: ${token('space-2')};
  }

  /* Windows high contrast: the system palette replaces ours; keep the outline and icon visible. */
  @media (forced-colors: active) {
    .base {
      border-color: CanvasText;
    }
    .icon {
      color: CanvasText;
    }
  }
`;

/** The shared text, then the element's own. */
export const statusStyles = [typography, ownStyles];
