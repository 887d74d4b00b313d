/**
 * The Share button's custom_id carries what to re-answer: the command text itself when it
 * fits Discord's 100 characters, otherwise a short key into a small in-memory map with a
 * time limit (bounded, so a flood of long questions cannot grow memory).
 */
import { randomBytes } from 'node:crypto';

const CUSTOM_ID_MAX = 100;
const TEXT_PREFIX = 'share:';
const KEY_PREFIX = 'sharekey:';

export interface ShareStore {
  /** The custom_id for a Share button that re-answers `commandText`. */
  customIdFor(commandText: string): string;
  /** The command text behind a custom_id; undefined when it is not ours or has expired. */
  commandTextOf(customId: string): string | undefined;
  readonly size: number;
}

export function isShareId(customId: string): boolean {
  return customId.startsWith(TEXT_PREFIX) || customId.startsWith(KEY_PREFIX);
}

export function createShareStore(options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}): ShareStore {
  const ttlMs = options.ttlMs ?? 60 * 60 * 1000;
  const maxEntries = options.maxEntries ?? 1000;
  const now = options.now ?? Date.now;
  // Insertion order is age order, so the oldest entry is always first.
  const entries = new Map<string, { text: string; expires: number }>();

  const prune = () => {
    const time = now();
    for (const [key, entry] of entries) {
      if (entry.expires > time && entries.size <= maxEntries) break;
      entries.delete(key);
    }
  };

  return {
    customIdFor(commandText) {
      const inline = `${TEXT_PREFIX}${commandText}`;
      if (inline.length <= CUSTOM_ID_MAX) return inline;
      const key = randomBytes(9).toString('base64url');
      entries.set(key, { text: commandText, expires: now() + ttlMs });
      prune();
      return `${KEY_PREFIX}${key}`;
    },
    commandTextOf(customId) {
      if (customId.startsWith(TEXT_PREFIX)) return customId.slice(TEXT_PREFIX.length);
      if (!customId.startsWith(KEY_PREFIX)) return undefined;
      prune();
      return entries.get(customId.slice(KEY_PREFIX.length))?.text;
    },
    get size() {
      return entries.size;
    },
  };
}
