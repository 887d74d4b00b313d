/**
 * The chat platforms `npm start` can run, each configured from the environment. A platform
 * whose variables are absent is skipped; a malformed one throws a ConfigError naming it.
 * Config modules are light; the platform libraries load only when a platform starts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Answerer } from '../src/commands/index.ts';
import type { DigestPoster } from '../src/digest/types.ts';
import type { Logger } from '../src/log.ts';
import type { Outbox } from '../src/outbox.ts';
import type { RateLimiter } from '../src/rate-limit.ts';
import type { SeenStore } from '../src/seen-store.ts';
import type { OutboundErrorHook } from '../adapters/outbound-errors.ts';
import { readDiscordConfig } from '../adapters/discord/config.ts';
import { readSlackConfig } from '../adapters/slack/config.ts';

export interface RunningPlatform {
  /** Stops taking requests and finishes what it can by `deadline` (ms since the epoch). */
  stop(deadline?: number): Promise<void>;
  /** Connected to the platform now (readiness); absent: ready once started. */
  ready?(): boolean;
  /** How the daily digest posts on this platform. */
  poster: DigestPoster;
}

export interface Platform {
  name: string;
  /**
   * `seen`: requests already answered, shared with other instances when DATABASE_URL is set;
   * `limiter`: questions per person (each adapter's default bucket when absent);
   * `outboundError`: failed calls to the platform, by code (the operator's metrics);
   * `onKnowledgeReload`: subscribes to reloads of the base, to drop what was cached from the old one.
   */
  start(deps: {
    answerer: Answerer;
    logger: Logger;
    seen?: SeenStore;
    limiter?: RateLimiter;
    routes?: OpsRoute[];
    outboundError?: OutboundErrorHook;
    onKnowledgeReload?: (listener: () => void) => void;
    /** Where slash answers waiting to retry are kept, so a restart still delivers them. */
    outbox?: Outbox;
  }): Promise<RunningPlatform>;
}

/** An extra GET route a platform with an HTTP server serves too (the operator's /readyz, /metrics). */
export interface OpsRoute {
  path: string;
  handler(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

type Env = Record<string, string | undefined>;

export function configuredPlatforms(env: Env): Platform[] {
  const platforms: Platform[] = [];
  const slack = readSlackConfig(env);
  if (slack) {
    platforms.push({ name: 'slack', start: async (deps) => (await import('../adapters/slack/app.ts')).startSlack(slack, deps) });
  }
  const discord = readDiscordConfig(env);
  if (discord) {
    platforms.push({ name: 'discord', start: async (deps) => (await import('../adapters/discord/index.ts')).startDiscord(discord, deps) });
  }
  return platforms;
}
