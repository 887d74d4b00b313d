/**
 * The Slack listeners as plain functions (bolt-js's advice: testable without an App). Each
 * one reads Slack input once into a typed request (Slack's markup removed here), passes it
 * with the channel and user to the core's `answer()`, and shows what comes back as the
 * Answer says (private or not, Share button, cached); none searches or words facts itself.
 */
import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
} from '@slack/bolt';
import type { Answer } from '../../src/answer/types.ts';
import type { Core } from '../../src/core.ts';
import type { RecordPost } from '../../src/corrections/types.ts';
import type { ChannelContext } from '../../src/digest/types.ts';
import { recordIfUnanswered } from '../../src/feedback/recorder.ts';
import { feedbackTarget, takesVotes } from '../../src/feedback/target.ts';
import type { FeedbackRecorder } from '../../src/feedback/types.ts';
import type { InFlight } from '../../src/in-flight.ts';
import type { Logger } from '../../src/log.ts';
import { LruCache } from '../../src/lru.ts';
import { type RateDecision, type RateLimiter, SLOW_DOWN } from '../../src/rate-limit.ts';
import type { SeenStore } from '../../src/seen-store.ts';
import { codeToCount } from './errors.ts';
import { decodeSlack } from './escape.ts';
import { FEEDBACK_ACTION_ID, FEEDBACK_DOWN_ACTION_ID, FEEDBACK_UP_ACTION_ID, REASON_CALLBACK_ID, withFeedback } from './feedback-block.ts';
import { stripSlackMarkup } from './markup.ts';
import { isResponseUrlBlocksRefusal, sendDroppingRefused } from './optional-blocks.ts';
import { APOLOGY, renderAnswer, SHARE_ACTION_ID, type SlackMessage } from './render.ts';
import type { ResponsePoster, ResponseUrlError } from './response-url.ts';

export const SLASH_COMMAND = '/sinorussia';
/** The callback_id of the "Verify with sources" message shortcut (manifest.yaml declares it). */
export const VERIFY_SHORTCUT = 'verify_message';

export interface HandlerDeps {
  answerer: Core;
  logger: Logger;
  /** Event and trigger ids already answered (shared by instances when DATABASE_URL is set). */
  seen: SeenStore;
  /** Posts slash-command answers to their response_url. */
  responses: ResponsePoster;
  /** Rendered slash answers by command text (see slashAnswerJson). */
  renderedAnswers: LruCache<string, string>;
  /** Answers acked but not yet delivered, drained on stop. */
  inFlight: InFlight;
  /** Questions per user, on every surface (slash, mention, DM, Share). */
  limiter: RateLimiter;
  /**
   * A Web API call Slack answered `ok: false`, by code (the operator's metrics). HTTP-level
   * failures are counted per attempt by the client's fetch and the response poster instead.
   */
  outboundError?: (code: string) => void;
  /** Remembers a public post and the facts it showed, so a later correction reaches it. */
  recordPost?: RecordPost;
  /** 👍 / 👎 under answers and the "no match" record; none shown or kept when absent or off. */
  feedback?: FeedbackRecorder;
  /** Slack user ids (CURATORS) who may see the feedback report, privately. */
  curators?: readonly string[];
}

/** Longer texts are rarely repeated word for word; caching them would only hold memory. */
const MAX_CACHED_TEXT = 200;
/** ~500 distinct answers of a few kB each: a few MB at most. */
const RENDERED_ANSWERS = 500;

export function createRenderedAnswers(): LruCache<string, string> {
  return new LruCache(RENDERED_ANSWERS);
}

type ChatClient = AllMiddlewareArgs['client'];

/** What a person typed, as the core reads it: Slack's entities decoded, its mentions and links removed. */
export function commandText(slackText: unknown): string {
  return stripSlackMarkup(decodeSlack(typeof slackText === 'string' ? slackText : ''));
}

/**
 * Who asks, where. On Slack anyone in a channel may change its digest (the core records who
 * did); Slack's payload names the channel and user, never anything typed.
 */
export function slackContext(channelId: string, userId: string, curator = false): ChannelContext {
  return { platform: 'slack', channelId, userId, canManage: true, ...(curator ? { curator } : {}) };
}

/** Reads a Slack text once and answers it. */
function answerText(deps: HandlerDeps, slackText: unknown, context: ChannelContext, addressed?: boolean): Promise<Answer> {
  const request = deps.answerer.parseText(commandText(slackText), addressed === undefined ? {} : { addressed });
  return deps.answerer.answer(request, context);
}

