import { ConfigError } from '../src/config-error.ts';
import { DEFAULT_RATE_LIMIT, type RateLimitOptions } from '../src/rate-limit.ts';

function whole(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new ConfigError(name, `must be a whole number of at least 1 (got "${raw.slice(0, 40)}")`);
  return Number(raw);
}

/** RATE_LIMIT_BURST questions at once per person, refilled at RATE_LIMIT_PER_MINUTE. */
export function readRateLimit(env: Record<string, string | undefined>): Required<Pick<RateLimitOptions, 'burst' | 'perMinute'>> {
  return {
    burst: whole(env, 'RATE_LIMIT_BURST', DEFAULT_RATE_LIMIT.burst),
    perMinute: whole(env, 'RATE_LIMIT_PER_MINUTE', DEFAULT_RATE_LIMIT.perMinute),
  };
}
