/**
 * Builds and starts the Bolt app: Socket Mode with an app token (no public URL), otherwise
 * Bolt's HTTP receiver behind our own server (http-server.ts) on PORT, with GET /healthz.
 */
import {
  App,
  type CustomRoute,
  HTTPReceiver,
  type ReceiverProcessEventErrorHandlerArgs,
  SocketModeReceiver,
  type webApi,
} from '@slack/bolt';
import { ConfigError } from '../../src/config-error.ts';
import type { Core } from '../../src/core.ts';
import type { RecordPost } from '../../src/corrections/types.ts';
import type { DigestPoster } from '../../src/digest/types.ts';
import type { FeedbackRecorder } from '../../src/feedback/types.ts';
import { InFlight } from '../../src/in-flight.ts';
import type { Logger } from '../../src/log.ts';
import type { Outbox } from '../../src/outbox.ts';
import { RateLimiter } from '../../src/rate-limit.ts';
import { createMemorySeenStore, type SeenStore } from '../../src/seen-store.ts';
import { StartupError } from '../../src/startup-error.ts';
import type { FeedbackViews } from '../contract.ts';
import { noAnswerCode, type OutboundErrorHook, statusCode } from '../outbound-errors.ts';
import { boltLogger } from './bolt-logger.ts';
import type { SlackConfig } from './config.ts';
import { createSlackDigestPoster } from './digest-poster.ts';
import { registerFeedback } from './feedback-block.ts';
import {
  createRenderedAnswers,
  dropUnknownRequests,
  type HandlerDeps,
  mayHaveLanded,
  onAppMention,
  onDirectMessage,
  onShare,
  onSlashCommand,
  SLASH_COMMAND,
  VERIFY_SHORTCUT,
} from './handlers.ts';
import { registerHome } from './home.ts';
import { createSlackHttpServer, EVENTS_PATH, type SlackHttpServer } from './http-server.ts';
import { SHARE_ACTION_ID } from './render.ts';
import { allowedResponseOrigins, createResponsePoster } from './response-url.ts';
import { onVerifyShortcut } from './verify-shortcut.ts';

export interface SlackDeps {
  answerer: Core;
  logger: Logger;
  /** Requests already answered; in memory (this process only) unless given one. */
  seen?: SeenStore;
  /** Questions per user; the default bucket unless given one. */
  limiter?: RateLimiter;
  /** Subscribes to reloads of the knowledge base: rendered answers from the old one are dropped. */
  onKnowledgeReload?: (listener: () => void) => void;
  /** Outbound timeouts and retry pacing; tests shorten them. */
  timing?: Partial<SlackTiming>;
  /** Extra GET routes served on PORT in HTTP mode (the operator's /readyz and /metrics). */
  routes?: { path: string; handler: CustomRoute['handler'] }[];
  /** Failed calls to Slack by code (the operator's metrics); none counted when absent. */
  outboundError?: OutboundErrorHook;
  /** Where answers waiting to retry their response_url are kept across a restart; memory only when absent. */
  outbox?: Outbox;
  /** Remembers public posts for corrections; nothing is remembered when absent. */
  recordPost?: RecordPost;
  /** 👍 / 👎 and "no match" records; off when absent. */
  feedback?: FeedbackRecorder;
  /** What the App Home shows (the curators' report among it); no Home tab listener when absent. */
  home?: FeedbackViews;
}

export interface SlackTiming {
  /** Every Web API call (auth.test, chat.postMessage, …) gives up after this long. */
  webApiTimeoutMs: number;
  /** One response_url attempt gives up (without a retry: it may have landed) after this long. */
  responseUrlTimeoutMs: number;
  /** The first response_url retry's delay (doubling after). */
  responseUrlRetryBaseMs: number;
}

const DEFAULT_TIMING: SlackTiming = { webApiTimeoutMs: 10_000, responseUrlTimeoutMs: 10_000, responseUrlRetryBaseMs: 1000 };

export interface RunningSlack {
  /** Stops taking requests, delivers acked answers until `deadline` (ms since the epoch), then ends. */
  stop(deadline?: number): Promise<void>;
  /** The HTTP port actually listened on (useful with PORT=0); undefined in Socket Mode. */
  port?: number;
  /** Posts daily digests with the same bot token (its own client: no retries, 429s returned). */
  poster: DigestPoster;
  /** Connected to Slack now (the operator's /readyz): in Socket Mode, while the link is up. */
  ready(): boolean;
}

export const HEALTH_PATH = '/healthz';

/** How long stop() takes at most unless its caller names a deadline. */
export const STOP_MS = 10_000;

const healthRoute: CustomRoute = {
  path: HEALTH_PATH,
  method: ['GET'],
  handler: (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  },
};

/**
 * Web API retries: a few, quickly (an unreachable Slack fails start-up in seconds, not
 * minutes), and never after a timeout, since the call may have gone through: Slack has no
 * idempotency key, and a retried chat.postMessage would post twice.
 */
