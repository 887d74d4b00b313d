/**
 * A small fake of the Slack Web API on loopback, plus a receiver for `response_url` posts.
 * It records every call so tests can assert exactly what the adapter sent to Slack.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { until } from '../helpers/until.ts';
import { blocksProblem } from './fake-slack-blocks.ts';
import { digestExtension, type FakeSlackDigest } from './fake-slack-digest.ts';

export interface ApiCall {
  method: string;
  /** Form fields; JSON-valued ones (`blocks`) parsed. */
  params: Record<string, unknown>;
  /** The error the fake answered with `ok: false`, when it refused the call. */
  refused?: string;
  /** Why the fake refused the call's blocks (`invalid_blocks`): what Slack would not take. */
  problem?: string;
  /** chat.postMessage: the `ts` the fake gave the message (thread replies and chat.update name it). */
  ts?: string;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  /** When it arrived (ms since the epoch). */
  at: number;
  /** Why the fake refused its blocks (HTTP 400 `invalid_blocks`), when it did. */
  problem?: string;
}

/** How the fake answers one post to a response_url: a status (with headers), a reset or a hang. */
export type ResponseStep = { status: number; headers?: Record<string, string> } | 'reset' | 'hang';

/** What the app sent back over the Socket Mode link: an ack, with its response payload if any. */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

/** A view the bot sent, as far as the tests read it. */
export interface SentView {
  type?: string;
  blocks?: unknown[];
  private_metadata?: string;
  [field: string]: unknown;
}

