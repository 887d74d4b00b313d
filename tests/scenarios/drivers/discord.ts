/**
 * Discord, against tests/discord/fake-discord.ts: gateway events (INTERACTION_CREATE,
 * MESSAGE_CREATE) dispatched to the real discord.js client, and what it sent read from the
 * fake's REST log: interaction callbacks and edits, thread creation, channel posts.
 */
import { FakeDiscord, IDS, type RecordedCall, type SentBody } from '../../discord/fake-discord.ts';
import { FAKE_DISCORD_TOKEN } from '../../helpers/discord-token.ts';
import { until } from '../../helpers/until.ts';
import { type Fixture, fixture } from './fixtures.ts';
import { type FakeClock, type Instance, launch, tempDataDir } from './instance.ts';
import type { Asked, PlatformDriver, Sent, SlashCommand } from './types.ts';

const EPHEMERAL = 64;
const REPLY = 4;
const DEFERRED_REPLY = 5;
/** A DM channel of its own for the barrier, so its answers are told apart from the scenario's. */
const BARRIER_DM = '900000000000000401';
const API = '/api/v10/';

interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}

/**
 * What would notify someone: the mentions in `content` (embeds never ping) of the kinds
 * `allowed_mentions` lets through (without it, a message parses everything and an
 * interaction response users), and the policy itself when it is not "none", since then any
 * text the bot echoes could ping.
 */
function pingsOf(body: Partial<SentBody>, interaction: boolean): string[] {
  const content = typeof body.content === 'string' ? body.content : '';
  const allowed = body.allowed_mentions as { parse?: string[]; users?: string[]; roles?: string[]; replied_user?: boolean } | undefined;
  const parse = allowed ? (allowed.parse ?? []) : interaction ? ['users'] : ['users', 'roles', 'everyone'];
  const found: string[] = [];
  if (parse.length > 0) found.push(`allowed_mentions parses ${parse.join(', ')}`);
  if (parse.includes('everyone')) found.push(...(content.match(/@(?:everyone|here)/g) ?? []));
  if (parse.includes('users')) found.push(...(content.match(/<@!?\d+>/g) ?? []));
  if (parse.includes('roles')) found.push(...(content.match(/<@&\d+>/g) ?? []));
  for (const id of allowed?.users ?? []) found.push(`<@${id}>`);
  for (const id of allowed?.roles ?? []) found.push(`<@&${id}>`);
  if (body.message_reference && allowed?.replied_user !== false) found.push('the author of the message replied to');
  return found;
}

function sentFrom(kind: Sent['kind'], channel: string, thread: string | undefined, body: Partial<SentBody>, interaction: boolean): Sent {
  const embeds = (body.embeds ?? []) as Embed[];
  const texts = [
    body.content ?? '',
    ...embeds.flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      e.footer?.text ?? '',
    ]),
  ];
  // The button a reader knows as Share (the 👍 / 👎 beside it are not).
  const customId = (body.components ?? [])
    .flatMap((row: { components?: { custom_id?: string; label?: string }[] }) => row.components ?? [])
    .find((c: { custom_id?: string; label?: string }) => c.custom_id && c.label === 'Share')?.custom_id;
  return {
    kind,
    channel,
    ...(thread ? { thread } : {}),
    title: embeds[0]?.title,
    text: texts.filter(Boolean).join('\n'),
    ...(customId ? { share: customId } : {}),
    pings: pingsOf(body, interaction),
  };
}

export class DiscordDriver implements PlatformDriver {
  readonly name = 'Discord';
  readonly channel = IDS.channel;
  readonly privateReplies = false;
  readonly pingMarkup = '@here @everyone <@123456789012345678> <@&123456789012345679>';
  private fake!: FakeDiscord;
  private data!: ReturnType<typeof tempDataDir>;
  private env!: Record<string, string>;
  private clock!: FakeClock;
  private current: Instance | undefined;
  private people = 0;
  /** Interactions dispatched, by token: where they were and whether their deferral was private. */
  private interactions = new Map<string, { channel: string; deferredPrivately?: boolean }>();
  /** Threads the bot started, each on a message whose id it takes. */
  private threads = new Set<string>([IDS.thread]);

  get instance(): Instance {
    if (!this.current) throw new Error('the bot is not running');
    return this.current;
  }

