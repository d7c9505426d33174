import { property, state } from 'lit/decorators.js';
import type { CommonMessageKey } from './common.messages.js';
import { PeerElement } from './peer-element.js';

/** What a form-associated element can submit or have restored (see `setFormValue`). */
export type FormValue = string | File | FormData | null;

/** Why the browser restores state: back/forward navigation or autofill. */
export type FormRestoreReason = 'restore' | 'autocomplete';

/**
 * One reason a value is invalid. `message` is shown to the user; `flag` says which
 * `ValidityState` flag it sets (`customError` when omitted), so issues from a schema
 * (anything with a `message`) can be passed as they are.
 */
export interface ValidityIssue {
  readonly message: string;
  readonly flag?: keyof ValidityStateFlags;
}

/**
 * Base class of Peerlink form controls. The browser treats the element as a form control
 * through `ElementInternals`: it submits with `<form>`, resets with it, is disabled by a
 * `<fieldset disabled>`, takes part in constraint validation and matches `:disabled`,
 * `:invalid` and `:required`-style selectors of its own.
 *
 * Subclasses call {@link setValue} and {@link setValidityFrom} whenever their value changes
 * and implement {@link resetValue}.
 *
 * @since 0.1.0
 */
// K is the subclass's own message keys; the form messages are added to them.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export abstract class PeerFormElement<K extends string = never> extends PeerElement<K | CommonMessageKey> {
  static formAssociated = true;

  protected readonly internals: ElementInternals = this.attachInternals();

  /** Name under which the value is submitted with the form. */
  @property({ reflect: true }) name?: string;

  /** Disables the control itself; a disabled `<fieldset>` around it does too. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** The control must have a value before its form can submit. */
  @property({ type: Boolean, reflect: true }) required = false;

  /**
   * Disabled state as the browser sees it (own `disabled` or an ancestor fieldset). Kept apart
   * from `disabled` so a fieldset never rewrites the author's attribute.
   */
  @state() protected formDisabled = false;

  /** Whether the control is disabled for any reason; use this when rendering. */
  protected get isDisabled(): boolean {
    return this.disabled || this.formDisabled;
  }

  /** The form this control belongs to, if any. */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  /** `<label>` elements associated with this control. */
  get labels(): NodeList {
    return this.internals.labels;
  }

  get validity(): ValidityState {
    return this.internals.validity;
  }

  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  /** False when the control is barred from constraint validation (for example disabled). */
  get willValidate(): boolean {
    return this.internals.willValidate;
  }

  /** Checks validity; fires `invalid` on the element when it fails. */
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  /** Checks validity and, when it fails, shows the browser's message at the anchor. */
  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  /** Sets the submitted value; `state` is what the browser hands back on restore. */
  protected setValue(value: FormValue, state?: FormValue): void {
    this.internals.setFormValue(value, state);
  }

  /**
   * Sets validity from a list of issues; an empty list means valid. The first issue's
   * message is reported; `anchor` (inside the shadow root) is where the browser shows it.
   */
  protected setValidityFrom(issues: readonly ValidityIssue[], anchor?: HTMLElement): void {
    const [first] = issues;
    if (!first) {
      this.internals.setValidity({});
      return;
    }
    const flags: ValidityStateFlags = {};
    for (const issue of issues) flags[issue.flag ?? 'customError'] = true;
    // setValidity throws on an empty message when a flag is set.
    const message = first.message || this.i18n.term('form.invalid');
    this.internals.setValidity(flags, message, anchor);
  }

  /** Puts the value back to its default (the form was reset). */
  protected abstract resetValue(): void;

  /**
   * Takes back a value the browser saved (navigation) or autofilled. Controls that pass a
   * `state` to {@link setValue} implement it; without it the current value is kept.
   */
  protected restoreState?(state: FormValue, reason: FormRestoreReason): void;

  formResetCallback(): void {
    this.resetValue();
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
    // The browser calls this as Lit reflects `disabled`, inside an update that then forgets the change:
    // render once more after it, or setting `disabled = false` would leave the controls disabled.
    if (this.isUpdatePending) {
      void this.updateComplete.then(() => {
        this.requestUpdate();
      });
    }
  }

  formStateRestoreCallback(state: FormValue, reason: FormRestoreReason): void {
    this.restoreState?.(state, reason);
  }
}
