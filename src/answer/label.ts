import type { AnswerItem, CitedSource } from './types.ts';

/** What renderers print before an item's text: its mark and its date, `new · 2023`. */
export function itemLabel(item: Pick<AnswerItem, 'mark' | 'date'>): string | undefined {
  const parts = [item.mark, item.date].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** When a source was published, as readers see it: `about 2019` when inferred from the text. */
export function publishedLabel(source: Pick<CitedSource, 'published' | 'approximate'>): string {
  return `${source.approximate ? 'about ' : ''}${source.published}`;
}