  async start(clock: FakeClock, storeEnv: Record<string, string> = {}): Promise<void> {
    this.clock = clock;
    this.fake = await new FakeDiscord().start();
    this.data = tempDataDir();
    this.env = { DISCORD_TOKEN: FAKE_DISCORD_TOKEN, DISCORD_API_URL: this.fake.apiUrl, DATA_DIR: this.data.dir, ...storeEnv };
    this.current = await launch(this.env, clock);
  }

  async restart(): Promise<void> {
    await this.current?.stop();
    this.current = undefined;
    await until(() => this.fake.socketCount === 0, 'the old gateway connection to close');
    this.current = await launch(this.env, this.clock);
  }

  async stop(): Promise<void> {
    await this.current?.stop();
    this.current = undefined;
    await this.fake?.close();
    this.data?.remove();
  }

  /** A fresh person per request, so no one person's rate limit is reached. */
  private person(): { user: string; userMention: string; author: Fixture } {
    this.people += 1;
    const user = `9000000000000${String(10000 + this.people)}`;
    return {
      user,
      userMention: `<@${user}>`,
      author: { id: user, username: `person${this.people}`, discriminator: '0', global_name: null, avatar: null },
    };
  }

  /** One REST call as what it sent, or undefined for calls that send nothing (deferrals, threads, reads). */
  private sentOf(call: RecordedCall): Sent | undefined {
    if (!call.path.startsWith(API) || call.status !== undefined) return undefined;
    const parts = call.path.slice(API.length).split('/');
    if (call.method === 'POST' && parts[0] === 'interactions' && parts[3] === 'callback') {
      const where = this.interactions.get(parts[2]);
      if (!where) return undefined;
      if (call.body.type === DEFERRED_REPLY) {
        where.deferredPrivately = ((call.body.data?.flags ?? 0) & EPHEMERAL) !== 0;
        return undefined;
      }
      if (call.body.type !== REPLY) return undefined;
      const data = call.body.data ?? {};
      return sentFrom((data.flags ?? 0) & EPHEMERAL ? 'ephemeral' : 'message', where.channel, undefined, data, true);
    }
    if (parts[0] === 'webhooks' && (call.method === 'PATCH' || call.method === 'POST')) {
      const where = this.interactions.get(parts[2]);
      if (!where) return undefined;
      const editsDeferral = call.method === 'PATCH' && parts[4] === '@original';
      // An edit of a deferred reply is as private as the deferral was.
      const ephemeral = editsDeferral ? where.deferredPrivately === true : ((call.body.flags ?? 0) & EPHEMERAL) !== 0;
      return sentFrom(ephemeral ? 'ephemeral' : 'message', where.channel, undefined, call.body, true);
    }
    if (call.method === 'POST' && parts[0] === 'channels' && parts[2] === 'messages' && parts.length === 3) {
      if (parts[1] === BARRIER_DM) return undefined;
      const thread = this.threads.has(parts[1]) ? parts[1] : undefined;
      return sentFrom('message', thread ? IDS.channel : parts[1], thread, call.body, false);
    }
    return undefined;
  }

  private sentSince(mark: number): Sent[] {
    const sent: Sent[] = [];
    for (const call of this.fake.calls.slice(mark)) {
      // A thread started on a message takes the message's id.
      const startsThread =
        call.method === 'POST' && call.status === undefined && /^\/api\/v10\/channels\/\d+\/messages\/\d+\/threads$/.test(call.path);
      if (startsThread) this.threads.add(call.path.split('/')[6]);
      const one = this.sentOf(call);
      if (one) sent.push(one);
    }
    return sent;
  }

  /** Dispatches one event; waits for its first answer, then for a barrier DM, and returns all it caused. */
  private async ask(type: string, data: Fixture, asked: Omit<Asked, 'sent'>, what: string): Promise<Asked> {
    const mark = this.fake.calls.length;
    this.fake.dispatch(type, data);
    await until(() => this.sentSince(mark).length > 0, what);
    await this.barrier();
    return { ...asked, sent: this.sentSince(mark) };
  }

  private async barrier(): Promise<void> {
    const answered = () => this.fake.calls.filter((c) => c.method === 'POST' && c.path === `${API}channels/${BARRIER_DM}/messages`).length;
    const before = answered();
    const message = fixture('discord/message-create-dm.json');
    Object.assign(message, { id: this.fake.snowflake(), channel_id: BARRIER_DM, author: this.person().author, content: 'topics' });
    this.fake.dispatch('MESSAGE_CREATE', message);
    await until(() => answered() > before, 'the barrier DM');
  }

