/**
 * The `chart` field of `sinorussia ask --json` (documented in the README). Scripts depend
 * on it: add fields, never rename or remove them.
 */
import type { Chart } from './types.ts';

export interface ChartPointJson {
  /** The period as the knowledge base writes it (`2018`, `2023-H1`), like an item's `figure.period`. */
  period: string;
  /** The period as people read it (`H1 2023`). */
  label: string;
  value: number;
  bound: string;
  /** `actual`, `forecast`, `target` or `estimate`. */
  kind: string;
  measure: string;
  /** Ids of the sources that state this value (as in `sources[].id`). */
  sources: string[];
}

export interface ChartJson {
  measure: string;
  title: string;
  unit: string;
  currency?: string;
  points: ChartPointJson[];
}

/** A chart as JSON, its citation numbers turned into the ids of the answer's sources. */
export function chartToJson(chart: Chart, sources: readonly { id: string; citation: number }[]): ChartJson {
  const idOf = new Map(sources.map((s) => [s.citation, s.id]));
  return {
    measure: chart.measure,
    title: chart.title,
    unit: chart.unit,
    ...(chart.currency ? { currency: chart.currency } : {}),
    points: chart.points.map((p) => ({
      period: p.period,
      label: p.label,
      value: p.value,
      bound: p.bound,
      kind: p.kind,
      measure: p.measure,
      sources: p.citations.flatMap((n) => idOf.get(n) ?? []),
    })),
  };
}
