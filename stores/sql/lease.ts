/**
 * The claim-with-lease rule both exactly-once tables share (digest deliveries, corrections):
 * a row may be taken over when its holder's lease ran out (the holder crashed) or when a
 * failed attempt's retry is due. Used in one UPDATE, so the row lock lets one instance win.
 * The table needs `status`, `lease_until` and `next_attempt_at` columns.
 */
import { type RawBuilder, type SqlBool, sql } from 'kysely';

export function takeable(now: number): RawBuilder<SqlBool> {
  return sql<SqlBool>`((status = 'claimed' and lease_until <= ${now}) or (status = 'failed' and next_attempt_at is not null and next_attempt_at <= ${now}))`;
}
