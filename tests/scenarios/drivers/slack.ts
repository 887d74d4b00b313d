/**
 * Slack, over HTTP (signed requests to the Bolt receiver) or in Socket Mode (envelopes down
 * the fake's WebSocket link), against tests/slack/fake-slack-api.ts. What the bot sent is read
 * from the fake: response_url posts (ephemeral answers, removals) and Web API posts.
 */
import { type FakeSlack, startFakeSlack } from '../../slack/fake-slack-api.ts';
import { FORM, post, SIGNING_SECRET } from '../../slack/signed-requests.ts';
import { type Fixture, fixture } from './fixtures.ts';
import { type FakeClock, type Instance, launch, slackPort, tempDataDir } from './instance.ts';
import type { Asked, PlatformDriver, Sent, SlashCommand } from './types.ts';

type Mode = 'http' | 'socket';
const CHANNEL = 'C0SCENARIO';
const DM_CHANNEL = 'D0SCENARIO';
/** A DM answered after a request proves the bot is done with it (requests are answered in order of arrival). */
const BARRIER_CHANNEL = 'D0BARRIER';
/** The thread the "mention in a thread" fixture is asked in. */
const THREAD_TS = '1800000000.000050';
const SHARE_ACTION = 'share_answer';

/** Slack markup that notifies: special mentions, user mentions, user groups. */
const PINGS = /<!(?:here|channel|everyone)(?:\|[^>]*)?>|<!subteam\^[^>]+>|<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g;

function texts(value: unknown): string[] {
  if (typeof value === 'string') return [];
  if (Array.isArray(value)) return value.flatMap(texts);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) => (key === 'text' && typeof v === 'string' ? [v] : texts(v)));
  }
  return [];
}

interface Block {
  type: string;
  text?: { text: string };
  elements?: { action_id?: string; value?: string }[];
}

function sentFrom(kind: Sent['kind'], channel: string, message: Record<string, unknown>): Sent {
  const blocks = (Array.isArray(message.blocks) ? message.blocks : []) as Block[];
  const all = [typeof message.text === 'string' ? message.text : '', ...texts(blocks)];
  const share = blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : [])).find((e) => e.action_id === SHARE_ACTION)?.value;
  const thread = typeof message.thread_ts === 'string' ? message.thread_ts : undefined;
  return {
    kind,
    channel,
    ...(thread ? { thread } : {}),
    title: blocks.find((b) => b.type === 'header')?.text?.text,
    text: all.join('\n'),
    ...(share !== undefined ? { share } : {}),
    pings: all.flatMap((t) => t.match(PINGS) ?? []),
  };
}

export class SlackDriver implements PlatformDriver {
  readonly channel = CHANNEL;
  readonly privateReplies = true;
  readonly pingMarkup = '@here <!channel> <!subteam^S0123|@team> <@U123> @everyone';
  private fake!: FakeSlack;
  private data!: ReturnType<typeof tempDataDir>;
  private env!: Record<string, string>;
  private clock!: FakeClock;
  private current: Instance | undefined;
  private requests = 0;
  /** The channel each response_url belongs to. */
  private responseChannels = new Map<string, string>();

  constructor(private readonly mode: Mode) {}

  get name(): string {
    return this.mode === 'http' ? 'Slack over HTTP' : 'Slack in Socket Mode';
  }

  get instance(): Instance {
    if (!this.current) throw new Error('the bot is not running');
    return this.current;
  }

  async start(clock: FakeClock, storeEnv: Record<string, string> = {}): Promise<void> {
    this.clock = clock;
    this.fake = await startFakeSlack();
    this.data = tempDataDir();
    const common = { SLACK_BOT_TOKEN: 'xoxb-scenario', SLACK_API_URL: this.fake.apiUrl, DATA_DIR: this.data.dir, ...storeEnv };
    this.env =
      this.mode === 'http'
        ? { ...common, SLACK_SIGNING_SECRET: SIGNING_SECRET, PORT: '0' }
        : { ...common, SLACK_APP_TOKEN: 'xapp-scenario' };
    this.current = await launch(this.env, clock);
    await this.linkUp();
  }

