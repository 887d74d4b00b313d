/**
 * "Verify with sources", the message shortcut: checks the message it is used on and answers
 * only the person who used it.
 *
 * The answer goes first to the payload's response_url, as an ephemeral message: that URL is
 * tied to the user and the conversation, so it works where the bot is no member (a DM
 * between people, a private channel), needs no scope, and the response poster retries it
 * and keeps it across a restart. When Slack refuses it (expired, used up, unreachable after
 * retries) the answer goes by chat.postEphemeral, and when the bot cannot post in that
 * conversation either (`channel_not_found`, `not_in_channel`), to the user's DM with the
 * bot. A post that timed out may have landed, so it is never followed by another.
 */
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { Answer } from '../../src/answer/types.ts';
import { verifyCommand, verifyRequest } from '../../src/commands/verify.ts';
import { SLOW_DOWN } from '../../src/rate-limit.ts';
import {
  commandText,
  countFailure,
  type HandlerDeps,
  isFirstTrigger,
  loggedDrop,
  mayHaveLanded,
  QUIET,
  rateFor,
  slackContext,
  slackErrorCode,
  withVotes,
} from './handlers.ts';
import { isResponseUrlBlocksRefusal, sendDroppingRefused } from './optional-blocks.ts';
import { APOLOGY, renderAnswer, type SlackMessage } from './render.ts';
import type { ResponseUrlError } from './response-url.ts';
import { shortcutText } from './shortcut-text.ts';

type ChatClient = AllMiddlewareArgs['client'];
type Private = SlackMessage | { text: string; blocks?: undefined };

/** Channel ids (public C…, private G…); a DM (D…) is not written as a link, which would show as an unknown channel. */
const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;
const MAX_BLOCKS = 50;

/** The message's words as the core reads them: Slack's entities decoded, mentions and links' markup removed. */
export function textToVerify(message: unknown): string {
  return commandText(shortcutText(message));
}

/** The DM copy says where it was asked, since it arrives somewhere else. */
function dmCopy(message: Private, channel: string): Private {
  const where = CHANNEL_ID.test(channel) ? ` in <#${channel}>` : '';
  const note = `You used *${verifyCommand.messageAction}* on a message${where}; I could not answer you there, so the answer is here.`;
  if (!message.blocks || message.blocks.length >= MAX_BLOCKS) return { ...message, text: `${note}\n${message.text}` };
  return { ...message, blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: note }] }, ...message.blocks] };
}

/**
 * Shows `message` to the user who used the shortcut, and to them only: response_url, else
 * an ephemeral message in the conversation, else their DM with the bot. True when delivered
 * (or possibly delivered: a timeout); every failure is logged.
 */
export async function answerPrivately(
  deps: HandlerDeps,
  client: ChatClient,
  shortcut: MessageShortcut,
  message: Private,
): Promise<boolean> {
  const user = shortcut.user.id;
  const channel = shortcut.channel?.id;
  const log = { user, channel, handler: 'verify shortcut' };
  try {
    await sendDroppingRefused(
      message,
      (m) => deps.responses.post(shortcut.response_url, JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...m })),
      { refused: isResponseUrlBlocksRefusal, onDrop: loggedDrop(deps, user) },
    );
    return true;
  } catch (error) {
    const failure = (error as ResponseUrlError).failure;
    deps.logger.warn('slack: the response_url refused a verify answer; posting it ephemerally instead', { error, failure, ...log });
    if (failure === 'unknown') return true;
  }
  if (channel) {
    try {
      await sendDroppingRefused(message, (m) => client.chat.postEphemeral({ channel, user, ...m }), { onDrop: loggedDrop(deps, channel) });
      return true;
    } catch (error) {
      countFailure(deps, error);
      deps.logger.warn('slack: chat.postEphemeral refused a verify answer; sending it by DM', {
        error,
        slackError: slackErrorCode(error),
        ...log,
      });
      if (mayHaveLanded(error)) return true;
    }
  }
  try {
    // A user's id as the channel posts in their DM with the bot (the App Home's Messages tab).
    await sendDroppingRefused(dmCopy(message, channel ?? ''), (m) => client.chat.postMessage({ channel: user, ...m, ...QUIET }), {
      onDrop: loggedDrop(deps, user),
    });
    return true;
  } catch (error) {
    countFailure(deps, error);
    deps.logger.error('slack: could not deliver a verify answer anywhere', { error, slackError: slackErrorCode(error), ...log });
    return false;
  }
}

async function verifyMessage(deps: HandlerDeps, client: ChatClient, shortcut: MessageShortcut): Promise<void> {
  const user = shortcut.user.id;
  const channel = shortcut.channel?.id ?? '';
  // A message of files or images alone reads as empty: the core says so in a message's words.
  const request = verifyRequest(textToVerify(shortcut.message), { fromMessage: true });
  let answer: Answer;
  try {
    answer = await deps.answerer.answer(request, slackContext(channel, user));
  } catch (error) {
    deps.logger.error('slack: verify shortcut failed', { error, user, channel });
    await answerPrivately(deps, client, shortcut, { text: APOLOGY });
    return;
  }
  await answerPrivately(deps, client, shortcut, withVotes(deps, renderAnswer(answer, {}), answer));
}

/** The shortcut's listener: ack at once, then check the message and answer privately. */
export function onVerifyShortcut(deps: HandlerDeps) {
  return async ({ shortcut, ack, client }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await deps.inFlight.track(
      (async () => {
        if (!(await isFirstTrigger(deps, shortcut.trigger_id, 'verify shortcut'))) return;
        const rate = rateFor(deps, shortcut.user.id, 'verify shortcut');
        if (rate === 'allow') return verifyMessage(deps, client, shortcut);
        if (rate === 'tell') await answerPrivately(deps, client, shortcut, { text: SLOW_DOWN });
      })(),
    );
  };
}
