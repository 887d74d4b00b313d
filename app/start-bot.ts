/**
 * The composition root: the running bot, built from an environment. `npm start` (main.ts)
 * starts it here, and so do the end-to-end tests, with overrides (a fake clock, a base
 * already loaded, a scheduler they tick themselves), so the wiring exists once.
 *
 * With a chat platform configured: the operator's signals, the store, the answerer with the
 * digest commands, each platform through the adapter contract, the digest scheduler posting
 * with their posters, and the knowledge watcher. With none: the console, without a store.
 */

import { type ConsoleStreams, consoleAdapter } from '../adapters/console/index.ts';
import type { ChatAdapter, RunningAdapter } from '../adapters/contract.ts';
import { type Core, type CoreServices, createCore } from '../src/core.ts';
import { Corrector } from '../src/corrections/corrector.ts';
import { createPostRecorder } from '../src/corrections/record.ts';
import { keepPostsFor } from '../src/corrections/retention.ts';
import { isCorrectionPoster } from '../src/corrections/types.ts';
import type { DigestScheduler } from '../src/digest/scheduler.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../src/digest/scheduler.ts';
import type { Clock } from '../src/digest/types.ts';
import { systemClock } from '../src/digest/types.ts';
import { KnowledgeHolder, type Prebuilt } from '../src/knowledge/live.ts';
import type { Knowledge } from '../src/knowledge/types.ts';
import type { Logger } from '../src/log.ts';
import { RateLimiter } from '../src/rate-limit.ts';
import type { KyselyDigestStore } from '../stores/sql/digest-store.ts';
import { readCorrectionsSettings } from './corrections-settings.ts';
import { readDigestSettings, readSchedulerSettings } from './digest-settings.ts';
import { feedbackViews, type RunningFeedback, readFeedbackSettings, startFeedback } from './feedback-settings.ts';
import { type KnowledgeLocation, knowledgeLocation } from './knowledge-dir.ts';
import { loadBase, reloadBase } from './knowledge-load.ts';
import { type ReloadOutcome, watchKnowledge } from './knowledge-reload.ts';
import { loggerFromEnv } from './log-settings.ts';
import { createOps, type Ops } from './ops/index.ts';
import { configuredPlatforms } from './platforms.ts';
import { readRateLimit } from './rate-limit-settings.ts';
import { openStorage, type Storage } from './storage.ts';

type Env = Record<string, string | undefined>;

/** The whole stop, answers and apologies included, ends within this, leaving room to close the store within 10 s (README: "clean stop"). */
export const STOP_MS = 9_500;

/** What a test (or another host) sets instead of the environment; each defaults to what `npm start` does. */
export interface BotOverrides {
  /** LOG_LEVEL's JSON lines on stderr otherwise. */
  logger?: Logger;
  /** The base, already loaded from the environment's location (tests share one load). */
  knowledge?: Knowledge;
  /** The chat platforms, instead of those the environment configures (their base URLs come from it too). */
  platforms?: ChatAdapter[];
  /** The console's streams when no platform is configured; stdin and stdout otherwise. */
  console?: ConsoleStreams;
  /** The digest's clock, and the sleep its pacing waits with (a fake clock's, in tests). */
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  /** Opens the digest store instead of DATABASE_URL / DATA_DIR (a test's own schema); closed by `stop()` all the same. */
  openStore?: () => Promise<KyselyDigestStore>;
  /** false: the scheduler does not tick by itself; the caller calls `scheduler.tick()`. */
  startScheduler?: boolean;
  /** The operator's server port instead of OPS_PORT (0: any free port). */
  opsPort?: number;
}

export interface StartedAdapter {
  name: string;
  running: RunningAdapter;
}

interface RunningBotBase {
  holder: KnowledgeHolder;
  /** Every adapter started, in the order configured. */
  adapters: StartedAdapter[];
  /** Reloads the base now (what SIGHUP does). */
  reload(reason: string): Promise<ReloadOutcome>;
  /** Settles once every adapter has ended on its own (the console's user quit); never while one runs until stopped. */
  ended: Promise<void>;
  /** The clean stop, finishing by `deadline` (ms since the epoch; STOP_MS from now by default). Calling it again joins the first. */
  stop(deadline?: number): Promise<void>;
}

export interface ChatBot extends RunningBotBase {
  mode: 'chat';
  storage: Storage;
  store: KyselyDigestStore;
  scheduler: DigestScheduler;
  /** Absent with CORRECTIONS=off. */
  corrector?: Corrector;
  ops: Ops;
  /** Readers' votes and unanswered questions, and their daily clean-up. */
  feedback: RunningFeedback;
}

