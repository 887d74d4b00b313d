/**
 * The review file a draft is written to (`drafts/<id>.yaml`): shaped like a facts file, so a
 * curator keeps a candidate by writing its claim, checking the rest, deleting its `draft:`
 * notes and moving it into `facts/`. The loader refuses an empty claim and a leftover `draft:`.
 */
import { Document, isMap, isSeq, type Node } from 'yaml';
import type { Candidate, Draft } from './draft.ts';

const HEADER = (id: string) => `Draft of source "${id}": candidate facts for review. The bot never loads drafts/.
To keep a candidate: write its claim in your own words (never the quote's words), check
topics, people, places, about, said_by and figure (pick a measure from measures.yaml when
none is suggested), turn its draft.matches into corroborates / conflicts_with (or
superseded_by), delete its draft: block, and move it into facts/${id}.yaml. Delete the rest.
Then run: sinorussia check --texts DIR`;

function entryOf(c: Candidate): Record<string, unknown> {
  const entry: Record<string, unknown> = { id: c.id, claim: null, topics: c.topics, about: c.about, quote: c.quote };
  if (c.people.length > 0) entry.people = c.people;
  if (c.places.length > 0) entry.places = c.places;
  if (c.said_by) entry.said_by = c.said_by;
  if (c.figure) {
    const { value, unit, currency, bound, kind, period } = c.figure;
    entry.figure = {
      ...(c.measure ? { measure: c.measure } : { measure: null }),
      value,
      unit,
      ...(currency ? { currency } : {}),
      ...(bound ? { bound } : {}),
      ...(kind ? { kind } : {}),
      ...(period ? { period } : {}),
    };
  }
  entry.draft = { kind: c.kind, ...(c.role ? { role: c.role } : {}), ...(c.matches.length > 0 ? { matches: c.matches } : {}) };
  return entry;
}

export function reviewFileText(draft: Draft): string {
  const doc = new Document({ source: draft.source, facts: draft.candidates.map(entryOf) }, { aliasDuplicateObjects: false });
  doc.commentBefore = HEADER(draft.source)
    .split('\n')
    .map((l) => ` ${l}`)
    .join('\n');
  const facts = doc.get('facts', true);
  if (isSeq(facts)) {
    for (const [i, item] of facts.items.entries()) {
      if (!isMap(item)) continue;
      (item as Node).spaceBefore = i > 0;
      for (const key of ['topics', 'people', 'places']) {
        const seq = item.get(key, true);
        if (isSeq(seq)) seq.flow = true;
      }
      const matches = (item.get('draft', true) as { get?: (k: string, keep: boolean) => unknown } | undefined)?.get?.('matches', true);
      if (isSeq(matches)) for (const m of matches.items) if (isMap(m)) m.flow = true;
    }
  }
  // Dates are quoted so YAML never reads 2019 as a number; an empty claim prints as `claim:`.
  return doc
    .toString({ lineWidth: 0, nullStr: '', defaultStringType: 'PLAIN', flowCollectionPadding: false })
    .replace(/^(\s+(?:about|period): )([^"\n]+)$/gm, '$1"$2"');
}

/** The `--json` shape: the fields, plus ids, dates, roles and suggestions. */
export function draftToJson(draft: Draft): unknown {
  return {
    source: draft.source,
    candidates: draft.candidates.map((c) => ({
      id: c.id,
      kind: c.kind,
      quote: c.quote,
      about: c.about,
      ...(c.said_by ? { said_by: c.said_by } : {}),
      ...(c.role ? { role: c.role } : {}),
      ...(c.figure ? { figure: c.figure } : {}),
      ...(c.measure ? { measure: c.measure } : {}),
      topics: c.topics,
      people: c.people,
      places: c.places,
      matches: c.matches,
    })),
  };
}
