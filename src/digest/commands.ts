/**
 * `digest subscribe|unsubscribe|status|preview …`, the same on every platform. Bad input
 * gets an answer that says what is accepted; nothing here throws for what a user types.
 */
import { Composer } from '../answer/compose.ts';
import { guideAnswer, guideLine } from '../answer/guide.ts';
import { DIGEST_GUIDE, SUBSCRIBE_USAGE } from '../commands/digest.ts';
import type { Answer, AnswerItem } from '../answer/types.ts';
import { matchTopic } from '../commands/topic-match.ts';
import { SinorussiaError } from '../errors.ts';
import { TOPIC_NAMES, type Topic } from '../knowledge/topics.ts';
import type { Knowledge } from '../knowledge/types.ts';
import type { Logger } from '../log.ts';
import { DEFAULT_TIMING, previewDigest } from './preview.ts';
import { dueInstant, formatLocal, formatTime, localDateAt, looksLikeTime, looksLikeZone, nextDue, parseTime, parseZone, TIME_FORMS, ZONE_FORMS } from './schedule.ts';
import { dueLocalDate } from './scheduler.ts';
import type { DigestStore } from './store.ts';
import { systemClock, type ChannelContext, type Clock, type DigestCommands, type Subscription } from './types.ts';

export interface DigestCommandsDeps {
  store: DigestStore;
  knowledge: Knowledge;
  /** Shared with the answerer when given; built from `knowledge` otherwise. */
  composer?: Composer;
  clock?: Clock;
  /** Where a failing store is reported (the user gets a plain apology). */
  logger?: Logger;
}


const reply = (title: string, lead: string, items: AnswerItem[] = [], next: string[] = ['digest status']): Answer =>
  guideAnswer({ query: '', title, lead, items, next });

const topicsText = (topics: Topic[]) => (topics.length === 0 ? 'all topics' : topics.join(', '));

interface SubscribeRequest {
  time: string;
  timeZone: string;
  topics: Topic[];
}

/** Reads `[HH:MM] [Area/City] [topics…]` in any order; throws BAD_ARGUMENT naming the bad word. */
export function parseSubscribeArgs(words: string[]): SubscribeRequest {
  let time: string | undefined;
  let timeZone: string | undefined;
  const topics: Topic[] = [];
  for (const word of words) {
    if (looksLikeTime(word)) {
      if (time) throw new SinorussiaError('BAD_ARGUMENT', `two times given ("${time}", "${word}"): give one, ${TIME_FORMS}`, word);
      time = formatTime(parseTime(word));
    } else if (looksLikeZone(word)) {
      if (timeZone) throw new SinorussiaError('BAD_ARGUMENT', `two time zones given ("${timeZone}", "${word}"): give one, ${ZONE_FORMS}`, word);
      timeZone = parseZone(word);
    } else {
      const topic = matchTopic(word.replace(/,$/, ''));
      if (!topic) throw new SinorussiaError('BAD_ARGUMENT', `"${word}" is not a topic, time or time zone: topics are ${TOPIC_NAMES.join(', ')}`, word);
      if (!topics.includes(topic)) topics.push(topic);
    }
  }
  return { time: time ?? DEFAULT_TIMING.time, timeZone: timeZone ?? DEFAULT_TIMING.timeZone, topics };
}

