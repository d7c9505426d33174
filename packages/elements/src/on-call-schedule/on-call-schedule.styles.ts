import { css } from 'lit';
import { staffPanelSheets } from '../base/staff-panel.styles.js';
import { token } from '../base/tokens.js';

const ownStyles = css`
  .base {
    background: var(--peer-on-call-schedule-background, ${token('color-surface')});
  }
  .base.now {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space-2')};
    padding: ${token('space-1')} ${token('space-2')};
    font-size: ${token('font-size-sm')};
  }
  /* The areas, spaced as the panel spaces its parts; no wider than the panel, each area scrolls on its own. */
  .areas {
    display: grid;
    gap: ${token('space-3')};
    min-inline-size: 0;
  }
  .scroll {
    overflow-x: auto;
    /* An area out of view is not styled, laid out or painted (it stays in the DOM and the accessibility
       tree); the size kept for it is the last one it was laid out at, or about three rows of two entries a day. */
    content-visibility: auto;
    contain-intrinsic-block-size: auto 27.5rem;
  }
  table {
    border-collapse: collapse;
    table-layout: fixed;
    inline-size: max-content;
  }
  caption {
    text-align: start;
    font-weight: ${token('font-weight-strong')};
    padding-block-end: ${token('space-1')};
  }
  th,
  td {
    vertical-align: top;
    inline-size: var(--peer-on-call-schedule-column-width, 9rem);
  }
  /* Block flow, not flex: a grid lays out hundreds of these and a block is the cheaper box. */
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li.shift,
  li.gap {
    padding: ${token('space-1')};
    border-radius: ${token('radius-sm')};
    background: ${token('color-surface-raised')};
    font-size: ${token('font-size-sm')};
  }
  li.shift + li,
  li.gap + li {
    margin-block-start: ${token('space-1')};
  }
  li.shift > * {
    display: block;
  }
  li.now {
    outline: ${token('border-width')} solid ${token('color-success')};
  }
  li.gap {
    border-inline-start: 4px solid ${token('color-warning')};
    font-weight: ${token('font-weight-strong')};
  }
  li.conflict {
    border-inline-start: 4px solid ${token('color-danger')};
  }
  .who {
    font-weight: ${token('font-weight-strong')};
  }
  .tag {
    font-size: ${token('font-size-sm')};
    color: ${token('color-text-muted')};
  }
  .now-tag {
    color: ${token('color-text')};
  }
  .conflict-tag {
    color: ${token('color-text')};
  }
  .summary.warn {
    padding: ${token('space-1')} ${token('space-2')};
    border-inline-start: 4px solid ${token('color-warning')};
    background: ${token('color-surface-raised')};
    font-weight: ${token('font-weight-strong')};
  }
  .queued {
    display: grid;
    gap: ${token('space-1')};
    padding: ${token('space-2')};
    border-inline-start: 4px solid ${token('color-warning')};
    background: ${token('color-surface-raised')};
  }
  .zone {
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-sm')};
  }
  .now-view {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-2')};
  }
  .now-view .slot.gap {
    padding-inline: ${token('space-1')};
    border-inline-start: 4px solid ${token('color-warning')};
  }
  .edit {
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
    display: grid;
    gap: ${token('space-4')};
    grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
  }
  form.editor,
  .rotation-editor {
    display: grid;
    gap: ${token('space-2')};
  }
  .members li,
  form.inline,
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space-2')};
  }
  .members {
    margin: 0;
    padding-inline-start: ${token('space-5')};
    display: grid;
    gap: ${token('space-1')};
  }
  .rotations > ul > li {
    display: grid;
    gap: ${token('space-2')};
    padding-block: ${token('space-2')};
    border-block-end: ${token('border-width')} solid ${token('color-border')};
  }
`;

export const onCallScheduleStyles = [...staffPanelSheets, ownStyles];
