/**
 * Figures from the real knowledge base, as an answer would pass them to a chart: a fact's
 * figure with the citation number its source has in that answer.
 */
import type { ChartFigure } from '../../src/chart/types.ts';
import type { Figure } from '../../src/knowledge/types.ts';
import { realAnswerer } from '../helpers/real.ts';

export function realFigure(factId: string, ...citations: number[]): ChartFigure {
  const fact = realAnswerer().context.knowledge.factById.get(factId);
  if (!fact?.figure) throw new Error(`no figure on fact ${factId} in the real base`);
  return { figure: fact.figure, citations };
}

/** A real figure with some fields changed: a value the base does not hold, to test a rule on. */
export function alteredFigure(factId: string, change: Partial<Figure>, ...citations: number[]): ChartFigure {
  const { figure } = realFigure(factId);
  return { figure: { ...figure, ...change }, citations };
}

/** Trade targets are charted beside trade. */
export const TRADE_COMPANIONS = { 'bilateral-trade-target': 'bilateral-trade' } as const;

/** Real China–Russia trade figures, one citation per source (the 2019 one states no period). */
export const TRADE = {
  y2018cnn: 'cnn-trade-2018-over-100bn',
  y2018ruehl: 'ruehl-trade-2018-over-100bn',
  y2019unknownPeriod: 'geo-trade-108bn-kremlin',
  y2022: 'wv-trade-2022-record-190bn',
  target2024: 'ruehl-trade-target-200bn-by-2024',
} as const;

export function tradeFigures(): ChartFigure[] {
  return [
    realFigure(TRADE.y2018cnn, 1),
    realFigure(TRADE.y2018ruehl, 2),
    realFigure(TRADE.y2019unknownPeriod, 3),
    realFigure(TRADE.y2022, 4),
    realFigure(TRADE.target2024, 2),
  ];
}