export interface ConsoleBot extends RunningBotBase {
  mode: 'console';
}

export type RunningBot = ChatBot | ConsoleBot;

/**
 * Everything answers need, built from one base: the index, the composer and, with a store,
 * the digest commands. The one place the core is made.
 */
function buildCore(knowledge: Knowledge, services: CoreServices = {}, prebuilt?: Prebuilt): Core {
  return createCore(knowledge, services, prebuilt);
}

/** Reads every setting first (a bad one stops start-up before anything connects), then starts. */
export async function startBot(env: Env, overrides: BotOverrides = {}): Promise<RunningBot> {
  const logger = overrides.logger ?? loggerFromEnv(env);
  const platforms = overrides.platforms ?? configuredPlatforms(env);
  const settings: Settings = {
    digest: readDigestSettings(env),
    scheduler: readSchedulerSettings(env),
    corrections: readCorrectionsSettings(env),
    rateLimit: readRateLimit(env),
    knowledge: knowledgeLocation(env),
    feedback: readFeedbackSettings(env),
  };
  const knowledge = overrides.knowledge ?? (await loadBase(settings.knowledge));
  const root: Root = { env, logger, overrides, settings, knowledge };
  return platforms.length === 0 ? startConsoleBot(root) : startChatBot(root, platforms);
}

interface Settings {
  digest: ReturnType<typeof readDigestSettings>;
  scheduler: ReturnType<typeof readSchedulerSettings>;
  corrections: ReturnType<typeof readCorrectionsSettings>;
  rateLimit: ReturnType<typeof readRateLimit>;
  knowledge: KnowledgeLocation;
  feedback: ReturnType<typeof readFeedbackSettings>;
}

/** What every part of start-up reads. */
interface Root {
  env: Env;
  logger: Logger;
  overrides: BotOverrides;
  settings: Settings;
  knowledge: Knowledge;
}

function watch({ settings, logger }: Root, holder: KnowledgeHolder, ops?: Ops) {
  const location = settings.knowledge;
  const observe = ops ? (outcome: 'success' | 'failure', k?: Knowledge) => ops.metrics.knowledgeReload(outcome, k) : undefined;
  return watchKnowledge({ holder, load: () => reloadBase(location), dir: location.dir, textsDir: location.textsDir, logger, observe });
}

/** The first call runs `stop`; later ones wait for it (the first call's deadline holds). */
function once(stop: (deadline?: number) => Promise<void>) {
  let stopping: Promise<void> | undefined;
  return (deadline?: number) => (stopping ??= stop(deadline));
}

/** Settles when every adapter has ended by itself; never if one of them runs until stopped. */
function endedTogether(adapters: StartedAdapter[]): Promise<void> {
  const ends = adapters.map((a) => a.running.ended);
  if (ends.some((end) => end === undefined)) return new Promise<void>(() => undefined);
  return Promise.all(ends).then(() => undefined);
}

async function startConsoleBot(root: Root): Promise<ConsoleBot> {
  const { knowledge, logger, overrides } = root;
  const holder = new KnowledgeHolder(knowledge, (k, prebuilt) => buildCore(k, undefined, prebuilt));
  const reloader = watch(root, holder);
  const adapter = consoleAdapter(overrides.console ?? { input: process.stdin, output: process.stdout });
  const running = await adapter.start({ answerer: holder.answerer(), logger });
  const adapters = [{ name: adapter.name, running }];
  const stop = once(async () => {
    reloader.close();
    await running.stop();
  });
  return { mode: 'console', holder, adapters, reload: (reason) => reloader.reload(reason), ended: endedTogether(adapters), stop };
}