/** Link previews would bury a short answer; mentions in it are escaped anyway. */
export const QUIET = { unfurl_links: false, unfurl_media: false } as const;

/**
 * Slack redelivers an event it thinks was missed. A retry is skipped outright (our ack is
 * immediate, so the first delivery almost surely arrived), and event ids are remembered so a
 * repeat delivered without the retry header (Socket Mode reconnects, another instance) is
 * skipped too.
 */
export async function isFirstDelivery(deps: HandlerDeps, eventId: unknown, retryNum: number | undefined): Promise<boolean> {
  if (retryNum !== undefined && retryNum > 0) {
    deps.logger.info('slack: skipped a retried event', { eventId, retryNum });
    return false;
  }
  if (typeof eventId === 'string' && !(await firstSeen(deps, `slack:event:${eventId}`))) {
    deps.logger.info('slack: skipped a repeated event', { eventId });
    return false;
  }
  return true;
}

/**
 * Slack sends a fresh trigger_id with every slash command and click: one seen again is a
 * replayed request (a signed body sent twice), answered once.
 */
export async function isFirstTrigger(deps: HandlerDeps, triggerId: unknown, what: string): Promise<boolean> {
  if (typeof triggerId !== 'string' || triggerId === '') return true;
  if (await firstSeen(deps, `slack:trigger:${triggerId}`)) return true;
  deps.logger.warn(`slack: skipped a replayed ${what}`, { triggerId });
  return false;
}

/** One user's share of the bot: logged when refused, so a script hammering it shows up. */
export function rateFor(deps: HandlerDeps, user: string | undefined, surface: string): RateDecision {
  if (!user) return 'allow';
  const decision = deps.limiter.take(`slack:${user}`);
  if (decision === 'tell') deps.logger.warn('slack: a user is asking too fast; told to slow down', { user, surface });
  return decision;
}

const SLOW_DOWN_JSON = JSON.stringify({ response_type: 'ephemeral', text: SLOW_DOWN });

/** A store that cannot answer lets the request through: a rare double beats a lost answer. */
async function firstSeen(deps: HandlerDeps, key: string): Promise<boolean> {
  try {
    return await deps.seen.firstSeen(key);
  } catch (error) {
    deps.logger.error('slack: could not check for a repeat; answering anyway', { error, key });
    return true;
  }
}

/** An answer's message with 👍 / 👎 under it (when feedback is on and the blocks leave room). */
export function withVotes(deps: HandlerDeps, message: SlackMessage, answer: Answer): SlackMessage {
  if (!takesVotes(answer)) return message;
  return { ...message, blocks: withFeedback(message.blocks, feedbackTarget(answer), deps.feedback) as SlackMessage['blocks'] };
}

/** chat.postMessage; sent again lighter while Slack refuses an optional block (optional-blocks.ts). */
function postAnswer(deps: HandlerDeps, client: ChatClient, args: Parameters<ChatClient['chat']['postMessage']>[0] & SlackMessage) {
  return sendDroppingRefused(args, (a) => client.chat.postMessage(a), { onDrop: loggedDrop(deps, args.channel) });
}

/** chat.postEphemeral, with the same rule. */
function postEphemeralAnswer(
  deps: HandlerDeps,
  client: ChatClient,
  args: Parameters<ChatClient['chat']['postEphemeral']>[0] & SlackMessage,
) {
  return sendDroppingRefused(args, (a) => client.chat.postEphemeral(a), { onDrop: loggedDrop(deps, args.channel) });
}

/** Logs what a refused message goes without. */
export const loggedDrop = (deps: Pick<HandlerDeps, 'logger'>, where: unknown) => (dropped: string) =>
  deps.logger.info(`slack: Slack refused the answer's ${dropped}; sending it without`, { where });

const ephemeral = (message: SlackMessage | { text: string }) => JSON.stringify({ response_type: 'ephemeral', ...message });
const APOLOGY_JSON = ephemeral({ text: APOLOGY });

/**
 * The JSON an ephemeral slash answer is posted as. An answer the core marks cacheable depends
 * only on the text and the knowledge base, which is fixed while the app runs, so each distinct
 * text is answered and rendered once, keyed by the text exactly as Slack sent it (a hit skips
 * even the parsing); others (a channel's digest settings) are read every time.
 */
