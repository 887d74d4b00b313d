/**
 * Spaces posts out so the platforms' rate limits, not bursts, set the pace: a global rate
 * across all channels and a minimum gap within one channel (Slack: about 1 a second).
 */
import type { Clock } from './types.ts';

export class Pacer {
  private lastPost = -Infinity;
  private readonly lastByChannel = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly postsPerSecond: number,
    private readonly channelGapMs: number,
  ) {}

  /** Waits until a post in `channel` keeps to both limits. */
  async wait(channel: string): Promise<void> {
    const globalGap = this.postsPerSecond > 0 && Number.isFinite(this.postsPerSecond) ? 1000 / this.postsPerSecond : 0;
    const ready = Math.max(this.lastPost + globalGap, (this.lastByChannel.get(channel) ?? -Infinity) + this.channelGapMs);
    const wait = ready - this.clock.now().getTime();
    if (wait > 0) await this.sleep(wait);
  }

  posted(channel: string): void {
    const now = this.clock.now().getTime();
    this.lastPost = now;
    this.lastByChannel.set(channel, now);
    // Only recent posts can delay another: forget the rest so the map stays small.
    if (this.lastByChannel.size > 10_000) {
      for (const [key, at] of this.lastByChannel) if (now - at > this.channelGapMs) this.lastByChannel.delete(key);
    }
  }
}