  async restart(): Promise<void> {
    await this.current?.stop();
    this.current = undefined;
    if (this.mode === 'socket') await this.fake.until(() => this.fake.socketCount === 0, 'the old link to close');
    this.current = await launch(this.env, this.clock);
    await this.linkUp();
  }

  async stop(): Promise<void> {
    await this.current?.stop();
    this.current = undefined;
    await this.fake?.close();
    this.data?.remove();
  }

  private async linkUp(): Promise<void> {
    if (this.mode === 'socket') await this.fake.until(() => this.fake.socketCount === 1, 'the Socket Mode link');
  }

  private next(prefix: string): string {
    this.requests += 1;
    return `${prefix}${String(this.requests).padStart(4, '0')}`;
  }

  /** A fresh asker per request, so no one person's rate limit is reached. */
  private asker(): { user: string; userMention: string } {
    const user = this.next('U0ASK');
    return { user, userMention: `<@${user}>` };
  }

  private triggerId(): string {
    return `${Date.now()}.${this.next('')}.scenario`;
  }

  private async deliver(kind: 'command' | 'event' | 'action', payload: Fixture): Promise<void> {
    if (this.mode === 'http') {
      const endpoint = `http://127.0.0.1:${slackPort(this.instance)}/slack/events`;
      const [body, type] =
        kind === 'event'
          ? [JSON.stringify(payload), 'application/json']
          : kind === 'action'
            ? [new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM]
            : [new URLSearchParams(payload as Record<string, string>).toString(), FORM];
      const res = await post(endpoint, body, type);
      if (res.status !== 200) throw new Error(`Slack's ${kind} got HTTP ${res.status}`);
      return;
    }
    const envelope_id = this.next('env-');
    const type = kind === 'event' ? 'events_api' : kind === 'action' ? 'interactive' : 'slash_commands';
    this.fake.sendEnvelope({ envelope_id, type, payload, accepts_response_payload: kind !== 'event' });
    await this.fake.until(() => this.fake.acks.some((a) => a.envelope_id === envelope_id), `the ack of ${envelope_id}`);
  }

  /** Everything sent so far, in one list; the barrier's answers left out. */
  private sentSince(mark: { calls: number; responses: number }): Sent[] {
    const fromResponses = this.fake.responses.slice(mark.responses).map(({ id, body }) => {
      const channel = this.responseChannels.get(id) ?? '?';
      return body.delete_original === true
        ? sentFrom('removal', channel, {})
        : sentFrom(body.response_type === 'in_channel' ? 'message' : 'ephemeral', channel, body);
    });
    const fromCalls = this.fake.calls
      .slice(mark.calls)
      .filter(
        (c) => (c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral') && !c.refused && c.params.channel !== BARRIER_CHANNEL,
      )
      .map((c) => sentFrom(c.method === 'chat.postEphemeral' ? 'ephemeral' : 'message', String(c.params.channel), c.params));
    return [...fromResponses, ...fromCalls];
  }

  private mark() {
    return { calls: this.fake.calls.length, responses: this.fake.responses.length };
  }

  /** Sends one request; waits for its first answer, then for a barrier DM, and returns all it caused. */
  private async ask(kind: 'command' | 'event' | 'action', payload: Fixture, asked: Omit<Asked, 'sent'>, what: string): Promise<Asked> {
    const mark = this.mark();
    await this.deliver(kind, payload);
    await this.fake.until(() => this.sentSince(mark).length > 0, what);
    await this.barrier();
    return { ...asked, sent: this.sentSince(mark) };
  }

  private async barrier(): Promise<void> {
    const answered = () => this.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === BARRIER_CHANNEL).length;
    const before = answered();
    const event = fixture('slack/message-im.json');
    Object.assign(event.event, {
      channel: BARRIER_CHANNEL,
      user: this.next('U0BARRIER'),
      text: 'topics',
      ts: `1800000001.${this.next('')}`,
    });
    event.event_id = this.next('EvBarrier');
    await this.deliver('event', event);
    await this.fake.until(() => answered() > before, 'the barrier DM');
  }