  private interaction(path: string, asker: { author: Fixture }): Fixture {
    const interaction = fixture(path);
    interaction.id = this.fake.snowflake();
    interaction.token = `fake-interaction-token-${interaction.id}`;
    interaction.member.user = asker.author;
    this.interactions.set(interaction.token, { channel: interaction.channel_id });
    return interaction;
  }

  slash(command: SlashCommand): Promise<Asked> {
    const asker = this.person();
    const interaction = this.interaction('discord/interaction-create-command.json', asker);
    const string = (name: string, value: string | undefined) => (value === undefined ? [] : [{ type: 3, name, value }]);
    interaction.data.options =
      'topic' in command
        ? [{ type: 1, name: command.topic, options: [] }]
        : 'ask' in command
          ? [{ type: 1, name: 'ask', options: string('question', command.ask) }]
          : 'verify' in command
            ? [{ type: 1, name: 'verify', options: string('text', command.verify) }]
            : [
                {
                  type: 2,
                  name: 'digest',
                  options: [
                    {
                      type: 1,
                      name: command.digest,
                      options: [...string('time', command.time), ...string('zone', command.zone), ...string('topics', command.topics)],
                    },
                  ],
                },
              ];
    return this.ask(
      'INTERACTION_CREATE',
      interaction,
      { user: asker.user, userMention: asker.userMention, channel: IDS.channel },
      `the answer to ${JSON.stringify(command)}`,
    );
  }

  mention(question: string, where: 'channel' | 'thread' = 'channel'): Promise<Asked> {
    const asker = this.person();
    const message = fixture('discord/message-create-mention.json');
    const channel = where === 'thread' ? IDS.thread : IDS.channel;
    Object.assign(message, {
      id: this.fake.snowflake(),
      channel_id: channel,
      author: asker.author,
      content: `<@${IDS.bot}> ${question}`,
      mention_everyone: question.includes('@everyone'),
    });
    const asked = {
      user: asker.user,
      userMention: asker.userMention,
      channel: IDS.channel,
      messageId: message.id,
      ...(where === 'thread' ? { thread: IDS.thread } : {}),
    };
    return this.ask('MESSAGE_CREATE', message, asked, `the answer to the mention "${question}"`);
  }

  dm(text: string): Promise<Asked> {
    const asker = this.person();
    const message = fixture('discord/message-create-dm.json');
    Object.assign(message, { id: this.fake.snowflake(), author: asker.author, content: text });
    return this.ask(
      'MESSAGE_CREATE',
      message,
      { user: asker.user, userMention: asker.userMention, channel: IDS.dmChannel, messageId: message.id },
      `the answer to the DM "${text}"`,
    );
  }

  refuseNextPost(): void {
    const post = /^\/api\/v10\/channels\/(\d+)\/messages$/;
    // Missing Access: a refusal of the post itself (Missing Permissions on a post with a chart only costs the image).
    this.fake.failNext((c) => c.method === 'POST' && post.exec(c.path)?.[1] !== undefined && post.exec(c.path)?.[1] !== BARRIER_DM, 403, {
      body: { message: 'Missing Access', code: 50001 },
    });
  }

  verifyMessage(text: string): Promise<Asked> {
    const asker = this.person();
    const interaction = this.interaction('discord/interaction-create-message-command.json', asker);
    const target = Object.values(interaction.data.resolved.messages)[0] as Fixture;
    const id = this.fake.snowflake();
    interaction.data.target_id = id;
    interaction.data.resolved.messages = { [id]: { ...target, id, content: text, mention_everyone: text.includes('@everyone') } };
    return this.ask(
      'INTERACTION_CREATE',
      interaction,
      { user: asker.user, userMention: asker.userMention, channel: IDS.channel },
      `the verify command's answer to "${text}"`,
    );
  }

  share(answer: Sent): Promise<Asked> {
    if (answer.share === undefined) throw new Error('this answer has no Share button');
    const sharer = this.person();
    const interaction = this.interaction('discord/interaction-create-button.json', sharer);
    interaction.data.custom_id = answer.share;
    return this.ask(
      'INTERACTION_CREATE',
      interaction,
      { user: sharer.user, userMention: sharer.userMention, channel: IDS.channel },
      'the shared answer',
    );
  }

  channelPosts(): Sent[] {
    return this.sentSince(0).filter((s) => s.channel === IDS.channel && s.kind === 'message');
  }
}
