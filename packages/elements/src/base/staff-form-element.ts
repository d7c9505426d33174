import { state } from 'lit/decorators.js';
import { errorInfo, errorMessageKey, fieldErrorsOf } from './errors.js';
import { keepFocus } from './focus.js';
import { PeerFormElement } from './peer-form-element.js';

/** A message shown next to the field it is about; `path` is the field's path in the request. */
export interface FieldMessage {
  readonly path: string;
  readonly message: string;
}

/** Reads the fields of a submitted form as trimmed text, `''` for one that is missing or a file. */
export function formText(data: FormData): (name: string) => string {
  return (name) => {
    const value = data.get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
}

/**
 * Base class of the program-staff form elements (a schedule, a roster), whose forms write to the
 * service: the busy flag that disables their save buttons, the status line, the messages shown by
 * each field, and the one way a write runs ({@link write}).
 *
 * @since 0.2.0
 */
export abstract class PeerStaffFormElement<K extends string = never> extends PeerFormElement<K> {
  /** A write is running: the forms' save buttons are disabled. */
  @state() protected busy = false;
  /** What just happened, read out by the polite `status` part. */
  @state() protected status = '';
  /** The messages shown by the fields, from the last refused write or a missing value. */
  @state() protected fieldErrors: readonly FieldMessage[] = [];
  /** Why the last read failed: shown, with Retry, in place of what it would have shown. */
  @state() protected failure?: unknown;

  /**
   * Runs a write: busy while it runs, the status and field messages cleared first; focus moves to the
   * status once it is done, when it was in the element. When refused, the fields the service named show
   * its messages, the status says why, and `peer-error` reports it.
   */
  protected async write(work: () => Promise<void>): Promise<void> {
    const hadFocus = this.matches(':focus-within');
    this.busy = true;
    this.status = '';
    this.fieldErrors = [];
    try {
      await work();
      keepFocus(this, ['[part~="status"]'], { hadFocus, always: true });
    } catch (error) {
      this.fieldErrors = fieldErrorsOf(error).map((found) => ({ path: found.path, message: found.message }));
      this.refused(error);
    } finally {
      this.busy = false;
    }
  }

  /** A read failed: kept as the `failure` to show, and reported as `peer-error`. */
  protected readFailed(error: unknown): void {
    this.failure = error;
    this.emit('peer-error', { error: errorInfo(error) });
  }

  /** A write was refused: the status says why, and `peer-error` reports it. */
  protected refused(error: unknown): void {
    this.status = this.i18n.term(errorMessageKey(error));
    this.emit('peer-error', { error: errorInfo(error) });
  }

  /** The message shown by a field: the first about it or about a part of it (`contacts.0`). */
  protected errorAt(field: string): string | undefined {
    return this.fieldErrors.find((found) => found.path === field || found.path.startsWith(`${field}.`))?.message;
  }
}
