import { SinorussiaError } from '../errors.ts';
import type { Figure } from '../knowledge/types.ts';
import type { AnswerItem, CitedSource, ComposedItem, FactItem, Statement, Variant } from './types.ts';

/** What a figure is, when it is not a measured outcome of a known period: `expected`, `target`. */
export function figureNote(figure: Figure | undefined): string | undefined {
  if (!figure) return undefined;
  const kind = { actual: undefined, forecast: 'expected', target: 'target', estimate: 'estimate' }[figure.kind];
  return [kind, figure.periodGiven ? undefined : 'period not given'].filter(Boolean).join(', ') || undefined;
}

/** A fact's figure; a conflict's figures are on its sides. */
export function figureOf(item: ComposedItem): Figure | undefined {
  return item.type === 'fact' ? item.figure : undefined;
}

/** How many sources agree, when more than one does: `2 sources agree`. */
export function agreementNote(item: Pick<FactItem, 'corroborated' | 'sources'>): string | undefined {
  return item.corroborated && item.sources.length > 1 ? `${item.sources.length} sources agree` : undefined;
}

/**
 * What renderers print before a fact's or a conflict's text: its mark, its date, what its
 * figure is and how many sources agree, `new · 2023 · expected · 2 sources agree`. An item
 * of several statements (or sides) carries each one's figure note on it instead; a conflict
 * is never corroborated.
 */
export function itemLabel(item: ComposedItem): string | undefined {
  const notes = item.type === 'fact' ? [item.statements ? undefined : figureNote(item.figure), agreementNote(item)] : [];
  const parts = [item.mark, item.date, ...notes].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** The label of one statement (or conflict side) inside an item: its date when it differs from the item's, and its figure note. */
export function statementLabel(statement: Pick<Statement, 'date' | 'figure'>, itemDate: string | undefined): string | undefined {
  const parts = [statement.date && statement.date !== itemDate ? statement.date : undefined, figureNote(statement.figure)].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** The statements a fact shows, each with its own citations: one, or each agreeing source's own. */
export function statementsOf(item: FactItem): Statement[] {
  return (
    item.statements ?? [
      { text: item.text, date: item.date, figure: item.figure, sources: item.sources, citations: item.citations, evidence: item.evidence },
    ]
  );
}

/** The statements of a conflict's side: the side itself, or each agreeing source's own on it. */
export function sideStatements(side: Variant): Statement[] {
  return side.statements ?? [side];
}

/** Every citation number an item shows (a conflict's, on all its sides); guidance cites nothing. */
export function citationsOf(item: AnswerItem): number[] {
  switch (item.type) {
    case 'fact':
      return item.citations;
    case 'conflict':
      return [...item.citations, ...item.variants.flatMap((v) => v.citations)];
    case 'guide':
      return [];
    case 'check':
      return [...item.citations, ...item.items.flatMap(citationsOf)];
    default:
      return unknownItem(item);
  }
}

/** Renderers switch on `item.type` and end with this, so a kind they forget is a type error. */
export function unknownItem(item: never): never {
  const type = (item as { type?: unknown }).type;
  throw new SinorussiaError('BAD_ARGUMENT', `unknown answer item type "${String(type)}"`, item);
}

/** When a source was published, as readers see it: `about 2019` when inferred from the text. */
export function publishedLabel(source: Pick<CitedSource, 'published' | 'approximate'>): string {
  return `${source.approximate ? 'about ' : ''}${source.published}`;
}

/** A source as every surface lists it: its title, who it is by, and when it was published. */
export function sourceSummary(source: CitedSource): string {
  const by = sourceCredit(source);
  return `${source.title}${by ? ` (${by})` : ''}, ${publishedLabel(source)}`;
}

/**
 * Who a source is, as every surface credits it: the publisher and authors the text names,
 * then what the text is (an excerpt of a named work, a repost, a machine translation).
 * A site a text was reposted on is never its publisher.
 */
export function sourceCredit(
  source: Pick<CitedSource, 'publisher' | 'authors' | 'excerptOf' | 'via' | 'reposted' | 'machineTranslated'>,
): string {
  const parts = [[source.publisher, ...source.authors].filter(Boolean).join(', ')];
  if (source.excerptOf) parts.push(`excerpt of ${source.excerptOf}`);
  if (source.via) parts.push(`reposted on ${source.via}`);
  else if (source.reposted) parts.push('a repost');
  if (source.machineTranslated) parts.push('machine-translated');
  return parts.filter(Boolean).join('; ');
}
