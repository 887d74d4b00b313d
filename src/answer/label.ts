import type { Figure } from '../knowledge/types.ts';
import type { AnswerItem, CitedSource, Statement } from './types.ts';

/** What a figure is, when it is not a measured outcome of a known period: `expected`, `target`. */
export function figureNote(figure: Figure | undefined): string | undefined {
  if (!figure) return undefined;
  const kind = { actual: undefined, forecast: 'expected', target: 'target', estimate: 'estimate' }[figure.kind];
  return [kind, figure.periodGiven ? undefined : 'period not given'].filter(Boolean).join(', ') || undefined;
}

/** How many sources agree, when more than one does: `2 sources agree`. Never on a conflict. */
export function agreementNote(item: Pick<AnswerItem, 'corroborated' | 'sources' | 'variants'>): string | undefined {
  return item.corroborated && !item.variants && item.sources.length > 1 ? `${item.sources.length} sources agree` : undefined;
}

/**
 * What renderers print before an item's text: its mark, its date, what its figure is and
 * how many sources agree, `new · 2023 · expected · 2 sources agree`. An item of several
 * statements carries each statement's figure note on the statement instead.
 */
export function itemLabel(item: Pick<AnswerItem, 'mark' | 'date'> & Partial<Pick<AnswerItem, 'figure' | 'statements' | 'corroborated' | 'sources' | 'variants'>>): string | undefined {
  const agreement = item.sources && item.corroborated !== undefined ? agreementNote(item as AnswerItem) : undefined;
  const parts = [item.mark, item.date, item.statements || item.variants ? undefined : figureNote(item.figure), agreement].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** The label of one statement (or conflict side) inside an item: its date when it differs from the item's, and its figure note. */
export function statementLabel(statement: Pick<Statement, 'date' | 'figure'>, itemDate: string | undefined): string | undefined {
  const parts = [statement.date && statement.date !== itemDate ? statement.date : undefined, figureNote(statement.figure)].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** The statements an item shows, each with its own citations: one, or each agreeing source's own. */
export function statementsOf(item: AnswerItem): Statement[] {
  return item.statements ?? [{ text: item.text, date: item.date, figure: item.figure, sources: item.sources, citations: item.citations, evidence: item.evidence }];
}

/** When a source was published, as readers see it: `about 2019` when inferred from the text. */
export function publishedLabel(source: Pick<CitedSource, 'published' | 'approximate'>): string {
  return `${source.approximate ? 'about ' : ''}${source.published}`;
}

/**
 * Who a source is, as every surface credits it: the publisher and authors the text names,
 * then what the text is (an excerpt of a named work, a repost, a machine translation).
 * A site a text was reposted on is never its publisher.
 */
export function sourceCredit(source: Pick<CitedSource, 'publisher' | 'authors' | 'excerptOf' | 'via' | 'reposted' | 'machineTranslated'>): string {
  const parts = [[source.publisher, ...source.authors].filter(Boolean).join(', ')];
  if (source.excerptOf) parts.push(`excerpt of ${source.excerptOf}`);
  if (source.via) parts.push(`reposted on ${source.via}`);
  else if (source.reposted) parts.push('a repost');
  if (source.machineTranslated) parts.push('machine-translated');
  return parts.filter(Boolean).join('; ');
}
