import type { ReactiveControllerHost } from 'lit';
import type { FieldError } from '@peerlink/sdk';
import { getIn } from '../base/fields/paths.js';
import type { LocalizeController } from '../base/localize.js';
import { TIME_FIELDS, contentErrors, type Content, type LogPath } from './callout-log-model.js';
import { calloutLogFormMessages, type CalloutLogFormMessageKey } from './callout-log-form.messages.js';
import type { PiiGuard } from './pii-guard.js';

/** A field path with its row numbers taken out: `peopleServed.${number}.count` → `peopleServed.count`. */
type RowFree<P extends string> = P extends `${infer Head}.${infer Tail}`
  ? Head extends `${number}`
    ? RowFree<Tail>
    : Tail extends `${number}`
      ? Head
      : `${Head}.${RowFree<Tail>}`
  : P;

// Every field of the contract has its label: a field added to the contract without one does not compile.
const labels: Readonly<Record<`log.f.${RowFree<LogPath>}`, string>> = calloutLogFormMessages.en;

const isLabel = (key: string): key is keyof typeof labels => key in labels;

/**
 * What stands between the log and a submit, and how each problem reads: the contract's errors,
 * the PII guard's and the service's, shown beside a field once it was left (or for every field
 * after a submit was tried).
 */
export class LogValidation {
  private readonly host: ReactiveControllerHost;
  private readonly content: () => Content;
  private readonly guard: PiiGuard;
  private readonly i18n: LocalizeController<CalloutLogFormMessageKey>;
  private checked?: { content: Content; errors: FieldError[] };
  private showingAll = false;
  private touchedPaths: ReadonlySet<string> = new Set();
  private fromService: readonly FieldError[] = [];

  constructor(
    host: ReactiveControllerHost,
    content: () => Content,
    guard: PiiGuard,
    i18n: LocalizeController<CalloutLogFormMessageKey>,
  ) {
    this.host = host;
    this.content = content;
    this.guard = guard;
    this.i18n = i18n;
  }

  /** Whether every problem is shown, not only those of fields already left. */
  get showAll(): boolean {
    return this.showingAll;
  }

  set showAll(showAll: boolean) {
    this.showingAll = showAll;
    this.host.requestUpdate();
  }

  /** The errors the service gave on the last submit (paths inside the content). */
  get serverErrors(): readonly FieldError[] {
    return this.fromService;
  }

  set serverErrors(errors: readonly FieldError[]) {
    this.fromService = errors;
    this.host.requestUpdate();
  }

  /** The field was left: its problems show from now on. */
  touch(path: string): void {
    if (this.touchedPaths.has(path)) return;
    this.touchedPaths = new Set([...this.touchedPaths, path]);
    this.host.requestUpdate();
  }

  /** Forgets that the rows under `path` were left (their numbers changed). */
  untouchRows(path: LogPath): void {
    this.touchedPaths = new Set([...this.touchedPaths].filter((touched) => !touched.startsWith(`${path}.`)));
    this.host.requestUpdate();
  }

  /** Back to a fresh form: nothing left, nothing shown, nothing from the service. */
  reset(): void {
    this.touchedPaths = new Set();
    this.showAll = false;
    this.serverErrors = [];
  }

  /** What stands between the log and a submit, one error per field, in the form's order. */
  errors(): FieldError[] {
    const content = this.content();
    if (this.checked?.content !== content) this.checked = { content, errors: contentErrors(content) };
    const errors = [...this.checked.errors, ...this.guard.unresolved(), ...this.fromService];
    return errors.filter((error, index) => errors.findIndex((other) => other.path === error.path) === index);
  }

  /** The message to show beside a field now, if any. */
  errorAt(path: string): string | undefined {
    const error = this.errors().find((candidate) => candidate.path === path);
    if (!error || !(this.showingAll || this.touchedPaths.has(path) || this.fromService.includes(error)))
      return undefined;
    return this.messageOf(error);
  }

  messageOf(error: FieldError): string {
    if (error.code === 'pii_unresolved') return this.i18n.term('log.error.pii');
    const content = this.content();
    if (getIn(content, error.path) === undefined) return this.i18n.term('form.valueMissing');
    const [group, field] = error.path.split('.');
    const order: readonly string[] = TIME_FIELDS;
    if (error.code === 'custom' && group === 'times' && field) {
      const before = TIME_FIELDS.slice(0, order.indexOf(field))
        .filter((earlier) => getIn(content, `times.${earlier}`) !== undefined)
        .at(-1);
      if (before) return this.i18n.term('log.error.order', { field: this.label(`times.${before}`) });
    }
    return this.i18n.term('form.invalid');
  }

  /** A field's name for people: `peopleServed.1.count` → "Group 2: Number of people" (`short`: inside its group). */
  label(path: string, short = false): string {
    const parts = path.split('.');
    const row = parts.findIndex((part) => /^\d+$/.test(part));
    const key = `log.f.${parts.filter((_, index) => index !== row).join('.')}`;
    const group = `log.f.${parts[0] ?? ''}`;
    // A path the form does not know (from a newer service) is shown as it is.
    const name = isLabel(key) ? this.i18n.term(key) : isLabel(group) ? this.i18n.term(group) : path;
    if (row < 0) return name;
    const n = Number(parts[row]) + 1;
    if (parts[0] !== 'peopleServed') return this.i18n.term('log.referral', { n });
    return short ? name : `${this.i18n.term('log.row', { n })}: ${name}`;
  }
}
