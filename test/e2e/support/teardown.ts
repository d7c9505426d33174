// What a suite started, closed in reverse order however far its setup got. A setup that fails
// half-way must not leave servers, receivers or a browser holding the process open.

export class Teardown {
  readonly #steps: { what: string; close: () => unknown }[] = [];

  /** Registers how to close something just started; returns the thing for chaining. */
  add<T>(what: string, thing: T, close: (thing: T) => unknown): T {
    this.#steps.push({ what, close: () => close(thing) });
    return thing;
  }

  /** Closes everything registered, last first; every step runs even when one fails. */
  async run(): Promise<void> {
    const failures: string[] = [];
    for (const step of this.#steps.splice(0).reverse()) {
      try {
        await step.close();
      } catch (error) {
        failures.push(`${step.what}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length > 0) throw new Error(`teardown failed for ${failures.join('; ')}`);
  }
}

/** Closes a server (HTTP, SMTP) for a teardown step: resolves once it has stopped. */
export const closeServer = (server: { close: (done: () => void) => unknown }): Promise<void> =>
  new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });

/**
 * Runs `start` with a fresh teardown; when it throws, closes what it had started and rethrows
 * with the name of the step that failed.
 */
export async function setUp<T>(what: string, start: (teardown: Teardown) => Promise<T>): Promise<T> {
  const teardown = new Teardown();
  try {
    return await start(teardown);
  } catch (error) {
    await teardown.run().catch((closing: unknown) => {
      console.error(String(closing));
    });
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${what} failed: ${reason}`, { cause: error });
  }
}
