/**
 * `sinorussia report [--since YYYY-MM-DD] [--json]`: the curators' report, from the store the
 * bot writes to (SQLite under DATA_DIR, or DATABASE_URL), kept out of cli.ts's way.
 */
import { parseArgs } from 'node:util';
import { type Clock, systemClock } from '../src/digest/types.ts';
import { formatReport, reportFromStore } from '../src/feedback/report.ts';
import { loadKnowledgeCached } from '../src/knowledge/cache.ts';
import { createSqlFeedbackStore } from '../stores/sql/feedback-store.ts';
import { readDigestSettings } from './digest-settings.ts';
import { CACHE_DIR, knowledgeLocation } from './knowledge-dir.ts';
import { openStore } from './storage.ts';

export const REPORT_USAGE = `usage: sinorussia report [--since YYYY-MM-DD] [--json] [--knowledge DIR]
  the curators' report: top unanswered questions, the answers and facts with the most 👎 and
  their reasons, the most asked topics with each one's newest source; read from DATA_DIR's
  SQLite file or DATABASE_URL, like the bot`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function runReportCli(
  argv: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  env: Record<string, string | undefined> = process.env,
  clock: Clock = systemClock,
): Promise<number> {
  let values: { since?: string; json?: boolean; knowledge?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        since: { type: 'string' },
        json: { type: 'boolean', default: false },
        knowledge: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    err.write(`sinorussia: ${(e as Error).message}\n${REPORT_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    out.write(`${REPORT_USAGE}\n`);
    return 0;
  }
  const since = values.since?.trim();
  const sinceMs = since ? Date.parse(`${since}T00:00:00Z`) : undefined;
  if (
    since !== undefined &&
    (!DATE.test(since) || Number.isNaN(sinceMs) || new Date(sinceMs as number).toISOString().slice(0, 10) !== since)
  ) {
    err.write(`sinorussia: --since needs a date as YYYY-MM-DD (got "${since}")\n`);
    return 2;
  }
  const knowledge = await loadKnowledgeCached(knowledgeLocation(env, values).dir, CACHE_DIR);
  const store = await openStore(readDigestSettings(env));
  try {
    const report = await reportFromStore(
      createSqlFeedbackStore(store.db),
      knowledge,
      clock.now(),
      since ? { day: since, ms: sinceMs as number } : undefined,
    );
    out.write(values.json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
