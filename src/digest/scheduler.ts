/**
 * Posts each subscribed channel's digest once per local day. Every tick: find the channels
 * whose time has come today (never an earlier day), claim each (channel, local date)
 * atomically with a lease, render, post, and settle the claim. Several instances may tick
 * against one database: the claim decides which one posts; a claim whose holder died is
 * taken over when its lease ends.
 */
import { createHash } from 'node:crypto';
import { Composer } from '../answer/compose.ts';
import type { Knowledge } from '../knowledge/types.ts';
import type { Logger } from '../log.ts';
import { Pacer } from './pacer.ts';
import { dueInstant, localDateAt } from './schedule.ts';
import { selectDigest } from './select.ts';
import type { Claim, Delivery, DeliveryKey, DigestStore } from './store.ts';
import { systemClock, type Clock, type DigestPoster, type PlatformName, type PostResult, type Subscription } from './types.ts';

export interface DigestSchedulerSettings {
  /** How often `start()` ticks. */
  tickMs: number;
  /** How long a claim is held before another instance may take it over (well above a post's timeout). */
  leaseMs: number;
  /** Tries per channel-day before giving up until tomorrow. */
  maxAttempts: number;
  /** Backoff after the first failure, doubled each time, capped at `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
  /** Global pace across all channels (Infinity: no limit). */
  postsPerSecond: number;
  /** Minimum gap between two posts in one channel. */
  channelGapMs: number;
}

export const DEFAULT_SCHEDULER_SETTINGS: DigestSchedulerSettings = {
  tickMs: 30_000,
  leaseMs: 5 * 60_000,
  maxAttempts: 8,
  backoffMs: 60_000,
  maxBackoffMs: 30 * 60_000,
  postsPerSecond: 5,
  channelGapMs: 1_100,
};

export interface DigestSchedulerDeps {
  store: DigestStore;
  knowledge: Knowledge;
  posters: DigestPoster[];
  logger: Logger;
  composer?: Composer;
  clock?: Clock;
  /** Waits for pacing; tests advance their fake clock instead. */
  sleep?: (ms: number) => Promise<void>;
  settings?: Partial<DigestSchedulerSettings>;
}

export interface TickReport {
  /** Channels whose post is due today and not yet settled. */
  due: number;
  sent: number;
  retried: number;
  paused: number;
  skipped: number;
  failed: number;
}

/** Stable per channel and local date, at most 25 characters (Discord's nonce limit). */
export function digestNonce(key: DeliveryKey): string {
  const hash = createHash('sha256').update(`${key.platform}\n${key.channelId}\n${key.localDate}`).digest('hex');
  return `${key.localDate.replaceAll('-', '')}${hash.slice(0, 17)}`;
}

/** Records every fact id of the base as seen now, if not seen before (what "new" is measured by). */
export async function recordKnownFacts(store: DigestStore, knowledge: Knowledge, clock: Clock): Promise<void> {
  await store.recordKnownFacts(
    knowledge.facts.map((f) => f.id),
    clock.now().getTime(),
  );
}

const keyOf = (key: DeliveryKey) => `${key.platform}\n${key.channelId}\n${key.localDate}`;

/** The local date whose post is due at `now`, if any: today's, once its time has passed and it was subscribed before then. */
export function dueLocalDate(subscription: Subscription, now: Date): string | undefined {
  const today = localDateAt(now, subscription.timeZone);
  const at = dueInstant(today, subscription.time, subscription.timeZone).getTime();
  if (now.getTime() < at) return undefined;
  // A channel subscribed after today's time gets its first post tomorrow, not at once.
  if (Date.parse(subscription.subscribedAt) > at) return undefined;
  return today;
}

/** May a tick try this delivery now? Not when sent, held, waiting to retry, or given up. */
function claimable(delivery: Delivery | undefined, now: number): boolean {
  if (!delivery) return true;
  if (delivery.status === 'claimed') return (delivery.leaseUntil ?? 0) <= now;
  if (delivery.status === 'failed') return delivery.nextAttemptAt !== undefined && delivery.nextAttemptAt <= now;
  return false;
}

