/**
 * Tomorrow's post for a channel, as it will be, without recording anything: if today's post
 * is still to come, it is selected first (as if sent), so tomorrow's does not repeat it.
 */
import type { Composer } from '../answer/compose.ts';
import type { Answer } from '../answer/types.ts';
import { SinorussiaError } from '../errors.ts';
import type { Knowledge } from '../knowledge/types.ts';
import { addDays, dueInstant, localDateAt } from './schedule.ts';
import { dueLocalDate } from './scheduler.ts';
import { type DigestSelection, FactGroups, selectDigest } from './select.ts';
import type { DigestStore, SentDigest } from './store.ts';
import type { Clock, Subscription } from './types.ts';

export interface PreviewDeps {
  knowledge: Knowledge;
  composer: Composer;
  clock: Clock;
  /** Without a store: a channel with no history. */
  store?: DigestStore;
}

/** Settings of a channel that is not subscribed: 09:00 UTC, every topic. */
export const DEFAULT_TIMING = { time: '09:00', timeZone: 'UTC' } as const;

export async function previewDigest(
  deps: PreviewDeps,
  target: { subscription?: Subscription; localDate?: string } = {},
): Promise<{ localDate: string; selection: DigestSelection }> {
  const { knowledge, composer, clock, store } = deps;
  const sub = target.subscription;
  const timing = sub ?? DEFAULT_TIMING;
  const now = clock.now();
  const today = localDateAt(now, timing.timeZone);
  const localDate = target.localDate ?? addDays(today, 1);
  const topics = sub?.topics ?? [];
  const firstSeen = (await store?.knownFacts()) ?? new Map<string, number>();
  const history: SentDigest[] =
    sub && store ? (await store.sentDigests(sub.platform, sub.channelId)).filter((h) => h.localDate < localDate) : [];

  // Today's post, still to come before the one previewed: count it as shown.
  const todayPending =
    sub &&
    localDate > today &&
    !history.some((h) => h.localDate === today) &&
    (dueLocalDate(sub, now) === today || now < dueInstant(today, timing.time, timing.timeZone));
  const groups = new FactGroups(composer);
  if (todayPending) {
    const todays = selectDigest({ knowledge, composer, groups, topics, localDate: today, history, firstSeen });
    history.push({ localDate: today, sentAt: dueInstant(today, timing.time, timing.timeZone).getTime(), factIds: todays.factIds });
  }
  return { localDate, selection: selectDigest({ knowledge, composer, groups, topics, localDate, history, firstSeen }) };
}

/**
 * `sinorussia digest preview [--date YYYY-MM-DD] [--channel ID]`: the post for that date
 * (default tomorrow) of that channel on whichever platform it is subscribed on, or of an unsubscribed one.
 */
export async function previewForChannel(deps: PreviewDeps, options: { channelId?: string; date?: string }): Promise<Answer> {
  if (options.date !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(options.date) || Number.isNaN(Date.parse(`${options.date}T00:00:00Z`)))) {
    throw new SinorussiaError('BAD_ARGUMENT', `--date "${options.date}" is not a date: use YYYY-MM-DD`, options.date);
  }
  let subscription: Subscription | undefined;
  if (options.channelId && deps.store) {
    // Channel ids do not collide across platforms in practice; the first by platform name is taken.
    subscription = (await deps.store.channelSubscriptions(options.channelId))[0];
  }
  const { selection } = await previewDigest(deps, { subscription, localDate: options.date });
  const whose = subscription
    ? `Preview for ${subscription.platform} channel ${subscription.channelId} (${subscription.time} ${subscription.timeZone}, ${subscription.topics.length ? subscription.topics.join(', ') : 'all topics'}).`
    : `Preview for ${options.channelId ? `channel ${options.channelId}, which is not subscribed` : 'a channel'}: all topics.`;
  return { ...selection.answer, lead: `${whose} ${selection.answer.lead ?? ''}`.trim() };
}
