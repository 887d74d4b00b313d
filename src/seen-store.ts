/**
 * Remembers keys (a Slack event id, a trigger id, a Discord interaction id) for a while, so
 * a redelivered or replayed request is answered once. In memory by default (one process);
 * with DATABASE_URL set, in PostgreSQL (stores/sql/seen-store.ts), so a redelivery that reaches
 * another instance is skipped too. Slack retries after ~0 s, ~1 min and ~5 min; the default
 * TTL covers all three with room, and Bolt refuses requests older than 5 minutes anyway.
 */
export interface SeenStore {
  /** True the first time `key` is seen within the TTL; false for a repeat. */
  firstSeen(key: string): Promise<boolean>;
  close(): Promise<void>;
}

export interface MemorySeenOptions {
  ttlMs?: number;
  /** Bounds memory under a flood of distinct keys; the oldest are forgotten first. */
  maxEntries?: number;
  now?: () => number;
}

export const SEEN_TTL_MS = 15 * 60_000;

export interface MemorySeenStore extends SeenStore {
  /** The same check without a promise, for code that needs the answer at once. */
  firstSeenNow(key: string): boolean;
  readonly size: number;
}

export function createMemorySeenStore(options: MemorySeenOptions = {}): MemorySeenStore {
  const ttl = options.ttlMs ?? SEEN_TTL_MS;
  const maxEntries = options.maxEntries ?? 100_000;
  const now = options.now ?? Date.now;
  // Insertion order is expiry order (one TTL for all), so expired keys sit at the front.
  const expiries = new Map<string, number>();

  const forgetExpired = (at: number) => {
    for (const [key, expiry] of expiries) {
      if (expiry > at && expiries.size <= maxEntries) break;
      expiries.delete(key);
    }
  };

  const firstSeenNow = (key: string) => {
    const at = now();
    forgetExpired(at);
    if (expiries.has(key)) return false;
    expiries.set(key, at + ttl);
    forgetExpired(at);
    return true;
  };

  return {
    firstSeenNow,
    firstSeen: async (key) => firstSeenNow(key),
    close: async () => expiries.clear(),
    get size() {
      return expiries.size;
    },
  };
}
