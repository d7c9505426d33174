import { LitElement, css, type CSSResultGroup } from 'lit';
import { property } from 'lit/decorators.js';
import { VERSION } from '../version.js';
import type { PeerElementEvent, PeerEventMap, PeerEventName } from './events.js';
import { LocalizeController, type Catalogs } from './localize.js';
import { tokenStyles, type PeerTheme } from './tokens.js';

/** Options for {@link PeerElement.emit}; `bubbles` and `composed` are always true. */
export type EmitOptions = Pick<CustomEventInit, 'cancelable'>;

/**
 * Base class of every Peerlink element: theme tokens, localization, typed events and the
 * version used to keep two copies of Peerlink on one page from fighting over tag names.
 *
 * `K` is the keys of the messages the element uses; it hands their catalogs to the constructor.
 *
 * @since 0.1.0
 */
export class PeerElement<K extends string = never> extends LitElement {
  /** Release of Peerlink that defined this class. */
  static version: string = VERSION;

  static override styles: CSSResultGroup = [
    tokenStyles,
    css`
      :host {
        box-sizing: border-box;
      }
      :host([hidden]) {
        display: none !important;
      }
      /* Text for screen readers only (every element has some). */
      .visually-hidden {
        position: absolute;
        inline-size: 1px;
        block-size: 1px;
        margin: -1px;
        padding: 0;
        border: 0;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
    `,
  ];

  /**
   * Pins a theme on this element. Without it the element follows the page: the nearest
   * `data-peer-theme` container, or the `--peer-*` tokens in scope.
   */
  @property({ reflect: true }) theme?: PeerTheme;

  /** Messages and Intl formatting in the element's language. */
  protected readonly i18n: LocalizeController<K>;

  // Only subclasses are constructed by the browser, and each passes its own catalogs.
  // eslint-disable-next-line wc/no-constructor-params
  constructor(messages: Catalogs<K>) {
    super();
    this.i18n = new LocalizeController(this, messages);
  }

  /**
   * Dispatches a typed event that bubbles and crosses shadow roots.
   * @returns the event, so callers can check `defaultPrevented` when it is cancelable.
   */
  protected emit<K extends PeerEventName>(
    name: K,
    detail: PeerEventMap[K],
    options: EmitOptions = {},
  ): PeerElementEvent<K> {
    const event = new CustomEvent(name, { ...options, detail, bubbles: true, composed: true });
    this.dispatchEvent(event);
    return event;
  }
}
