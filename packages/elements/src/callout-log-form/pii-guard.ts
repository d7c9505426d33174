import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { detectPii, findingKey, type FieldError, type PiiFinding, type PiiKeepDecision } from '@peerlink/sdk';
import { GUARDED, type GuardedField } from './callout-log-model.js';

const DETECT_DELAY_MS = 300;

/**
 * The PII guard: finds possible personal information in the checked free-text fields as they are
 * typed (a moment after the last key) and holds the author's decisions to keep a finding. A field
 * with a finding neither redacted nor kept stands between the log and a submit.
 *
 * @example
 * const guard = new PiiGuard(this, (field) => str(getIn(this.content, field)));
 * guard.detectSoon(); // after a change to a checked field
 */
export class PiiGuard implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly textOf: (field: GuardedField) => string;
  private timer?: ReturnType<typeof setTimeout>;
  private findingsNow: Partial<Record<GuardedField, readonly PiiFinding[]>> = {};
  private keepNow: readonly PiiKeepDecision[] = [];

  constructor(host: ReactiveControllerHost, textOf: (field: GuardedField) => string) {
    this.host = host;
    this.textOf = textOf;
    host.addController(this);
  }

  hostDisconnected(): void {
    // A check still due runs now, so the findings are current when the element is back on the page.
    if (this.timer !== undefined) this.detectNow();
  }

  /** The author's decisions to keep a finding, as made (see {@link keptNow} for those that still apply). */
  get keep(): readonly PiiKeepDecision[] {
    return this.keepNow;
  }

  set keep(keep: readonly PiiKeepDecision[]) {
    this.keepNow = keep;
    this.host.requestUpdate();
  }

  /** What was found in a field at the last check. */
  findings(field: GuardedField): readonly PiiFinding[] {
    return this.findingsNow[field] ?? [];
  }

  /** Checks again a moment after the last change. */
  detectSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.detectNow();
    }, DETECT_DELAY_MS);
  }

  /** Checks every guarded field now. */
  detectNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const findings: Partial<Record<GuardedField, PiiFinding[]>> = {};
    for (const field of GUARDED) findings[field] = detectPii(this.textOf(field));
    this.findingsNow = findings;
    this.host.requestUpdate();
  }

  isKept(field: GuardedField, finding: PiiFinding): boolean {
    const key = findingKey(finding);
    return this.keepNow.some((kept) => kept.field === field && kept.key === key);
  }

  /** Records that the author keeps a finding as it is. */
  keepFinding(field: GuardedField, finding: PiiFinding): void {
    if (!this.isKept(field, finding)) this.keep = [...this.keepNow, { field, key: findingKey(finding) }];
  }

  /** The keep decisions that still apply: one per finding left in the text. */
  keptNow(): PiiKeepDecision[] {
    return this.keepNow.filter(
      (kept, index) =>
        this.keepNow.findIndex((other) => other.field === kept.field && other.key === kept.key) === index &&
        this.findings(kept.field).some((finding) => findingKey(finding) === kept.key),
    );
  }

  /** A `pii_unresolved` error for each field with a finding neither redacted nor kept. */
  unresolved(): FieldError[] {
    return GUARDED.filter((field) => this.findings(field).some((finding) => !this.isKept(field, finding))).map(
      (field) => ({ path: field, code: 'pii_unresolved', message: '' }),
    );
  }
}
