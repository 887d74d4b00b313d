/**
 * Suggestions for a candidate, from data only: topics from the drafting vocabulary, people and
 * places the base already names (and the article's demonyms), and the measure whose existing
 * figures (and description) share most words with the figure's clause.
 */

import type { Topic } from '../knowledge/topics.ts';
import type { Fact, Knowledge } from '../knowledge/types.ts';
import type { DraftFigure } from './figures.ts';
import type { Drafting } from './vocabulary.ts';
import { anyWord } from './vocabulary.ts';

const contentWords = (text: string) =>
  new Set(
    (text.toLowerCase().match(/\p{L}{4,}/gu) ?? []).filter(
      (w) =>
        ![
          'with',
          'that',
          'this',
          'from',
          'have',
          'been',
          'their',
          'between',
          'countries',
          'china',
          'russia',
          'chinese',
          'russian',
          'two',
        ].includes(w),
    ),
  );

export class Suggester {
  private readonly topicPatterns: [Topic, RegExp][];
  private readonly people: string[];
  private readonly places: string[];
  private readonly measureWords = new Map<string, { words: Set<string>; units: Set<string> }>();

  constructor(
    knowledge: Knowledge,
    private readonly vocab: Drafting,
  ) {
    this.topicPatterns = Object.entries(vocab.topic_words).map(([t, words]) => [t as Topic, anyWord(words)]);
    this.people = [...new Set(knowledge.facts.flatMap((f) => f.people))];
    this.places = [...new Set(knowledge.facts.flatMap((f) => f.places))];
    for (const [measure, description] of knowledge.measures)
      this.measureWords.set(measure, { words: contentWords(description), units: new Set() });
    for (const fact of knowledge.facts) {
      if (!fact.figure) continue;
      const entry = this.measureWords.get(fact.figure.measure);
      if (!entry) continue;
      for (const w of contentWords(fact.quote)) entry.words.add(w);
      entry.units.add(fact.figure.currency ? 'money' : fact.figure.unit);
    }
  }

  topics(text: string): Topic[] {
    return this.topicPatterns.filter(([, re]) => re.test(text)).map(([t]) => t);
  }

  /** People the base knows who are named here, by full name or surname (and the speaker). */
  peopleIn(text: string, speaker?: string, speakerIsPerson = false): string[] {
    const named = this.people.filter((p) => {
      const surname = p.split(/\s+/);
      return (
        text.includes(p) ||
        surname.some(
          (part) =>
            part.length > 2 && new RegExp(`\\b${part}\\b`, 'u').test(text) && (part === surname[0] || part === surname[surname.length - 1]),
        )
      );
    });
    if (speaker && (speakerIsPerson || this.people.includes(speaker)) && !named.includes(speaker)) named.push(speaker);
    return named;
  }

  placesIn(text: string): string[] {
    const found = this.places.filter((p) =>
      new RegExp(`(?<![\\p{L}])${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(text),
    );
    for (const [adjective, place] of Object.entries(this.vocab.demonyms)) {
      if (new RegExp(`\\b${adjective}\\b`, 'u').test(text) && !found.includes(place)) found.push(place);
    }
    return found;
  }

  /** The measure whose figures use the same kind of unit and share most words with `clause`. */
  measure(figure: DraftFigure, clause: string): string | undefined {
    const unit = figure.currency ? 'money' : figure.unit;
    const words = contentWords(clause);
    let best: { measure: string; score: number } | undefined;
    for (const [measure, entry] of this.measureWords) {
      if (entry.units.size > 0 && !entry.units.has(unit)) continue;
      let score = 0;
      for (const w of words) if (entry.words.has(w)) score++;
      // A target is measured against the measure for targets, when the base has one.
      if (figure.kind === 'target' && /target/i.test(measure)) score += 2;
      if (figure.kind !== 'target' && /target/i.test(measure)) score -= 2;
      if (score > 0 && (!best || score > best.score)) best = { measure, score };
    }
    return best?.measure;
  }
}

export type { Fact };
