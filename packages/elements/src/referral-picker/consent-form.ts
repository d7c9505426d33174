import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ResourceCategory, type FieldError } from '@peerlink/sdk';
import { PeerElement } from '../base/peer-element.js';
import { renderFailure } from './failure.js';
import type { DraftChange } from './referral-flow.js';
import {
  CONSENT_METHODS,
  CONSENT_SCOPES,
  URGENCIES,
  toggled,
  type ConsentDraft,
  type ConsentFieldPath,
} from './referral-model.js';
import { referralPickerMessages, type ReferralPickerMessageKey } from './referral-picker.messages.js';

/** The id of a field's control (or of its group), from the request field it fills in. */
export const fieldId = (path: string): string => `f-${path.replace(/\./g, '-')}`;

/** What each field is called, in the summary of the fields to fix. */
const FIELD_LABELS: Readonly<Record<ConsentFieldPath, ReferralPickerMessageKey>> = {
  personRef: 'picker.f.personRef',
  'consent.recipient': 'picker.f.recipient',
  'consent.purpose': 'picker.f.purpose',
  'consent.scope': 'picker.f.scope',
  'consent.expiresAt': 'picker.f.expires',
  'consent.method': 'picker.f.method',
  'consent.witnessedBy': 'picker.f.witnessedBy',
  'consent.part2NoticeAcknowledged': 'picker.notice',
  needs: 'picker.f.needs',
  urgency: 'picker.f.urgency',
};

interface TextOptions {
  hint?: ReferralPickerMessageKey;
  autocomplete?: string;
  type?: 'text' | 'date';
}

const isConsentField = (path: string): path is ConsentFieldPath => Object.hasOwn(FIELD_LABELS, path);

/** The form was changed; `change` is read from the draft as it is when applied. */
export class ConsentEditEvent extends Event {
  constructor(
    readonly change: DraftChange,
    readonly paths: readonly ConsentFieldPath[],
  ) {
    super('consent-edit');
  }
}

/**
 * The consent form of `<peer-referral-picker>`: pseudonymous person reference, recipient, purpose,
 * what may be shared, expiry, how consent was given, needs, urgency, and the 42 CFR Part 2
 * redisclosure notice, which must be acknowledged; the fields to fix, listed at the top and beside
 * each field. It holds no state of its own: the picker's referral flow keeps the draft and says
 * which errors to show; the form tells it of every change (`consent-edit`), and of `consent-submit`,
 * `consent-cancel` and `consent-retry`, none of which leave the picker.
 *
 * Rendered only by the picker, into the picker's shadow root (this element has none of its own),
 * so the picker's styles, parts, ids and focus handling reach the form as one tree.
 *
 * @internal
 */
export class PeerReferralConsent extends PeerElement<ReferralPickerMessageKey> {
  // Set by the picker only, as properties: declared in one table, which weighs less than a decorator each.
  static override properties = {
    draft: { attribute: false },
    resourceName: { attribute: false },
    errors: { attribute: false },
    sending: { attribute: false },
    notice: { attribute: false },
    failure: { attribute: false },
  };

  /** The form as filled in so far. */
  draft?: ConsentDraft;

  /** The name of the resource referred to. */
  resourceName = '';

  /** The errors to show, one per field. */
  errors: readonly FieldError[] = [];

  /** The referral is being created: the form is read-only. */
  sending = false;

  /** The program's own redisclosure statement, in place of the built-in one. */
  notice?: string;

  /** A failed call to show with the form (not a refusal of its fields: those are shown by field). */
  failure?: unknown;

