/**
 * A question about a measure over the years ("trade by year") brings the forecasts and targets
 * that measures.yaml charts with it (`chart_with`), so the answer carries the chart the trade
 * summary carries; every point is a figure one of the answer's facts states, cited to that
 * fact's own source.
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/types.ts';
import { chartFor } from '../../src/chart/build.ts';
import { chartFiguresOf } from '../../src/chart/from-items.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';
import { TRADE } from './real-figures.ts';

const ask = (question: string) => answerText(realAnswerer(), `ask ${question}`);

/** Every fact id the items quote. */
const shownFacts = (answer: Answer) => answer.items.flatMap((item) => ('evidence' in item ? item.evidence.map((e) => e.factId) : []));

/** Each point: a fact among the items states its measure, period, value and kind, and every citation of the point is that fact's source. */
function expectEveryPointSourced(answer: Answer): void {
  const { knowledge } = realAnswerer().context;
  const facts = shownFacts(answer).map((id) => knowledge.factById.get(id));
  for (const point of answer.chart?.points ?? []) {
    const stating = facts.filter(
      (f) =>
        f?.figure?.measure === point.measure &&
        f.figure.period.raw === point.period &&
        f.figure.value === point.value &&
        f.figure.kind === point.kind,
    );
    expect(stating.length, `a fact shown states ${point.period} ${point.value}`).toBeGreaterThan(0);
    const cited = point.citations.map((n) => answer.sources.find((s) => s.citation === n)?.id);
    expect(cited.length).toBeGreaterThan(0);
    for (const source of cited) expect(stating.map((f) => f?.sourceId)).toContain(source);
  }
}

describe('a measure asked over the years carries its chart', () => {
  for (const question of ['trade by year', 'china russia trade over the years', 'trade year by year']) {
    it(`"${question}": trade 2018 and 2022 with the 2024 target, every point a shown fact's figure and source`, () => {
      const answer = ask(question);
      expect(answer.kind).toBe('search');
      expect(answer.chart?.measure).toBe('bilateral-trade');
      expect(answer.chart?.points.map((p) => [p.period, p.value, p.kind, p.measure])).toEqual([
        ['2018', 100, 'actual', 'bilateral-trade'],
        ['2022', 190, 'actual', 'bilateral-trade'],
        ['2024', 200, 'target', 'bilateral-trade-target'],
      ]);
      expect(shownFacts(answer)).toEqual(expect.arrayContaining([TRADE.y2018cnn, TRADE.y2018ruehl, TRADE.y2022, TRADE.target2024]));
      expectEveryPointSourced(answer);
    });
  }

  it('the chart is the one the items make: the core draws it from them, no extra point', () => {
    const answer = ask('trade by year');
    const { chartWith } = realAnswerer().context.knowledge;
    expect(answer.chart).toEqual(chartFor(chartFiguresOf(answer.items), { companions: chartWith }));
  });

  it('"latest" and a period asked keep to the measure itself: no target among them', () => {
    for (const question of ['latest trade figures', 'compare trade in 2018 and 2022']) {
      expect(shownFacts(ask(question))).not.toContain(TRADE.target2024);
    }
  });

  it('a measure with no companion is answered as before', () => {
    const answer = ask('energy imports');
    expect(answer.items.length).toBeGreaterThan(0);
    expect(answer.chart).toBeUndefined();
  });
});
