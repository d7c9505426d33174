/**
 * One run of async work started by {@link LatestRun.start}. It is current until a newer run
 * starts; then its answers are stale and its `signal` aborts.
 */
export interface Run {
  /** Aborted when a newer run starts: hand it to `fetch`-like calls so superseded work stops. */
  readonly signal: AbortSignal;
  /** True once a newer run has started: an answer that arrives now is for something no longer shown. */
  readonly stale: boolean;
}

/**
 * The one way elements drop stale answers: each start of something shown begins a run; an
 * answer is applied only while its run is current, and a newer run aborts the older one's
 * signal. Work that continues what is shown (a step on the record it loaded) joins the
 * current run instead of starting one, so starting over drops it too.
 *
 * Chosen over `@lit/task` (docs/decisions/0004-async-work.md): the elements' runs are started
 * by events and chained (look up, then confirm, then send, then follow), not derived from
 * properties, and the single-file bundle has no room to spare.
 *
 * @example
 * ```ts
 * private readonly runs = new LatestRun();
 *
 * private async load(): Promise<void> {
 *   const run = this.runs.start();
 *   try {
 *     const record = await api.records.get(id, { signal: run.signal });
 *     if (run.stale) return;
 *     this.show(record);
 *   } catch (error) {
 *     if (!run.stale) this.fail(error);
 *   }
 * }
 * ```
 */
export class LatestRun {
  private run = LatestRun.make();

  private static make(): Run & { abort(): void } {
    const aborter = new AbortController();
    return {
      signal: aborter.signal,
      get stale() {
        return aborter.signal.aborted;
      },
      abort: () => {
        aborter.abort();
      },
    };
  }

  /** Starts a new run; every earlier one is stale from now on (and its signal aborts). */
  start(): Run {
    this.run.abort();
    this.run = LatestRun.make();
    return this.run;
  }

  /** The run now current, for work that continues it rather than starting over. */
  get current(): Run {
    return this.run;
  }
}
