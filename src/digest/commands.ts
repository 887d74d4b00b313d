/**
 * The daily digest's settings and previews over a store: what the digest commands
 * (src/commands/digest/) call once a request has been read. A failing store is logged and
 * answered with a plain apology; nothing here throws.
 */
import { Composer } from '../answer/compose.ts';
import { guideAnswer, guideLine } from '../answer/guide.ts';
import type { AnswerItem, CommandRef } from '../answer/types.ts';
import type { Reply } from '../commands/command.ts';
import type { Topic } from '../knowledge/topics.ts';
import type { Knowledge } from '../knowledge/types.ts';
import type { Logger } from '../log.ts';
import { DEFAULT_TIMING, previewDigest } from './preview.ts';
import { dueInstant, formatLocal, localDateAt, nextDue } from './schedule.ts';
import { dueLocalDate } from './scheduler.ts';
import type { DigestStore } from './store.ts';
import { type ChannelContext, type Clock, type Subscription, systemClock } from './types.ts';

export interface DigestCommandsDeps {
  store: DigestStore;
  knowledge: Knowledge;
  /** Shared with the core when given; built from `knowledge` otherwise. */
  composer?: Composer;
  clock?: Clock;
  /** Where a failing store is reported (the user gets a plain apology). */
  logger?: Logger;
}

/** A channel's settings as a subscribe request gives them; unset ones take the defaults. */
export interface DigestSettings {
  time?: string;
  zone?: string;
  topics?: Topic[];
}

/** One method per digest command that touches the store; the answers' queries are the caller's. */
export interface DigestService {
  subscribe(settings: DigestSettings, where: ChannelContext): Promise<Reply>;
  unsubscribe(where: ChannelContext): Promise<Reply>;
  status(where: ChannelContext): Promise<Reply>;
  preview(where: ChannelContext): Promise<Reply>;
}

const SUBSCRIBE_USAGE: CommandRef = { command: 'digest subscribe', usage: true };
const ref = (command: CommandRef['command']): CommandRef => ({ command });

export const digestReply = (title: string, lead: string, items: AnswerItem[] = [], next: CommandRef[] = [ref('digest status')]): Reply =>
  guideAnswer({ query: '', title, lead, items, next });

const topicsText = (topics: Topic[]) => (topics.length === 0 ? 'all topics' : topics.join(', '));

/** The channel acted on, by name when known (`#general`), so a command from a thread says where it went. */
export const channelCalled = (ctx: ChannelContext, unnamed: string) => (ctx.channelName ? `#${ctx.channelName}` : unnamed);
const channelText = (ctx: ChannelContext) => channelCalled(ctx, 'This channel');
const inChannel = (ctx: ChannelContext) => (ctx.channelName ? ` in #${ctx.channelName}` : '');

export function createDigestCommands(deps: DigestCommandsDeps): DigestService {
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

  /** Runs one store operation; a failure is logged and becomes an apology that says nothing changed. */
  const guarded = async (command: string, ctx: ChannelContext, work: () => Promise<Reply>): Promise<Reply> => {
    try {
      return await work();
    } catch (e) {
      deps.logger?.error('digest command failed', { platform: ctx.platform, channel: ctx.channelId, command, error: e });
      return digestReply(
        'Digest: something went wrong',
        'The digest settings could not be read or saved just now. Nothing was changed; please try again in a minute.',
      );
    }
  };

  return {
    subscribe: (settings, ctx) =>
      guarded('subscribe', ctx, async () => {
        const subscription: Subscription = {
          platform: ctx.platform,
          channelId: ctx.channelId,
          time: settings.time ?? DEFAULT_TIMING.time,
          timeZone: settings.zone ?? DEFAULT_TIMING.timeZone,
          topics: settings.topics ?? [],
          subscribedBy: ctx.userId,
          subscribedAt: clock.now().toISOString(),
        };
        await store.saveSubscription(subscription);
        return digestReply(
          'Daily digest subscribed',
          `Every day at ${subscription.time} ${subscription.timeZone}${inChannel(ctx)}, on ${topicsText(subscription.topics)}; ` +
            `next post ${await nextLine(subscription)}.`,
          [guideLine(ref('digest preview'), "see tomorrow's post now"), guideLine(ref('digest unsubscribe'), 'stop it')],
          [ref('digest status'), ref('digest preview')],
        );
      }),

    unsubscribe: (ctx) =>
      guarded('unsubscribe', ctx, async () => {
        const removed = await store.removeSubscription(ctx.platform, ctx.channelId);
        return removed
          ? digestReply('Daily digest stopped', `${channelText(ctx)} will get no more daily posts. Subscribe again at any time.`, [
              guideLine(SUBSCRIBE_USAGE, 'subscribe again'),
            ])
          : digestReply('No daily digest here', `${channelText(ctx)} was not subscribed, so there was nothing to stop.`, [
              guideLine(SUBSCRIBE_USAGE, 'subscribe'),
            ]);
      }),

    status: (ctx) =>
      guarded('status', ctx, async () => {
        const sub = await store.getSubscription(ctx.platform, ctx.channelId);
        if (!sub)
          return digestReply(
            'No daily digest here',
            `${channelText(ctx)} is not subscribed.`,
            [guideLine(SUBSCRIBE_USAGE, 'subscribe (defaults: 09:00, UTC, all topics)')],
            [ref('digest preview')],
          );
        // Labels, not commands: each surface shows them as they are.
        const items = [
          guideLine('time', `${sub.time} ${sub.timeZone}`),
          guideLine('topics', topicsText(sub.topics)),
          guideLine('subscribed by', `${sub.subscribedBy}, ${formatLocal(new Date(sub.subscribedAt), sub.timeZone)}`),
        ];
        if (sub.pausedReason) {
          items.push(guideLine('paused', `the last post failed (${sub.pausedReason}); subscribe again to resume`));
          return digestReply(
            'Daily digest: paused',
            `Paused: the bot could not post${inChannel(ctx) || ' here'} (${sub.pausedReason}). Subscribe again to resume.`,
            items,
            [ref('digest subscribe')],
          );
        }
        const next = await nextLine(sub);
        items.push(guideLine('next post', next));
        return digestReply(
          'Daily digest: active',
          `Every day at ${sub.time} ${sub.timeZone}${inChannel(ctx)}, on ${topicsText(sub.topics)}; next post ${next}.`,
          items,
          [ref('digest preview'), ref('digest unsubscribe')],
        );
      }),

    preview: (ctx) =>
      guarded('preview', ctx, async () => {
        const sub = await store.getSubscription(ctx.platform, ctx.channelId);
        const { selection } = await previewDigest({ knowledge, composer, clock, store }, { subscription: sub });
        const { show: _show, ...answer } = selection.answer;
        const note = sub
          ? `Preview of tomorrow's post${inChannel(ctx)} (only you see this).`
          : `${channelText(ctx)} is not subscribed; here is what tomorrow's post would be (09:00 UTC, all topics).`;
        return { ...answer, lead: `${note} ${answer.lead ?? ''}`.trim() };
      }),
  };
}
