import { css } from 'lit';
import { borderedStack } from '../base/styles.js';
import { staffPanelSheets } from '../base/staff-panel.styles.js';
import { token } from '../base/tokens.js';

const ownStyles = css`
  .base {
    background: var(--peer-roster-background, ${token('color-surface')});
  }
  .head,
  .filters,
  .actions,
  .row-actions,
  form.inline {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space-2')};
  }
  .head {
    justify-content: space-between;
  }
  .count {
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-sm')};
  }
  .list {
    block-size: var(--peer-roster-list-height, 28rem);
    overflow: auto;
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-sm')};
  }
  .peer {
    display: grid;
    grid-template-columns: minmax(10rem, 1fr) minmax(12rem, 2fr) auto;
    gap: ${token('space-2')};
    align-items: center;
    inline-size: 100%;
    box-sizing: border-box;
    padding: ${token('space-2')};
    border-block-end: ${token('border-width')} solid ${token('color-border')};
  }
  .peer.inactive .name {
    text-decoration: line-through;
  }
  .identity,
  .facts {
    display: grid;
    gap: ${token('space-1')};
    font-size: ${token('font-size-sm')};
  }
  .name {
    font-size: ${token('font-size-md')};
    font-weight: ${token('font-weight-strong')};
  }
  .state {
    color: ${token('color-text-muted')};
  }
  .on-call {
    padding-inline-start: ${token('space-1')};
    border-inline-start: 4px solid ${token('color-success')};
  }
  .credential {
    padding-inline-start: ${token('space-1')};
    border-inline-start: 4px solid ${token('color-border')};
  }
  .credential.tone-success {
    border-color: ${token('color-success')};
  }
  .credential.tone-warning {
    border-color: ${token('color-warning')};
    font-weight: ${token('font-weight-strong')};
  }
  .credential.tone-danger {
    border-color: ${token('color-danger')};
    font-weight: ${token('font-weight-strong')};
  }
  .peer-form,
  .import {
    ${borderedStack}
    gap: ${token('space-2')};
    border-radius: ${token('radius-sm')};
    background: ${token('color-surface-raised')};
  }
  fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-2')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-sm')};
  }
  .report-lines {
    max-block-size: 12rem;
    overflow: auto;
    margin: 0;
    font-size: ${token('font-size-sm')};
  }
  progress {
    inline-size: 100%;
    accent-color: ${token('color-accent')};
  }
`;

export const rosterStyles = [...staffPanelSheets, ownStyles];
