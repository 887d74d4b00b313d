/**
 * Corrects the posts that showed a fact the base no longer states as they showed it. Each
 * run (at start, after every reload, and while some correction waits to retry): for every
 * recorded post, every change not yet sent is claimed with a lease (exactly once across
 * restarts and instances on one database), replied in the post's thread as a sourced
 * Answer, and the original message edited to say it was corrected. Paced per platform and
 * channel as the digest is; a channel that is gone is skipped with one log line. Never throws.
 */
import { Pacer } from '../digest/pacer.ts';
import { type Clock, type PostResult, systemClock } from '../digest/types.ts';
import type { Knowledge } from '../knowledge/types.ts';
import type { Logger } from '../log.ts';
import { correctedLine, correctionAnswer } from './notice.ts';
import { type PendingCorrection, pendingCorrections } from './pending.ts';
import type { CorrectionClaim, PostsStore } from './store.ts';
import type { CorrectionPoster } from './types.ts';

export interface CorrectorSettings {
  /** A claim is held this long before another instance may take it over. */
  leaseMs: number;
  /** Tries per post and change before giving up. */
  maxAttempts: number;
  /** Backoff after the first failure, doubled each time. */
  backoffMs: number;
  /** How often a correction waiting to retry is looked at again. */
  retryEveryMs: number;
  /** The digest's pacing: posts a second per platform, and the gap between two in one channel. */
  postsPerSecond: number;
  channelGapMs: number;
}

export const DEFAULT_CORRECTOR_SETTINGS: CorrectorSettings = {
  leaseMs: 5 * 60_000,
  maxAttempts: 6,
  backoffMs: 60_000,
  retryEveryMs: 60_000,
  postsPerSecond: 5,
  channelGapMs: 1_100,
};

export interface CorrectorDeps {
  store: PostsStore;
  posters: CorrectionPoster[];
  /** The base now. */
  knowledge: () => Knowledge;
  logger: Logger;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  settings?: Partial<CorrectorSettings>;
}

export interface CorrectionReport {
  /** Corrections found not yet sent. */
  pending: number;
  sent: number;
  retried: number;
  /** The post's channel is gone, or its platform has no poster. */
  skipped: number;
  failed: number;
}

const channelOf = (p: { platform: string; channelId: string }) => `${p.platform}\n${p.channelId}`;

export class Corrector {
  private readonly settings: CorrectorSettings;
  private readonly clock: Clock;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly posters: Map<string, CorrectionPoster>;
  private readonly pacer: Pacer;
  private running?: Promise<CorrectionReport>;
  /** A run asked for while one was under way: the base may have changed since it began. */
  private again = false;
  private retryDue = false;
  private timer?: NodeJS.Timeout;
  private stopping = false;
  /** Channels already logged as gone or without a poster: one line each, not one a run. */
  private readonly loggedSkips = new Set<string>();

