/**
 * Token buckets per caller key, in this instance's memory: a burst of `capacity` requests,
 * refilled at `perSecond`. Behind a load balancer each instance limits on its own.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token; returns 0 when allowed, else the seconds to wait. */
  take(key: string): number {
    const now = this.now();
    const tokens = this.tokens(key, now);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return this.secondsUntilOne(tokens);
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > 50_000) this.prune(now);
    return 0;
  }

  /** Like `take`, without taking: 0 when a token is there, else the seconds to wait. */
  wait(key: string): number {
    const tokens = this.tokens(key, this.now());
    return tokens < 1 ? this.secondsUntilOne(tokens) : 0;
  }

  private tokens(key: string, now: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return this.capacity;
    return Math.min(this.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
  }

  private secondsUntilOne(tokens: number): number {
    return Math.max(1, Math.ceil((1 - tokens) / this.perSecond));
  }

  private prune(now: number): void {
    const full = (this.capacity / this.perSecond) * 1000;
    for (const [key, bucket] of this.buckets) if (now - bucket.at > full) this.buckets.delete(key);
  }
}
