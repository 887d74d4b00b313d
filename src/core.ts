/**
 * The core every surface talks to: built once per knowledge base (index, query reader,
 * composer, what commands keep), it reads text into typed requests and answers requests.
 * Adapters parse once at their edge (or build the request from typed options) and call
 * `answer`; the Answer says how it may be shown.
 */
import { Composer } from './answer/compose.ts';
import type { Answer } from './answer/types.ts';
import { chartFor } from './chart/build.ts';
import { chartFiguresOf } from './chart/from-items.ts';
import type { CommandContext, Reply } from './commands/command.ts';
import { BaseLookups } from './commands/lookups.ts';
import { parseText } from './commands/parse.ts';
import { COMMANDS, commandNamed, showFor } from './commands/registry.ts';
import type { Request, Where } from './commands/request.ts';
import type { DigestService } from './digest/commands.ts';
import { SinorussiaError } from './errors.ts';
import type { FeedbackReport } from './feedback/report.ts';
import type { Knowledge } from './knowledge/types.ts';
import { LruCache } from './lru.ts';
import { QueryReader } from './query/read.ts';
import { SearchEngine } from './search/engine.ts';
import { loadEnglishFrequencies } from './search/english.ts';

export interface CoreServices {
  /** The daily digest's settings over a store; without it the digest's commands explain themselves. */
  digest?: DigestService;
  /** The curators' feedback report as of now; without it `report` says nothing is recorded here. */
  feedbackReport?: () => Promise<FeedbackReport>;
}

export interface Core {
  readonly context: CommandContext;
  /** Reads typed text (markup already removed by the adapter) into a request; never throws. */
  parseText(text: unknown, options?: { addressed?: boolean }): Request;
  /**
   * Answers a request; `where` (channel, user, may they manage it) is what the digest's
   * commands need. Never throws for anything a person typed.
   */
  answer(request: Request, where?: Where): Promise<Answer>;
  /** The same without a channel, at once (every command but the digest's needs only the base): scripts, benches, tests. */
  answerNow(request: Request): Answer;
}

/** Everything but a question depends only on the (immutable) base: at most this many are kept answered. */
const MEMO_ENTRIES = 500;

/** `prebuilt.engine`: an index already built for this base (a reload builds it in slices between answers). */
export function createCore(knowledge: Knowledge, services: CoreServices = {}, prebuilt: { engine?: SearchEngine } = {}): Core {
  const engine = prebuilt.engine ?? new SearchEngine(knowledge, loadEnglishFrequencies());
  const context: CommandContext = {
    knowledge,
    engine,
    reader: new QueryReader(knowledge, engine),
    composer: new Composer(knowledge),
    lookups: new BaseLookups(knowledge),
    digest: services.digest,
    feedbackReport: services.feedbackReport,
    commands: COMMANDS,
  };
  const memo = new LruCache<string, Reply>(MEMO_ENTRIES);

  const finish = (request: Request, reply: Reply): Answer => ({ ...reply, query: request.query, show: showFor(request) });

  // Every command's reply passes here, so any answer showing a trend carries its chart (memoised with it).
  const charted = (reply: Reply): Reply => {
    const chart = chartFor(chartFiguresOf(reply.items), { companions: knowledge.chartWith });
    return chart ? { ...reply, chart } : reply;
  };

  const run = (request: Request, where?: Where): Reply | Promise<Reply> => {
    const command = commandNamed(request.command);
    if (command.audience === 'asker' || command.name === 'ask') {
      const reply = command.run(context, request, where);
      return reply instanceof Promise ? reply.then(charted) : charted(reply);
    }
    const key = JSON.stringify([command.name, request.options, request.problem?.value]);
    let reply = memo.get(key);
    if (!reply) {
      reply = charted(command.run(context, request) as Reply);
      memo.set(key, reply);
    }
    return reply;
  };

  return {
    context,
    parseText: (text, options) => parseText(text, options),
    async answer(request, where) {
      return finish(request, await run(request, where));
    },
    answerNow(request) {
      const reply = run(request);
      if (reply instanceof Promise)
        throw new SinorussiaError('BAD_ARGUMENT', `"${request.command}" needs a channel: use answer(request, where)`, request.command);
      return finish(request, reply);
    },
  };
}
