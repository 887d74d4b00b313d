/**
 * Posts each subscribed channel's digest once per local day. Every tick: find the channels
 * whose time has come today (never an earlier day), claim each (channel, local date)
 * atomically with a lease, render, post, and settle the claim. Several instances may tick
 * against one database: the claim decides which one posts; a claim whose holder died is
 * taken over when its lease ends. Any attempt after the first looks in the channel for the
 * earlier attempt's post before posting again (a crash, a timeout or a lost connection may
 * have hidden a post that landed). Channels are served by a few workers at once, so one slow
 * or rate-limited channel delays only itself.
 */
import { createHash } from 'node:crypto';
import type { Composer } from '../answer/compose.ts';
import type { RecordPost } from '../corrections/types.ts';
import type { Knowledge } from '../knowledge/types.ts';
import type { Logger } from '../log.ts';
import { Pacer } from './pacer.ts';
import { dueInstant, localDateAt } from './schedule.ts';
import { FactGroups, selectDigest } from './select.ts';
import type { Claim, Delivery, DeliveryKey, DigestStore } from './store.ts';
import {
  type Clock,
  type DigestObserver,
  type DigestOutcome,
  type DigestPoster,
  type LookupResult,
  type PlatformName,
  type PostResult,
  type Subscription,
  systemClock,
} from './types.ts';

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
  /** Pace per platform, across its channels (Infinity: no limit). */
  postsPerSecond: number;
  /** Minimum gap between two posts in one channel. */
  channelGapMs: number;
  /** Channels posted to at once. */
  concurrency: number;
  /** A post (or a look for an earlier one) not answered by then counts as a passing failure. */
  postTimeoutMs: number;
  /** How long `stop()` waits for posts in flight; the rest stay claimed and are checked for before any retry. */
  stopGraceMs: number;
}

export const DEFAULT_SCHEDULER_SETTINGS: DigestSchedulerSettings = {
  tickMs: 30_000,
  leaseMs: 5 * 60_000,
  maxAttempts: 8,
  backoffMs: 60_000,
  maxBackoffMs: 30 * 60_000,
  postsPerSecond: 5,
  channelGapMs: 1_100,
  concurrency: 8,
  postTimeoutMs: 10_000,
  stopGraceMs: 7_000,
};

/** What a digest is made from: the base and the composer its owner built over it (shared with the answers). */
export interface DigestBase {
  knowledge: Knowledge;
  composer: Composer;
}

interface SchedulerServices {
  store: DigestStore;
  posters: DigestPoster[];
  logger: Logger;
  clock?: Clock;
  /** Waits for pacing; tests advance their fake clock instead. */
  sleep?: (ms: number) => Promise<void>;
  settings?: Partial<DigestSchedulerSettings>;
  /** Told every delivery's outcome (metrics). */
  observer?: DigestObserver;
  /** Told of every digest that is in its channel, with its message id (so a later correction can find it). */
  recordPost?: RecordPost;
}

/** A fixed base, or `current`: the base now, when it can change under the bot (a reload). */
export type DigestSchedulerDeps = SchedulerServices & (DigestBase | { current: () => DigestBase; knowledge?: Knowledge });

export interface TickReport {
  /** Channels whose post is due today and not yet settled. */
  due: number;
  sent: number;
  retried: number;
  paused: number;
  skipped: number;
  failed: number;
  /** Of `sent`: found already posted by an earlier attempt, so not posted again. */
  found: number;
}

/**
 * The id of one channel-day's post, the same on every attempt: its local date and a hash of
 * the key. Each platform fits it to its own rules (Discord derives its nonce from it). The
 * formula is kept as it was so that a retry across an upgrade still recognises its post.
 */