  constructor() {
    super(referralPickerMessages);
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override render(): TemplateResult {
    const draft = this.draft;
    if (!draft) return html``;
    const sending = this.sending;
    const ackId = fieldId('consent.part2NoticeAcknowledged');
    const ackError = this.errorAt('consent.part2NoticeAcknowledged');
    return html`<form part="consent" novalidate aria-labelledby="consent-heading" @submit=${this.onSubmit}>
      <h2 id="consent-heading" tabindex="-1">${this.i18n.term('picker.consentFor', { name: this.resourceName })}</h2>
      ${this.errors.length > 0 ? this.renderSummary(this.errors) : nothing}
      <fieldset ?disabled=${sending} class="form">
        <legend class="visually-hidden">${this.i18n.term('picker.consent')}</legend>
        ${this.renderText('personRef', 'picker.f.personRef', draft.personRef, (personRef) => ({ personRef }), {
          hint: 'picker.f.personRefHint',
        })}
        ${this.renderText('consent.recipient', 'picker.f.recipient', draft.recipient, (recipient) => ({ recipient }), {
          hint: 'picker.f.recipientHint',
          autocomplete: 'organization',
        })}
        ${this.renderText('consent.purpose', 'picker.f.purpose', draft.purpose, (purpose) => ({ purpose }))}
        ${this.renderGroup(
          'consent.scope',
          'picker.f.scope',
          CONSENT_SCOPES.map((scope) =>
            this.renderCheck(
              this.i18n.term(`picker.scope.${scope}`),
              draft.scope.includes(scope),
              'consent.scope',
              (now) => ({ scope: toggled(now.scope, scope) }),
            ),
          ),
        )}
        ${this.renderText('consent.expiresAt', 'picker.f.expires', draft.expires, (expires) => ({ expires }), {
          type: 'date',
        })}
        ${this.renderGroup(
          'consent.method',
          'picker.f.method',
          CONSENT_METHODS.map(
            (method) => html`<label class="check">
              <input
                type="radio"
                name="method"
                value=${method}
                .checked=${live(draft.method === method)}
                @change=${() => {
                  this.edit(() => ({ method }), ['consent.method', 'consent.witnessedBy']);
                }}
              />
              ${this.i18n.term(`picker.method.${method}`)}
            </label>`,
          ),
          'picker.methodHint',
        )}
        ${
          draft.method === 'verbal'
            ? this.renderText('consent.witnessedBy', 'picker.f.witnessedBy', draft.witnessedBy, (witnessedBy) => ({
                witnessedBy,
              }))
            : nothing
        }
        ${this.renderGroup(
          'needs',
          'picker.f.needs',
          html`<div class="chips">
            ${ResourceCategory.options.map((code) =>
              this.renderCheck(
                this.i18n.term(`picker.category.${code}`),
                draft.needs.includes(code),
                'needs',
                (now) => ({ needs: toggled(now.needs, code) }),
              ),
            )}
          </div>`,
        )}
        ${this.renderUrgency(draft)}
        <section part="notice" class="notice" aria-labelledby="notice-heading">
          <h3 id="notice-heading">${this.i18n.term('picker.notice')}</h3>
          <p id="notice-text">${this.notice ?? this.i18n.term('picker.noticeText')}</p>
        </section>
        <div class="field">
          <label class="check">
            <input
              id=${ackId}
              type="checkbox"
              .checked=${live(draft.acknowledged)}
              aria-invalid=${ackError ? 'true' : 'false'}
              aria-describedby="notice-text ${ackId}-error"
              @change=${(event: Event) => {
                if (!(event.target instanceof HTMLInputElement)) return;
                const acknowledged = event.target.checked;
                this.edit(() => ({ acknowledged }), ['consent.part2NoticeAcknowledged']);
              }}
            />
            ${this.i18n.term('picker.f.acknowledged')}
          </label>
          <span class="field-error" id="${ackId}-error">${ackError ?? ''}</span>
        </div>
      </fieldset>
      ${
        this.failure
          ? renderFailure(this.i18n, this.failure, () => {
              this.tell('consent-retry');
            })
          : nothing
      }
      <div class="actions">
        <button type="submit" part="submit" class="primary" aria-disabled=${sending ? 'true' : nothing}>
          ${this.i18n.term(sending ? 'picker.sending' : 'picker.send')}
        </button>
        <button
          type="button"
          ?disabled=${sending}
          @click=${() => {
            this.tell('consent-cancel');
          }}
        >
          ${this.i18n.term('common.cancel')}
        </button>
      </div>
    </form>`;
  }

  private readonly onSubmit = (event: Event): void => {
    event.preventDefault();
    this.tell('consent-submit');
  };

  private tell(type: 'consent-submit' | 'consent-cancel' | 'consent-retry'): void {
    this.dispatchEvent(new Event(type));
  }

  private edit(change: DraftChange, paths: readonly ConsentFieldPath[]): void {
    this.dispatchEvent(new ConsentEditEvent(change, paths));
  }

  private errorAt(path: ConsentFieldPath): string | undefined {
    const error = this.errors.find((candidate) => candidate.path === path);
    return error ? this.messageOf(error) : undefined;
  }

  private renderText(
    path: ConsentFieldPath,
    label: ReferralPickerMessageKey,
    value: string,
    change: (value: string) => Partial<ConsentDraft>,
    { hint, autocomplete = 'off', type = 'text' }: TextOptions = {},
  ): TemplateResult {
    const id = fieldId(path);
    const error = this.errorAt(path);
    return html`<div class="field">
      <label for=${id}>${this.i18n.term(label)}</label>
      ${hint ? html`<span class="hint" id="${id}-hint">${this.i18n.term(hint)}</span>` : nothing}
      <input
        id=${id}
        type=${type}
        autocomplete=${autocomplete}
        .value=${live(value)}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby="${hint ? `${id}-hint ` : ''}${id}-error"
        @input=${(event: Event) => {
          if (!(event.target instanceof HTMLInputElement)) return;
          const typed = event.target.value;
          this.edit(() => change(typed), [path]);
        }}
      />
      <span class="field-error" id="${id}-error">${error ?? ''}</span>
    </div>`;
  }

  private renderGroup(
    path: ConsentFieldPath,
    legend: ReferralPickerMessageKey,
    content: unknown,
    hint?: ReferralPickerMessageKey,
  ): TemplateResult {
    const id = fieldId(path);
    const error = this.errorAt(path);
    return html`<fieldset id=${id} aria-describedby="${hint ? `${id}-hint ` : ''}${id}-error">
      <legend>${this.i18n.term(legend)}</legend>
      ${hint ? html`<p class="hint" id="${id}-hint">${this.i18n.term(hint)}</p>` : nothing}
      <p class="field-error" id="${id}-error">${error ?? ''}</p>
      ${content}
    </fieldset>`;
  }

  /** A checkbox in a group; `change` reads the draft as it is when the box is clicked. */
  private renderCheck(label: string, checked: boolean, path: ConsentFieldPath, change: DraftChange): TemplateResult {
    return html`<label class="check">
      <input
        type="checkbox"
        .checked=${live(checked)}
        @change=${() => {
          this.edit(change, [path]);
        }}
      />
      ${label}
    </label>`;
  }

  private renderUrgency(draft: ConsentDraft): TemplateResult {
    const id = fieldId('urgency');
    return html`<div class="field">
      <label for=${id}>${this.i18n.term('picker.f.urgency')}</label>
      <select
        id=${id}
        @change=${(event: Event) => {
          const target = event.target;
          const urgency =
            target instanceof HTMLSelectElement ? URGENCIES.find((value) => value === target.value) : undefined;
          if (urgency) this.edit(() => ({ urgency }), ['urgency']);
        }}
      >
        ${URGENCIES.map(
          (urgency) =>
            html`<option value=${urgency} ?selected=${draft.urgency === urgency}
              >${this.i18n.term(`picker.urgency.${urgency}`)}</option
            >`,
        )}
      </select>
    </div>`;
  }

  private renderSummary(errors: readonly FieldError[]): TemplateResult {
    return html`<div part="error-summary" class="summary" tabindex="-1" role="group" aria-labelledby="summary-heading">
      <p id="summary-heading"><strong>${this.i18n.term('picker.fix')}</strong></p>
      <ul>
        ${errors.map(
          (error) => html`<li>
            <a
              href="#${fieldId(error.path)}"
              @click=${(event: Event) => {
                event.preventDefault();
                this.control(error.path)?.focus();
              }}
              >${this.fieldLabel(error.path)}: ${this.messageOf(error)}</a
            >
          </li>`,
        )}
      </ul>
    </div>`;
  }

  private messageOf(error: FieldError): string {
    if (error.path === 'consent.witnessedBy') return this.i18n.term('picker.error.witnessedBy');
    if (error.code === 'required') return this.i18n.term('form.valueMissing');
    switch (error.path) {
      case 'personRef':
        return this.i18n.term(
          error.code === 'invalid_format' ? 'picker.error.personRef' : 'picker.error.personRefLength',
        );
      case 'consent.expiresAt':
        return this.i18n.term('picker.error.expiry');
      case 'consent.part2NoticeAcknowledged':
        return this.i18n.term('picker.error.acknowledged');
      case 'consent.scope':
      case 'needs':
        return this.i18n.term('picker.error.choose');
      case 'consent.method':
        return this.i18n.term('picker.error.method');
      default:
        // A rule the picker does not know (from a newer service): the service's own words.
        return error.message || this.i18n.term('form.invalid');
    }
  }

  /** A field's name; a path the form has no field for (from a newer service) as it is. */
  private fieldLabel(path: string): string {
    return isConsentField(path) ? this.i18n.term(FIELD_LABELS[path]) : path;
  }

  /** The control for a field path, or the first control of its group. */
  private control(path: string): HTMLElement | null {
    const found = this.querySelector<HTMLElement>(`#${fieldId(path)}`);
    if (!found) return null;
    const controls = 'input, select, textarea';
    return found.matches(controls) ? found : found.querySelector<HTMLElement>(controls);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'peer-referral-consent': PeerReferralConsent;
  }
}
