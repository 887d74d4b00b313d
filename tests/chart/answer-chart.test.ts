/**
 * The core attaches a chart to any answer whose items show one measure over three or more
 * periods, in one place after the command runs: memoised answers keep it, others carry none.
 */
import { describe, expect, it } from 'vitest';
import { answerToJson } from '../../src/answer/json.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';
import { TRADE } from './real-figures.ts';

describe('answers with a chart', () => {
  it('the trade summary carries trade and its target, each point cited as in the items', () => {
    const answer = answerText(realAnswerer(), 'trade');
    expect(answer.chart?.measure).toBe('bilateral-trade');
    expect(answer.chart?.points.map((p) => [p.period, p.value, p.kind])).toEqual([
      ['2018', 100, 'actual'],
      ['2022', 190, 'actual'],
      ['2024', 200, 'target'],
    ]);
    const factOf = (n: number) => answer.sources[n - 1].id;
    const wv = realAnswerer().context.knowledge.factById.get(TRADE.y2022);
    expect(answer.chart?.points[1].citations.map(factOf)).toEqual([wv?.sourceId]);
  });

  it('a memoised answer keeps its chart', () => {
    const core = realAnswerer();
    const first = answerText(core, 'trade');
    const again = answerText(core, 'trade');
    expect(again.chart).toEqual(first.chart);
    expect(again.chart).toBeDefined();
  });

  it('an answer without three periods of a measure carries none', () => {
    expect(answerText(realAnswerer(), 'help').chart).toBeUndefined();
    expect(answerText(realAnswerer(), 'who said no limits').chart).toBeUndefined();
  });

  it('ask --json writes the chart with source ids, and leaves the field out when there is none', () => {
    const json = answerToJson(answerText(realAnswerer(), 'trade'));
    expect(json.chart?.points.map((p) => p.sources.length > 0)).toEqual([true, true, true]);
    expect(json.chart?.points[2]).toMatchObject({ period: '2024', kind: 'target', measure: 'bilateral-trade-target' });
    expect('chart' in answerToJson(answerText(realAnswerer(), 'help'))).toBe(false);
  });
});

describe('a measure by year', () => {
  it('"trade by year" and "over the years" read as asking for the figures, so every item states one', () => {
    for (const question of ['trade by year', 'trade over the years', 'trade year by year']) {
      const answer = answerText(realAnswerer(), `ask ${question}`);
      expect(answer.understood?.intent).toBe('figure');
      expect(answer.items.length).toBeGreaterThan(0);
      expect(answer.items.filter((item) => !(item.type === 'fact' && item.figure?.measure.startsWith('bilateral-trade')))).toEqual([]);
    }
  });
});