function retryPolicy(config: SlackConfig): webApi.RetryOptions {
  if (config.webApiRetries !== undefined) return { retries: config.webApiRetries };
  return {
    retries: 2,
    factor: 2,
    minTimeout: 500,
    maxTimeout: 2000,
    randomize: true,
    onFailedAttempt: (error: unknown) => {
      if (mayHaveLanded(error)) throw error;
    },
  } as webApi.RetryOptions;
}

function receiverFor(config: SlackConfig & { mode: 'http' }, logger: Logger, routes: SlackDeps['routes'] = []): HTTPReceiver {
  return new HTTPReceiver({
    signingSecret: config.signingSecret,
    // Our server (http-server.ts) has verified every request to the endpoint already; Bolt
    // checks again (about 12 µs a request) so that a way round the server is no way in.
    endpoints: [EVENTS_PATH],
    customRoutes: [healthRoute, ...routes.map((r) => ({ ...r, method: ['GET'] }))],
    logger: boltLogger(logger),
    // A listener that throws after its ack is logged; Slack gets a 500 only when nothing was sent yet.
    processEventErrorHandler: async ({ error, response }: ReceiverProcessEventErrorHandlerArgs) => {
      logger.error('slack: a request failed inside Bolt', { error });
      if (!response.headersSent) {
        response.writeHead(500);
        response.end();
      }
      return false;
    },
    unhandledRequestHandler: ({ response }) => {
      logger.warn('slack: a request was not acknowledged within 3 s');
      if (!response.headersSent) {
        response.writeHead(404);
        response.end();
      }
    },
  });
}

/** Global fetch for the Web API client, reporting every failed attempt (429s and 5xx it retries included). */
function countingFetch(report: ((code: string) => void) | undefined): typeof fetch | undefined {
  if (!report) return undefined;
  return async (input, init) => {
    let response: Response;
    try {
      response = await fetch(input, init);
    } catch (error) {
      report(noAnswerCode(error));
      throw error;
    }
    const code = statusCode(response.status);
    if (code) report(code);
    return response;
  };
}

function webApiOptions(config: SlackConfig, deps: HandlerDeps, timing: SlackTiming): webApi.WebClientOptions {
  return {
    slackApiUrl: config.apiUrl,
    retryConfig: retryPolicy(config),
    timeout: timing.webApiTimeoutMs,
    fetch: countingFetch(deps.outboundError),
  };
}

/** Socket Mode's receiver, made here (not by Bolt) so that its link's state can be watched. */
function socketReceiverFor(config: SlackConfig & { mode: 'socket' }, deps: HandlerDeps, timing: SlackTiming): SocketModeReceiver {
  return new SocketModeReceiver({
    appToken: config.appToken,
    logger: boltLogger(deps.logger),
    installerOptions: { clientOptions: webApiOptions(config, deps, timing) },
  });
}

export function buildSlackApp(
  config: SlackConfig,
  deps: HandlerDeps,
  timing: SlackTiming = DEFAULT_TIMING,
  receiver?: HTTPReceiver | SocketModeReceiver,
  home?: FeedbackViews,
): App {
  const socket = config.mode === 'socket' ? { socketMode: true, receiver: receiver ?? socketReceiverFor(config, deps, timing) } : undefined;
  const app = new App({
    token: config.botToken,
    // auth.test runs in init(), where a bad token fails start-up instead of a background retry.
    deferInitialization: true,
    logger: boltLogger(deps.logger),
    convoStore: false,
    clientOptions: webApiOptions(config, deps, timing),
    ...(socket ?? { receiver }),
  });
  app.use(dropUnknownRequests(deps.logger, { feedback: Boolean(deps.feedback?.enabled), home: home !== undefined }));
  app.command(SLASH_COMMAND, onSlashCommand(deps));
  app.action<import('@slack/bolt').BlockButtonAction>(SHARE_ACTION_ID, onShare(deps));
  app.shortcut<import('@slack/bolt').MessageShortcut>({ type: 'message_action', callback_id: VERIFY_SHORTCUT }, onVerifyShortcut(deps));
  app.event('app_mention', onAppMention(deps));
  app.event('message', onDirectMessage(deps));
  if (deps.feedback?.enabled) registerFeedback(app, { feedback: deps.feedback, logger: deps.logger });
  if (home) registerHome(app, { ...home, logger: deps.logger });
  app.error(async (error) => {
    deps.logger.error('slack: unhandled error in Bolt', { error, cause: error.original ?? error });
  });
  return app;
}

const REFUSED_TOKEN = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'not_allowed_token_type']);