export class DigestScheduler {
  private readonly settings: DigestSchedulerSettings;
  private readonly clock: Clock;
  private readonly composer: Composer;
  private readonly posters: Map<PlatformName, DigestPoster>;
  private readonly pacer: Pacer;
  private knownFactsRecorded?: Promise<void>;
  private running?: Promise<TickReport>;
  private timer?: NodeJS.Timeout;
  /** Skips already logged, so a channel without a poster is one line, not one a tick. */
  private readonly loggedSkips = new Set<string>();

  constructor(private readonly deps: DigestSchedulerDeps) {
    this.settings = { ...DEFAULT_SCHEDULER_SETTINGS, ...deps.settings };
    this.clock = deps.clock ?? systemClock;
    this.composer = deps.composer ?? new Composer(deps.knowledge);
    this.posters = new Map(deps.posters.map((p) => [p.platform, p]));
    const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    this.pacer = new Pacer(this.clock, sleep, this.settings.postsPerSecond, this.settings.channelGapMs);
  }

  /** One pass over the subscriptions; a tick already running is joined, not doubled. */
  tick(): Promise<TickReport> {
    this.running ??= this.runTick().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Ticks now and every `tickMs` until `stop()`. */
  start(): void {
    if (this.timer) return;
    const tick = () => void this.tick().catch((error) => this.deps.logger.error('digest tick failed', { error }));
    this.timer = setInterval(tick, this.settings.tickMs);
    this.timer.unref();
    tick();
  }

  /** Stops ticking and waits for a tick in progress to finish. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async runTick(): Promise<TickReport> {
    const { store } = this.deps;
    this.knownFactsRecorded ??= recordKnownFacts(store, this.deps.knowledge, this.clock);
    await this.knownFactsRecorded;
    const report: TickReport = { due: 0, sent: 0, retried: 0, paused: 0, skipped: 0, failed: 0 };
    const now = this.clock.now();
    const due = (await store.activeSubscriptions()).flatMap((subscription) => {
      const localDate = dueLocalDate(subscription, now);
      return localDate ? [{ subscription, localDate }] : [];
    });
    if (due.length === 0) return report;
    // One query tells which of today's posts are already settled or held elsewhere.
    const deliveries = new Map((await store.deliveriesOn([...new Set(due.map((d) => d.localDate))])).map((d) => [keyOf(d), d]));
    const pending = due.filter(({ subscription: s, localDate }) => claimable(deliveries.get(keyOf({ platform: s.platform, channelId: s.channelId, localDate })), now.getTime()));
    report.due = pending.length;
    if (pending.length === 0) return report;
    const firstSeen = await store.knownFacts();
    /** A platform that answered 429 is left alone for the rest of the tick (and until its Retry-After). */
    const holdUntil = new Map<PlatformName, number>();
    for (const { subscription, localDate } of pending) {
      const key: DeliveryKey = { platform: subscription.platform, channelId: subscription.channelId, localDate };
      const outcome = await this.deliver(subscription, key, firstSeen, holdUntil);
      if (outcome) report[outcome] += 1;
    }
    return report;
  }

  private log(level: 'info' | 'warn' | 'error', outcome: string, key: DeliveryKey, fields: Record<string, unknown> = {}) {
    this.deps.logger[level]('digest delivery', { platform: key.platform, channel: key.channelId, localDate: key.localDate, outcome, ...fields });
  }

  private skip(key: DeliveryKey, reason: string): 'skipped' | undefined {
    const logged = `${keyOf(key)}\n${reason}`;
    if (this.loggedSkips.has(logged)) return undefined;
    if (this.loggedSkips.size > 50_000) this.loggedSkips.clear();
    this.loggedSkips.add(logged);
    this.log('info', 'skipped', key, { reason });
    return 'skipped';
  }

