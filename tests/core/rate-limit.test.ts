import { describe, expect, it } from 'vitest';
import { readRateLimit } from '../../app/rate-limit-settings.ts';
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

describe('readRateLimit', () => {
  it('defaults to 10 at once and 30 a minute, and reads whole numbers of at least 1', () => {
    expect(readRateLimit({})).toEqual({ burst: 10, perMinute: 30 });
    expect(readRateLimit({ RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_MINUTE: ' 6 ' })).toEqual({ burst: 3, perMinute: 6 });
  });

  it('refuses anything else with a ConfigError naming the variable', () => {
    expect(() => readRateLimit({ RATE_LIMIT_BURST: '0' })).toThrow(/RATE_LIMIT_BURST must be a whole number of at least 1 \(got "0"\)/);
    expect(() => readRateLimit({ RATE_LIMIT_PER_MINUTE: '2.5' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });
});
