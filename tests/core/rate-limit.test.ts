import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/rate-limit.ts';

describe('RateLimiter', () => {
  it('allows a burst, tells once, then stays quiet until a token is back', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 3, perMinute: 6, now: () => now });
    expect(['u', 'u', 'u', 'u', 'u', 'u'].map((k) => limiter.take(k))).toEqual(['allow', 'allow', 'allow', 'tell', 'quiet', 'quiet']);
    now = 9_999; // 6 a minute: one token every 10 s
    expect(limiter.take('u')).toBe('quiet');
    now = 10_000;
    expect(limiter.take('u')).toBe('allow');
    // A new burst of refusals is told again, once.
    expect([limiter.take('u'), limiter.take('u')]).toEqual(['tell', 'quiet']);
  });

  it('keeps users apart', () => {
    const limiter = new RateLimiter({ burst: 1, perMinute: 1, now: () => 0 });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('b')]).toEqual(['allow', 'tell', 'allow']);
  });

  it('refills to the burst, not beyond, and bounds the users it remembers', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 2, perMinute: 60, maxUsers: 2, now: () => now });
    limiter.take('a');
    now = 3_600_000;
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual(['allow', 'allow', 'tell']);
    limiter.take('b');
    limiter.take('c'); // 'a' is forgotten: a full bucket again
    expect(limiter.take('a')).toBe('allow');
  });

  it('refuses a nonsensical setting', () => {
    expect(() => new RateLimiter({ burst: 0 })).toThrow(RangeError);
    expect(() => new RateLimiter({ perMinute: 0 })).toThrow(RangeError);
  });
});
