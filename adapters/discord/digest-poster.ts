/**
 * Posts a daily digest in a Discord channel: POST /channels/{id}/messages with the answer's
 * embed, pinging nobody, and a nonce with `enforce_nonce`, so a resend within minutes (a
 * retry after a lost response) returns the message already posted instead of a second one.
 *
 * It has a REST client of its own (same token and API base as the bot): the client's REST
 * waits out 429s and retries 5xx by itself, which would hide Retry-After from the scheduler
 * that owns retries and pacing. Never throws.
 *
 * The nonce only dedupes for a few minutes, so before a retry `findPosted` reads the
 * channel's latest messages for the bot's own post with this digest's title (the title
 * names the local day): an attempt that crashed or lost its answer may have posted.
 */
import { createHash } from 'node:crypto';
import {
  type APIEmbed,
  type RawFile,
  REST,
  type RESTPatchAPIChannelMessageJSONBody,
  type RESTPostAPIChannelMessageJSONBody,
  Routes,
} from 'discord.js';
import type { Answer } from '../../src/answer/types.ts';
import type { CorrectionPoster } from '../../src/corrections/types.ts';
import type { DigestPoster, LookupResult, PostResult } from '../../src/digest/types.ts';
import type { FeedbackRecorder } from '../../src/feedback/types.ts';
import type { Logger } from '../../src/log.ts';
import { postResultOf } from '../outbound-errors.ts';
import { type ChartImages, chartedEmbed } from './chart-attachment.ts';
import { CHART_FILE_NAME } from './chart-png.ts';
import type { DiscordConfig } from './config.ts';
import { classifyDiscordError, isMissingPermissions } from './errors.ts';
import { digestFeedbackComponents } from './feedback.ts';
import { renderEmbed } from './render.ts';

const SNOWFLAKE = /^[0-9]{15,21}$/;

/** Discord's longest nonce. */
export const NONCE_MAX = 25;

/** The core's delivery id when it fits Discord's nonce, else a stable 25-character digest of it (same id, same nonce). */
export function discordNonce(deliveryId: string): string {
  if (deliveryId.length <= NONCE_MAX) return deliveryId;
  return createHash('sha256').update(deliveryId).digest('base64url').slice(0, NONCE_MAX);
}

export function digestMessage(digest: Answer, deliveryId: string): RESTPostAPIChannelMessageJSONBody {
  return { embeds: [renderEmbed(digest)], nonce: discordNonce(deliveryId), enforce_nonce: true, allowed_mentions: { parse: [] } };
}

/** What else a digest post carries: the chart as a PNG the embed shows, and 👍 / 👎. */
export interface DigestPostExtras {
  /** Where a chart that could not be drawn is reported (the post then goes without the image). */
  logger?: Logger;
  /** Images the bot has drawn already (shared with its answers). */
  charts?: ChartImages;
  feedback?: FeedbackRecorder;
}

/** The message with its chart attached (`files[0]`, described for screen readers) and its 👍 / 👎 row. */
export async function digestMessageWithExtras(
  digest: Answer,
  deliveryId: string,
  localDate: string | undefined,
  extras: DigestPostExtras,
): Promise<{ body: RESTPostAPIChannelMessageJSONBody; files: RawFile[] }> {
  const body = digestMessage(digest, deliveryId);
  const rows = localDate ? digestFeedbackComponents(localDate, extras.feedback).map((row) => row.toJSON()) : [];
  if (rows.length > 0) body.components = rows;
  if (!digest.chart || !extras.logger) return { body, files: [] };
  const charted = await chartedEmbed(digest, extras.logger, { images: extras.charts });
  const files = charted.files.flatMap((file) =>
    Buffer.isBuffer(file.attachment) && file.name ? [{ file, data: file.attachment, name: file.name }] : [],
  );
  if (files.length === 0) return { body, files: [] };
  body.embeds = charted.embeds;
  body.attachments = files.map(({ file, name }, id) => ({
    id,
    filename: name,
    ...(file.description ? { description: file.description } : {}),
  }));
  return { body, files: files.map(({ data, name }) => ({ data, name, contentType: 'image/png' })) };
}

/** The message without its chart: the plain embed, no attachments. */
function withoutChart(body: RESTPostAPIChannelMessageJSONBody, digest: Answer): RESTPostAPIChannelMessageJSONBody {
  const { attachments: _attachments, ...rest } = body;
  return { ...rest, embeds: [renderEmbed(digest)] };
}

/** What the REST client threw, as a digest post's result (see errors.ts). */
export function discordPostFailure(error: unknown): PostResult {
  return postResultOf(classifyDiscordError(error));
}

/** A REST client that reports every rate limit and never retries on its own. */
export function digestRest(config: Pick<DiscordConfig, 'token' | 'apiUrl'>): REST {
  // offset 0: retryAfterMs is exactly what Discord said; the scheduler adds its own margin.
  // timeout: a hung post becomes a retry well within the scheduler's own limit.
  return new REST({
    ...(config.apiUrl ? { api: config.apiUrl } : {}),
    retries: 0,
    rejectOnRateLimit: () => true,
    offset: 0,
    timeout: 10_000,
  }).setToken(config.token);
}

interface ChannelMessage {
  id?: string;
  author?: { id?: string };
  timestamp?: string;
  embeds?: { title?: string }[];
}

/** Discord's longest embed footer. */
const FOOTER_MAX = 2048;

/** The message's embed as posted, re-rendered, with the correction line ending its footer (its content, "Shared by …", is left alone). */
export function correctedEmbed(original: Answer, line: string): APIEmbed {
  const embed = renderEmbed(original);
  const footer = embed.footer?.text ? `${line} · ${embed.footer.text}` : line;
  return { ...embed, footer: { text: footer.slice(0, FOOTER_MAX) } };
}

