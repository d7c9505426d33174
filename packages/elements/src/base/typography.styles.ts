import { css } from 'lit';
import { token } from './tokens.js';

// Its own module, so an element that needs only its text (status, badge) bundles no control styles:
// a module's css`…` calls are kept whenever the module is.

/** The element's text: the theme's font, size, line height and colour; `.meta` and `.hint` read muted and small. */
export const typography = css`
  :host {
    font-family: ${token('font-family')};
    font-size: ${token('font-size-md')};
    line-height: ${token('line-height')};
    color: ${token('color-text')};
  }
  .meta,
  .hint {
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-sm')};
  }
`;
