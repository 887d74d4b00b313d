/**
 * `sinorussia corrections preview`: for each post the bot recorded (in the store under
 * DATA_DIR / DATABASE_URL), what a reload of the knowledge files as they are now would
 * correct, without sending anything, so a curator can check a change first.
 */
import { describePending, pendingCorrections } from '../src/corrections/pending.ts';
import { readCorrectionsSettings } from './corrections-settings.ts';
import { readDigestSettings } from './digest-settings.ts';
import type { KnowledgeLocation } from './knowledge-dir.ts';
import { loadBase } from './knowledge-load.ts';
import { openStore } from './storage.ts';

export const CORRECTIONS_USAGE =
  'sinorussia corrections preview   what a reload of the knowledge files now would correct in posts already made (sends nothing)';

export async function runCorrectionsCommand(
  args: string[],
  location: KnowledgeLocation,
  env: Record<string, string | undefined>,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  if (args.join(' ') !== 'preview') {
    err.write(`sinorussia: corrections needs "preview", e.g. sinorussia corrections preview\n`);
    return 2;
  }
  const { enabled } = readCorrectionsSettings(env);
  const knowledge = await loadBase(location);
  const store = await openStore(readDigestSettings(env));
  try {
    const { createSqlPostsStore } = await import('../stores/sql/posts-store.ts');
    const pending = await pendingCorrections(createSqlPostsStore(store.db), knowledge);
    if (pending.length === 0) out.write('corrections: nothing to correct\n');
    else {
      out.write(
        `corrections: ${pending.length} to send on the next reload${enabled ? '' : ' (but CORRECTIONS=off: the bot sends none)'}\n`,
      );
      for (const correction of pending) out.write(`${describePending(correction)}\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}
