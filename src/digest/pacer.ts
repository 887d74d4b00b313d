/**
 * Spaces posts out so the platforms' rate limits, not bursts, set the pace: a rate per
 * platform across its channels and a minimum gap within one channel (Slack: about 1 a
 * second). Slots are reserved when asked for, so workers posting concurrently never share one.
 */
import type { Clock } from './types.ts';

export class Pacer {
  private readonly lastByPlatform = new Map<string, number>();
  private readonly lastByChannel = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly postsPerSecond: number,
    private readonly channelGapMs: number,
  ) {}

  /** Reserves the next slot that keeps to both limits; returns the instant to post at. */
  reserve(platform: string, channel: string): number {
    const gap = this.postsPerSecond > 0 && Number.isFinite(this.postsPerSecond) ? 1000 / this.postsPerSecond : 0;
    const now = this.clock.now().getTime();
    const slot = Math.max(
      now,
      (this.lastByPlatform.get(platform) ?? -Infinity) + gap,
      (this.lastByChannel.get(channel) ?? -Infinity) + this.channelGapMs,
    );
    this.lastByPlatform.set(platform, slot);
    this.lastByChannel.set(channel, slot);
    return slot;
  }

  /** The post ended: the channel's gap counts from now. */
  posted(channel: string): void {
    const now = this.clock.now().getTime();
    this.lastByChannel.set(channel, Math.max(now, this.lastByChannel.get(channel) ?? -Infinity));
    // Only recent posts can delay another: forget the rest so the map stays small.
    if (this.lastByChannel.size > 10_000) {
      for (const [key, at] of this.lastByChannel) if (now - at > this.channelGapMs) this.lastByChannel.delete(key);
    }
  }
}