export function digestDeliveryId(key: DeliveryKey): string {
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

/** Log outcomes as metrics name them. */
const OBSERVED: Record<string, DigestOutcome> = {
  sent: 'sent',
  found: 'found',
  'sent-after-lease': 'lost-lease',
  paused: 'paused',
  retry: 'retry',
  'gave-up': 'failed',
  skipped: 'skipped',
};

type Outcome = Exclude<keyof TickReport, 'due' | 'found'>;

export class DigestScheduler {
  private readonly settings: DigestSchedulerSettings;
  private readonly clock: Clock;
  private readonly base: () => DigestBase;
  /** The fact groups of the current composer, worked out once per fact; replaced with the composer. */
  private groups?: FactGroups;
  private readonly posters: Map<PlatformName, DigestPoster>;
  private readonly pacer: Pacer;
  private readonly sleep: (ms: number) => Promise<void>;
  /** The base whose facts were last recorded as seen: a reloaded base's new facts are new from then. */
  private knownFactsRecorded?: { knowledge: Knowledge; done: Promise<void> };
  private running?: Promise<TickReport>;
  private timer?: NodeJS.Timeout;
  /** Set by stop(): no new claims; pacing waits end at once. */
  private stopping = false;
  private wakeUp: () => void = () => undefined;
  private readonly stopped = new Promise<void>((resolve) => (this.wakeUp = resolve));
  /** A platform-wide rate limit: no post on that platform before then. */
  private readonly platformHold = new Map<PlatformName, number>();
  /** Skips already logged, so a channel without a poster is one line, not one a tick. */
  private readonly loggedSkips = new Set<string>();

  constructor(private readonly deps: DigestSchedulerDeps) {
    this.settings = { ...DEFAULT_SCHEDULER_SETTINGS, ...deps.settings };
    this.clock = deps.clock ?? systemClock;
    if ('current' in deps) this.base = deps.current;
    else {
      const fixed = { knowledge: deps.knowledge, composer: deps.composer };
      this.base = () => fixed;
    }
    this.posters = new Map(deps.posters.map((p) => [p.platform, p]));
    this.sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref()));
    this.pacer = new Pacer(this.clock, this.settings.postsPerSecond, this.settings.channelGapMs);
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

  /**
   * Stops ticking: no channel is claimed any more, posts in flight get until `graceMs` to end.
   * A post still unanswered then keeps its claim; whoever takes it over after the lease looks
   * for it in the channel before posting. Resolves within `graceMs`. A stopped scheduler
   * stays stopped (a restart is a new one).
   */
  async stop(graceMs = this.settings.stopGraceMs): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.stopping = true;
    this.wakeUp();
    const running = this.running;
    if (!running) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
    const ended = await Promise.race([
      running.then(
        () => 'ended' as const,
        () => 'ended' as const,
      ),
      late,
    ]);
    clearTimeout(timer);
    if (ended === 'late')
      this.deps.logger.warn('digest: stopped with posts still in flight; their claims are left to expire and be checked', { graceMs });
  }

  private groupsOf(composer: Composer): FactGroups {
    if (this.groups?.composer !== composer) this.groups = new FactGroups(composer);
    return this.groups;
  }

  private async runTick(): Promise<TickReport> {
    const { store } = this.deps;
    const base = this.base();
    if (this.knownFactsRecorded?.knowledge !== base.knowledge) {
      this.knownFactsRecorded = { knowledge: base.knowledge, done: recordKnownFacts(store, base.knowledge, this.clock) };
    }
    await this.knownFactsRecorded.done;
    const report: TickReport = { due: 0, sent: 0, retried: 0, paused: 0, skipped: 0, failed: 0, found: 0 };
    const now = this.clock.now();
    const due = (await store.activeSubscriptions()).flatMap((subscription) => {
      const localDate = dueLocalDate(subscription, now);
      return localDate ? [{ subscription, localDate }] : [];
    });
    if (due.length === 0) return report;
    // One query tells which of today's posts are already settled or held elsewhere.
    const deliveries = new Map((await store.deliveriesOn([...new Set(due.map((d) => d.localDate))])).map((d) => [keyOf(d), d]));
    const pending = due.filter(({ subscription: s, localDate }) =>
      claimable(deliveries.get(keyOf({ platform: s.platform, channelId: s.channelId, localDate })), now.getTime()),
    );
    report.due = pending.length;
    if (pending.length === 0) return report;
    const firstSeen = await store.knownFacts();
    const queue = [...pending];
    const worker = async () => {
      for (let next = queue.shift(); next && !this.stopping; next = queue.shift()) {
        const key: DeliveryKey = {
          platform: next.subscription.platform,
          channelId: next.subscription.channelId,
          localDate: next.localDate,
        };
        try {
          const outcome = await this.deliver(next.subscription, key, firstSeen, report);
          if (outcome) report[outcome] += 1;
        } catch (error) {
          // A store failure (a lost connection) costs this delivery a tick, not the others.
          report.failed += 1;
          this.deps.logger.error('digest delivery failed', {
            platform: key.platform,
            channel: key.channelId,
            localDate: key.localDate,
            error,
          });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.settings.concurrency, queue.length)) }, worker));
    return report;
  }

  /** Waits for the pacer's slot, or until stop(). */
  private async waitUntil(at: number): Promise<void> {
    const ms = at - this.clock.now().getTime();
    if (ms > 0 && !this.stopping) await Promise.race([this.sleep(ms), this.stopped]);
  }

  /** The poster's promise, or a passing failure once `postTimeoutMs` has gone by. */
  private async timed<T>(work: Promise<T>, onTimeout: (message: string) => T): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(onTimeout(`timed out after ${this.settings.postTimeoutMs} ms`)), this.settings.postTimeoutMs);
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private log(level: 'info' | 'warn' | 'error', outcome: string, key: DeliveryKey, fields: Record<string, unknown> = {}) {
    const observed = OBSERVED[outcome];
    if (observed) this.deps.observer?.delivery(key.platform, observed, typeof fields.error === 'string' ? fields.error : undefined);
    this.deps.logger[level]('digest delivery', {
      platform: key.platform,
      channel: key.channelId,
      localDate: key.localDate,
      outcome,
      ...fields,
    });
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
    report: TickReport,
  ): Promise<Outcome | undefined> {
    const { store } = this.deps;
    const poster = this.posters.get(key.platform);
    if (!poster) return this.skip(key, `no ${key.platform} poster is configured`);
    const channel = `${key.platform}\n${key.channelId}`;
    if ((this.platformHold.get(key.platform) ?? 0) > this.clock.now().getTime()) return undefined;
    await this.waitUntil(this.pacer.reserve(key.platform, channel));
    if (this.stopping) return undefined;
    const now = this.clock.now();
    if ((this.platformHold.get(key.platform) ?? 0) > now.getTime()) return undefined;
    // The wait may have crossed the channel's midnight: never post a day that has passed.
    if (localDateAt(now, subscription.timeZone) !== key.localDate) return this.skip(key, 'the local day ended before its turn');
    const claim = await store.claimDelivery(key, now.getTime(), this.settings.leaseMs, this.settings.maxAttempts);
    if (!claim) return undefined;

    // One base for the whole post, even if a reload lands while it is composed.
    const { knowledge, composer } = this.base();
    const selection = selectDigest({
      knowledge,
      composer,
      groups: this.groupsOf(composer),
      topics: subscription.topics,
      localDate: key.localDate,
      history: await store.sentDigests(key.platform, key.channelId),
      firstSeen,
    });
    if (selection.factIds.length === 0) {
      await store.markFailed(claim, { error: 'no facts on these topics', now: now.getTime() });
      return this.skip(key, 'no facts on these topics');
    }

    const deliveryId = digestDeliveryId(key);
    if (claim.attempts > 1 && poster.findPosted) {
      // An earlier attempt may have landed: its holder crashed, or its answer was lost.
      const since = dueInstant(key.localDate, '00:00', subscription.timeZone).getTime();
      const found: LookupResult = await this.timed<LookupResult>(
        poster
          .findPosted(key.channelId, selection.answer, { deliveryId, since })
          .catch((error: unknown) => ({ ok: false as const, error: String(error) })),
        (error) => ({ ok: false, error }),
      );
      const settledAt = this.clock.now().getTime();
      if (!found.ok)
        return this.retryLater(
          claim,
          { error: `looking for an earlier post: ${found.error}`, retryAfterMs: found.retryAfterMs },
          settledAt,
        );
      if (found.messageId) {
        const kept = await store.markSent(claim, { messageId: found.messageId, factIds: selection.factIds, sentAt: settledAt });
        await this.deps.recordPost?.(
          { platform: key.platform, channelId: key.channelId, messageId: found.messageId, answer: selection.answer },
          knowledge,
        );
        this.log(kept ? 'info' : 'warn', kept ? 'found' : 'sent-after-lease', key, {
          attempts: claim.attempts,
          messageId: found.messageId,
        });
        report.found += 1;
        return 'sent';
      }
    }

    let result: PostResult;
    try {
      const options = { deliveryId, localDate: key.localDate, factIds: selection.factIds };
      result = await this.timed(poster.post(key.channelId, selection.answer, options), (error) => ({
        ok: false,
        kind: 'retry',
        error,
      }));
    } catch (error) {
      // Posters should not throw; if one does, treat it as a passing failure.
      result = { ok: false, kind: 'retry', error: error instanceof Error ? error.message : String(error) };
    }
    this.pacer.posted(channel);
    const settledAt = this.clock.now().getTime();
    if (result.ok) {
      const kept = await store.markSent(claim, { messageId: result.messageId, factIds: selection.factIds, sentAt: settledAt });
      // Recorded even when the lease was lost: the post is in the channel all the same.
      if (result.messageId)
        await this.deps.recordPost?.(
          { platform: key.platform, channelId: key.channelId, messageId: result.messageId, answer: selection.answer },
          knowledge,
        );
      // Kept false: our lease ran out mid-post and another instance took over (a platform may dedupe by the delivery id).
      this.log(kept ? 'info' : 'warn', kept ? 'sent' : 'sent-after-lease', key, {
        attempts: claim.attempts,
        messageId: result.messageId,
        facts: selection.factIds.length,
        new: selection.newFactIds.length,
      });
      return 'sent';
    }
    if (result.kind === 'gone') {
      await store.pauseSubscription(key.platform, key.channelId, result.error);
      await store.markFailed(claim, { error: result.error, now: settledAt });
      this.log('warn', 'paused', key, { attempts: claim.attempts, error: result.error });
      return 'paused';
    }
    return this.retryLater(claim, result, settledAt);
  }

  private async retryLater(
    claim: Claim,
    result: { retryAfterMs?: number; scope?: 'channel' | 'platform'; error: string },
    now: number,
  ): Promise<Outcome> {
    const { backoffMs, maxBackoffMs, maxAttempts, channelGapMs } = this.settings;
    if (claim.attempts >= maxAttempts) {
      await this.deps.store.markFailed(claim, { error: result.error, now });
      this.log('error', 'gave-up', claim, { attempts: claim.attempts, error: result.error });
      return 'failed';
    }
    const delay =
      result.retryAfterMs !== undefined
        ? Math.max(result.retryAfterMs, channelGapMs)
        : Math.min(backoffMs * 2 ** (claim.attempts - 1), maxBackoffMs);
    // A channel's limit holds that channel (its next attempt time); the platform's holds all of its channels.
    if (result.retryAfterMs !== undefined && result.scope === 'platform') this.platformHold.set(claim.platform, now + result.retryAfterMs);
    const nextAttemptAt = now + delay;
    await this.deps.store.markFailed(claim, { error: result.error, nextAttemptAt, now });
    this.log('warn', 'retry', claim, {
      attempts: claim.attempts,
      error: result.error,
      retryInMs: delay,
      nextAttemptAt: new Date(nextAttemptAt).toISOString(),
    });
    return 'retried';
  }
}
