/**
 * HTTP mode's server: our own node:http server in front of Bolt's HTTPReceiver, for what
 * Bolt leaves to the app. Each request to the events endpoint is read, its signature and
 * timestamp checked (Bolt checks age only; a timestamp from the future is refused too), and
 * its shape checked before Bolt sees it: a signed `null` or a body of no kind Slack sends is
 * refused at once with 400, instead of crashing Bolt's receiver or waiting 3 s for a 404.
 * On stop, connections with no request of ours under way (idle keep-alives, half-sent
 * requests) are closed at once and the rest at the deadline, so no client can hold it open.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { type BufferedIncomingMessage, HTTPModuleFunctions, HTTPReceiverDeferredRequestError, verifySlackRequest } from '@slack/bolt';
import { ConfigError } from '../../src/config-error.ts';
import type { Logger } from '../../src/log.ts';

export const EVENTS_PATH = '/slack/events';
const FORM = 'application/x-www-form-urlencoded';
/** Slack signs with its clock; more than this ahead of ours is a forged or replayed request. */
const MAX_SKEW_S = 5 * 60;
/** Slack's payloads are small; this bounds what one client can make us hold. */
const BODY_LIMIT = 1024 * 1024;
/** The interaction payloads Bolt can route (anything else it would hold for 3 s, then 404). */
const INTERACTION_TYPES = new Set([
  'block_actions',
  'block_suggestion',
  'interactive_message',
  'dialog_submission',
  'dialog_suggestion',
  'message_action',
  'shortcut',
  'view_submission',
  'view_closed',
  'workflow_step_edit',
]);

export interface SlackHttpOptions {
  signingSecret: string;
  /** Bolt's receiver.requestListener: what a request that passed the checks goes to. */
  next: RequestListener;
  logger: Logger;
  /** True for a response_url origin we may post to. */
  isAllowedResponseUrl(url: string): boolean;
  now?: () => number;
}

export interface SlackHttpServer {
  listen(port: number): Promise<number>;
  /** Stops taking requests; resolves when every connection is closed (by `deadline` at the latest). */
  stop(deadline: number): Promise<void>;
}

/** Why a signed, parsed body is not one Slack sends us; undefined when it is. */
export function shapeProblem(body: unknown, isAllowedResponseUrl: (url: string) => boolean): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return `a body that is ${body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body}, not an object`;
  const b = body as Record<string, unknown>;
  const responseUrl = b.response_url;
  if (responseUrl !== undefined && (typeof responseUrl !== 'string' || !isAllowedResponseUrl(responseUrl))) {
    return `a response_url that is not Slack's (${String(responseUrl).slice(0, 100)})`;
  }
  if (b.type === 'url_verification') return typeof b.challenge === 'string' ? undefined : 'a url_verification without a challenge';
  if (typeof b.command === 'string') return typeof responseUrl === 'string' ? undefined : 'a command without a response_url';
  if (b.type === 'event_callback') {
    const event = b.event as { type?: unknown } | null | undefined;
    return typeof event === 'object' && event !== null && typeof event.type === 'string' ? undefined : 'an event_callback without an event';
  }
  if (typeof b.type === 'string' && INTERACTION_TYPES.has(b.type)) {
    return typeof b.user === 'object' && b.user !== null ? undefined : `a ${b.type} without a user`;
  }
  return `a body of unknown kind (type ${JSON.stringify(b.type ?? null).slice(0, 60)})`;
}

function reply(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}

