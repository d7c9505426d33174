import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { statusMessages, type StatusMessageKey } from './status.messages.js';
import { PeerElement } from '../base/peer-element.js';
import { IntervalController } from '../base/interval-controller.js';
import { elapsed } from '../base/relative-time.js';
import { STATUS_TONES, type StatusTone } from '../base/tones.js';
import { statusStyles } from './status.styles.js';

export { STATUS_TONES, type StatusTone };

function isTone(value: unknown): value is StatusTone {
  return (STATUS_TONES as readonly unknown[]).includes(value);
}

// Each tone has its own shape, so the tone never depends on colour alone.
const ICONS: Readonly<Record<StatusTone, SVGTemplateResult>> = {
  neutral: svg`<circle cx="12" cy="12" r="4" fill="currentColor" stroke="none" />`,
  info: svg`<circle cx="12" cy="12" r="9" /><path d="M12 11v6M12 7.5v.01" />`,
  success: svg`<circle cx="12" cy="12" r="9" /><path d="m8 12.5 2.5 2.5L16 9.5" />`,
  warning: svg`<path d="M12 3.5 2.5 20h19Z" /><path d="M12 10v4.5M12 17.5v.01" />`,
  danger: svg`<path d="M8.3 2.5h7.4l5.3 5.3v7.4l-5.3 5.3H8.3L3 15.2V7.8Z" /><path d="m9 9 6 6m0-6-6 6" />`,
};

/** Elapsed time is shown in whole minutes; a quarter-minute tick keeps it close enough. */
const TICK_MS = 15_000;

/**
 * The state of something (a call-out, a referral, a credential) as an icon and text, optionally
 * with how long it has been in that state. The tone is conveyed by the icon's shape and by text
 * (its name is read before the label), never by colour alone.
 *
 * @summary A status label with a tone, an icon and optional live elapsed time.
 *
 * @csspart base - The outline holding icon, label and time.
 * @csspart icon - The tone's icon; decorative, as the tone is also given in text.
 * @csspart label - The label; a polite live region when `live` is set.
 * @csspart time - The time elapsed since `since`.
 *
 * @cssproperty --peer-status-tone-color - Colour of the icon and outline. Defaults to the tone's colour token.
 * @cssproperty --peer-status-background - Background. Defaults to `--peer-color-surface-raised`.
 * @cssproperty --peer-status-text-color - Label colour. Defaults to `--peer-color-text`.
 * @cssproperty --peer-status-height - Minimum height. Defaults to `--peer-control-height`, or `--peer-control-height-compact` when `compact`.
 *
 * @since 0.1.0
 * @tag peer-status
 */
export class PeerStatus extends PeerElement<StatusMessageKey> {
  static override styles = [PeerElement.styles, statusStyles];

  constructor() {
    super(statusMessages);
  }

  /** How the state should be read: `neutral`, `info`, `success`, `warning` or `danger`. */
  @property({ reflect: true }) tone: StatusTone = 'neutral';

  /** The state in words, e.g. "En route". Defaults to the tone's name. */
  @property() label = '';

  /** ISO 8601 time the state began; shows the elapsed time ("3 min. ago"), kept current. */
  @property() since?: string;

  /** Announces label changes to screen readers (a polite `role="status"` live region). */
  @property({ type: Boolean, reflect: true }) live = false;

  /** At most 32px tall, for tables and dense dispatch screens. */
  @property({ type: Boolean, reflect: true }) compact = false;

  // Ticks only while a valid `since` is shown; stops when disconnected.
  private readonly clock = new IntervalController(this, TICK_MS, () => this.sinceTime !== undefined);

  private get sinceTime(): number | undefined {
    if (!this.since) return undefined;
    const time = Date.parse(this.since);
    return Number.isNaN(time) ? undefined : time;
  }

  override render(): TemplateResult {
    const tone = isTone(this.tone) ? this.tone : 'neutral';
    const toneName = this.i18n.term(`status.tone.${tone}`);
    const label = this.label.trim();
    return html`
      <div part="base" class="base">
        <svg part="icon" class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          ${ICONS[tone]}
        </svg>
        <span
          part="label"
          class="label"
          role=${this.live ? 'status' : nothing}
          aria-atomic=${this.live ? 'true' : nothing}
          >${label ? this.renderLabel(tone, toneName, label) : toneName}</span
        >
        ${this.renderTime()}
      </div>
    `;
  }

  private renderLabel(tone: StatusTone, toneName: string, label: string): TemplateResult {
    // Neutral says nothing a listener needs; other tones are spoken before the label.
    const prefix =
      tone === 'neutral'
        ? nothing
        : html`<span class="visually-hidden"
            >${this.i18n.term('status.tonePrefix', { tone: toneName })}
          </span>`;
    return html`${prefix}${label}`;
  }

  private renderTime(): TemplateResult | typeof nothing {
    const since = this.sinceTime;
    if (since === undefined || !this.since) return nothing;
    const { value, unit } = elapsed(since);
    const absolute = this.i18n.date(since, { dateStyle: 'medium', timeStyle: 'short' });
    return html`<time
      part="time"
      class="time"
      datetime=${this.since}
      title=${this.i18n.term('status.since', { time: absolute })}
      >${this.i18n.relativeTime(value, unit, { numeric: 'auto', style: 'short' })}</time
    >`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-status': PeerStatus;
  }
}
