// The field kit: labelled controls bound to a dotted path of the element's value, each wired to
// its label, hint, reviewer's comments and error, so every form element renders fields one way.
// The element keeps the value; the kit only renders it and reads back what was typed.
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { fieldId, list, str } from './paths.js';

/** What the kit asks of the element it renders for; `P` is the element's typed field paths. */
export interface FieldHost<P extends string> {
  /** The value a field holds now. */
  valueAt(path: P): unknown;
  /** The field's name as its label shows it. */
  labelOf(path: P): string;
  /** The error to show beside the field now, if any. */
  errorAt(path: P): string | undefined;
  /** A reviewer's comments on the field, shown beside it. */
  commentsOn(path: P): readonly string[];
  /** Who the comments are by, before each (`Supervisor:`). */
  commentBy(): string;
  /** The empty choice of a select: "Choose…" when one is required, "None" otherwise. */
  emptyChoice(required: boolean): string;
  /** How a date or time control's value reads in the element's language, when the browser writes another. */
  shownDate(type: 'date' | 'datetime-local', value: string): string | undefined;
}

/** A choice among `options`, each named by `word` (in the element's language). */
export interface Choice<O extends string> {
  readonly options: readonly O[];
  readonly word: (option: O) => string;
}

/** The kinds of value a control edits; `readField` turns what was typed back into one. */
type FieldKind = 'text' | 'value' | 'number' | 'time' | 'set';

/** An ISO time as a `datetime-local` value in the browser's time zone. */
export function toLocalInput(iso: unknown): string {
  const time = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(time)) return '';
  const date = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value as an ISO time; the previous time is kept when only its seconds would differ. */