  private async deliver(
    subscription: Subscription,
    key: DeliveryKey,
    firstSeen: Map<string, number>,
    holdUntil: Map<PlatformName, number>,
  ): Promise<keyof TickReport | undefined> {
    const { store } = this.deps;
    const poster = this.posters.get(key.platform);
    if (!poster) return this.skip(key, `no ${key.platform} poster is configured`);
    const channel = `${key.platform}\n${key.channelId}`;
    await this.pacer.wait(channel);
    const now = this.clock.now();
    if ((holdUntil.get(key.platform) ?? 0) > now.getTime()) return undefined;
    // The wait may have crossed the channel's midnight: never post a day that has passed.
    if (localDateAt(now, subscription.timeZone) !== key.localDate) return this.skip(key, 'the local day ended before its turn');
    const claim = await store.claimDelivery(key, now.getTime(), this.settings.leaseMs, this.settings.maxAttempts);
    if (!claim) return undefined;

    const selection = selectDigest({
      knowledge: this.deps.knowledge,
      composer: this.composer,
      topics: subscription.topics,
      localDate: key.localDate,
      history: await store.sentDigests(key.platform, key.channelId),
      firstSeen,
    });
    if (selection.factIds.length === 0) {
      await store.markFailed(claim, { error: 'no facts on these topics', now: now.getTime() });
      return this.skip(key, 'no facts on these topics');
    }

    let result: PostResult;
    try {
      result = await poster.post(key.channelId, selection.answer, { nonce: digestNonce(key) });
    } catch (error) {
      // Posters should not throw; if one does, treat it as a passing failure.
      result = { ok: false, kind: 'retry', error: error instanceof Error ? error.message : String(error) };
    }
    this.pacer.posted(channel);
    const settledAt = this.clock.now().getTime();
    if (result.ok) {
      const kept = await store.markSent(claim, { messageId: result.messageId, factIds: selection.factIds, sentAt: settledAt });
      // Kept false: our lease ran out mid-post and another instance took over (the nonce lets Discord dedupe).
      this.log(kept ? 'info' : 'warn', kept ? 'sent' : 'sent-after-lease', key, { attempts: claim.attempts, messageId: result.messageId, facts: selection.factIds.length, new: selection.newFactIds.length });
      return 'sent';
    }
    if (result.kind === 'gone') {
      await store.pauseSubscription(key.platform, key.channelId, result.error);
      await store.markFailed(claim, { error: result.error, now: settledAt });
      this.log('warn', 'paused', key, { attempts: claim.attempts, error: result.error });
      return 'paused';
    }
    return this.retryLater(claim, result, settledAt, holdUntil);
  }

  private async retryLater(claim: Claim, result: { retryAfterMs?: number; error: string }, now: number, holdUntil: Map<PlatformName, number>): Promise<keyof TickReport> {
    const { backoffMs, maxBackoffMs, maxAttempts, channelGapMs } = this.settings;
    if (claim.attempts >= maxAttempts) {
      await this.deps.store.markFailed(claim, { error: result.error, now });
      this.log('error', 'gave-up', claim, { attempts: claim.attempts, error: result.error });
      return 'failed';
    }
    const delay = result.retryAfterMs !== undefined ? Math.max(result.retryAfterMs, channelGapMs) : Math.min(backoffMs * 2 ** (claim.attempts - 1), maxBackoffMs);
    if (result.retryAfterMs !== undefined) holdUntil.set(claim.platform, now + result.retryAfterMs);
    const nextAttemptAt = now + delay;
    await this.deps.store.markFailed(claim, { error: result.error, nextAttemptAt, now });
    this.log('warn', 'retry', claim, { attempts: claim.attempts, error: result.error, retryInMs: delay, nextAttemptAt: new Date(nextAttemptAt).toISOString() });
    return 'retried';
  }
}
