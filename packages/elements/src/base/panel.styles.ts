import { css, unsafeCSS, type CSSResult } from 'lit';
import { buttonStyles, focusRing, focusTargetRing } from './control.styles.js';
import { token, type PeerTokenName } from './tokens.js';
import { typography } from './typography.styles.js';

/** How one element's panel differs from the others': its widest size and the gap between its parts. */
export interface PanelOptions {
  /** `max-inline-size` of the host. */
  maxInlineSize: '40rem' | '60rem';
  /** The token spacing the `.base` grid's rows. */
  gap: PeerTokenName;
}

/**
 * The shared sheets of an element that is one bordered panel, in order: text, buttons, focus
 * rings, then its box (below). The element's own sheet comes after them.
 */
export function panelSheets(tag: string, options: PanelOptions): CSSResult[] {
  return [typography, buttonStyles, focusRing, focusTargetRing, panelStyles(tag, options)];
}

/**
 * The box of an element that is one bordered panel: a block host no wider than `maxInlineSize`
 * and a `.base` grid with the theme's border, radius and surface, whose padding and background
 * the page can set with `--peer-<tag>-padding` and `--peer-<tag>-background` (`tag` without
 * its `peer-`).
 */
function panelStyles(tag: string, { maxInlineSize, gap }: PanelOptions): CSSResult {
  const name = unsafeCSS(tag);
  return css`
    :host {
      display: block;
      max-inline-size: ${unsafeCSS(maxInlineSize)};
    }
    .base {
      display: grid;
      gap: ${token(gap)};
      padding: var(--peer-${name}-padding, ${token('space-4')});
      border: ${token('border-width')} solid ${token('color-border')};
      border-radius: ${token('radius-md')};
      background: var(--peer-${name}-background, ${token('color-surface')});
    }
  `;
}

/**
 * The declarations of a bordered box of stacked parts inside an element (a form, a confirmation, a detail
 * panel): a padded grid with the theme's border. The rule that uses it (`.panel { ${borderedStack} … }`) adds
 * its gap, radius and background.
 */
export const borderedStack = css`
  display: grid;
  padding: ${token('space-3')};
  border: ${token('border-width')} solid ${token('color-border')};
`;

/**
 * The header row of a panel that has one: its `h2` title and what stands beside it (a status, an
 * action), spread apart and wrapping on a narrow panel, aligned on `align`.
 */
export function panelHeaderStyles(align: 'center' | 'baseline'): CSSResult {
  return css`
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: ${unsafeCSS(align)};
      justify-content: space-between;
      gap: ${token('space-2')};
    }
    h2 {
      font-size: ${token('font-size-lg')};
    }
  `;
}
