import type { AnswerItem } from './types.ts';

/** What renderers print before an item's text: its mark and its date, `new · 2023`. */
export function itemLabel(item: Pick<AnswerItem, 'mark' | 'date'>): string | undefined {
  const parts = [item.mark, item.date].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