/**
 * The edit's body. A PATCH with `embeds` replaces the embed, so the one the post had is read
 * first: when it showed the chart file, the corrected embed shows it again, and `attachments`
 * lists that file so the edit keeps it (API v10 keeps only the files a given list names;
 * nothing is uploaded again). The 👍 / 👎 row is not sent: an edit leaves fields it omits as
 * they were. A post that cannot be read is edited without the image (its file stays).
 */
async function correctedBody(
  rest: REST,
  channelId: string,
  messageId: string,
  embed: APIEmbed,
  logger: Logger | undefined,
): Promise<RESTPatchAPIChannelMessageJSONBody> {
  const body: RESTPatchAPIChannelMessageJSONBody = { embeds: [embed], allowed_mentions: { parse: [] } };
  try {
    const posted = (await rest.get(Routes.channelMessage(channelId, messageId))) as PostedMessage;
    const shown = `attachment://${CHART_FILE_NAME}`;
    const chart = posted.attachments?.find((a) => a.filename === CHART_FILE_NAME);
    if (!chart?.id) return body;
    return { ...body, embeds: [{ ...embed, image: { url: shown } }], attachments: [{ id: chart.id }] };
  } catch (error) {
    logger?.warn('discord: could not read the post to correct; editing it without its chart image', {
      channel: channelId,
      error: classifyDiscordError(error).detail,
    });
    return body;
  }
}

interface PostedMessage {
  attachments?: { id?: string; filename?: string }[];
}

export function createDiscordDigestPoster(
  config: Pick<DiscordConfig, 'token' | 'apiUrl'>,
  extras: DigestPostExtras = {},
): DigestPoster & CorrectionPoster {
  const rest = digestRest(config);
  let botId: Promise<string> | undefined;
  const whoAmI = () => {
    botId ??= (rest.get(Routes.user('@me')) as Promise<{ id: string }>).then((u) => u.id);
    botId.catch(() => (botId = undefined));
    return botId;
  };
  return {
    async findPosted(channelId, digest, { since }): Promise<LookupResult> {
      if (!SNOWFLAKE.test(channelId)) return { ok: true };
      try {
        const title = renderEmbed(digest).title;
        const [me, messages] = await Promise.all([
          whoAmI(),
          rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams({ limit: '100' }) }) as Promise<ChannelMessage[]>,
        ]);
        const mine = messages.find(
          (m) => m.author?.id === me && m.embeds?.some((e) => e.title === title) && Date.parse(m.timestamp ?? '') >= since - 60_000,
        );
        return { ok: true, ...(mine?.id ? { messageId: mine.id } : {}) };
      } catch (error) {
        const failure = classifyDiscordError(error);
        // No access to read the channel: it cannot be checked, and the post will say whether it is gone.
        if (failure.kind === 'gone') return { ok: true };
        return { ok: false, error: failure.detail, ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}) };
      }
    },
    platform: 'discord',
    async reply(channelId, { messageId }, answer, { correctionId }): Promise<PostResult> {
      if (!SNOWFLAKE.test(channelId) || !SNOWFLAKE.test(messageId))
        return { ok: false, kind: 'gone', error: `not a Discord channel or message id: ${channelId.slice(0, 40)}` };
      try {
        const body: RESTPostAPIChannelMessageJSONBody = {
          embeds: [renderEmbed(answer)],
          // A reply to the post; still sent if the post was deleted, as a plain message then.
          message_reference: { message_id: messageId, fail_if_not_exists: false },
          nonce: discordNonce(correctionId),
          enforce_nonce: true,
          allowed_mentions: { parse: [], replied_user: false },
        };
        const message = (await rest.post(Routes.channelMessages(channelId), { body })) as { id?: unknown };
        return { ok: true, ...(typeof message?.id === 'string' ? { messageId: message.id } : {}) };
      } catch (error) {
        return discordPostFailure(error);
      }
    },
    async edit(channelId, messageId, original, line): Promise<PostResult> {
      if (!SNOWFLAKE.test(channelId) || !SNOWFLAKE.test(messageId))
        return { ok: false, kind: 'gone', error: `not a Discord channel or message id: ${channelId.slice(0, 40)}` };
      try {
        await rest.patch(Routes.channelMessage(channelId, messageId), {
          body: await correctedBody(rest, channelId, messageId, correctedEmbed(original.answer, line), extras.logger),
        });
        return { ok: true, messageId };
      } catch (error) {
        return discordPostFailure(error);
      }
    },
    async post(channelId, digest, { deliveryId, localDate }): Promise<PostResult> {
      // The id goes into the URL path: anything but a snowflake could address another route.
      if (!SNOWFLAKE.test(channelId)) return { ok: false, kind: 'gone', error: `not a Discord channel id: ${channelId.slice(0, 40)}` };
      try {
        const { body, files } = await digestMessageWithExtras(digest, deliveryId, localDate, extras);
        const send = (withFiles: boolean) =>
          rest.post(Routes.channelMessages(channelId), withFiles ? { body, files } : { body: withoutChart(body, digest) }) as Promise<{
            id?: unknown;
          }>;
        const message = await send(files.length > 0).catch((error: unknown) => {
          // Refused outright with the image (no Attach Files permission, 50013): the text states every figure, so post without it.
          if (files.length === 0 || !isMissingPermissions(error)) throw error;
          extras.logger?.warn('discord: the digest chart was refused (Attach Files?); posting without it', { channel: channelId });
          return send(false);
        });
        return { ok: true, ...(typeof message?.id === 'string' ? { messageId: message.id } : {}) };
      } catch (error) {
        return discordPostFailure(error);
      }
    },
  };
}
