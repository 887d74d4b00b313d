/**
 * Who voted, without keeping who: HMAC-SHA256 of the platform and user id under FEEDBACK_KEY.
 * The same person on the same platform always gets the same hash (so a second vote replaces
 * the first), and nobody without the key can test a user id against the stored hashes.
 */
import { createHmac } from 'node:crypto';
import { SinorussiaError } from '../errors.ts';

/** A key shorter than this is refused: it could be guessed. */
export const MIN_KEY_LENGTH = 16;

export type UserHasher = (platform: string, userId: string) => string;

export function userHasher(key: string): UserHasher {
  if (key.length < MIN_KEY_LENGTH)
    throw new SinorussiaError('BAD_CONFIG', `FEEDBACK_KEY must be at least ${MIN_KEY_LENGTH} characters (got ${key.length})`, key.length);
  return (platform, userId) => createHmac('sha256', key).update(`${platform}\n${userId}`).digest('hex');
}
