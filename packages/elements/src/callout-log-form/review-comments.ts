import type { ReactiveControllerHost } from 'lit';
import type { FieldComment } from '@peerlink/sdk';
import { fieldId } from '../base/fields/paths.js';

/** The host of the review comments: where to find their text boxes to focus. */
export type ReviewCommentsHost = ReactiveControllerHost & { readonly renderRoot: ParentNode };

/**
 * What a supervisor writes while reviewing: a general comment and comments on fields (each opened
 * beside its field), turned into the review's body; returning a log needs at least one of them.
 */
export class ReviewComments {
  /** The comment on the whole log. */
  comment = '';
  /** The comments on fields, by path. */
  onFields: Readonly<Record<string, string>> = {};
  /** The fields whose comment box is open. */
  open: ReadonlySet<string> = new Set();
  /** A return was tried without any comment. */
  missing = false;

  private readonly host: ReviewCommentsHost;

  constructor(host: ReviewCommentsHost) {
    this.host = host;
  }

  write(comment: string): void {
    this.comment = comment;
    this.host.requestUpdate();
  }

  writeOn(path: string, comment: string): void {
    this.onFields = { ...this.onFields, [path]: comment };
    this.host.requestUpdate();
  }

  /** Opens or closes the comment box of a field (and focuses it when opened). */
  toggle(path: string): void {
    const open = new Set(this.open);
    if (open.has(path)) open.delete(path);
    else open.add(path);
    this.open = open;
    this.host.requestUpdate();
    if (open.has(path)) void this.focus(`#${fieldId(path)}-comment`);
  }

  /** The review's comments, or `undefined` (with the general comment focused) when a return has none. */
  request(decision: 'approve' | 'return'): { comment?: string; fieldComments?: FieldComment[] } | undefined {
    const comment = this.comment.trim();
    const fieldComments = Object.entries(this.onFields)
      .map(([path, text]) => ({ path, comment: text.trim() }))
      .filter((entry) => entry.comment);
    this.missing = decision === 'return' && !comment && fieldComments.length === 0;
    this.host.requestUpdate();
    if (this.missing) {
      void this.focus('#review-comment');
      return undefined;
    }
    return { ...(comment ? { comment } : {}), ...(fieldComments.length > 0 ? { fieldComments } : {}) };
  }

  /** The review was recorded: start again. */
  clear(): void {
    this.comment = '';
    this.onFields = {};
    this.open = new Set();
    this.host.requestUpdate();
  }

  private async focus(selector: string): Promise<void> {
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}
