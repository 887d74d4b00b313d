/**
 * Posts a daily digest in a Slack channel with chat.postMessage, rendered like any answer.
 * The scheduler owns retries and pacing, so this client never retries or waits by itself:
 * a 429 comes back at once as `retry` with Slack's Retry-After. Never throws.
 *
 * Slack has no idempotency key, so each post carries message metadata naming its channel-day
 * (invisible to people), and `findPosted` looks for it in the channel's recent history
 * before a retry: an attempt whose answer was lost may have posted after all.
 */
import { type types, webApi } from '@slack/bolt';
import type { Answer } from '../../src/answer/types.ts';
import type { CorrectionPoster } from '../../src/corrections/types.ts';
import { digestPostOf } from '../../src/digest/select.ts';
import type { DigestPoster, LookupResult, PostResult } from '../../src/digest/types.ts';
import { digestTarget, feedbackTarget, takesVotes } from '../../src/feedback/target.ts';
import type { FeedbackRecorder } from '../../src/feedback/types.ts';
import type { Logger } from '../../src/log.ts';
import { postResultOf } from '../outbound-errors.ts';
import { boltLogger } from './bolt-logger.ts';
import type { SlackConfig } from './config.ts';
import { classifySlackError } from './errors.ts';
import { escapeSlack } from './escape.ts';
import { withFeedback } from './feedback-block.ts';
import { sendDroppingRefused } from './optional-blocks.ts';
import { renderAnswer, SLACK_LIMITS } from './render.ts';

export { SLACK_GONE_ERRORS } from './errors.ts';

/** The metadata event type that marks the bot's digest posts. */
export const DIGEST_EVENT_TYPE = 'sinorussia_digest';
/** History pages read when looking for an earlier post (200 messages each). */
const LOOKUP_PAGES = 3;
/**
 * Lookup errors that will not pass (the bot may not read this channel's history: no
 * channels:history scope, or a public channel it posts to without having joined): the
 * earlier attempt cannot be checked, so the digest is posted rather than never again.
 */
const UNCHECKABLE = new Set(['missing_scope', 'not_in_channel', 'channel_not_found', 'is_archived', 'not_allowed_token_type']);

/** What the Web API client threw, as a digest post's result (see errors.ts). */
export function slackPostFailure(error: unknown): PostResult {
  return postResultOf(classifySlackError(error));
}

/** A Web API client for digests only: no retries, and 429s rejected instead of waited out. */
export function digestWebClient(config: Pick<SlackConfig, 'botToken' | 'apiUrl'>, logger?: Logger): InstanceType<typeof webApi.WebClient> {
  return new webApi.WebClient(config.botToken, {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // Bounded so a hung connection becomes a retry, not a stuck scheduler slot (the scheduler's own limit is as long).
    timeout: 10_000,
    ...(logger ? { logger: boltLogger(logger) } : {}),
  });
}

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: { nonce?: unknown } };
}

/** The metadata event type that marks the bot's corrections (invisible to people). */
export const CORRECTION_EVENT_TYPE = 'sinorussia_correction';

type KnownBlock = types.KnownBlock;

/**
 * The message as posted, re-rendered (its chart and, through `votes`, its 👍 / 👎 included),
 * with the correction line as a context block under the answer, before the buttons (all
 * within the 50 blocks).
 */
export function correctedMessage(
  original: Answer,
  line: string,
  sharedBy?: string,
  votes: (blocks: KnownBlock[]) => KnownBlock[] = (blocks) => blocks,
): { text: string; blocks: KnownBlock[] } {
  const message = renderAnswer(original, { sharedBy });
  const note: KnownBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: `_${escapeSlack(line)}_` }] };
  const buttons = votes(message.blocks).slice(message.blocks.length);
  const room = SLACK_LIMITS.blocks - 1 - buttons.length;
  return { text: `${message.text}\n${line}`, blocks: [...message.blocks.slice(0, room), note, ...buttons] };
}

/** A direct message with the bot (its ids start with D): a vote there keeps no channel. */
const isDirectChannel = (channelId: string) => channelId.startsWith('D');

/** The post's blocks with 👍 / 👎 about this channel's post of that day (none without the day, or with feedback off). */
function withDigestFeedback(
  blocks: KnownBlock[],
  channelId: string,
  post: { localDate?: string; factIds?: string[] },
  feedback: FeedbackRecorder | undefined,
): KnownBlock[] {
  if (!post.localDate || !post.factIds) return blocks;
  const target = digestTarget(
    { platform: 'slack', channelId, localDate: post.localDate, direct: isDirectChannel(channelId) },
    post.factIds,
  );
  return withFeedback(blocks, target, feedback) as KnownBlock[];
}

