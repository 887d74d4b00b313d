/**
 * Drafting a source: every sentence about the relationship becomes a candidate fact (one per
 * figure it states, one for the quotation or statement itself) with its verbatim quote, its
 * date resolved against the publication date, a speaker for quoted words, suggestions, and
 * what it has to do with the facts already in the base. The claim is left for the curator.
 */

import type { Topic } from '../knowledge/topics.ts';
import type { Knowledge, Source } from '../knowledge/types.ts';
import { type FoundDate, findDates } from './dates.ts';
import { type DraftFigure, findFigures } from './figures.ts';
import { findMatches, type Match } from './matches.ts';
import { cutQuote, splitSentences } from './sentences.ts';
import { quotedSpans, SpeakerFinder } from './speakers.ts';
import { Suggester } from './suggest.ts';
import { anyWord, type Drafting } from './vocabulary.ts';

export const CANDIDATE_KINDS = ['figure', 'quote', 'event', 'deal', 'friction', 'statement'] as const;
export type CandidateKind = (typeof CANDIDATE_KINDS)[number];

export interface Candidate {
  id: string;
  kind: CandidateKind;
  quote: string;
  /** When it is about, in the knowledge files' period form. */
  about: string;
  said_by?: string;
  role?: string;
  figure?: Omit<DraftFigure, 'at' | 'text'>;
  measure?: string;
  topics: Topic[];
  people: string[];
  places: string[];
  matches: Match[];
}

export interface Draft {
  source: string;
  candidates: Candidate[];
}

