/**
 * Remembers Events API event ids for a while, so a redelivered event is answered once.
 * Slack retries after ~0 s, ~1 min and ~5 min; the default TTL covers all three with room.
 */
export interface EventDedupe {
  /** True the first time an id is seen within the TTL; false for a repeat. */
  firstSeen(eventId: string): boolean;
  readonly size: number;
}

export interface DedupeOptions {
  ttlMs?: number;
  /** Bounds memory under a flood of distinct ids; the oldest are forgotten first. */
  maxEntries?: number;
  now?: () => number;
}

export const DEDUPE_TTL_MS = 15 * 60_000;

export function createEventDedupe(options: DedupeOptions = {}): EventDedupe {
  const ttl = options.ttlMs ?? DEDUPE_TTL_MS;
  const maxEntries = options.maxEntries ?? 100_000;
  const now = options.now ?? Date.now;
  // Insertion order is expiry order (one TTL for all), so expired ids sit at the front.
  const expiries = new Map<string, number>();

  const forgetExpired = (at: number) => {
    for (const [id, expiry] of expiries) {
      if (expiry > at && expiries.size <= maxEntries) break;
      expiries.delete(id);
    }
  };

  return {
    firstSeen(eventId) {
      const at = now();
      forgetExpired(at);
      if (expiries.has(eventId)) return false;
      expiries.set(eventId, at + ttl);
      forgetExpired(at);
      return true;
    },
    get size() {
      return expiries.size;
    },
  };
}
