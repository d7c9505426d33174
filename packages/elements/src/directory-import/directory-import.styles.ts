import { css } from 'lit';
import { panelSheets } from '../base/styles.js';
import { token } from '../base/tokens.js';

const ownStyles = css`
  h2,
  h3,
  h4,
  h5,
  p,
  dl,
  dd {
    margin: 0;
  }
  h2 {
    font-size: ${token('font-size-lg')};
  }
  h3,
  h4,
  h5 {
    font-size: ${token('font-size-md')};
  }
  .panel,
  .report,
  .progress,
  .capacity-form {
    display: grid;
    gap: ${token('space-3')};
  }
  .field {
    display: grid;
    gap: ${token('space-1')};
  }
  .field.check {
    display: flex;
    align-items: center;
    gap: ${token('space-2')};
  }
  input:not([type='checkbox']),
  button {
    min-block-size: var(--peer-directory-import-target-size, 2.75rem);
    box-sizing: border-box;
    font: inherit;
  }
  input:not([type='checkbox']) {
    padding-inline: ${token('space-2')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-md')};
    background: ${token('color-surface')};
    color: ${token('color-text')};
  }
  input[type='checkbox'] {
    inline-size: 1.25rem;
    block-size: 1.25rem;
  }
  button {
    padding-inline: ${token('space-3')};
  }
  .muted {
    color: ${token('color-text-muted')};
  }
  .counts {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-2')} ${token('space-5')};
  }
  .counts dd {
    font-size: ${token('font-size-lg')};
    font-weight: 600;
  }
  .records,
  .results {
    display: grid;
    gap: ${token('space-2')};
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .records > li {
    padding: ${token('space-2')} ${token('space-3')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-md')};
  }
  .records ul {
    margin: ${token('space-1')} 0 0;
    padding-inline-start: ${token('space-4')};
  }
  .records [data-outcome='error'] {
    border-inline-start: 0.25rem solid ${token('color-danger')};
  }
  .title {
    font-weight: 600;
  }
  .title .muted {
    margin-inline-start: ${token('space-2')};
    font-weight: 400;
  }
  .results button {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: ${token('space-2')};
    inline-size: 100%;
    text-align: start;
    align-items: center;
  }
  .results button[aria-pressed='true'] {
    border-color: ${token('color-accent')};
    border-width: 0.1875rem;
  }
  progress {
    inline-size: 100%;
    block-size: 1rem;
    accent-color: ${token('color-accent')};
  }
  .error,
  .problem.error strong {
    color: ${token('color-danger')};
  }
  .error button {
    margin-inline-start: ${token('space-2')};
  }
  .outcome {
    font-weight: 600;
  }
`;

export const directoryImportStyles = [
  panelSheets('directory-import', { maxInlineSize: '60rem', gap: 'space-4' }),
  ownStyles,
];