const QUOTATION = /[“”"]/;

export function draftSource(source: Source, text: string, knowledge: Knowledge, vocab: Drafting): Draft {
  const sentences = splitSentences(text, vocab.abbreviations);
  const relevant = anyWord(vocab.relevant);
  const deal = anyWord(vocab.deal_words);
  const friction = anyWord(vocab.friction_words);
  const speech = new RegExp(anyWord(vocab.speech_verbs).source, 'u');
  const knownPeople = knowledge.facts.flatMap((f) => [...f.people, ...(f.saidBy ? [f.saidBy] : [])]);
  const knownPlaces = knowledge.facts.flatMap((f) => f.places);
  const speakers = new SpeakerFinder(vocab, knownPeople, source.authors.length === 1 ? source.authors[0] : undefined, knownPlaces);
  const suggest = new Suggester(knowledge, vocab);
  const candidates: Candidate[] = [];
  const ids = new Map<string, number>();
  const idFor = (kind: string, about: string) => {
    const base = `${source.id}-${kind}-${about.replace(/[^0-9a-z]+/gi, '-').toLowerCase()}`.replace(/-+$/, '');
    const n = (ids.get(base) ?? 0) + 1;
    ids.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  };

  // First pass: what each sentence states, in order (names and pronouns resolve from what came before).
  let lastMonth: string | undefined;
  let open = false;
  const read = sentences.map((sentence) => {
    speakers.learn(sentence.text);
    const dates = findDates(sentence.text, { published: source.published, lastMonth });
    const month = dates.map((d) => d.period).find((p) => /^\d{4}-\d{2}(-\d{2})?$/.test(p));
    if (month) lastMonth = month.slice(0, 7);
    const inQuotation = open || QUOTATION.test(sentence.text);
    const openBefore = open;
    open = quotationOpenAfter(sentence.text, open);
    const attribution = speakers.find(sentence.text, openBefore);
    return {
      sentence,
      dates,
      figures: findFigures(sentence.text, dates, vocab),
      attribution,
      inQuotation,
      quoted: quotedSpans(sentence.text, openBefore),
    };
  });
  // Quoted words with no attribution of their own belong to the speaker quoted beside them in the paragraph.
  read.forEach((r, i) => {
    if (r.attribution || !r.inQuotation) return;
    const same = (o: (typeof read)[number] | undefined) =>
      o && o.sentence.paragraph === r.sentence.paragraph && o.attribution && o.inQuotation;
    const before = [...read.slice(0, i)].reverse().find((o) => o.sentence.paragraph === r.sentence.paragraph && o.attribution);
    const after = read.slice(i + 1).find((o) => o.sentence.paragraph === r.sentence.paragraph && o.attribution);
    const from = same(before) ? before : same(after) ? after : undefined;
    if (from?.attribution) r.attribution = { ...from.attribution, at: 0 };
  });

  const relevantParagraphs = new Set(sentences.filter((x) => relevant.test(x.text)).map((x) => x.paragraph));
  let previous: { about: string; speaker?: string; paragraph: number } | undefined;
  const seen = new Set<string>();
  for (const { sentence, dates, figures, attribution, inQuotation, quoted: quotedWords } of read) {
    // A headline repeated (as scraped pages repeat it) is one candidate.
    if (seen.has(sentence.text)) continue;
    seen.add(sentence.text);
    // A quotation is quoted words with a speaker; reported speech keeps its speaker under its own kind.
    const quoted = inQuotation && attribution !== undefined;
    const reported = attribution !== undefined && speech.test(sentence.text);
    // Boilerplate (a newsletter's sign-up line, a footer) names neither party, nor does its paragraph.
    if (!relevant.test(sentence.text) && !relevantParagraphs.has(sentence.paragraph) && figures.length === 0 && !quoted && !reported)
      continue;

    // A sentence with no date of its own continuing the same speaker ("… he said") shares the date before it.
    const sameParagraph = previous?.paragraph === sentence.paragraph;
    const continues = sameParagraph && attribution && previous?.speaker === attribution.saidBy;
    const backReference = /^(?:at|by) (?:the|that) time\b/i.test(sentence.text) && previous ? previous.about : undefined;
    const paragraphDay =
      sameParagraph && previous && isDay(previous.about) && previous.about !== source.published.raw ? previous.about : undefined;
    const about =
      backReference ??
      eventDate(dates, source.published.raw, quotedWords) ??
      (continues ? previous?.about : undefined) ??
      paragraphDay ??
      source.published.raw;
    // The author stands behind a statement the text credits to no one else.
    const creditedElsewhere = /\baccording to\b/i.test(sentence.text) || reported;
    const speaker = attribution ?? (creditedElsewhere ? undefined : speakers.authorOf());
    // The speaker is one of the people when quoted (an author is credited, not named in the text).
    const people = suggest.peopleIn(sentence.text, attribution?.saidBy, attribution ? speakers.isPerson(attribution.saidBy) : false);
    const places = suggest.placesIn(sentence.text);
    const keywordTopics = suggest.topics(sentence.text);

    for (const f of figures) {
      const { at, text: _text, ...figure } = f;
      const quote = cutQuote(sentence.text, at);
      const measure = suggest.measure(f, quote);
      const period = figure.period ?? source.published.raw;
      const data = { ...figure, period };
      candidates.push({
        id: idFor(measure ?? 'figure', period),
        kind: 'figure',
        quote,
        about: period,
        ...(speaker ? { said_by: speaker.saidBy, ...(speaker.role ? { role: speaker.role } : {}) } : {}),
        figure: data,
        ...(measure ? { measure } : {}),
        ...withTopics(
          keywordTopics,
          findMatches({ quote, about: period, figure: measure ? { measure, ...data } : undefined, people, places }, knowledge),
          knowledge,
        ),
        people,
        places,
      });
    }

    const kind: CandidateKind = quoted
      ? 'quote'
      : deal.test(sentence.text)
        ? 'deal'
        : friction.test(sentence.text)
          ? 'friction'
          : dates.length > 0
            ? 'event'
            : 'statement';
    // A sentence that only carries its figures needs no second candidate.
    if (figures.length === 0 || kind === 'quote') {
      // A long quotation is cut from its start: the words quoted, not the attribution.
      const quote = cutQuote(sentence.text, 0);
      candidates.push({
        id: idFor(kind, about),
        kind,
        quote,
        about,
        ...(speaker ? { said_by: speaker.saidBy, ...(speaker.role ? { role: speaker.role } : {}) } : {}),
        ...withTopics(keywordTopics, findMatches({ quote, about, people, places }, knowledge), knowledge),
        people,
        places,
      });
    }
    previous = { about, speaker: attribution?.saidBy, paragraph: sentence.paragraph };
  }
  return { source: source.id, candidates };
}

/**
 * The date a sentence is about: its first date expression other than the publication date (a
 * dateline restates it), outside the quoted words when it has one there ("'…next year,' she
 * said on Monday" happened on Monday).
 */
function eventDate(all: FoundDate[], published: string, quoted: [number, number][]): string | undefined {
  const outside = all.filter((d) => !quoted.some(([from, to]) => d.at >= from && d.at < to));
  const dates = outside.length > 0 ? outside : all;
  return (dates.find((d) => d.period !== published) ?? dates[0])?.period;
}

/** A day given by a weekday or a date ("On Tuesday, …") leads its paragraph: the sentences after it share it. */
const isDay = (period: string) => /^\d{4}-\d{2}-\d{2}$/.test(period);

/** Is a quotation still open after `text` (curly quotes by their direction, straight ones by count)? */
function quotationOpenAfter(text: string, openBefore: boolean): boolean {
  let open = openBefore;
  for (const ch of text) {
    if (ch === '“') open = true;
    else if (ch === '”') open = false;
    else if (ch === '"') open = !open;
  }
  return open;
}

/** The topics the words suggest, else those of the facts it matches. */
function withTopics(keywordTopics: Topic[], matches: Match[], knowledge: Knowledge): { topics: Topic[]; matches: Match[] } {
  if (keywordTopics.length > 0) return { topics: keywordTopics, matches };
  const fromMatches = matches.flatMap((m) => knowledge.factById.get(m.fact)?.topics ?? []);
  return { topics: [...new Set(fromMatches)], matches };
}
