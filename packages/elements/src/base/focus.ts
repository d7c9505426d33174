import type { ReactiveElement } from 'lit';

/** Options for {@link keepFocus}. */
export interface KeepFocusOptions {
  /** Whether focus was in the host when the work began (read it before awaiting); defaults to whether it is now. */
  readonly hadFocus?: boolean;
  /**
   * Move focus even when the control that has it is still there and usable. By default focus
   * moves only when that control is gone or `aria-disabled`.
   */
  readonly always?: boolean;
}

/**
 * Keeps a keyboard user's place when the control they pressed goes away (a button replaced by a
 * status, an error with Retry): after the host's next update, focuses the first element in its
 * render root that matches one of `targets`, tried in order. Does nothing when focus was not in
 * the host, so a pointer or screen-reader user elsewhere on the page is never pulled back.
 *
 * @param targets CSS selectors, or a function giving them after the update (when they depend on state).
 *
 * @example
 * ```ts
 * const hadFocus = this.matches(':focus-within');
 * await api.dispatches.transition(…);
 * keepFocus(this, ['[part~="retry"]', '[part~="action"]'], { hadFocus });
 * ```
 */
export function keepFocus(
  host: ReactiveElement,
  targets: readonly string[] | (() => readonly string[]),
  options: KeepFocusOptions = {},
): void {
  if (!(options.hadFocus ?? host.matches(':focus-within'))) return;
  void host.updateComplete.then(() => {
    const active = host.shadowRoot?.activeElement;
    if (!options.always && active?.isConnected && !active.matches('[aria-disabled="true"]')) return;
    const root = host.renderRoot;
    for (const selector of typeof targets === 'function' ? targets() : targets) {
      const target = root.querySelector<HTMLElement>(selector);
      if (target) {
        target.focus();
        return;
      }
    }
  });
}
