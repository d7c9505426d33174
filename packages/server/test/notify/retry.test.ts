import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseDelayMs, maxAttempts, maxDelayMs, nextAttemptDelay, retryDelay } from '../../src/infra/notify/index.js';

describe('nextAttemptDelay', () => {
  it('grows exponentially from 1 s up to the 5 min cap', () => {
    const almostOne = () => 1 - Number.EPSILON;
    assert.equal(baseDelayMs, 1000);
    assert.equal(maxDelayMs, 300_000);
    assert.equal(nextAttemptDelay(1, almostOne), 999);
    assert.equal(nextAttemptDelay(2, almostOne), 1999);
    assert.equal(nextAttemptDelay(5, almostOne), 15_999);
    assert.equal(nextAttemptDelay(9, almostOne), 255_999);
    assert.equal(nextAttemptDelay(10, almostOne), 299_999);
    assert.equal(
      nextAttemptDelay(10_000, () => 1),
      maxDelayMs,
    );
  });

  it('jitters over the whole range from zero', () => {
    assert.equal(
      nextAttemptDelay(4, () => 0),
      0,
    );
    assert.equal(
      nextAttemptDelay(4, () => 0.5),
      4000,
    );
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const delay = nextAttemptDelay(3);
      assert.ok(Number.isInteger(delay) && delay >= 0 && delay < 4000, String(delay));
      seen.add(Math.floor(delay / 1000));
    }
    assert.equal(seen.size, 4, 'full jitter reaches every second of the window');
  });

  it('treats nonsense attempts and random values as the first attempt and zero', () => {
    assert.equal(
      nextAttemptDelay(0, () => 0.5),
      500,
    );
    assert.equal(
      nextAttemptDelay(Number.NaN, () => 0.5),
      500,
    );
    assert.equal(
      nextAttemptDelay(2, () => Number.NaN),
      0,
    );
    assert.equal(
      nextAttemptDelay(2, () => -3),
      0,
    );
  });
});

describe('retryDelay', () => {
  const retryable = { ok: false, retryable: true, detail: 'HTTP 503' } as const;

  it('stops on success, permanent failure and the last attempt', () => {
    assert.equal(retryDelay({ ok: true }, 1), null);
    assert.equal(retryDelay({ ok: false, retryable: false, detail: 'HTTP 410' }, 1), null);
    assert.equal(maxAttempts, 6);
    assert.equal(retryDelay(retryable, maxAttempts), null);
    assert.equal(
      retryDelay(retryable, maxAttempts - 1, () => 0.5),
      8000,
    );
  });

  it('waits at least as long as the receiver asked', () => {
    assert.equal(
      retryDelay({ ...retryable, retryAfterMs: 7000 }, 1, () => 0.5),
      7000,
    );
    assert.equal(
      retryDelay({ ...retryable, retryAfterMs: 100 }, 3, () => 0.5),
      2000,
    );
  });
});