export interface FakeSlack {
  /** Base URL for `clientOptions.slackApiUrl`, ending in `/`. */
  apiUrl: string;
  responseUrl(id: string): string;
  calls: ApiCall[];
  responses: ResponseUrlPost[];
  /** Bearer tokens apps.connections.open was called with (Socket Mode's app token). */
  connectionTokens: string[];
  /** Socket Mode: sends one envelope to every connected app (after its hello). */
  sendEnvelope(envelope: Record<string, unknown>): void;
  /** Socket Mode: acks received, in order. */
  acks: SocketAck[];
  /** Socket Mode: apps connected now. */
  readonly socketCount: number;
  /** Socket Mode: cuts every link at once (the app reconnects through apps.connections.open). */
  dropLinks(): void;
  /** Makes every later call of `method` answer `{ ok: false, error }`. */
  fail(method: string, error: string): void;
  /** Makes the next call of `method` answer `{ ok: false, error }`; later ones succeed. */
  failNext(method: string, error: string): void;
  /** Makes the next call of `method` answer this HTTP status (e.g. 429 with a Retry-After header). */
  failNextHttp(method: string, status: number, headers?: Record<string, string>): void;
  /**
   * The bot is not a member of `channel`: chat.postMessage, chat.postEphemeral and chat.update
   * there answer `{ ok: false, error }` (Slack's `channel_not_found` for a private channel or a
   * DM, `not_in_channel` elsewhere). A DM to a user (channel = their id) still lands.
   */
  leaveChannel(channel: string, error?: string): void;
  /** Makes every later call of `method` hang (no answer until the client gives up). */
  hang(method: string): void;
  /** Makes every later call of `method` answer only after `ms` (0: at once again); the call is recorded on arrival. */
  delay(method: string, ms: number): void;
  /** The next posts to response_url `id` get these answers, in order; later ones succeed. */
  failResponses(id: string, ...steps: ResponseStep[]): void;
  /**
   * Refuses, from now on, every message carrying a block of this type, as a surface that does
   * not take it does: Web API calls answer `invalid_blocks`, response_url posts HTTP 400 `invalid_blocks`.
   */
  refuseBlock(type: string): void;
  /** Takes that block type again (undoes `refuseBlock`). */
  acceptBlock(type: string): void;
  /** Every post to a response_url, failed ones included, in arrival order. */
  attempts: ResponseUrlPost[];
  /** Resolves when `predicate` holds, polling; rejects after `ms` so a test fails, not hangs. */
  until(predicate: () => boolean, what: string, ms?: number): Promise<void>;
  /** Digest extensions (fake-slack-digest.ts): channel history and post faults. */
  digest: FakeSlackDigest;
  /** The channels `users.conversations` lists for a user (App Home); none when unset. */
  setUserChannels(user: string, channelIds: string[]): void;
  /** Every view sent with views.publish (App Home) and views.open (modals), in order. */
  views: { method: 'views.publish' | 'views.open'; userId?: string; triggerId?: string; view: SentView }[];
  close(): Promise<void>;
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata']);

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseParams(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.startsWith('application/json')) return raw ? JSON.parse(raw) : {};
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) params[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  return params;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: ApiCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const connectionTokens: string[] = [];
  const acks: SocketAck[] = [];
  const failures = new Map<string, string>();
  const nextFailures = new Map<string, string>();
  const httpFailures = new Map<string, { status: number; headers: Record<string, string> }>();
  const hanging = new Set<string>();
  const delays = new Map<string, number>();
  const responseSteps = new Map<string, ResponseStep[]>();
  const attempts: ResponseUrlPost[] = [];
  const refusedBlocks = new Set<string>();
  const carriesRefusedBlock = (message: Record<string, unknown>) =>
    Array.isArray(message.blocks) && (message.blocks as { type?: string }[]).some((b) => refusedBlocks.has(String(b.type)));
  let messageCount = 0;
  const digest = digestExtension();
  const userChannels = new Map<string, string[]>();
  const views: FakeSlack['views'] = [];
  let viewCount = 0;
  const notMemberOf = new Map<string, string>();
  const POSTS = new Set(['chat.postMessage', 'chat.postEphemeral', 'chat.update']);

  const reply = (method: string, params: Record<string, unknown>): Record<string, unknown> => {
    const failure = failures.get(method);
    if (failure) return { ok: false, error: failure };
    if (method === 'auth.test')
      return {
        ok: true,
        url: 'https://fake.slack.test/',
        team: 'Fake',
        user: 'sinorussia',
        team_id: 'T0FAKE',
        user_id: 'UBOT',
        bot_id: 'BBOT',
      };
    if (method === 'chat.postMessage') {
      messageCount += 1;
      const ts = `1800000000.${String(messageCount).padStart(6, '0')}`;
      const call = calls.find((c) => c.params === params);
      if (call) call.ts = ts;
      return {
        ok: true,
        channel: params.channel,
        ts,
        message: { text: params.text, ...(params.thread_ts ? { thread_ts: params.thread_ts } : {}) },
      };
    }
    if (method === 'chat.postEphemeral') return { ok: true, message_ts: '1800000000.999999' };
    // chat.update edits only a message posted here (Slack: message_not_found otherwise).
    if (method === 'chat.update') {
      const posted = calls.some(
        (c) => c.method === 'chat.postMessage' && c.params.channel === params.channel && c.refused === undefined && c.ts === params.ts,
      );
      return posted ? { ok: true, channel: params.channel, ts: params.ts, text: params.text } : { ok: false, error: 'message_not_found' };
    }
    if (method === 'users.conversations')
      return {
        ok: true,
        channels: (userChannels.get(String(params.user)) ?? []).map((id) => ({ id })),
        response_metadata: { next_cursor: '' },
      };
    if (method === 'views.publish' || method === 'views.open') {
      const view = typeof params.view === 'string' ? JSON.parse(params.view) : params.view;
      views.push({ method, userId: params.user_id as string | undefined, triggerId: params.trigger_id as string | undefined, view });
      viewCount += 1;
      return { ok: true, view: { ...view, id: `V${String(viewCount).padStart(8, '0')}` } };
    }
    if (method === 'apps.connections.open') return { ok: true, url: `${base.replace('http', 'ws')}/link` };
    return { ok: true };
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(req);
    res.setHeader('content-type', 'application/json');
    if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
      const method = url.pathname.slice('/api/'.length);
      const params = parseParams(raw, req.headers['content-type']);
      const call: ApiCall = { method, params };
      calls.push(call);
      if (method === 'apps.connections.open') connectionTokens.push((req.headers.authorization ?? '').replace(/^Bearer /, ''));
      if (hanging.has(method)) return;
      const delayMs = delays.get(method);
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const httpFailure = httpFailures.get(method);
      if (httpFailure) {
        httpFailures.delete(method);
        res.writeHead(httpFailure.status, httpFailure.headers);
        res.end(JSON.stringify({ ok: false, error: httpFailure.status === 429 ? 'ratelimited' : 'fatal_error' }));
        return;
      }
      const refusal = nextFailures.get(method) ?? (carriesRefusedBlock(params) ? 'invalid_blocks' : undefined);
      if (refusal) {
        nextFailures.delete(method);
        call.refused = refusal;
        res.end(JSON.stringify({ ok: false, error: refusal }));
        return;
      }
      if (failures.has(method)) call.refused = failures.get(method);
      const outside = POSTS.has(method) ? notMemberOf.get(String(params.channel)) : undefined;
      if (outside) {
        call.refused = outside;
        res.end(JSON.stringify({ ok: false, error: outside }));
        return;
      }
      const problem = POSTS.has(method) ? blocksProblem(params.blocks) : undefined;
      if (problem) {
        call.refused = 'invalid_blocks';
        call.problem = problem;
        res.end(JSON.stringify({ ok: false, error: 'invalid_blocks', response_metadata: { messages: [`[ERROR] ${problem}`] } }));
        return;
      }
      if (digest.handle(method, params, res, () => reply(method, params))) return;
      res.end(JSON.stringify(reply(method, params)));
      return;
    }
    if (req.method === 'POST' && url.pathname.startsWith('/response/')) {
      const post: ResponseUrlPost = { id: url.pathname.slice('/response/'.length), body: JSON.parse(raw), at: Date.now() };
      attempts.push(post);
      const problem = blocksProblem(post.body.blocks) ?? (carriesRefusedBlock(post.body) ? 'a block type this surface refuses' : undefined);
      if (problem) {
        post.problem = problem;
        res.writeHead(400);
        res.end('invalid_blocks');
        return;
      }
      const step = responseSteps.get(post.id)?.shift();
      if (step === 'hang') return;
      if (step === 'reset') {
        req.socket.resetAndDestroy();
        return;
      }
      if (step) {
        res.writeHead(step.status, step.headers ?? {});
        res.end(step.status === 404 ? 'expired_url' : 'failed');
        return;
      }
      responses.push(post);
      res.end('{"ok":true}');
      return;
    }
    res.statusCode = 404;
    res.end('{"ok":false,"error":"unknown_method"}');
  });
  // Socket Mode's link: Slack greets with hello, then sends envelopes the app must ack.
  const link = new WebSocketServer({ server, path: '/link' });
  const sockets = new Set<WebSocket>();
  link.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (data) => acks.push(JSON.parse(String(data)) as SocketAck));
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKE' } }));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    calls,
    responses,
    connectionTokens,
    acks,
    sendEnvelope: (envelope) => {
      for (const socket of sockets) socket.send(JSON.stringify(envelope));
    },
    get socketCount() {
      return sockets.size;
    },
    dropLinks: () => {
      for (const socket of sockets) socket.terminate();
    },
    fail: (method, error) => failures.set(method, error),
    failNext: (method, error) => nextFailures.set(method, error),
    failNextHttp: (method, status, headers = {}) => httpFailures.set(method, { status, headers }),
    leaveChannel: (channel, error = 'channel_not_found') => notMemberOf.set(channel, error),
    hang: (method) => hanging.add(method),
    delay: (method, ms) => delays.set(method, ms),
    failResponses: (id, ...steps) => responseSteps.set(id, steps),
    refuseBlock: (type) => refusedBlocks.add(type),
    acceptBlock: (type) => refusedBlocks.delete(type),
    attempts,
    until,
    digest,
    setUserChannels: (user, channelIds) => userChannels.set(user, channelIds),
    views,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const res of digest.hanging) res.destroy();
        for (const socket of sockets) socket.terminate();
        link.close();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
