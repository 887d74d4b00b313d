/**
 * A digest post whose figure has a trend in the base carries it: the other figures of its
 * measure and the targets charted with it (`chart_with`), marked "for the trend", come with
 * the chart they make, by the same rule as every answer; every point is a figure one of the
 * post's facts states, cited to that fact's source. They never make a post without a chart.
 */
import { describe, expect, it } from 'vitest';
import { Composer } from '../../src/answer/compose.ts';
import type { Answer } from '../../src/answer/types.ts';
import { chartFor } from '../../src/chart/build.ts';
import { chartFiguresOf } from '../../src/chart/from-items.ts';
import { DIGEST_FACTS, type DigestSelection, selectDigest, TREND_ITEMS, TREND_MARK } from '../../src/digest/select.ts';
import type { SentDigest } from '../../src/digest/store.ts';
import type { Topic } from '../../src/knowledge/topics.ts';
import { realKnowledge } from './support.ts';

const knowledge = realKnowledge();
const composer = new Composer(knowledge);

/** `days` digests of a channel in a row, each seeing the history before it. */
function run(days: number, topics: Topic[], start = '2026-06-10'): DigestSelection[] {
  const history: SentDigest[] = [];
  const posts: DigestSelection[] = [];
  for (let d = 0; d < days; d++) {
    const localDate = new Date(Date.parse(start) + d * 86_400_000).toISOString().slice(0, 10);
    const selection = selectDigest({ knowledge, composer, topics, localDate, history: [...history], firstSeen: new Map() });
    history.push({ localDate, sentAt: Date.parse(localDate) + 9 * 3_600_000, factIds: selection.factIds });
    posts.push(selection);
  }
  return posts;
}

const shownFacts = (answer: Answer) => answer.items.flatMap((item) => ('evidence' in item ? item.evidence.map((e) => e.factId) : []));
const trendItems = (answer: Answer) => answer.items.filter((item) => 'mark' in item && item.mark === TREND_MARK);

describe('a trend in a digest post', () => {
  it('a trade channel’s post with a trade figure charts trade 2018, 2022 and the 2024 target, each point a shown fact’s figure and source', () => {
    const [first] = run(1, ['trade']);
    const { answer } = first;
    expect(answer.chart?.measure).toBe('bilateral-trade');
    expect(answer.chart?.points.map((p) => [p.period, p.value, p.kind])).toEqual([
      ['2018', 100, 'actual'],
      ['2022', 190, 'actual'],
      ['2024', 200, 'target'],
    ]);
    const facts = shownFacts(answer).map((id) => knowledge.factById.get(id));
    for (const point of answer.chart?.points ?? []) {
      const stating = facts.filter(
        (f) => f?.figure?.measure === point.measure && f.figure.period.raw === point.period && f.figure.value === point.value,
      );
      expect(stating.length, `${point.period} is stated by a fact of the post`).toBeGreaterThan(0);
      for (const n of point.citations) expect(stating.map((f) => f?.sourceId)).toContain(answer.sources[n - 1].id);
    }
    // The chart is the one the rule draws from the items, nothing more.
    expect(answer.chart).toEqual(chartFor(chartFiguresOf(answer.items), { companions: knowledge.chartWith }));
  });

  it('the facts of the day stay 3–5; the trend’s figures are marked, at most four, and recorded as shown', () => {
    for (const { answer, factIds } of run(40, ['trade'])) {
      const trend = trendItems(answer);
      const regular = answer.items.length - trend.length;
      expect(regular).toBeGreaterThanOrEqual(DIGEST_FACTS.min);
      expect(regular).toBeLessThanOrEqual(DIGEST_FACTS.max);
      expect(trend.length).toBeLessThanOrEqual(TREND_ITEMS);
      // Trend figures only with the chart they make.
      if (trend.length > 0) expect(answer.chart).toBeDefined();
      for (const item of trend) for (const e of 'evidence' in item ? item.evidence : []) expect(factIds).toContain(e.factId);
    }
  });

  it('over a cycle the trend comes back only with a new cycle, not on consecutive days', () => {
    const charted = run(40, ['trade'])
      .map((p, day) => (p.answer.chart ? day : -1))
      .filter((d) => d >= 0);
    expect(charted.length).toBeGreaterThan(1);
    for (let i = 1; i < charted.length; i++) expect(charted[i] - charted[i - 1]).toBeGreaterThan(1);
  });

  it('a channel whose topics hold no trend gets no chart and no trend items', () => {
    for (const { answer } of run(20, ['military'])) {
      expect(answer.chart).toBeUndefined();
      expect(trendItems(answer)).toEqual([]);
    }
  });
});
