import { css } from 'lit';
import { panelHeaderStyles, panelSheets } from '../base/styles.js';
import { token } from '../base/tokens.js';

const ownStyles = css`
  h2,
  p,
  dl,
  dd {
    margin: 0;
  }
  .muted {
    color: ${token('color-text-muted')};
  }
  ol {
    display: grid;
    gap: ${token('space-2')};
    margin: 0;
    padding: 0;
    list-style: none;
  }
  li {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: ${token('space-2')} ${token('space-3')};
    padding: ${token('space-3')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-md')};
    background: ${token('color-surface-raised')};
  }
  .title {
    font-weight: 600;
  }
  dl {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-1')} ${token('space-4')};
    font-size: ${token('font-size-sm')};
  }
  dl div {
    display: flex;
    gap: ${token('space-1')};
  }
  dt {
    color: ${token('color-text-muted')};
  }
  dt::after {
    content: ':';
  }
  button {
    min-block-size: var(--peer-log-review-queue-target-size, 2.75rem);
    padding-inline: ${token('space-3')};
  }
  .error {
    color: ${token('color-danger')};
  }
  .error button {
    margin-inline-start: ${token('space-2')};
  }
`;

export const logReviewQueueStyles = [
  panelSheets('log-review-queue', { maxInlineSize: '60rem', gap: 'space-3' }),
  panelHeaderStyles('baseline'),
  ownStyles,
];