export function fromLocalInput(value: string, previous: unknown): string | undefined {
  if (!value) return undefined;
  if (typeof previous === 'string' && toLocalInput(previous) === value) return previous;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * The field a kit control's `input` event is about and its new value, or `undefined` for any
 * other event: a box's text, a number or nothing, a time as ISO, a set of checked options.
 */
export function readField<P extends string>(
  event: Event,
  valueAt: (path: P) => unknown,
): { path: P; value: unknown } | undefined {
  const target = event.target;
  const control =
    target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
  if (!control || !target.dataset.path) return undefined;
  // Only the kit writes `data-path`, and always from a `P`.
  const path = target.dataset.path as P;
  const kind = target.dataset.kind as FieldKind | undefined;
  let value: unknown = target.value;
  if (target instanceof HTMLInputElement && target.type === 'checkbox') {
    const current = list(valueAt(path));
    const set = target.checked ? [...current, target.value] : current.filter((item) => item !== target.value);
    value = kind === 'set' ? set : target.checked;
  } else if (kind === 'number') {
    value =
      target instanceof HTMLInputElement && !Number.isNaN(target.valueAsNumber) ? target.valueAsNumber : undefined;
  } else if (kind === 'time') {
    value = fromLocalInput(target.value, valueAt(path));
  } else if (value === '' && kind !== 'text') {
    value = undefined;
  }
  return { path, value };
}

/** The control for a field path in `root`, or the nearest enclosing group's first control. */
export function fieldControl(root: ParentNode, path: string): HTMLElement | null {
  for (let parts = path.split('.'); parts.length > 0; parts = parts.slice(0, -1)) {
    const found = root.querySelector<HTMLElement>(`#${fieldId(parts.join('.'))}`);
    if (!found) continue;
    const controls = 'input, select, textarea, button';
    return found.matches(controls) ? found : found.querySelector<HTMLElement>(controls);
  }
  return null;
}

function renderComments<P extends string>(kit: FieldHost<P>, id: string, comments: readonly string[]) {
  if (comments.length === 0) return nothing;
  return html`<div class="comment" id="${id}-comments">
    ${comments.map((comment) => html`<p><strong>${kit.commentBy()}</strong> ${comment}</p>`)}
  </div>`;
}

/** The ids of what describes a field: its hint, its comments, its error. */
const describedBy = (id: string, hint: boolean, comments: boolean): string =>
  `${hint ? `${id}-hint ` : ''}${comments ? `${id}-comments ` : ''}${id}-error`;

/** A group of fields that is no field of the value itself, by the name its id is made from. */
export interface Section {
  readonly section: string;
}

/**
 * A fieldset with a legend, an optional hint and the comments and error on the group itself: a
 * field (an object or a list of the value) or a {@link Section}.
 */
export function fieldGroup<P extends string>(
  kit: FieldHost<P>,
  path: P | Section,
  legend: string,
  content: unknown,
  hint?: string,
): TemplateResult {
  const id = fieldId(typeof path === 'string' ? path : path.section);
  const error = typeof path === 'string' ? kit.errorAt(path) : undefined;
  const comments = typeof path === 'string' ? kit.commentsOn(path) : [];
  return html`<fieldset id=${id} class="group" aria-describedby=${describedBy(id, Boolean(hint), comments.length > 0)}>
    <legend>${legend}</legend>
    ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing} ${renderComments(kit, id, comments)}
    <p class="field-error" id="${id}-error">${error ?? ''}</p>
    ${content}
  </fieldset>`;
}

/** The ids and states that tie a control to its label, hint, comments and error. */
export function fieldWiring<P extends string>(kit: FieldHost<P>, path: P, hint?: string) {
  const id = fieldId(path);
  const error = kit.errorAt(path);
  const comments = kit.commentsOn(path);
  return {
    id,
    describedBy: describedBy(id, Boolean(hint), comments.length > 0),
    invalid: error ? 'true' : 'false',
    before: html`<label for=${id}>${kit.labelOf(path)}</label>${
      hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : nothing
    }`,
    after: html`${renderComments(kit, id, comments)}<span class="field-error" id="${id}-error">${error ?? ''}</span>`,
  };
}

export interface InputOptions {
  readonly required?: boolean;
  /** The lowest number (number fields). */
  readonly min?: number;
  /** The highest number (number fields), or the most characters (text fields). */
  readonly max?: number;
}

/** A one-line text, number, date or date-and-time field. */
export function inputField<P extends string>(
  kit: FieldHost<P>,
  path: P,
  type: 'text' | 'number' | 'date' | 'datetime-local',
  options: InputOptions,
): TemplateResult {
  const w = fieldWiring(kit, path);
  const value = kit.valueAt(path);
  const number = type === 'number';
  const shown =
    typeof value === 'string' && value && !number && type !== 'text' ? kit.shownDate(type, value) : undefined;
  return html`<div class="field">
    ${w.before}
    <input
      id=${w.id}
      type=${type}
      data-path=${path}
      data-kind=${number ? 'number' : type === 'datetime-local' ? 'time' : 'value'}
      .value=${live(type === 'datetime-local' ? toLocalInput(value) : str(value))}
      min=${number ? (options.min ?? nothing) : nothing}
      max=${number ? (options.max ?? nothing) : nothing}
      maxlength=${type === 'text' ? (options.max ?? nothing) : nothing}
      ?required=${options.required}
      autocomplete="off"
      aria-invalid=${w.invalid}
      aria-describedby=${shown ? `${w.id}-shown ${w.describedBy}` : w.describedBy}
    />
    ${shown ? html`<span class="hint" id="${w.id}-shown">${shown}</span>` : nothing} ${w.after}
  </div>`;
}

/** A choice of one option. */
export function selectField<P extends string, O extends string>(
  kit: FieldHost<P>,
  path: P,
  { options, word }: Choice<O>,
  required = true,
): TemplateResult {
  const w = fieldWiring(kit, path);
  const value = kit.valueAt(path);
  return html`<div class="field">
    ${w.before}
    <select id=${w.id} data-path=${path} ?required=${required} aria-invalid=${w.invalid} aria-describedby=${w.describedBy}>
      <option value="" ?selected=${value === undefined}>${kit.emptyChoice(required)}</option>
      ${options.map((option) => html`<option value=${option} ?selected=${value === option}>${word(option)}</option>`)}
    </select>
    ${w.after}
  </div>`;
}

export interface TextareaOptions {
  /** The most characters. */
  readonly max: number;
  readonly rows: number;
  readonly hint?: string;
}

/** A text of several lines. */
export function textareaField<P extends string>(kit: FieldHost<P>, path: P, options: TextareaOptions): TemplateResult {
  const w = fieldWiring(kit, path, options.hint);
  return html`<div class="field">
    ${w.before}
    <textarea
      id=${w.id}
      data-path=${path}
      data-kind="text"
      rows=${options.rows}
      maxlength=${options.max}
      .value=${live(str(kit.valueAt(path)))}
      aria-invalid=${w.invalid}
      aria-describedby=${w.describedBy}
    ></textarea>
    ${w.after}
  </div>`;
}

/** A yes-or-no box. */
export function checkboxField<P extends string>(kit: FieldHost<P>, path: P): TemplateResult {
  const w = fieldWiring(kit, path);
  return html`<div class="field check">
    <input
      id=${w.id}
      type="checkbox"
      data-path=${path}
      .checked=${live(kit.valueAt(path) === true)}
      aria-describedby=${w.describedBy}
    />
    ${w.before} ${w.after}
  </div>`;
}

/** Any number of options, each a box, in a group headed `legend`. */
export function choicesField<P extends string, O extends string>(
  kit: FieldHost<P>,
  path: P,
  legend: string,
  { options, word }: Choice<O>,
): TemplateResult {
  const chosen = list(kit.valueAt(path));
  return fieldGroup(
    kit,
    path,
    legend,
    options.map(
      (option) => html`<label class="check">
        <input type="checkbox" data-path=${path} data-kind="set" value=${option} .checked=${live(chosen.includes(option))} />
        <span>${word(option)}</span>
      </label>`,
    ),
  );
}

/** A link in an error summary or a list of comments that takes the focus to its field. */
export function fieldLink(root: ParentNode, path: string, text: string): TemplateResult {
  return html`<li>
    <a
      href="#${fieldId(path)}"
      @click=${(event: Event) => {
        event.preventDefault();
        fieldControl(root, path)?.focus();
      }}
      >${text}</a
    >
  </li>`;
}
