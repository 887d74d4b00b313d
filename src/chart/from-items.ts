/**
 * The figures an answer's items show, as charts take them. Typed by the few fields it
 * reads, so it fits any item shape that keeps them: a figure with its citations, agreeing
 * sources' own statements, and the sides of a conflict.
 */
import type { Figure } from '../knowledge/types.ts';
import type { ChartFigure } from './types.ts';

interface Stated {
  figure?: Figure;
  citations: readonly number[];
}

interface Side extends Stated {
  statements?: readonly Stated[];
}

export interface ChartableItem extends Side {
  type?: string;
  variants?: readonly Side[];
}

/** A line of guidance: it states no figure. */
interface GuideLine {
  type: 'guide';
}

/**
 * Each statement's own figure with its own citations: agreeing sources that word a figure
 * differently give a point each, and each side of a conflict gives its own points.
 */
export function chartFiguresOf(items: readonly (ChartableItem | GuideLine)[]): ChartFigure[] {
  const sides = items.filter((item): item is ChartableItem => item.type !== 'guide').flatMap((item) => item.variants ?? [item]);
  return sides
    .flatMap((side) => side.statements ?? [side])
    .filter((st): st is Stated & { figure: Figure } => st.figure !== undefined)
    .map((st) => ({ figure: st.figure, citations: st.citations }));
}
