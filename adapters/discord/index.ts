/**
 * The Discord adapter's contract with `app/main.ts`: read the settings, start the bot.
 */
import { Events } from 'discord.js';
import { ConfigError } from '../../src/config-error.ts';
import type { Core } from '../../src/core.ts';
import type { RecordPost } from '../../src/corrections/types.ts';
import type { DigestPoster } from '../../src/digest/types.ts';
import type { FeedbackRecorder } from '../../src/feedback/types.ts';
import { InFlight } from '../../src/in-flight.ts';
import type { Logger } from '../../src/log.ts';
import { RateLimiter } from '../../src/rate-limit.ts';
import { StartupError } from '../../src/startup-error.ts';
import type { FeedbackViews } from '../contract.ts';
import { type OutboundErrorHook, statusCode } from '../outbound-errors.ts';
import { ChartImages } from './chart-attachment.ts';
import { createDiscordClient } from './client.ts';
import type { DiscordConfig } from './config.ts';
import { createDiscordDigestPoster } from './digest-poster.ts';
import { handleInteraction, handleMessage } from './handlers.ts';
import { createShareStore } from './share.ts';
import { createZoneList } from './zones.ts';

export { type DiscordConfig, readDiscordConfig } from './config.ts';
export { createDiscordDigestPoster, discordPostFailure } from './digest-poster.ts';

export interface DiscordDeps {
  answerer: Core;
  logger: Logger;
  /** Every REST call gives up after this long (default 10 s); tests shorten it. */
  restTimeoutMs?: number;
  /** Questions per user; the default bucket unless given one. */
  limiter?: RateLimiter;
  /** Failed calls to Discord by code (the operator's metrics); none counted when absent. */
  outboundError?: OutboundErrorHook;
  /** Remembers public posts for corrections; nothing is remembered when absent. */
  recordPost?: RecordPost;
  /** 👍 / 👎 and "no match" records; off when absent. */
  feedback?: FeedbackRecorder;
  /** Who may see `/sinorussia report` by user id (CURATORS); members with Manage Server may too. */
  home?: Pick<FeedbackViews, 'curators'>;
}

/** How long stop() takes at most unless its caller names a deadline. */
const STOP_MS = 10_000;

const isTokenRefused = (error: unknown) =>
  (error as { code?: unknown })?.code === 'TokenInvalid' || (error as { status?: unknown })?.status === 401;

export interface RunningDiscord {
  /** Stops taking questions, sends answers under way until `deadline` (ms since the epoch), then logs out. */
  stop(deadline?: number): Promise<void>;
  /** The gateway is connected and ready (the operator's /readyz). */
  ready(): boolean;
  /** Posts daily digests with the bot's token (its own REST: no retries, 429s returned). */
  poster: DigestPoster;
}

/** Logs in and answers until `stop()`. Rejects (with a ConfigError for a refused token) if login fails. */
export async function startDiscord(config: DiscordConfig, deps: DiscordDeps): Promise<RunningDiscord> {
  const { logger } = deps;
  const client = createDiscordClient(config, deps.restTimeoutMs);
  const shares = createShareStore();
  const zones = createZoneList();
  const inFlight = new InFlight();
  const limiter = deps.limiter ?? new RateLimiter();
  const report = deps.outboundError;
  const outboundError = report ? (code: string) => report('discord', code) : undefined;
  // Every answer with an error status, 429s and 5xx that discord.js retries itself included.
  if (outboundError) {
    client.rest.on('response', (_request, response) => {
      const code = statusCode(response.status);
      if (code) outboundError(code);
    });
  }
  const handlerDeps = {
    answerer: deps.answerer,
    logger,
    limiter,
    outboundError,
    recordPost: deps.recordPost,
    feedback: deps.feedback,
    curators: deps.home?.curators ?? [],
    charts: new ChartImages(),
  };
  // Handlers never reject; these listeners keep anything else from becoming an unhandled 'error'.
  client.on(
    Events.InteractionCreate,
    (interaction) => void inFlight.track(handleInteraction(interaction, { ...handlerDeps, shares, zones })),
  );
  client.on(Events.MessageCreate, (message) => void inFlight.track(handleMessage(message, handlerDeps)));
  client.on(Events.Error, (error) => logger.error('discord: client error', { error }));
  client.on(Events.Warn, (message) => logger.warn('discord: warning', { message }));
  // Disconnects are resumed by discord.js itself; they are only logged.
  client.on(Events.ShardError, (error, shardId) => logger.warn('discord: shard error', { error, shardId }));
  client.on(Events.ShardDisconnect, (event, shardId) => logger.warn('discord: shard disconnected', { code: event.code, shardId }));
  client.rest.on('rateLimited', (info) => logger.warn('discord: rate limited', { route: info.route, retryAfter: info.retryAfter }));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.token);
    await ready;
  } catch (error) {
    await client.destroy();
    if (isTokenRefused(error)) throw new ConfigError('DISCORD_TOKEN', 'was refused by Discord (401): check the token on the Bot page');
    const code = (error as { code?: unknown; cause?: { code?: unknown } })?.cause?.code ?? (error as { code?: unknown })?.code;
    const reason = typeof code === 'string' ? code : ((error as Error)?.message ?? String(error));
    throw new StartupError(
      'DISCORD_UNREACHABLE',
      `Discord's API at ${config.apiUrl ?? 'https://discord.com/api'} could not be reached (${reason})`,
      { cause: error },
    );
  }
  logger.info('discord: ready', { user: client.user?.tag, guilds: client.guilds.cache.size, shards: client.ws.shards.size });
  return {
    ready: () => client.isReady(),
    poster: createDiscordDigestPoster(config, { logger, charts: handlerDeps.charts, feedback: deps.feedback }),
    async stop(deadline = Date.now() + STOP_MS) {
      // No new questions; answers already started are sent while the client still has its
      // token (destroy() clears it, and a reply after that would fail).
      client.removeAllListeners(Events.InteractionCreate).removeAllListeners(Events.MessageCreate);
      const unfinished = await inFlight.drain(Math.max(0, deadline - Date.now()));
      if (unfinished > 0) logger.warn('discord: stopped with answers unsent', { unfinished });
      await client.destroy();
      logger.info('discord: stopped');
    },
  };
}