async function startChatBot(root: Root, platforms: ChatAdapter[]): Promise<ChatBot> {
  const { env, logger, overrides, settings, knowledge } = root;
  // The digest's store and scheduler load only with a platform to post to.
  const { createDigestCommands, DigestScheduler } = await import('../src/digest/index.ts');
  const ops = createOps(env, logger, { port: overrides.opsPort });
  // What start-up opened, closed in reverse if a later step fails (a refused token, a taken port).
  const opened: (() => Promise<unknown>)[] = [];
  const started: RunningAdapter[] = [];
  try {
    ops.metrics.knowledgeLoaded(knowledge);
    await ops.listen();
    opened.push(() => ops.close());
    const storage = await openStorage(settings.digest, logger, overrides.openStore);
    opened.push(() => storage.close());
    const { store } = storage;
    ops.needs({ name: 'store', check: () => store.ping().then(() => true) });
    const feedback = startFeedback(settings.feedback, settings.digest, store.db, logger, overrides.clock, store);
    opened.push(async () => feedback.stop());
    // Everything built from the base is rebuilt with it: the index, the composer, the digest commands.
    // The report reads the store and the base of the moment; with nothing recorded there is none.
    const feedbackReport = feedback.store ? () => views.report() : undefined;
    const holder = new KnowledgeHolder(knowledge, (k, prebuilt) =>
      buildCore(k, { digest: createDigestCommands({ store, knowledge: k, logger, clock: overrides.clock }), feedbackReport }, prebuilt),
    );
    const answerer = holder.answerer();
    const clock = overrides.clock ?? systemClock;
    const currentKnowledge = () => holder.snapshot.knowledge;
    const views = feedbackViews(settings.feedback, feedback, store, currentKnowledge, clock);
    const recordPost = settings.corrections.enabled
      ? createPostRecorder({ store: storage.posts, knowledge: currentKnowledge, logger, now: () => clock.now().getTime() })
      : undefined;
    const retention = keepPostsFor(storage.posts, settings.corrections.retentionDays, clock, logger);
    opened.push(async () => retention.stop());
    const shared = {
      logger,
      seen: storage.seen,
      // One bucket per person and platform, whichever surface they ask on.
      limiter: new RateLimiter(settings.rateLimit),
      routes: ops.routes,
      outboundError: ops.metrics.outboundError,
      onKnowledgeReload: (listener: () => void) => void holder.onReload(listener),
      outbox: storage.outbox,
      recordPost,
      feedback: feedback.recorder,
      home: views,
    };
    opened.push(() => Promise.allSettled(started.map((r) => r.stop())));
    const adapters = await Promise.all(
      platforms.map(async (p): Promise<StartedAdapter> => {
        const running = await p.start({ ...shared, answerer: ops.metrics.instrument(answerer, p.name) });
        started.push(running);
        ops.needs({ name: p.name, check: () => running.ready?.() ?? true });
        return { name: p.name, running };
      }),
    );
    const scheduler = new DigestScheduler({
      store,
      knowledge,
      current: () => ({ knowledge: holder.snapshot.knowledge, composer: holder.snapshot.answerer.context.composer }),
      posters: adapters.flatMap((a) => (a.running.poster ? [a.running.poster] : [])),
      logger,
      observer: ops.metrics.digest,
      settings: settings.scheduler,
      clock: overrides.clock,
      sleep: overrides.sleep,
      recordPost,
    });
    if (overrides.startScheduler !== false) scheduler.start();
    const corrector = settings.corrections.enabled ? startCorrector(root, storage, holder, adapters) : undefined;
    const reloader = watch(root, holder, ops);
    logger.info('started', { platforms: platforms.map((p) => p.name), digestStore: settings.digest.databaseUrl ? 'postgresql' : 'sqlite' });

    const stop = once(async (deadline = Date.now() + STOP_MS) => {
      ops.draining();
      reloader.close();
      retention.stop();
      feedback.stop();
      // Together, not one after the other: the platforms stop taking requests at once while
      // the digest finishes only the posts in flight (within its grace), then the store closes.
      await Promise.allSettled([scheduler.stop(), corrector?.stop(), ...adapters.map((a) => a.running.stop(deadline))]);
      await storage.close();
      await ops.close();
    });
    return {
      mode: 'chat',
      holder,
      adapters,
      storage,
      store,
      scheduler,
      corrector,
      ops,
      feedback,
      reload: (reason) => reloader.reload(reason),
      ended: endedTogether(adapters),
      stop,
    };
  } catch (error) {
    for (const close of opened.reverse()) await close().catch(() => undefined);
    throw error;
  }
}

/**
 * Corrects recorded posts at start and after every reload, through the posters that can
 * reply and edit, paced as the digest is.
 */
function startCorrector(
  { logger, overrides, settings }: Root,
  storage: Storage,
  holder: KnowledgeHolder,
  adapters: StartedAdapter[],
): Corrector {
  const pacing = { ...DEFAULT_SCHEDULER_SETTINGS, ...settings.scheduler };
  const corrector = new Corrector({
    store: storage.posts,
    posters: adapters.flatMap((a) => (a.running.poster && isCorrectionPoster(a.running.poster) ? [a.running.poster] : [])),
    knowledge: () => holder.snapshot.knowledge,
    logger,
    clock: overrides.clock,
    sleep: overrides.sleep,
    settings: { postsPerSecond: pacing.postsPerSecond, channelGapMs: pacing.channelGapMs, leaseMs: pacing.leaseMs },
  });
  // A reload listener must not throw: run() never rejects, and its outcome is logged per correction.
  holder.onReload(() => void corrector.run());
  corrector.start();
  return corrector;
}