/** auth.test's (or, in Socket Mode, apps.connections.open's) failure as the one line start-up prints. */
function initFailure(error: unknown, config: SlackConfig, token: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN' = 'SLACK_BOT_TOKEN'): Error {
  const code = (error as { data?: { error?: string } })?.data?.error;
  if (code && REFUSED_TOKEN.has(code)) {
    const where =
      token === 'SLACK_BOT_TOKEN'
        ? "the Bot User OAuth Token on the app's OAuth & Permissions page"
        : 'the App-Level Token (scope connections:write) on the Basic Information page';
    return new ConfigError(token, `was refused by Slack (${code}): check ${where}`);
  }
  const cause = (error as { original?: { cause?: { code?: string }; message?: string } })?.original;
  const reason = cause?.cause?.code ?? (mayHaveLanded(error) ? 'timed out' : (cause?.message ?? (error as Error)?.message));
  return new StartupError(
    'SLACK_UNREACHABLE',
    `Slack's Web API at ${config.apiUrl ?? 'https://slack.com/api/'} could not be reached (${reason})`,
    { cause: error },
  );
}

/**
 * Whether the Socket Mode link is up: connected on Slack's hello, down from the moment the
 * socket closes (the client reconnects by itself, emitting `reconnecting`, then `connected`).
 */
function watchLink(receiver: SocketModeReceiver, logger: Logger): () => boolean {
  let up = false;
  const down = (why: string) => () => {
    if (up) logger.warn('slack: the Socket Mode link is down', { why });
    up = false;
  };
  receiver.client.on('connected', () => {
    if (!up) logger.info('slack: the Socket Mode link is up');
    up = true;
  });
  receiver.client.on('close', down('closed'));
  receiver.client.on('disconnecting', down('disconnecting'));
  receiver.client.on('disconnected', down('disconnected'));
  receiver.client.on('reconnecting', down('reconnecting'));
  return () => up;
}

export async function startSlack(config: SlackConfig, deps: SlackDeps): Promise<RunningSlack> {
  const timing = { ...DEFAULT_TIMING, ...deps.timing };
  const origins = allowedResponseOrigins(config.apiUrl);
  const report = deps.outboundError;
  const outboundError = report ? (code: string) => report('slack', code) : undefined;
  const responses = createResponsePoster({
    allowedOrigins: origins,
    timeoutMs: timing.responseUrlTimeoutMs,
    retryBaseMs: timing.responseUrlRetryBaseMs,
    onFailedAttempt: outboundError,
    outbox: deps.outbox,
    logger: deps.logger,
  });
  const renderedAnswers = createRenderedAnswers();
  deps.onKnowledgeReload?.(() => renderedAnswers.clear());
  const handlerDeps: HandlerDeps = {
    answerer: deps.answerer,
    logger: deps.logger,
    seen: deps.seen ?? createMemorySeenStore(),
    responses,
    renderedAnswers,
    inFlight: new InFlight(),
    limiter: deps.limiter ?? new RateLimiter(),
    outboundError,
    recordPost: deps.recordPost,
    feedback: deps.feedback,
    curators: deps.home?.curators ?? [],
  };
  const receiver = config.mode === 'http' ? receiverFor(config, deps.logger, deps.routes) : socketReceiverFor(config, handlerDeps, timing);
  const linkUp = receiver instanceof SocketModeReceiver ? watchLink(receiver, deps.logger) : () => true;
  const app = buildSlackApp(config, handlerDeps, timing, receiver, deps.home);
  try {
    await app.init();
  } catch (error) {
    throw initFailure(error, config);
  }
  let server: SlackHttpServer | undefined;
  let port: number | undefined;
  if (receiver instanceof HTTPReceiver && config.mode === 'http') {
    const isAllowedResponseUrl = (url: string) => URL.canParse(url) && origins.includes(new URL(url).origin);
    server = createSlackHttpServer({
      signingSecret: config.signingSecret,
      next: receiver.requestListener,
      logger: deps.logger,
      isAllowedResponseUrl,
    });
    port = await server.listen(config.port);
  } else {
    try {
      await app.start();
    } catch (error) {
      throw initFailure(error, config, 'SLACK_APP_TOKEN');
    }
  }
  deps.logger.info('slack: started', { mode: config.mode, ...(port === undefined ? {} : { port }) });
  // Answers a killed predecessor was still retrying.
  void responses.resume();
  return {
    port,
    ready: linkUp,
    poster: createSlackDigestPoster(config, deps.logger, deps.feedback),
    stop: async (deadline = Date.now() + STOP_MS) => {
      // No new requests first; then every answer already acked is delivered, or given up on
      // at the deadline: what is still under way then is cut off.
      const closing = server ? server.stop(deadline) : app.stop();
      const unfinished = await handlerDeps.inFlight.drain(Math.max(0, deadline - Date.now()));
      if (unfinished > 0) {
        deps.logger.warn('slack: stopped with answers undelivered', { unfinished });
        await responses.destroy();
      } else {
        await responses.close();
      }
      // The link or server closes by the deadline too; past it, the process may end regardless.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))));
      await Promise.race([closing.catch((error: unknown) => deps.logger.warn('slack: closing failed', { error })), late]);
      clearTimeout(timer);
      deps.logger.info('slack: stopped', { mode: config.mode });
    },
  };
}
