import { expect, fixture, oneEvent } from '@open-wc/testing';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { PeerFormElement, type FormValue, type ValidityIssue } from '../../src/index.js';
import { part, query, renderInShadow } from '../helpers.js';
import { commonMessages } from '../../src/base/common.messages.js';

declare module '../../src/base/events.js' {
  interface PeerEventMap {
    'test-field-commit': { value: string };
  }
}

/** Smallest control on PeerFormElement: the `value` attribute is the default, like <input>. */
class TestField extends PeerFormElement {
  constructor() {
    super(commonMessages);
  }

  @property() value = '';
  /** Extra issues, as a schema or server would report them. */
  @property({ attribute: false }) issues: readonly ValidityIssue[] = [];

  commit(): CustomEvent<{ value: string }> {
    return this.emit('test-field-commit', { value: this.value }, { cancelable: true });
  }

  protected override resetValue(): void {
    this.value = this.getAttribute('value') ?? '';
  }

  protected override restoreState(state: FormValue): void {
    if (typeof state === 'string') this.value = state;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.setValue(this.value);
    const missing: ValidityIssue[] =
      this.required && !this.value ? [{ flag: 'valueMissing', message: this.i18n.term('form.valueMissing') }] : [];
    this.setValidityFrom([...missing, ...this.issues], part(this, 'input'));
  }

  override render(): TemplateResult {
    return html`<input
      part="input"
      aria-label="Note"
      .value=${this.value}
      ?disabled=${this.isDisabled}
      @input=${(event: Event) => {
        if (event.target instanceof HTMLInputElement) this.value = event.target.value;
      }}
    />`;
  }
}
customElements.define('test-field', TestField);

declare global {
  interface HTMLElementTagNameMap {
    'test-field': TestField;
  }
}

async function inForm(content: TemplateResult): Promise<{ form: HTMLFormElement; field: TestField }> {
  const form = await fixture<HTMLFormElement>(html`<form>${content}</form>`);
  const field = query(form, 'test-field', TestField);
  await field.updateComplete;
  return { form, field };
}

describe('PeerFormElement', () => {
  it('submits its value with a native form', async () => {
    const { form, field } = await inForm(html`<test-field name="note" value="hello"></test-field>`);
    expect(field.form).to.equal(form);
    expect(new FormData(form).get('note')).to.equal('hello');
    field.value = 'changed';
    await field.updateComplete;
    expect(new FormData(form).get('note')).to.equal('changed');
  });

  it('submits nothing without a name', async () => {
    const { form } = await inForm(html`<test-field value="hello"></test-field>`);
    expect([...new FormData(form).keys()]).to.deep.equal([]);
  });

  it('goes back to its default value on form.reset()', async () => {
    const { form, field } = await inForm(html`<test-field name="note" value="hello"></test-field>`);
    field.value = 'changed';
    await field.updateComplete;
    form.reset();
    await field.updateComplete;
    expect(field.value).to.equal('hello');
    expect(new FormData(form).get('note')).to.equal('hello');
  });

  it('is disabled by a disabled fieldset without its own attribute changing', async () => {
    const { form, field } = await inForm(
      html`<fieldset disabled><test-field name="note" value="x"></test-field></fieldset>`,
    );
    const fieldset = query(form, 'fieldset', HTMLFieldSetElement);
    expect(field.matches(':disabled')).to.equal(true);
    expect(part(field, 'input')).to.have.property('disabled', true);
    expect(field.disabled).to.equal(false);
    expect(field.willValidate).to.equal(false);
    expect(new FormData(form).has('note')).to.equal(false);

    fieldset.disabled = false;
    await field.updateComplete;
    expect(field.matches(':disabled')).to.equal(false);
    expect(part(field, 'input')).to.have.property('disabled', false);
    expect(new FormData(form).get('note')).to.equal('x');
  });

  it('is disabled by its own disabled attribute', async () => {
    const { form, field } = await inForm(html`<test-field name="note" value="x" disabled></test-field>`);
    expect(field.matches(':disabled')).to.equal(true);
    expect(new FormData(form).has('note')).to.equal(false);
  });

  it('reports a missing required value, in the page language', async () => {
    const { form, field } = await inForm(html`<test-field name="note" required></test-field>`);
    expect(field.validity.valueMissing).to.equal(true);
    expect(field.validationMessage).to.equal('This field is required.');
    expect(field.matches(':invalid')).to.equal(true);
    expect(form.checkValidity()).to.equal(false);

    const invalid = oneEvent(field, 'invalid');
    expect(field.checkValidity()).to.equal(false);
    await invalid;
    expect(field.reportValidity()).to.equal(false);

    field.value = 'filled';
    await field.updateComplete;
    expect(field.checkValidity()).to.equal(true);
    expect(field.validationMessage).to.equal('');
    expect(form.checkValidity()).to.equal(true);
  });

  it('words validation messages in Spanish under lang="es"', async () => {
    const form = await fixture<HTMLFormElement>(html`<form lang="es"><test-field required></test-field></form>`);
    const field = query(form, 'test-field', TestField);
    await field.updateComplete;
    expect(field.validationMessage).to.equal('Este campo es obligatorio.');
  });

  it('reports issues from elsewhere as a custom error, first message first', async () => {
    const { field } = await inForm(html`<test-field name="time" value="25:00"></test-field>`);
    field.issues = [{ message: 'Use a 24-hour time.' }, { message: 'Must be before arrival.' }];
    await field.updateComplete;
    expect(field.validity.customError).to.equal(true);
    expect(field.validity.valueMissing).to.equal(false);
    expect(field.validationMessage).to.equal('Use a 24-hour time.');
    field.issues = [];
    await field.updateComplete;
    expect(field.validity.valid).to.equal(true);
  });

  it('lists its labels', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form><label for="f">Note</label><test-field id="f"></test-field></form>`,
    );
    const field = query(form, 'test-field', TestField);
    expect([...field.labels].map((label) => label.textContent)).to.deep.equal(['Note']);
  });

  it('takes back restored state', async () => {
    const { field } = await inForm(html`<test-field name="note" value="a"></test-field>`);
    field.formStateRestoreCallback('restored', 'restore');
    expect(field.value).to.equal('restored');
  });

  it('emits typed events that bubble out of shadow roots', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = renderInShadow(outer, html`<test-field value="typed"></test-field>`);
    const field = query(root, 'test-field', TestField);
    const received = oneEvent(outer, 'test-field-commit');
    const sent = field.commit();
    const event = (await received) as CustomEvent<{ value: string }>;
    expect(event).to.equal(sent);
    expect(event.detail).to.deep.equal({ value: 'typed' });
    expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
    expect(event.target).to.equal(root.host);
  });
});
