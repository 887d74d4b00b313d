import { citedSource } from '../answer/compose.ts';
import { publishedLabel, sourceCredit } from '../answer/label.ts';
import type { AnswerItem } from '../answer/types.ts';
import { defineCommand } from './command.ts';

/** `sources`: the registry, newest first, each with what it states about itself. */
export const sourcesCommand = defineCommand({
  name: 'sources',
  summary: 'the articles the facts come from, with their dates',
  description: 'The articles the facts come from',
  audience: 'channel',
  cli: true,
  run({ knowledge }, request) {
    const all = [...knowledge.sources.values()].sort((a, b) => b.published.start.localeCompare(a.published.start));
    const counts = new Map<string, number>();
    for (const f of knowledge.facts) counts.set(f.sourceId, (counts.get(f.sourceId) ?? 0) + 1);
    const cited = all.map((s, i) => citedSource(s, i + 1));
    const items: AnswerItem[] = all.map((s, i) => ({
      type: 'fact',
      text: `${cited[i].title} (${[sourceCredit(cited[i]), `${counts.get(s.id) ?? 0} facts`].filter(Boolean).join('; ')})${s.note ? `. ${s.note}` : ''}`,
      date: publishedLabel(cited[i]),
      dateKey: s.published.start,
      sources: [s.id],
      citations: [cited[i].citation],
      evidence: [],
      corroborated: false,
    }));
    return {
      kind: 'sources',
      query: request.query,
      matched: true,
      title: 'Sources',
      lead: `${all.length} articles; dates marked "about" are inferred from the text.`,
      items,
      sources: cited,
      next: [{ command: 'topics' }],
    };
  },
});