export function createSlackHttpServer(options: SlackHttpOptions): SlackHttpServer {
  const { logger, next } = options;
  const now = options.now ?? Date.now;
  const sockets = new Set<Socket>();
  /** Sockets with a request of ours under way: closed only after their response, or at the deadline. */
  const busy = new Set<Socket>();
  let stopping = false;

  const pass = (req: IncomingMessage, res: ServerResponse) => {
    try {
      next(req, res);
    } catch (error) {
      if (error instanceof HTTPReceiverDeferredRequestError) return reply(res, 404);
      logger.error('slack: request failed in the receiver', { error, path: req.url });
      reply(res, 500);
    }
  };

  /** Undefined when signed by Slack within five minutes either way; otherwise why not. */
  const signatureProblem = (req: IncomingMessage, body: string): string | undefined => {
    const signature = req.headers['x-slack-signature'];
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    if (typeof signature !== 'string' || !Number.isInteger(timestamp)) return 'unsigned';
    const nowMs = now();
    if (timestamp > Math.floor(nowMs / 1000) + MAX_SKEW_S) return 'a timestamp more than five minutes in the future';
    try {
      verifySlackRequest({
        signingSecret: options.signingSecret,
        body,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
        nowMilliseconds: nowMs,
      });
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };

  const checkEvent = async (req: IncomingMessage, res: ServerResponse) => {
    let buffered: BufferedIncomingMessage;
    try {
      buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, BODY_LIMIT);
    } catch (error) {
      const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && (error as { statusCode: number }).statusCode === 413;
      logger.warn('slack: refused a request', { reason: tooLarge ? 'body too large' : 'unreadable body', error });
      return reply(res, tooLarge ? 413 : 400);
    }
    const text = buffered.rawBody.toString('utf8');
    // ssl_check comes unsigned: answered here, and nothing else in its body reaches Bolt.
    if (req.headers['content-type'] === FORM && parseQuery(text).ssl_check === '1') return reply(res, 200);
    const unsigned = signatureProblem(req, text);
    if (unsigned) {
      logger.warn('slack: refused a request', { reason: unsigned });
      return reply(res, 401);
    }
    let body: unknown;
    try {
      body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
    } catch (error) {
      logger.warn('slack: refused a request', { reason: 'malformed body', error });
      return reply(res, 400);
    }
    const problem = shapeProblem(body, options.isAllowedResponseUrl);
    if (problem) {
      logger.warn('slack: refused a request', { reason: problem });
      return reply(res, 400);
    }
    pass(buffered, res);
  };

  const listener: RequestListener = (req, res) => {
    const socket = req.socket;
    busy.add(socket);
    res.once('close', () => {
      busy.delete(socket);
      if (stopping) socket.end();
    });
    if (stopping) res.setHeader('connection', 'close');
    // The path exactly as Bolt's receiver reads it (`/slack/./events` is the endpoint too), so
    // nothing reaches the endpoint without the checks below.
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return reply(res, 400);
    }
    if (req.method?.toUpperCase() !== 'POST' || path !== EVENTS_PATH) return pass(req, res);
    checkEvent(req, res).catch((error: unknown) => {
      logger.error('slack: request failed', { error });
      reply(res, 500);
    });
  };

  // A client gets 10 s for its headers and 30 s for a whole request: Slack needs a fraction.
  const server: Server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000 }, listener);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('clientError', (error, socket) => {
    logger.debug('slack: bad HTTP from a client', { error });
    socket.destroy();
  });

  return {
    listen: (port) =>
      new Promise<number>((resolve, reject) => {
        const failed = (error: NodeJS.ErrnoException) => {
          if (error.code === 'EADDRINUSE')
            reject(new ConfigError('PORT', `${port} is already in use by another process (EADDRINUSE): choose another PORT`));
          else if (error.code === 'EACCES')
            reject(new ConfigError('PORT', `${port} may not be listened on by this user (EACCES): ports below 1024 need privileges`));
          else reject(error);
        };
        server.once('error', failed);
        server.listen(port, () => {
          server.off('error', failed);
          server.on('error', (error) => logger.error('slack: HTTP server error', { error }));
          resolve((server.address() as AddressInfo).port);
        });
      }),
    stop: (deadline) =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (!server.listening) return resolve();
        const timer = setTimeout(() => server.closeAllConnections(), Math.max(0, deadline - now()));
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        for (const socket of sockets) if (!busy.has(socket)) socket.destroy();
      }),
  };
}