  private responseUrl(channel: string): string {
    const id = this.next('scenario-');
    this.responseChannels.set(id, channel);
    return this.fake.responseUrl(id);
  }

  slash(command: SlashCommand): Promise<Asked> {
    const text =
      'topic' in command
        ? command.topic
        : 'ask' in command
          ? command.ask
          : 'verify' in command
            ? `verify ${command.verify}`
            : ['digest', command.digest, command.time, command.zone, command.topics].filter(Boolean).join(' ');
    const asker = this.asker();
    const payload = {
      ...fixture('slack/slash-command.json'),
      text,
      user_id: asker.user,
      channel_id: CHANNEL,
      response_url: this.responseUrl(CHANNEL),
      trigger_id: this.triggerId(),
    };
    return this.ask('command', payload, { ...asker, channel: CHANNEL }, `the answer to /sinorussia ${text}`);
  }

  mention(question: string, where: 'channel' | 'thread' = 'channel'): Promise<Asked> {
    const asker = this.asker();
    const payload = fixture('slack/app-mention.json');
    const ts = `1800000002.${this.next('')}`;
    Object.assign(payload.event, {
      user: asker.user,
      text: `<@UBOT> ${question}`,
      ts,
      event_ts: ts,
      channel: CHANNEL,
      ...(where === 'thread' ? { thread_ts: THREAD_TS } : {}),
    });
    payload.event_id = this.next('EvMention');
    const asked = { ...asker, channel: CHANNEL, messageId: ts, ...(where === 'thread' ? { thread: THREAD_TS } : {}) };
    return this.ask('event', payload, asked, `the answer to the mention "${question}"`);
  }

  dm(text: string): Promise<Asked> {
    const asker = this.asker();
    const payload = fixture('slack/message-im.json');
    const ts = `1800000003.${this.next('')}`;
    Object.assign(payload.event, { user: asker.user, text, ts, event_ts: ts, channel: DM_CHANNEL });
    payload.event_id = this.next('EvDm');
    return this.ask('event', payload, { ...asker, channel: DM_CHANNEL, messageId: ts }, `the answer to the DM "${text}"`);
  }

  refuseNextPost(): void {
    this.fake.failNext('chat.postMessage', 'internal_error');
  }

  verifyMessage(text: string): Promise<Asked> {
    const asker = this.asker();
    const payload = fixture('slack/message-action-verify.json');
    Object.assign(payload, {
      trigger_id: this.triggerId(),
      response_url: this.responseUrl(CHANNEL),
      channel: { id: CHANNEL, name: 'general' },
    });
    Object.assign(payload.user, { id: asker.user, username: 'asker' });
    payload.message.text = text;
    delete payload.message.blocks;
    return this.ask('action', payload, { ...asker, channel: CHANNEL }, `the verify shortcut's answer to "${text}"`);
  }

  share(answer: Sent): Promise<Asked> {
    if (answer.share === undefined) throw new Error('this answer has no Share button');
    const sharer = this.asker();
    const payload = fixture('slack/block-actions-share.json');
    Object.assign(payload, {
      trigger_id: this.triggerId(),
      response_url: this.responseUrl(answer.channel),
      channel: { id: answer.channel, name: 'general' },
    });
    Object.assign(payload.user, { id: sharer.user, username: 'sharer' });
    payload.actions[0].value = answer.share;
    return this.ask('action', payload, { ...sharer, channel: answer.channel }, 'the shared answer');
  }

  channelPosts(): Sent[] {
    return this.sentSince({ calls: 0, responses: this.fake.responses.length }).filter((s) => s.channel === CHANNEL && s.kind === 'message');
  }
}