  constructor(private readonly deps: CorrectorDeps) {
    this.settings = { ...DEFAULT_CORRECTOR_SETTINGS, ...deps.settings };
    this.clock = deps.clock ?? systemClock;
    this.sleep = deps.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref()));
    this.posters = new Map(deps.posters.map((p) => [p.platform, p]));
    this.pacer = new Pacer(this.clock, this.settings.postsPerSecond, this.settings.channelGapMs);
  }

  /** One pass; a pass under way is joined, and followed by one more so the latest base is seen. */
  run(): Promise<CorrectionReport> {
    if (this.running !== undefined) {
      this.again = true;
      return this.running;
    }
    this.running = this.runUntilSettled().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Runs now, and again while corrections wait to retry, until `stop()`. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.retryDue) void this.run();
    }, this.settings.retryEveryMs);
    this.timer.unref();
    void this.run();
  }

  /** No new claims; waits for the correction in flight. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.stopping = true;
    await this.running?.catch(() => undefined);
  }

  private async runUntilSettled(): Promise<CorrectionReport> {
    let report = await this.safeRun();
    while (this.again && !this.stopping) {
      this.again = false;
      report = await this.safeRun();
    }
    return report;
  }

  private async safeRun(): Promise<CorrectionReport> {
    const report: CorrectionReport = { pending: 0, sent: 0, retried: 0, skipped: 0, failed: 0 };
    try {
      const knowledge = this.deps.knowledge();
      const pending = await pendingCorrections(this.deps.store, knowledge);
      report.pending = pending.length;
      this.retryDue = false;
      for (const correction of pending) {
        if (this.stopping) break;
        try {
          const outcome = await this.correct(correction, knowledge);
          if (outcome) report[outcome] += 1;
        } catch (error) {
          // A store failure costs this correction a run, not the others.
          report.failed += 1;
          this.retryDue = true;
          this.deps.logger.error('correction failed', { ...where(correction), error });
        }
      }
    } catch (error) {
      this.retryDue = true;
      this.deps.logger.error('corrections: could not read the recorded posts', { error });
    }
    return report;
  }

  private skipOnce(channel: string, message: string, fields: Record<string, unknown>): 'skipped' {
    if (!this.loggedSkips.has(channel)) {
      this.loggedSkips.add(channel);
      this.deps.logger.warn(message, fields);
    }
    return 'skipped';
  }

  private async waitForSlot(platform: string, channel: string): Promise<void> {
    const ms = this.pacer.reserve(platform, channel) - this.clock.now().getTime();
    if (ms > 0) await this.sleep(ms);
  }

  private async correct(correction: PendingCorrection, knowledge: Knowledge): Promise<keyof CorrectionReport | undefined> {
    const { post, key } = correction;
    const channel = channelOf(post);
    const poster = this.posters.get(post.platform);
    if (!poster)
      return this.skipOnce(channel, 'corrections: no poster for this platform; its posts are not corrected', {
        platform: post.platform,
        channel: post.channelId,
      });
    const { store } = this.deps;
    const claim = await store.claimCorrection(
      { platform: post.platform, channelId: post.channelId, messageId: post.messageId, changeKey: key },
      this.clock.now().getTime(),
      this.settings.leaseMs,
      this.settings.maxAttempts,
    );
    if (!claim) return undefined;

    await this.waitForSlot(post.platform, channel);
    const at = this.clock.now();
    const answer = correctionAnswer(correction.change, knowledge, at);
    const replied = await settled(
      poster.reply(post.channelId, { messageId: post.messageId, threadId: post.threadId }, answer, { correctionId: correctionId(claim) }),
    );
    this.pacer.posted(channel);
    if (!replied.ok) return this.failed(claim, replied, correction);

    await this.waitForSlot(post.platform, channel);
    const edited = await settled(
      poster.edit(post.channelId, post.messageId, { answer: post.answer, sharedBy: post.sharedBy }, correctedLine(at)),
    );
    this.pacer.posted(channel);
    // The reply is the correction; a failed edit is told, not retried (that would reply twice).
    if (!edited.ok)
      this.deps.logger.warn('correction sent, but the original message could not be edited', { ...where(correction), error: edited.error });
    const kept = await store.markSent(claim, { replyId: replied.messageId, sentAt: this.clock.now().getTime() });
    this.deps.logger[kept ? 'info' : 'warn']('correction', {
      ...where(correction),
      outcome: kept ? 'sent' : 'sent-after-lease',
      kind: correction.change.kind,
      replyId: replied.messageId,
      edited: edited.ok,
    });
    return 'sent';
  }

  private async failed(
    claim: CorrectionClaim,
    result: Extract<PostResult, { ok: false }>,
    correction: PendingCorrection,
  ): Promise<keyof CorrectionReport> {
    const now = this.clock.now().getTime();
    if (result.kind === 'gone') {
      await this.deps.store.markFailed(claim, { error: result.error, now });
      return this.skipOnce(channelOf(correction.post), 'corrections: the channel is gone; its posts are not corrected', {
        platform: claim.platform,
        channel: claim.channelId,
        error: result.error,
      });
    }
    if (claim.attempts >= this.settings.maxAttempts) {
      await this.deps.store.markFailed(claim, { error: result.error, now });
      this.deps.logger.error('correction', { ...where(correction), outcome: 'gave-up', attempts: claim.attempts, error: result.error });
      return 'failed';
    }
    const delay = result.retryAfterMs ?? this.settings.backoffMs * 2 ** (claim.attempts - 1);
    await this.deps.store.markFailed(claim, { error: result.error, nextAttemptAt: now + delay, now });
    this.retryDue = true;
    this.deps.logger.warn('correction', {
      ...where(correction),
      outcome: 'retry',
      attempts: claim.attempts,
      error: result.error,
      retryInMs: delay,
    });
    return 'retried';
  }
}

/** Stable per post and change: what a platform may dedupe a resend with. */
function correctionId(claim: CorrectionClaim): string {
  return `${claim.platform}:${claim.channelId}:${claim.messageId}:${claim.changeKey}`;
}

function where({ post, change }: PendingCorrection) {
  return { platform: post.platform, channel: post.channelId, messageId: post.messageId, factId: change.before.factId };
}

/** A poster that throws after all is a passing failure. */
async function settled(result: Promise<PostResult>): Promise<PostResult> {
  try {
    return await result;
  } catch (error) {
    return { ok: false, kind: 'retry', error: error instanceof Error ? error.message : String(error) };
  }
}