async function slashAnswerJson(deps: HandlerDeps, slackText: string, context: ChannelContext): Promise<string> {
  const cached = deps.renderedAnswers.get(slackText);
  if (cached !== undefined) return cached;
  const text = commandText(slackText);
  const answer = await deps.answerer.answer(deps.answerer.parseText(text), context);
  void recordIfUnanswered(deps.feedback, 'slack', answer);
  const json = ephemeral(withVotes(deps, renderAnswer(answer, answer.show.shareable ? { shareCommand: text } : {}), answer));
  // A "no match" is recorded each time it is asked, so it is not answered from the cache while recording.
  const recorded = deps.feedback?.enabled && !answer.matched;
  if (answer.show.cacheable && !recorded && slackText.length <= MAX_CACHED_TEXT) deps.renderedAnswers.set(slackText, json);
  return json;
}

/**
 * Answers one slash command at its response_url; logs and apologises on failure. When the
 * post itself failed, no apology follows: it would go to the same failing URL, and after a
 * timeout the answer may have landed (an answer and an apology would contradict each other).
 */
async function answerSlashCommand(
  deps: HandlerDeps,
  responseUrl: string,
  slackText: unknown,
  channelId: string,
  userId: string,
  issuedAt: number,
): Promise<void> {
  let json: string;
  try {
    // A slash answer goes to the asker alone (ephemeral): the one place the report may be shown.
    const context = slackContext(channelId, userId, deps.curators?.includes(userId));
    json = await slashAnswerJson(deps, typeof slackText === 'string' ? slackText : '', context);
  } catch (error) {
    deps.logger.error('slack: slash command failed', { error, user: userId, channel: channelId });
    await deps.responses
      .post(responseUrl, APOLOGY_JSON, { issuedAt })
      .catch((apologyError: unknown) => deps.logger.error('slack: could not apologise', { error: apologyError, user: userId }));
    return;
  }
  try {
    const text = typeof slackText === 'string' ? slackText : '';
    let sent = json;
    await sendDroppingRefused(
      JSON.parse(json) as { blocks?: unknown[] },
      (message) => deps.responses.post(responseUrl, (sent = JSON.stringify(message)), { issuedAt }),
      {
        refused: isResponseUrlBlocksRefusal,
        onDrop: loggedDrop(deps, userId),
      },
    );
    // The cached answer is the one that got through, so the next asking is not refused first.
    if (sent !== json && deps.renderedAnswers.get(text) === json) deps.renderedAnswers.set(text, sent);
  } catch (error) {
    deps.logger.error('slack: could not deliver a slash answer', {
      error,
      failure: (error as ResponseUrlError).failure,
      user: userId,
      channel: channelId,
    });
  }
}

/**
 * `/sinorussia <text>`: ack at once, then an ephemeral answer with a Share button.
 * The answer is not awaited: Bolt keeps every object of a request alive until its listener
 * settles, and waiting for Slack's reply to the post kept them alive long enough to reach
 * V8's old generation; under load that garbage collection cost more than the answer itself.
 * answerSlashCommand handles its own failures, so nothing is lost by not waiting.
 */
export function onSlashCommand(deps: HandlerDeps) {
  return async ({ command, ack }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const issuedAt = Date.now();
    void deps.inFlight.track(
      isFirstTrigger(deps, command.trigger_id, 'slash command').then(async (first) => {
        if (!first) return;
        const rate = rateFor(deps, command.user_id, 'slash command');
        if (rate === 'allow')
          return answerSlashCommand(deps, command.response_url, command.text, command.channel_id, command.user_id, issuedAt);
        if (rate === 'tell') {
          await deps.responses
            .post(command.response_url, SLOW_DOWN_JSON, { issuedAt })
            .catch((error: unknown) => deps.logger.warn('slack: could not say slow down', { error, user: command.user_id }));
        }
      }),
    );
  };
}

/** Slack's errors for "the bot cannot post here": a private channel or a DM it is not in. */
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** Counts a failed Web API call Slack refused (see HandlerDeps.outboundError). */
export function countFailure(deps: HandlerDeps, error: unknown): void {
  const code = codeToCount(error);
  if (code) deps.outboundError?.(code);
}

