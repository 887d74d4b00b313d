/**
 * A chart of sourced figures, described without any platform in mind: Slack draws it as a
 * data visualization block, Discord as a PNG, the console as text. Every point is one
 * figure as its sources state it; points are never merged across differing values.
 */
import type { Figure, FigureKind } from '../knowledge/types.ts';

/** One figure an answer shows, with the citation numbers of the sources that state it. */
export interface ChartFigure {
  figure: Figure;
  citations: readonly number[];
}

export interface ChartPoint {
  /** The period as the knowledge base writes it: `2018`, `2023-H1`. */
  period: string;
  /** The period as people read it: `2018`, `H1 2023`. */
  label: string;
  /** First day of the period, `YYYY-MM-DD`: points sort by it. */
  sortKey: string;
  value: number;
  bound: Figure['bound'];
  /** A forecast, target or estimate is drawn apart from a measured outcome. */
  kind: FigureKind;
  /** The measure of this figure: the chart's own, or a companion's (a target of it). */
  measure: string;
  /** Citation numbers of the sources stating exactly this value, ascending. */
  citations: number[];
}

export interface Chart {
  /** The measure charted (see knowledge/measures.yaml). */
  measure: string;
  /** What the chart shows, at most `CHART_TITLE_MAX` characters: `Bilateral trade, USD billion`. */
  title: string;
  unit: Figure['unit'];
  currency?: string;
  /** The unit as people read it: `USD billion`, `percent`. */
  unitLabel: string;
  /** Oldest first; points of one period (sources that differ, outcome and target) side by side. */
  points: ChartPoint[];
}

/** Slack's limit for a data visualization block's title; every chart title keeps to it. */
export const CHART_TITLE_MAX = 50;

/** Fewest different periods that make a trend worth drawing. */
export const CHART_MIN_PERIODS = 3;
