/** `sinorussia digest preview [--date YYYY-MM-DD] [--channel ID]`, kept out of cli.ts's way. */
import { ANSI, PLAIN, renderTerminal } from '../adapters/console/render.ts';
import { Composer } from '../src/answer/compose.ts';
import { previewForChannel } from '../src/digest/preview.ts';
import { systemClock } from '../src/digest/types.ts';
import { SinorussiaError } from '../src/errors.ts';
import { loadKnowledgeCached } from '../src/knowledge/cache.ts';
import { CACHE_DIR } from './knowledge-dir.ts';
import { openStore } from './storage.ts';

export async function runDigestPreview(
  args: string[],
  options: { date?: string; channel?: string },
  knowledgeDir: string,
  out: NodeJS.WritableStream & { isTTY?: boolean },
  err: NodeJS.WritableStream,
): Promise<number> {
  if (args.join(' ') !== 'preview') {
    err.write('sinorussia: digest needs "preview", e.g. sinorussia digest preview --date 2026-06-17 [--channel C0123]\n');
    return 2;
  }
  const knowledge = await loadKnowledgeCached(knowledgeDir, CACHE_DIR);
  // The store only when a channel is named: a preview never needs to create a database.
  const store = options.channel ? await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR }) : undefined;
  try {
    const answer = await previewForChannel(
      { knowledge, composer: new Composer(knowledge), clock: systemClock, store },
      { channelId: options.channel, date: options.date },
    );
    out.write(`${renderTerminal(answer, out.isTTY ? ANSI : PLAIN)}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof SinorussiaError) || e.code !== 'BAD_ARGUMENT') throw e;
    err.write(`${e.message}\n`);
    return 2;
  } finally {
    await store?.close();
  }
}