/** "Share to channel": answers the same text again and posts it, naming who shared it. */
export function onShare(deps: HandlerDeps) {
  return async ({ ack, body, action, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await deps.inFlight.track(
      (async () => {
        if (!(await isFirstTrigger(deps, body.trigger_id, 'Share click'))) return;
        const rate = rateFor(deps, body.user.id, 'share');
        if (rate === 'allow') return shareAnswer(deps, body, action.value, client);
        if (rate === 'tell') {
          await deps.responses
            .post(body.response_url, JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: SLOW_DOWN }))
            .catch((error: unknown) => deps.logger.warn('slack: could not say slow down', { error, user: body.user.id }));
        }
      })(),
    );
  };
}

/** A Web API call that timed out may have gone through: apologising could contradict an answer. */
export function mayHaveLanded(error: unknown): boolean {
  const original = (error as { original?: { name?: string } } | undefined)?.original;
  return original?.name === 'TimeoutError' || original?.name === 'AbortError';
}

async function shareAnswer(deps: HandlerDeps, body: BlockButtonAction, sharedText: unknown, client: ChatClient): Promise<void> {
  const respond = (message: Record<string, unknown>) => deps.responses.post(body.response_url, JSON.stringify(message));
  // The sharer is who Slack says clicked, never anything typed.
  const user = body.user.id;
  const channel = body.channel?.id;
  try {
    if (!channel) throw new Error('share clicked outside a conversation (no channel in the payload)');
    // Share re-renders an answer already shown, with no channel: a button can never change a
    // channel's subscription (private answers carry no Share button anyway).
    const shared = await deps.answerer.answer(deps.answerer.parseText(commandText(sharedText)));
    const message = withVotes(deps, renderAnswer(shared, { sharedBy: user }), shared);
    const posted = await postAnswer(deps, client, { channel, ...message, ...QUIET });
    if (typeof posted.ts === 'string')
      await deps.recordPost?.({ platform: 'slack', channelId: channel, messageId: posted.ts, answer: shared, sharedBy: user });
  } catch (error) {
    countFailure(deps, error);
    const code = slackErrorCode(error);
    deps.logger.error('slack: share failed', { error, slackError: code, user, channel });
    if (mayHaveLanded(error)) return;
    const text =
      code && CANNOT_POST.has(code)
        ? 'I cannot post in this conversation. Invite me with `/invite @sinorussia`, then share again.'
        : APOLOGY;
    await respond({ response_type: 'ephemeral', replace_original: false, text }).catch((apologyError: unknown) =>
      deps.logger.error('slack: could not apologise', { error: apologyError, user }),
    );
    return;
  }
  // Shared: the private copy goes; if it cannot, it only stays visible to the sharer.
  await respond({ delete_original: true }).catch((error: unknown) =>
    deps.logger.warn('slack: could not remove the private copy of a shared answer', { error, user }),
  );
}

/**
 * Posts an answer in a conversation (and thread); on failure logs and posts an apology there.
 * An answer for the asker only (the digest's) goes only to them in a channel (ephemeral), like
 * the slash command.
 */
async function answerInConversation(
  deps: HandlerDeps,
  client: ChatClient,
  where: { channel: string; thread_ts?: string; user?: string; handler: string; private?: boolean; addressed?: boolean },
  slackText: unknown,
): Promise<void> {
  const target = { channel: where.channel, ...(where.thread_ts ? { thread_ts: where.thread_ts } : {}) };
  const rate = rateFor(deps, where.user, where.handler);
  if (rate !== 'allow') {
    if (rate === 'quiet') return;
    // Told privately: in a channel only the asker sees it; a DM is private already.
    const telling =
      where.private || !where.user
        ? client.chat.postMessage({ ...target, text: SLOW_DOWN })
        : client.chat.postEphemeral({ ...target, user: where.user, text: SLOW_DOWN });
    await telling.catch((error: unknown) => {
      countFailure(deps, error);
      deps.logger.warn('slack: could not say slow down', { error, ...where });
    });
    return;
  }
  try {
    const answer = await answerText(deps, slackText, slackContext(where.channel, where.user ?? ''), where.addressed);
    void recordIfUnanswered(deps.feedback, 'slack', answer);
    const message = withVotes(deps, renderAnswer(answer, {}), answer);
    if (!where.private && where.user && answer.show.audience === 'asker')
      await postEphemeralAnswer(deps, client, { ...target, user: where.user, ...message });
    else {
      const posted = await postAnswer(deps, client, { ...target, ...message, ...QUIET });
      // Only what a channel saw is corrected later: a DM's answer is the asker's alone.
      if (!where.private && typeof posted.ts === 'string') {
        await deps.recordPost?.({ platform: 'slack', channelId: where.channel, messageId: posted.ts, threadId: where.thread_ts, answer });
      }
    }
  } catch (error) {
    countFailure(deps, error);
    deps.logger.error(`slack: ${where.handler} failed`, { error, slackError: slackErrorCode(error), ...where });
    if (mayHaveLanded(error)) return;
    await client.chat.postMessage({ ...target, text: APOLOGY }).catch((apologyError: unknown) => {
      countFailure(deps, apologyError);
      deps.logger.error('slack: could not apologise', { error: apologyError, ...where });
    });
  }
}

