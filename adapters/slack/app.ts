/**
 * Builds and starts the Bolt app: Socket Mode with an app token (no public URL), otherwise
 * the HTTP receiver on PORT with signature checks and GET /healthz.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, webApi, type CustomRoute } from '@slack/bolt';
import type { Answerer } from '../../src/commands/index.ts';
import type { DigestPoster } from '../../src/digest/types.ts';
import { InFlight } from '../../src/in-flight.ts';
import type { Logger } from '../../src/log.ts';
import { boltLogger } from './bolt-logger.ts';
import type { SlackConfig } from './config.ts';
import { createEventDedupe, type EventDedupe } from './dedupe.ts';
import { createSlackDigestPoster } from './digest-poster.ts';
import {
  createRenderedAnswers,
  dropUnknownRequests,
  onAppMention,
  onDirectMessage,
  onShare,
  onSlashCommand,
  SLASH_COMMAND,
  type HandlerDeps,
} from './handlers.ts';
import { SHARE_ACTION_ID } from './render.ts';
import { createResponsePoster } from './response-url.ts';

export interface SlackDeps {
  answerer: Answerer;
  logger: Logger;
  /** Injected in tests to control the clock; one per app otherwise. */
  dedupe?: EventDedupe;
  /** Extra GET routes served on PORT in HTTP mode (the operator's /readyz and /metrics). */
  routes?: { path: string; handler: CustomRoute['handler'] }[];
}

export interface RunningSlack {
  stop(): Promise<void>;
  /** The HTTP port actually listened on (useful with PORT=0); undefined in Socket Mode. */
  port?: number;
  /** Posts daily digests with the same bot token (its own client: no retries, 429s returned). */
  poster: DigestPoster;
}

export const HEALTH_PATH = '/healthz';

/** How long stop() waits for acked answers; a response_url post times out after as long. */
const DRAIN_MS = 10_000;

const healthRoute: CustomRoute = {
  path: HEALTH_PATH,
  method: ['GET'],
  handler: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  },
};

export function buildSlackApp(config: SlackConfig, deps: HandlerDeps, routes: SlackDeps['routes'] = []): App {
  const app = new App({
    token: config.botToken,
    // auth.test runs in init(), where a bad token fails start-up instead of a background retry.
    deferInitialization: true,
    logger: boltLogger(deps.logger),
    convoStore: false,
    clientOptions: {
      slackApiUrl: config.apiUrl,
      retryConfig: config.webApiRetries === undefined ? webApi.retryPolicies.fiveRetriesInFiveMinutes : { retries: config.webApiRetries },
    },
    ...(config.mode === 'socket'
      ? { socketMode: true, appToken: config.appToken }
      : { signingSecret: config.signingSecret, customRoutes: [healthRoute, ...routes.map((r) => ({ ...r, method: ['GET'] }))], port: config.port }),
  });
  app.use(dropUnknownRequests(deps.logger));
  app.command(SLASH_COMMAND, onSlashCommand(deps));
  app.action<import('@slack/bolt').BlockButtonAction>(SHARE_ACTION_ID, onShare(deps));
  app.event('app_mention', onAppMention(deps));
  app.event('message', onDirectMessage(deps));
  app.error(async (error) => {
    deps.logger.error('slack: unhandled error in Bolt', { error, cause: error.original ?? error });
  });
  return app;
}

export async function startSlack(config: SlackConfig, deps: SlackDeps): Promise<RunningSlack> {
  const responses = createResponsePoster();
  const handlerDeps: HandlerDeps = {
    answerer: deps.answerer,
    logger: deps.logger,
    dedupe: deps.dedupe ?? createEventDedupe(),
    responses,
    renderedAnswers: createRenderedAnswers(),
    inFlight: new InFlight(),
  };
  const app = buildSlackApp(config, handlerDeps, deps.routes);
  await app.init();
  const started = await app.start(...(config.mode === 'http' ? [config.port] : []));
  const port = config.mode === 'http' ? ((started as Server).address() as AddressInfo).port : undefined;
  deps.logger.info('slack: started', { mode: config.mode, ...(port === undefined ? {} : { port }) });
  return {
    port,
    poster: createSlackDigestPoster(config, deps.logger),
    stop: async () => {
      // No new requests first; then every answer already acked is delivered, or given up on.
      await app.stop();
      const unfinished = await handlerDeps.inFlight.drain(DRAIN_MS);
      if (unfinished > 0) deps.logger.warn('slack: stopped with answers undelivered', { unfinished });
      await responses.close();
      deps.logger.info('slack: stopped', { mode: config.mode });
    },
  };
}
