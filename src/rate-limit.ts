/**
 * A per-user token bucket, so one person or a script cannot starve a channel: each user
 * holds up to `burst` questions, refilled at `perMinute`. Past that the adapter says "slow
 * down" once, privately, and then drops that user's questions quietly until a token is back.
 * Platform-free: adapters key it (`slack:U123`, `discord:456`) and word nothing themselves.
 */
export type RateDecision = 'allow' | 'tell' | 'quiet';

export interface RateLimitOptions {
  burst?: number;
  perMinute?: number;
  /** Users remembered at most; the least recently seen are forgotten (back to a full bucket). */
  maxUsers?: number;
  now?: () => number;
}

export const SLOW_DOWN = 'You are asking faster than I can answer: please wait a few seconds, then ask again.';
export const DEFAULT_RATE_LIMIT = { burst: 10, perMinute: 30 } as const;

interface Bucket {
  tokens: number;
  at: number;
  /** Whether this user was told to slow down since their last allowed question. */
  told: boolean;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly burst: number;
  private readonly perMs: number;
  private readonly maxUsers: number;
  private readonly now: () => number;

  constructor(options: RateLimitOptions = {}) {
    this.burst = options.burst ?? DEFAULT_RATE_LIMIT.burst;
    this.perMs = (options.perMinute ?? DEFAULT_RATE_LIMIT.perMinute) / 60_000;
    this.maxUsers = options.maxUsers ?? 50_000;
    this.now = options.now ?? Date.now;
    if (!(this.burst >= 1) || !(this.perMs > 0))
      throw new RangeError(`RateLimiter: burst must be ≥ 1 and perMinute > 0 (got ${this.burst}, ${options.perMinute})`);
  }

  /** Takes one question from `key`'s bucket. */
  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now, told: false };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    // Re-inserted on every use, so the first entry is always the least recently seen.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxUsers) this.buckets.delete(this.buckets.keys().next().value as string);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.told = false;
      return 'allow';
    }
    if (bucket.told) return 'quiet';
    bucket.told = true;
    return 'tell';
  }
}