/** The 👍 / 👎 the post carried: a digest post's are about that channel's day, any other answer's about the answer. */
function withPostFeedback(blocks: KnownBlock[], channelId: string, answer: Answer, feedback: FeedbackRecorder | undefined): KnownBlock[] {
  const digest = digestPostOf(answer);
  if (digest) return withDigestFeedback(blocks, channelId, digest, feedback);
  return takesVotes(answer) ? (withFeedback(blocks, feedbackTarget(answer), feedback) as KnownBlock[]) : blocks;
}

export function createSlackDigestPoster(
  config: Pick<SlackConfig, 'botToken' | 'apiUrl'>,
  logger?: Logger,
  feedback?: FeedbackRecorder,
): DigestPoster & CorrectionPoster {
  const client = digestWebClient(config, logger);
  return {
    platform: 'slack',
    async post(channelId: string, digest: Answer, { deliveryId, localDate, factIds }): Promise<PostResult> {
      try {
        const message = renderAnswer(digest);
        const blocks = withDigestFeedback(message.blocks, channelId, { localDate, factIds }, feedback);
        const send = (withBlocks: KnownBlock[]) =>
          client.chat.postMessage({
            channel: channelId,
            text: message.text,
            blocks: withBlocks,
            unfurl_links: false,
            unfurl_media: false,
            // `nonce` is the metadata's field name from before it was called the delivery id; kept so older posts are still found.
            metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { nonce: deliveryId } },
          });
        // A workspace that refuses an optional block posted nothing: the same post again without it (optional-blocks.ts).
        const result = await sendDroppingRefused({ blocks }, (m) => send(m.blocks as KnownBlock[]), {
          onDrop: (dropped) => logger?.info(`slack: Slack refused the digest's ${dropped}; posting it without`, { channel: channelId }),
        });
        return { ok: true, ...(typeof result.ts === 'string' ? { messageId: result.ts } : {}) };
      } catch (error) {
        return slackPostFailure(error);
      }
    },

    async reply(channelId, { messageId, threadId }, answer, { correctionId }): Promise<PostResult> {
      try {
        const result = await client.chat.postMessage({
          channel: channelId,
          thread_ts: threadId ?? messageId,
          ...renderAnswer(answer),
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: CORRECTION_EVENT_TYPE, event_payload: { correction: correctionId.slice(0, 500) } },
        });
        return { ok: true, ...(typeof result.ts === 'string' ? { messageId: result.ts } : {}) };
      } catch (error) {
        return slackPostFailure(error);
      }
    },

    async edit(channelId, messageId, original, line): Promise<PostResult> {
      try {
        const votes = (blocks: KnownBlock[]) => withPostFeedback(blocks, channelId, original.answer, feedback);
        const message = correctedMessage(original.answer, line, original.sharedBy, votes);
        // Edited like a post: a workspace refusing an optional block gets the message without it.
        await sendDroppingRefused(message, (m) => client.chat.update({ channel: channelId, ts: messageId, ...m }), {
          onDrop: (dropped) =>
            logger?.info(`slack: Slack refused the corrected message's ${dropped}; editing it without`, { channel: channelId }),
        });
        return { ok: true, messageId };
      } catch (error) {
        return slackPostFailure(error);
      }
    },

    async findPosted(channelId, _digest, { deliveryId, since }): Promise<LookupResult> {
      try {
        let cursor: string | undefined;
        for (let page = 0; page < LOOKUP_PAGES; page++) {
          const history = await client.conversations.history({
            channel: channelId,
            oldest: (since / 1000).toFixed(6),
            include_all_metadata: true,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          });
          const mine = (history.messages as HistoryMessage[] | undefined)?.find(
            (m) => m.metadata?.event_type === DIGEST_EVENT_TYPE && m.metadata.event_payload?.nonce === deliveryId,
          );
          if (mine) return { ok: true, messageId: mine.ts };
          cursor = history.response_metadata?.next_cursor || undefined;
          if (!cursor) break;
        }
        return { ok: true };
      } catch (error) {
        const failure = classifySlackError(error);
        if (UNCHECKABLE.has(failure.detail)) {
          logger?.warn('slack: cannot read the channel to check for an earlier digest post; posting', {
            channel: channelId,
            error: failure.detail,
          });
          return { ok: true };
        }
        return { ok: false, error: failure.detail, ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}) };
      }
    },
  };
}
