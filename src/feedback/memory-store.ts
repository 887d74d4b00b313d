/** A FeedbackStore in memory, for unit tests and the console: same rules as the SQL store. */
import type { FeedbackStore, FeedbackTarget, UnansweredQuestion, Vote } from './types.ts';

export class MemoryFeedbackStore implements FeedbackStore {
  /** Keyed by answer id and user hash: one vote per person per answer. */
  private readonly voteRows = new Map<string, Vote>();
  private readonly unansweredRows = new Map<string, UnansweredQuestion>();
  private readonly shownRows = new Map<string, { target: FeedbackTarget; at: number }>();

  async saveVote(vote: Vote): Promise<void> {
    this.voteRows.set(`${vote.answerId}\n${vote.userHash}`, structuredClone(vote));
  }

  async recordUnanswered({
    platform,
    normalised,
    example,
    at,
  }: {
    platform: string;
    normalised: string;
    example: string;
    at: number;
  }): Promise<void> {
    const key = `${platform}\n${normalised}`;
    const row = this.unansweredRows.get(key);
    if (row) this.unansweredRows.set(key, { ...row, example, count: row.count + 1, lastSeen: Math.max(row.lastSeen, at) });
    else this.unansweredRows.set(key, { platform, normalised, example, count: 1, firstSeen: at, lastSeen: at });
  }

  async votes(since = 0): Promise<Vote[]> {
    return [...this.voteRows.values()]
      .filter((v) => v.at >= since)
      .sort((a, b) => a.at - b.at)
      .map((v) => structuredClone(v));
  }

  async unanswered(since = 0): Promise<UnansweredQuestion[]> {
    return [...this.unansweredRows.values()]
      .filter((u) => u.lastSeen >= since)
      .sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen || a.normalised.localeCompare(b.normalised))
      .map((u) => ({ ...u }));
  }

  async saveShown(target: FeedbackTarget, at: number): Promise<void> {
    this.shownRows.set(target.answerId, { target: structuredClone(target), at });
  }

  async shown(answerId: string): Promise<FeedbackTarget | undefined> {
    const row = this.shownRows.get(answerId);
    return row ? structuredClone(row.target) : undefined;
  }

  async deleteBefore(cutoff: number): Promise<number> {
    let deleted = 0;
    for (const [key, row] of this.shownRows) if (row.at < cutoff && this.shownRows.delete(key)) deleted++;
    for (const [key, vote] of this.voteRows) if (vote.at < cutoff && this.voteRows.delete(key)) deleted++;
    for (const [key, row] of this.unansweredRows) if (row.lastSeen < cutoff && this.unansweredRows.delete(key)) deleted++;
    return deleted;
  }
}