/** `@sinorussia <question>` in a channel: answered in a thread under it, or in its thread. */
export function onAppMention(deps: HandlerDeps) {
  return async ({ event, body, context, client }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    if (!(await isFirstDelivery(deps, body.event_id, context.retryNum))) return;
    // Other bots mentioning us could start a loop; people are who we answer.
    if (event.bot_id) return;
    const thread_ts = event.thread_ts ?? event.ts;
    await deps.inFlight.track(
      answerInConversation(
        deps,
        client,
        { channel: event.channel, thread_ts, user: event.user, handler: 'mention', addressed: true },
        event.text,
      ),
    );
  };
}

/** A direct message to the bot: answered in the DM (in its thread when it has one). */
export function onDirectMessage(deps: HandlerDeps) {
  return async ({ event, body, context, client }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    // Edits, joins, bot posts (our own answers included) carry a subtype or a bot_id.
    if (event.channel_type !== 'im' || event.subtype !== undefined || ('bot_id' in event && event.bot_id)) return;
    if (!(await isFirstDelivery(deps, body.event_id, context.retryNum))) return;
    // A DM is private already: digest answers are posted there as they are.
    const where = { channel: event.channel, thread_ts: event.thread_ts, user: event.user, handler: 'direct message', private: true };
    await deps.inFlight.track(answerInConversation(deps, client, where, event.text));
  };
}

/** The optional listeners an app has: a click on an old 👍 after FEEDBACK=off is dropped, not left unanswered. */
export interface Listening {
  feedback: boolean;
  home: boolean;
}
const ALL_LISTENERS: Listening = { feedback: true, home: true };

/** Why a request is not one of ours, or undefined when a listener above will take it. */
export function unknownRequest(body: AnyMiddlewareArgs['body'], listening: Listening = ALL_LISTENERS): string | undefined {
  const b = body as Record<string, unknown>;
  if (typeof b.command === 'string') return b.command === SLASH_COMMAND ? undefined : `command ${b.command}`;
  if (b.type === 'event_callback') {
    const type = (b.event as { type?: unknown } | undefined)?.type;
    return type === 'app_mention' || type === 'message' || (listening.home && type === 'app_home_opened')
      ? undefined
      : `event ${String(type)}`;
  }
  if (b.type === 'block_actions') {
    const actions = Array.isArray(b.actions) ? (b.actions as { action_id?: unknown }[]) : [];
    const unknown = actions.find(
      (a) => a.action_id !== SHARE_ACTION_ID && !(listening.feedback && FEEDBACK_ACTIONS.has(String(a.action_id))),
    );
    return unknown ? `action ${String(unknown.action_id)}` : undefined;
  }
  if (b.type === 'message_action') return b.callback_id === VERIFY_SHORTCUT ? undefined : `shortcut ${String(b.callback_id)}`;
  if (b.type === 'view_submission') {
    const callbackId = (b.view as { callback_id?: unknown } | undefined)?.callback_id;
    return listening.feedback && callbackId === REASON_CALLBACK_ID ? undefined : `view ${String(callbackId)}`;
  }
  return `interaction ${String(b.type)}`;
}

const FEEDBACK_ACTIONS = new Set([FEEDBACK_ACTION_ID, FEEDBACK_UP_ACTION_ID, FEEDBACK_DOWN_ACTION_ID]);

/** Global middleware: logs and drops (acking, so Slack shows no error) what we do not handle. */
export function dropUnknownRequests(logger: Logger, listening: Listening = ALL_LISTENERS) {
  return async (args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const reason = unknownRequest(args.body, listening);
    if (reason === undefined) return args.next();
    logger.warn('slack: dropped an unknown request', { reason });
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
  };
}