export function createDigestCommands(deps: DigestCommandsDeps): DigestCommands {
  const { store, knowledge } = deps;
  const clock = deps.clock ?? systemClock;
  const composer = deps.composer ?? new Composer(knowledge);

  /** When the next post is due, in the channel's zone. */
  const nextLine = async (sub: Subscription) => {
    const now = clock.now();
    const today = localDateAt(now, sub.timeZone);
    const sentToday = (await store.getDelivery({ platform: sub.platform, channelId: sub.channelId, localDate: today }))?.status === 'sent';
    // Today's time has passed but its post is still owed (a restart): it goes out now.
    if (!sentToday && dueLocalDate(sub, now) === today) return 'now (today’s post is on its way)';
    const blocked = sentToday || Date.parse(sub.subscribedAt) > dueInstant(today, sub.time, sub.timeZone).getTime();
    return formatLocal(nextDue(sub, now, blocked).at, sub.timeZone);
  };

  const refuse = (what: string) =>
    reply('Not allowed', `Only members who can manage this channel may ${what} its daily digest. Ask one of them, or use digest status and digest preview.`, [], ['digest status', 'digest preview']);

  async function subscribe(words: string[], ctx: ChannelContext): Promise<Answer> {
    if (!ctx.canManage) return refuse('change');
    const request = parseSubscribeArgs(words);
    const subscription: Subscription = {
      platform: ctx.platform,
      channelId: ctx.channelId,
      ...request,
      subscribedBy: ctx.userId,
      subscribedAt: clock.now().toISOString(),
    };
    await store.saveSubscription(subscription);
    return reply(
      'Daily digest subscribed',
      `Every day at ${request.time} ${request.timeZone}, on ${topicsText(request.topics)}; next post ${await nextLine(subscription)}.`,
      [guideLine('digest preview', "see tomorrow's post now"), guideLine('digest unsubscribe', 'stop it')],
      ['digest status', 'digest preview'],
    );
  }

  async function unsubscribe(ctx: ChannelContext): Promise<Answer> {
    if (!ctx.canManage) return refuse('stop');
    const removed = await store.removeSubscription(ctx.platform, ctx.channelId);
    return removed
      ? reply('Daily digest stopped', 'This channel will get no more daily posts. Subscribe again at any time.', [guideLine(SUBSCRIBE_USAGE, 'subscribe again')], ['digest status'])
      : reply('No daily digest here', 'This channel was not subscribed, so there was nothing to stop.', [guideLine(SUBSCRIBE_USAGE, 'subscribe')], ['digest status']);
  }

  async function status(ctx: ChannelContext): Promise<Answer> {
    const sub = await store.getSubscription(ctx.platform, ctx.channelId);
    if (!sub) return reply('No daily digest here', 'This channel is not subscribed.', [guideLine(SUBSCRIBE_USAGE, 'subscribe (defaults: 09:00, UTC, all topics)')], ['digest preview']);
    const items = [
      guideLine('time', `${sub.time} ${sub.timeZone}`),
      guideLine('topics', topicsText(sub.topics)),
      guideLine('subscribed by', `${sub.subscribedBy}, ${formatLocal(new Date(sub.subscribedAt), sub.timeZone)}`),
    ];
    if (sub.pausedReason) {
      items.push(guideLine('paused', `the last post failed (${sub.pausedReason}); subscribe again to resume`));
      return reply('Daily digest: paused', `Paused: the bot could not post here (${sub.pausedReason}). Subscribe again to resume.`, items, ['digest subscribe']);
    }
    const next = await nextLine(sub);
    items.push(guideLine('next post', next));
    return reply('Daily digest: active', `Every day at ${sub.time} ${sub.timeZone}, on ${topicsText(sub.topics)}; next post ${next}.`, items, ['digest preview', 'digest unsubscribe']);
  }

  async function preview(ctx: ChannelContext): Promise<Answer> {
    const sub = await store.getSubscription(ctx.platform, ctx.channelId);
    const { selection } = await previewDigest({ knowledge, composer, clock, store }, { subscription: sub });
    const answer = selection.answer;
    const note = sub ? "Preview of tomorrow's post (only you see this)." : "This channel is not subscribed; here is what tomorrow's post would be (09:00 UTC, all topics).";
    return { ...answer, lead: `${note} ${answer.lead ?? ''}`.trim() };
  }

  return {
    async handle(args: string, ctx: ChannelContext): Promise<Answer> {
      const [sub = '', ...words] = String(args ?? '').trim().split(/\s+/).filter(Boolean);
      const query = `digest ${String(args ?? '').trim()}`.trim().slice(0, 200);
      try {
        let answer: Answer;
        switch (sub.toLowerCase()) {
          case 'subscribe':
          case 'sub':
            answer = await subscribe(words, ctx);
            break;
          case 'unsubscribe':
          case 'unsub':
          case 'stop':
            answer = await unsubscribe(ctx);
            break;
          case 'status':
            answer = await status(ctx);
            break;
          case 'preview':
            answer = await preview(ctx);
            break;
          default:
            answer = reply('The daily digest', sub ? `"${sub.slice(0, 40)}" is not a digest command. Use one of these:` : 'One sourced post a day in this channel, at its local time.', DIGEST_GUIDE, ['help']);
        }
        return { ...answer, query };
      } catch (e) {
        if (e instanceof SinorussiaError && e.code === 'BAD_ARGUMENT') {
          return { ...reply('Digest: not understood', e.message.replace(/^sinorussia: /, ''), DIGEST_GUIDE, ['digest status']), query };
        }
        deps.logger?.error('digest command failed', { platform: ctx.platform, channel: ctx.channelId, command: sub, error: e });
        return { ...reply('Digest: something went wrong', 'The digest settings could not be read or saved just now. Nothing was changed; please try again in a minute.', [], ['digest status']), query };
      }
    },
  };
}
