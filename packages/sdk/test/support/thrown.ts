import assert from 'node:assert/strict';
import type { PeerValidationError } from '@peerlink/sdk';

/** What `run` throws, checked to be a `type`; the test fails with `unthrown` when it throws nothing. */
export function thrown<E extends Error>(
  type: abstract new (...args: never[]) => E,
  run: () => unknown,
  unthrown: string,
): E {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof type, `expected a ${type.name}, got ${String(error)}`);
    return error;
  }
  return assert.fail(unthrown);
}

/** A validation error's problems as plain `{ path, message }` pairs, for `deepEqual`. */
export const problemsOf = (error: PeerValidationError): { path: string; message: string }[] =>
  error.errors.map(({ path, message }) => ({ path, message }));
