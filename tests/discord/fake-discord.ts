/**
 * A small fake Discord on loopback for the real discord.js client: a REST server that
 * records every call and answers with plausible objects, and a gateway WebSocket that
 * says HELLO, answers IDENTIFY with READY and one GUILD_CREATE, answers heartbeats and
 * dispatches whatever a test sends (INTERACTION_CREATE, MESSAGE_CREATE).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { attachmentProblem } from './fake-discord-files.ts';

export const IDS = {
  app: '900000000000000001',
  bot: '900000000000000001',
  guild: '900000000000000100',
  channel: '900000000000000200',
  thread: '900000000000000300',
  dmChannel: '900000000000000400',
  user: '900000000000000500',
  command: '900000000000000600',
  /** The role Discord creates for the bot when it joins (managed, tagged with its id). */
  botRole: '900000000000000700',
  /** A role people made, which the bot happens to hold. */
  staffRole: '900000000000000800',
} as const;

export const BOT_USER = { id: IDS.bot, username: 'sinorussia', discriminator: '0', global_name: null, avatar: null, bot: true };
export const HUMAN = { id: IDS.user, username: 'analyst', discriminator: '0', global_name: 'Analyst', avatar: null };

/** An embed as the bot sends it, as far as the tests read it. */
export interface SentEmbed {
  title: string;
  description: string;
  fields: { name: string; value: string; inline?: boolean }[];
  footer: { text: string };
  image?: { url: string };
}

/**
 * A JSON body the bot sent, as far as the tests read it: a message, an interaction callback
 * (whose `data` is the message, or the autocomplete choices), or a thread to start.
 */
export interface SentBody {
  type: number;
  data: SentBody;
  content: string;
  embeds: SentEmbed[];
  components: { type: number; components: { type: number; custom_id: string; label?: string; style?: number }[] }[];
  flags: number;
  allowed_mentions: unknown;
  message_reference: { message_id: string; fail_if_not_exists?: boolean };
  nonce: string;
  enforce_nonce: boolean;
  choices: { name: string; value: string }[];
  name: string;
  auto_archive_duration: number;
  attachments: { id: number | string; filename: string; description?: string }[];
}

/** A command definition as the bot registers it (PUT .../commands), as far as the tests read it. */
export interface SentCommand {
  name: string;
  type: number;
  description: string;
  options: SentCommand[];
  choices: { name: string; value: string }[];
}

/** The command definitions a PUT .../commands call carried; its body is a list, not a `SentBody`. */
export function commandsIn(call: RecordedCall): SentCommand[] {
  const body: unknown = call.body;
  if (!Array.isArray(body)) throw new Error(`sinorussia: ${call.method} ${call.path} did not send a list of commands`);
  return body;
}

export interface RecordedCall {
  method: string;
  /** Decoded path without the query, e.g. `/api/v10/webhooks/1/tok/messages/@original`. */
  path: string;
  query: string;
  /** The decoded JSON body; a list for PUT .../commands (read that with `commandsIn`). */
  body: SentBody;
  /** Files sent as multipart `files[n]` (the JSON body then came as `payload_json`), in order. */
  files?: SentFile[];
  authorization: string | undefined;
  /** The error status the fake answered with, when a `failNext` refused the call or its files were refused. */
  status?: number;
  /** Why the fake refused the call's files (400 Invalid Form Body), when it did. */
  problem?: string;
}

export interface SentFile {
  /** The form field: `files[0]`, `files[1]`… */
  field: string;
  name: string;
  size: number;
  contentType: string;
  data: Buffer;
}

/** A multipart body as discord.js sends attachments: `payload_json` plus one `files[n]` part per file. */
async function readMultipart(raw: Buffer, contentType: string): Promise<{ body: unknown; files: SentFile[] }> {
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  const files: SentFile[] = [];
  let body: unknown = null;
  for (const [field, value] of form) {
    if (field === 'payload_json' && typeof value === 'string') body = JSON.parse(value);
    else if (typeof value !== 'string') {
      const data = Buffer.from(await value.arrayBuffer());
      files.push({ field, name: value.name, size: data.length, contentType: value.type, data });
    }
  }
  return { body, files };
}

