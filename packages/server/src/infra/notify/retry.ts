import type { DeliveryOutcome } from './types.js';

/**
 * Attempts per delivery, the first one included. The jittered delays between them add up to at
 * most 31 s: a call-out that cannot be delivered by then needs escalation, not more patience.
 */
export const maxAttempts = 6;

export const baseDelayMs = 1_000;
export const maxDelayMs = 5 * 60_000;

/**
 * Delay before the next attempt after attempt number `attempt` (1-based) failed: exponential
 * backoff with full jitter, a random value in [0, min(cap, base·2^(attempt−1))). The jitter keeps a
 * fleet of workers that failed together against one receiver from retrying in lockstep.
 */
export function nextAttemptDelay(attempt: number, random: () => number = Math.random): number {
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1));
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.min(Math.floor(unit * ceiling), ceiling);
}

/**
 * When to try again after `outcome` of attempt number `attempt`, in milliseconds, or `null` when
 * the delivery is done: it succeeded, failed for good, or used its {@link maxAttempts}. A
 * receiver's Retry-After is a floor, never shortened by jitter.
 */
export function retryDelay(
  outcome: DeliveryOutcome,
  attempt: number,
  random: () => number = Math.random,
): number | null {
  if (outcome.ok || !outcome.retryable || attempt >= maxAttempts) return null;
  return Math.max(outcome.retryAfterMs ?? 0, nextAttemptDelay(attempt, random));
}
