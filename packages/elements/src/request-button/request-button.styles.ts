import { css } from 'lit';
import { buttonStyles, fieldErrorStyles, focusRing, focusTargetRing, typography } from '../base/styles.js';
import { token } from '../base/tokens.js';

const ownStyles = css`
  :host {
    display: inline-block;
    max-inline-size: 100%;
  }
  /*
   * A CAD page may hold a button per call-out, each changing as its call-out moves on. Paint
   * containment keeps one button's change from repainting the page around it: with 200 buttons on one
   * page, pressed 50 a second, the median press → "notified" came 1.5–1.8× sooner (decision 0009). It
   * clips what is drawn outside the host, so the clip is moved out past the focus ring, and it applies
   * only where a browser reads overflow-clip-margin (elsewhere the ring would be cut). A fixed length:
   * Chromium takes a calc() there as 0. 8px holds the widest ring the themes draw (3px wide, 2px from
   * the button) with room to spare.
   */
  @supports (overflow-clip-margin: 1px) {
    :host {
      contain: paint;
      overflow-clip-margin: 8px;
    }
  }

  .base {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space-2')};
  }

  button {
    min-block-size: var(--peer-request-button-height, ${token('control-height')});
    padding-block: 0;
    padding-inline: ${token('space-4')};
    font-weight: ${token('font-weight-strong')};
    white-space: nowrap;
    transition: background-color ${token('motion-duration')} ${token('motion-easing')};
  }
  .button {
    border-color: var(--peer-request-button-color, ${token('color-accent')});
    background: var(--peer-request-button-color, ${token('color-accent')});
    color: var(--peer-request-button-text-color, ${token('color-accent-contrast')});
  }
  .status:focus {
    outline: none;
  }
  .status:focus-visible {
    border-radius: ${token('radius-pill')};
  }

  .on-call li {
    display: inline;
  }
  :host([compact]) .on-call li + li::before {
    content: ' · ';
  }
  .on-call {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-1')} ${token('space-3')};
    margin: 0;
    padding: 0;
    list-style: none;
    color: ${token('color-text')};
  }
  .on-call-box {
    display: flex;
    flex-wrap: wrap;
    flex-basis: 100%;
    gap: ${token('space-1')} ${token('space-3')};
    min-inline-size: 0;
  }
  :host([compact]) .on-call-box {
    flex: 0 1 auto;
    order: -1;
  }
  :host([compact]) .button {
    order: -2;
  }
  .on-call-heading {
    font-weight: ${token('font-weight-strong')};
  }
  .position {
    color: ${token('color-text-muted')};
  }
  .hint {
    flex-basis: 100%;
  }

  /* Who holds an active call-out, and what the dispatcher can do about it. */
  .holder {
    display: flex;
    flex-direction: column;
    flex-basis: 100%;
    gap: ${token('space-1')};
  }
  .holder-now {
    font-weight: ${token('font-weight-strong')};
  }
  .holder-now:empty {
    display: none;
  }
  .due,
  .passed {
    color: ${token('color-text-muted')};
    font-size: ${token('font-size-sm')};
  }
  .passed {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space-2')};
  }

  :host([compact]) {
    font-size: ${token('font-size-sm')};
  }
  :host([compact]) .base {
    flex-wrap: nowrap;
    gap: ${token('space-1')};
  }
  :host([compact]) button {
    min-block-size: 0;
    block-size: var(--peer-request-button-height, ${token('control-height-compact')});
    padding-inline: ${token('space-2')};
  }
  /*
   * One line in a table cell or toolbar: the positions wrap between each other but only the
   * first line shows, ending in an ellipsis (the full list is the button's description and the
   * line's title), so the line takes the room it is given and needs no more than one position.
   */
  :host([compact]) .on-call li {
    display: inline-block;
    white-space: pre;
  }
  :host([compact]) .on-call-box {
    min-inline-size: 0;
  }
  :host([compact]) .on-call,
  :host([compact]) .holder {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 1;
    line-clamp: 1;
    min-inline-size: 0;
    overflow: hidden;
  }
  :host([compact]) .holder {
    flex: 0 1 auto;
    color: ${token('color-text-muted')};
  }
  :host([compact]) .hint,
  :host([compact]) .on-call-heading {
    display: none;
  }

  @media (forced-colors: active) {
    .button {
      border-color: ButtonText;
    }
  }
`;

/** The shared text, buttons, focus rings and error colour, then the button's own layout. */
export const requestButtonStyles = [typography, buttonStyles, focusRing, focusTargetRing, fieldErrorStyles, ownStyles];