type Failure = { match: (call: RecordedCall) => boolean; status: number; body: unknown; headers: Record<string, string> };

const PERMISSIONS = '2251799813685247';
const now = () => new Date().toISOString();

export class FakeDiscord {
  readonly calls: RecordedCall[] = [];
  readonly identifies: { intents: number; token: string }[] = [];
  private server: Server;
  private gateway: WebSocketServer;
  private sockets = new Set<WebSocket>();
  private sequence = 0;
  private nextId = 1n;
  private failures: Failure[] = [];
  private hangs: ((call: RecordedCall) => boolean)[] = [];
  private waiters: { match: (c: RecordedCall) => boolean; resolve: (c: RecordedCall) => void }[] = [];
  // --- digest extensions: channel history, and posts whose answer is lost ---
  /** Messages posted with POST /channels/{id}/messages, per channel, oldest first. */
  readonly channelMessages = new Map<string, ReturnType<FakeDiscord['messageObject']>[]>();
  private resets: ((call: RecordedCall) => boolean)[] = [];

  /** The next call matching is carried out, then its connection reset before the answer. */
  resetAfterNext(match: (call: RecordedCall) => boolean): void {
    this.resets.push(match);
  }

  constructor() {
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.gateway = new WebSocketServer({ server: this.server });
    this.gateway.on('connection', (socket) => this.onSocket(socket));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Gateway connections open now (a stopped client closes its own). */
  get socketCount(): number {
    return this.sockets.size;
  }

  /** What DISCORD_API_URL / `rest.api` should be. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** The next REST call matching `failWhen` gets this status (e.g. 403 Missing Permissions), body and headers. */
  failNext(
    failWhen: (call: RecordedCall) => boolean,
    status = 403,
    reply: { body?: unknown; headers?: Record<string, string> } = {},
  ): void {
    this.failures.push({
      match: failWhen,
      status,
      body: reply.body ?? { message: 'Missing Permissions', code: 50013 },
      headers: reply.headers ?? {},
    });
  }

  /** Every later REST call matching `hangWhen` is recorded and never answered. */
  hang(hangWhen: (call: RecordedCall) => boolean): void {
    this.hangs.push(hangWhen);
  }

  /** Resolves with the first recorded call (past or future) that matches. */
  waitForCall(match: (call: RecordedCall) => boolean, after = 0): Promise<RecordedCall> {
    const seen = this.calls.slice(after).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  callsFrom(index: number): RecordedCall[] {
    return this.calls.slice(index);
  }

  /** Every response the bot made to one interaction: its callback, then edits and follow-ups by its token, in order. */
  responsesTo(interaction: { id: string; token: string }): RecordedCall[] {
    return this.calls.filter(
      (c) =>
        c.path === `/api/v10/interactions/${interaction.id}/${interaction.token}/callback` ||
        c.path.startsWith(`/api/v10/webhooks/${IDS.app}/${interaction.token}`),
    );
  }

  snowflake(): string {
    return (910000000000000000n + this.nextId++).toString();
  }

  dispatch(type: string, data: unknown): void {
    const packet = JSON.stringify({ op: 0, t: type, s: ++this.sequence, d: data });
    for (const socket of this.sockets) socket.send(packet);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.gateway.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // --- gateway ---

  private onSocket(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 }, s: null, t: null }));
    socket.on('message', (raw) => {
      const packet = JSON.parse(raw.toString());
      if (packet.op === 1) socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (packet.op === 2) {
        this.identifies.push(packet.d);
        this.dispatch('READY', this.ready());
        this.dispatch('GUILD_CREATE', this.guild());
      }
    });
  }

  private ready() {
    return {
      v: 10,
      user: BOT_USER,
      guilds: [{ id: IDS.guild, unavailable: true }],
      session_id: 'fake-session',
      resume_gateway_url: `ws://127.0.0.1:${this.port}`,
      application: { id: IDS.app, flags: 0 },
      private_channels: [],
      relationships: [],
      shard: [0, 1],
    };
  }

  private guild() {
    return {
      id: IDS.guild,
      name: 'Research desk',
      unavailable: false,
      owner_id: IDS.user,
      joined_at: now(),
      member_count: 2,
      large: false,
      features: [],
      roles: [
        {
          id: IDS.guild,
          name: '@everyone',
          permissions: PERMISSIONS,
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
        {
          id: IDS.botRole,
          name: 'sinorussia',
          permissions: '0',
          position: 1,
          color: 0,
          hoist: false,
          managed: true,
          mentionable: true,
          flags: 0,
          tags: { bot_id: IDS.bot },
        },
        {
          id: IDS.staffRole,
          name: 'staff',
          permissions: '0',
          position: 2,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: true,
          flags: 0,
        },
      ],
      members: [{ user: BOT_USER, roles: [IDS.botRole, IDS.staffRole], joined_at: now(), deaf: false, mute: false, flags: 0 }],
      channels: [{ id: IDS.channel, type: 0, name: 'general', guild_id: IDS.guild, position: 0, permission_overwrites: [] }],
      threads: [
        {
          id: IDS.thread,
          type: 11,
          guild_id: IDS.guild,
          parent_id: IDS.channel,
          owner_id: IDS.user,
          name: 'existing thread',
          member_count: 1,
          message_count: 0,
          thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: now(), locked: false },
        },
      ],
      emojis: [],
      stickers: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // --- REST ---

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const contentType = req.headers['content-type'] ?? '';
    const multipart = contentType.startsWith('multipart/form-data') ? await readMultipart(raw, contentType) : undefined;
    const text = raw.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const call: RecordedCall = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: url.search,
      body: multipart ? multipart.body : text ? JSON.parse(text) : null,
      ...(multipart ? { files: multipart.files } : {}),
      authorization: req.headers.authorization,
    };
    this.calls.push(call);
    if (this.hangs.some((hang) => hang(call))) {
      this.resolveWaiters(call);
      return;
    }
    const problem = multipart ? attachmentProblem(multipart.body, multipart.files) : undefined;
    const failure = this.failures.find((f) => f.match(call));
    if (problem) {
      call.status = 400;
      call.problem = problem;
      this.send(res, 400, { message: 'Invalid Form Body', code: 50035, errors: { files: { _errors: [{ message: problem }] } } });
    } else if (failure) {
      this.failures.splice(this.failures.indexOf(failure), 1);
      call.status = failure.status;
      this.send(res, failure.status, failure.body, failure.headers);
    } else {
      const [status, body] = this.route(call);
      const reset = this.resets.find((match) => match(call));
      if (reset) {
        this.resets.splice(this.resets.indexOf(reset), 1);
        res.socket?.resetAndDestroy();
      } else this.send(res, status, body);
    }
    this.resolveWaiters(call);
  }

  private resolveWaiters(call: RecordedCall): void {
    for (const waiter of this.waiters.filter((w) => w.match(call))) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(call);
    }
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (body === undefined) {
      res.writeHead(status, headers).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  private route(call: RecordedCall): [number, unknown] {
    const { method, path } = call;
    const parts = path.replace(/^\/api\/v10\//, '').split('/');
    if (method === 'GET' && path === '/api/v10/gateway/bot') {
      return [
        200,
        {
          url: `ws://127.0.0.1:${this.port}`,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      ];
    }
    if (method === 'GET' && path === '/api/v10/applications/@me') return [200, { id: IDS.app, name: 'sinorussia', flags: 0 }];
    if (method === 'PUT' && parts[0] === 'applications' && parts.at(-1) === 'commands') {
      return [200, commandsIn(call).map((c) => ({ ...c, id: this.snowflake(), application_id: IDS.app, version: '1' }))];
    }
    if (method === 'POST' && parts[0] === 'interactions' && parts[3] === 'callback') {
      if (new URLSearchParams(call.query).get('with_response') !== 'true') return [204, undefined];
      // The response names the message it created, as Discord's does with with_response=true.
      const message = this.messageObject(IDS.channel, call.body?.data ?? {}, call.files);
      this.channelMessages.set(IDS.channel, [...(this.channelMessages.get(IDS.channel) ?? []), message]);
      return [
        200,
        { interaction: { id: parts[1], type: 3, response_message_id: message.id }, resource: { type: call.body?.type, message } },
      ];
    }
    if (parts[0] === 'webhooks') return [200, this.messageObject(IDS.channel, call.body)];
    if (method === 'POST' && parts[0] === 'channels' && parts[2] === 'messages' && parts[4] === 'threads') {
      const thread = {
        id: parts[3],
        type: 11,
        guild_id: IDS.guild,
        parent_id: parts[1],
        owner_id: IDS.bot,
        name: call.body?.name,
        member_count: 1,
        message_count: 0,
        thread_metadata: {
          archived: false,
          auto_archive_duration: call.body?.auto_archive_duration ?? 1440,
          archive_timestamp: now(),
          locked: false,
        },
      };
      this.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
      return [201, thread];
    }
    if (method === 'POST' && parts[0] === 'channels' && parts[2] === 'messages') {
      const message = this.messageObject(parts[1], call.body, call.files);
      this.channelMessages.set(parts[1], [...(this.channelMessages.get(parts[1]) ?? []), message]);
      return [200, message];
    }
    // A message edit: only a message the bot posted in that channel (Discord: 404 Unknown Message otherwise).
    if (method === 'PATCH' && parts[0] === 'channels' && parts[2] === 'messages' && parts.length === 4) {
      const message = this.channelMessages.get(parts[1])?.find((m) => m.id === parts[3]);
      if (!message) return [404, { message: 'Unknown Message', code: 10008 }];
      const edited = message as Record<string, unknown>;
      // API v10: a given `attachments` lists every file the message keeps; left out, all are kept.
      const kept = Array.isArray(call.body?.attachments)
        ? message.attachments.filter((a) => call.body.attachments.some((k: { id?: unknown }) => String(k.id) === a.id))
        : message.attachments;
      const embeds = (call.body?.embeds ?? message.embeds) as { image?: { url?: string } }[];
      const missing = embeds
        .map((e) => e.image?.url)
        .find((url) => url?.startsWith('attachment://') && !kept.some((a) => `attachment://${a.filename}` === url));
      if (missing)
        return [400, { message: 'Invalid Form Body', code: 50035, problem: `an embed shows ${missing}, but the edit keeps no such file` }];
      edited.attachments = kept;
      for (const field of ['content', 'embeds', 'components'] as const)
        if (call.body?.[field] !== undefined) edited[field] = call.body[field];
      edited.edited_timestamp = now();
      return [200, message];
    }
    if (method === 'GET' && parts[0] === 'channels' && parts[2] === 'messages' && parts.length === 4) {
      const message = this.channelMessages.get(parts[1])?.find((m) => m.id === parts[3]);
      return message ? [200, message] : [404, { message: 'Unknown Message', code: 10008 }];
    }
    if (method === 'GET' && parts[0] === 'channels' && parts[2] === 'messages' && parts.length === 3) {
      const limit = Number(new URLSearchParams(call.query).get('limit') ?? 50);
      return [200, [...(this.channelMessages.get(parts[1]) ?? [])].reverse().slice(0, limit)];
    }
    if (method === 'GET' && path === '/api/v10/users/@me') return [200, BOT_USER];
    return [404, { message: `404: Not Found (${method} ${path})`, code: 0 }];
  }

  messageObject(channelId: string, body: Partial<SentBody>, files: SentFile[] = []) {
    const described = (body?.attachments ?? []) as { id?: unknown; description?: string }[];
    return {
      id: this.snowflake(),
      channel_id: channelId,
      author: BOT_USER,
      content: body?.content ?? '',
      timestamp: now(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      // Each file sent as `files[n]` becomes an attachment with an id of its own, as Discord's do.
      attachments: files.map((file, n) => ({
        id: this.snowflake(),
        filename: file.name,
        size: file.size,
        content_type: file.contentType,
        url: `https://cdn.example/attachments/${channelId}/${file.name}`,
        ...(described.find((a) => String(a.id) === String(n))?.description
          ? { description: described.find((a) => String(a.id) === String(n))?.description }
          : {}),
      })),
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      pinned: false,
      type: 0,
      flags: body?.flags ?? 0,
      // A reply (type 19) carries the message it answers.
      ...(body?.message_reference ? { type: 19, message_reference: { channel_id: channelId, ...body.message_reference } } : {}),
    };
  }
}

// --- gateway payloads a test dispatches ---

const member = (permissions = PERMISSIONS) => ({
  user: HUMAN,
  roles: [],
  joined_at: now(),
  deaf: false,
  mute: false,
  flags: 0,
  permissions,
});

function interactionBase(fake: FakeDiscord, type: number, data: unknown) {
  const id = fake.snowflake();
  return {
    id,
    application_id: IDS.app,
    type,
    token: `token-${id}`,
    version: 1,
    guild_id: IDS.guild,
    channel_id: IDS.channel,
    channel: { id: IDS.channel, type: 0, guild_id: IDS.guild, name: 'general', permission_overwrites: [] },
    member: member(),
    app_permissions: PERMISSIONS,
    locale: 'en-GB',
    guild_locale: 'en-GB',
    entitlements: [],
    authorizing_integration_owners: { '0': IDS.guild },
    context: 0,
    data,
  };
}

/** `/sinorussia <sub> [option:value]`. */
export function commandInteraction(fake: FakeDiscord, sub: string, options: Record<string, string> = {}) {
  const subOptions = Object.entries(options).map(([name, value]) => ({ type: 3, name, value }));
  return interactionBase(fake, 2, {
    id: IDS.command,
    name: 'sinorussia',
    type: 1,
    options: [{ type: 1, name: sub, options: subOptions }],
  });
}

export function autocompleteInteraction(fake: FakeDiscord, typed: string) {
  return interactionBase(fake, 4, {
    id: IDS.command,
    name: 'sinorussia',
    type: 1,
    options: [{ type: 1, name: 'ask', options: [{ type: 3, name: 'question', value: typed, focused: true }] }],
  });
}

/** A click on a button of an ephemeral message the bot sent. */
export function buttonInteraction(fake: FakeDiscord, customId: string) {
  const base = interactionBase(fake, 3, { custom_id: customId, component_type: 2 });
  return {
    ...base,
    message: {
      ...fake.messageObject(IDS.channel, {}),
      flags: 64,
      interaction_metadata: { id: '1', type: 2, user: HUMAN, authorizing_integration_owners: { '0': IDS.guild } },
    },
  };
}

/** A MESSAGE_CREATE from a person; `where` picks the channel, the thread or a DM. */
export function messageCreate(
  fake: FakeDiscord,
  content: string,
  where: 'channel' | 'thread' | 'dm',
  mentionsBot = true,
  author: object = HUMAN,
  mentionRoles: string[] = [],
) {
  const inGuild = where !== 'dm';
  return {
    id: fake.snowflake(),
    channel_id: where === 'channel' ? IDS.channel : where === 'thread' ? IDS.thread : IDS.dmChannel,
    ...(inGuild ? { guild_id: IDS.guild, member: member() } : { channel_type: 1 }),
    author,
    content,
    timestamp: now(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: content.includes('@everyone'),
    mentions: mentionsBot ? [BOT_USER] : [],
    mention_roles: mentionRoles,
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: 0,
    flags: 0,
  };
}

export interface DigestInteractionOptions {
  /** The member's permission bits in the channel; all (Administrator included) when unset. */
  permissions?: string;
  /** In a DM with the bot: no guild, no member, no permissions. */
  dm?: boolean;
  /**
   * In a thread of this parent channel, sent with the parent's id as Discord does: with
   * IDS.channel, the guild's `existing thread` in #general; with another id, a thread of a
   * channel the bot has not seen.
   */
  threadOf?: string;
}

/** The thread an interaction comes from, as Discord sends it in the interaction's `channel`. */
const threadChannel = (id: string, parentId: string) => ({
  id,
  type: 11,
  guild_id: IDS.guild,
  parent_id: parentId,
  name: id === IDS.thread ? 'existing thread' : 'a thread',
  thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: now(), locked: false },
});

/** `/sinorussia digest <action> [time:…] [zone:…] [topics:…]`, a subcommand of the `digest` group. */
export function digestInteraction(
  fake: FakeDiscord,
  action: string,
  options: Record<string, string> = {},
  where: DigestInteractionOptions = {},
) {
  const subOptions = Object.entries(options).map(([name, value]) => ({ type: 3, name, value }));
  const base = interactionBase(fake, 2, {
    id: IDS.command,
    name: 'sinorussia',
    type: 1,
    options: [{ type: 2, name: 'digest', options: [{ type: 1, name: action, options: subOptions }] }],
  });
  if (where.dm) {
    const { guild_id: _guild, member: _member, ...rest } = base;
    return { ...rest, channel_id: IDS.dmChannel, channel: { id: IDS.dmChannel, type: 1, recipients: [HUMAN] }, user: HUMAN, context: 1 };
  }
  const threadId = where.threadOf === IDS.channel ? IDS.thread : fake.snowflake();
  const inThread = where.threadOf ? { channel_id: threadId, channel: threadChannel(threadId, where.threadOf) } : {};
  return { ...base, ...inThread, member: member(where.permissions) };
}

/** Autocomplete while typing `zone:` of `/sinorussia digest subscribe`. */
export function zoneAutocomplete(fake: FakeDiscord, typed: string) {
  return interactionBase(fake, 4, {
    id: IDS.command,
    name: 'sinorussia',
    type: 1,
    options: [
      {
        type: 2,
        name: 'digest',
        options: [{ type: 1, name: 'subscribe', options: [{ type: 3, name: 'zone', value: typed, focused: true }] }],
      },
    ],
  });
}

/** A modal sent back: `fields` are its labelled components (type 18) as Discord sends them. */
export function modalSubmitInteraction(
  fake: FakeDiscord,
  customId: string,
  fields: { select?: Record<string, string[]>; text?: Record<string, string> },
) {
  let id = 1;
  const components = [
    ...Object.entries(fields.select ?? {}).map(([custom_id, values]) => ({
      type: 18,
      id: id++,
      component: { type: 3, id: id++, custom_id, values },
    })),
    ...Object.entries(fields.text ?? {}).map(([custom_id, value]) => ({
      type: 18,
      id: id++,
      component: { type: 4, id: id++, custom_id, value },
    })),
  ];
  return interactionBase(fake, 5, { custom_id: customId, components });
}

/** The message a context-menu command is used on, as Discord resolves it: a person's post in the channel. */
export interface TargetMessage {
  content?: string;
  embeds?: unknown[];
  attachments?: unknown[];
  author?: object;
  mentions?: unknown[];
  mention_everyone?: boolean;
}

export const VERIFY_MESSAGE_NAME = 'Verify with sources';

/**
 * "Verify with sources" used on a message: an application command interaction (type 2) whose
 * data is a message command (type 3) naming the message (`target_id`) and carrying it in
 * `resolved.messages`, as Discord sends it (tests/fixtures/platforms/discord/interaction-create-message-command.json).
 */
export function messageCommandInteraction(fake: FakeDiscord, target: TargetMessage, name = VERIFY_MESSAGE_NAME) {
  const targetId = fake.snowflake();
  const message = {
    ...fake.messageObject(IDS.channel, {}),
    id: targetId,
    author: { id: '900000000000000501', username: 'colleague', discriminator: '0', global_name: 'Colleague', avatar: null },
    ...target,
  };
  return interactionBase(fake, 2, {
    id: '900000000000000601',
    name,
    type: 3,
    target_id: targetId,
    resolved: { messages: { [targetId]: message } },
  });
}
