import type { ReactiveController, ReactiveControllerHost } from 'lit';
import * as z from 'zod/mini';
import type { CalloutLogClient } from './callout-log-client.js';
import { StoredDraft, draftKey } from './callout-log-model.js';

const SAVE_DELAY_MS = 1000;

/** What the draft asks of its element. */
export interface DraftDelegate {
  /** What to keep on the device now (the time it is saved is added). */
  draft(): Omit<StoredDraft, 'savedAt'>;
  /** The draft was kept on the device. */
  saved(dispatchId: string, savedAt: string): void;
  /** The device refused to keep it. */
  failed(error: unknown): void;
}

/**
 * The draft kept on the device while a log is written, by call-out: saved a second after the last
 * change, at once when the page is hidden or the form removed, and read back when it opens again.
 * Saves run one after the other, so the last one written is the one kept.
 *
 * @example
 * const drafts = new DraftController(this, { draft: () => ({ content, keep }), saved, failed });
 * drafts.open(api, dispatchId); // where the drafts of this call-out go
 * const draft = await drafts.read(); // the draft left on the device, if any
 * drafts.schedule(); // after each change
 */
export class DraftController implements ReactiveController {
  /** When the draft was last saved. */
  savedAt?: string;

  private readonly host: ReactiveControllerHost;
  private readonly delegate: DraftDelegate;
  private timer?: ReturnType<typeof setTimeout>;
  private saving: Promise<void> = Promise.resolve();
  /** Where the draft being written is kept (set on open, so a save after a switch lands under the old id). */
  private target?: { api: CalloutLogClient; dispatchId: string };

  constructor(host: ReactiveControllerHost, delegate: DraftDelegate) {
    this.host = host;
    this.delegate = delegate;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.flush);
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.flush);
    this.flush();
  }

  /** Keeps drafts under `dispatchId` from now on (none without one); a save still due goes to the old place. */
  open(api: CalloutLogClient | undefined, dispatchId: string | undefined): void {
    this.flush();
    this.target = api && dispatchId ? { api, dispatchId } : undefined;
  }

  /** The draft left on the device for the open call-out, if there is one and it can be read. */
  async read(): Promise<StoredDraft | undefined> {
    const target = this.target;
    if (!target) return undefined;
    try {
      const stored = z.safeParse(StoredDraft, await target.api.drafts.load(draftKey(target.dispatchId)));
      return stored.success ? stored.data : undefined;
    } catch {
      // No local storage (private mode): the form still works, without a draft.
      return undefined;
    }
  }

  /** Forgets the open call-out's draft, once the saves under way are done. */
  async discard(): Promise<void> {
    const target = this.target;
    await this.saving;
    if (target) await target.api.drafts.delete(draftKey(target.dispatchId)).catch(() => undefined);
  }

  /** Saves a moment after the last change. */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.save(), SAVE_DELAY_MS);
  }

  /** Saves now. */
  save(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.target) return this.saving;
    const { api, dispatchId } = this.target;
    const savedAt = new Date().toISOString();
    const draft: StoredDraft = { ...this.delegate.draft(), savedAt };
    this.saving = this.saving
      .then(() => api.drafts.save(draftKey(dispatchId), draft))
      .then(
        () => {
          this.savedAt = savedAt;
          this.host.requestUpdate();
          this.delegate.saved(dispatchId, savedAt);
        },
        (error: unknown) => {
          this.delegate.failed(error);
        },
      );
    return this.saving;
  }

  // A closing tab (or a host removing the form) still gets to write what was typed in the last second.
  private readonly flush = (): void => {
    if (this.timer) void this.save();
  };
}
