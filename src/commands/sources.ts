import type { Answer, AnswerItem } from '../answer/types.ts';
import type { Command } from './command.ts';
import { sourceTitle } from '../knowledge/types.ts';

/** `sources`: the registry, newest first, each with what it states about itself. */
export const sourcesCommand: Command = {
  name: 'sources',
  usage: 'sources',
  summary: 'the articles the facts come from, with their dates',
  run({ knowledge }, parsed): Answer {
    const all = [...knowledge.sources.values()].sort((a, b) => b.published.start.localeCompare(a.published.start));
    const counts = new Map<string, number>();
    for (const f of knowledge.facts) counts.set(f.sourceId, (counts.get(f.sourceId) ?? 0) + 1);
    const items: AnswerItem[] = all.map((s, i) => ({
      text: `${sourceTitle(s)} (${counts.get(s.id) ?? 0} facts)${s.note ? `. ${s.note}` : ''}`,
      date: `${s.approximate ? 'about ' : ''}${s.published.label}`,
      dateKey: s.published.start,
      sources: [s.id],
      citations: [i + 1],
      evidence: [],
      corroborated: false,
    }));
    return {
      kind: 'sources',
      query: parsed.query,
      matched: true,
      title: 'Sources',
      lead: `${all.length} articles; dates marked "about" are inferred from the text.`,
      items,
      sources: all.map((s, i) => ({
        id: s.id,
        citation: i + 1,
        title: sourceTitle(s),
        publisher: s.publisher,
        authors: s.authors,
        published: s.published.label,
        approximate: s.approximate,
      })),
      next: ['topics'],
    };
  },
};
