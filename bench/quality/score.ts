/**
 * Scoring for the labelled question set (bench/quality/questions.yaml): the engine, and
 * two baselines over the same material, each turned into the same shape (ranked fact ids
 * with the sources each one credits, or a refusal) so one scorer serves all three.
 */

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { parse } from 'yaml';
import type { Core } from '../../src/core.ts';
import type { Fact, Knowledge } from '../../src/knowledge/types.ts';

export interface Answerable {
  q: string;
  facts: string[];
  sources: string[];
  /** A half named in the file (later batches go to tuning, leaving the test half as it was). */
  half?: Half;
}
export interface OffTopic {
  q: string;
  kind: 'trap' | 'plain';
  half?: Half;
}
export interface QuestionSet {
  answerable: Answerable[];
  offtopic: OffTopic[];
}
export type Half = 'tuning' | 'test';

/** One ranked result: the facts it carries and the sources it credits. */
export interface Ranked {
  facts: string[];
  sources: string[];
}
/** A system under test: a refusal (undefined) or its ranked results, best first. */
export type System = (question: string) => Ranked[] | undefined;

export interface Scores {
  answerable: number;
  top1: number;
  top5: number;
  rightSource: number;
  traps: number;
  trapsRefused: number;
  plain: number;
  plainRefused: number;
  misses: { q: string; got: string[] }[];
  /** Answered with a right fact, but without crediting every source the question needs. */
  sourceMisses: { q: string; credited: string[]; wanted: string[] }[];
  answeredOffTopic: string[];
}

export const QUESTIONS_FILE = new URL('./questions.yaml', import.meta.url);
/** Questions written by outsiders who never saw the code or questions.yaml: never tuned on. */
export const OUTSIDE_FILE = new URL('./outside.yaml', import.meta.url);

/** The half a question belongs to: the one it names, else fixed by a hash of its text, so it never moves. */
export function halfOf(question: string | { q: string; half?: Half }): Half {
  if (typeof question !== 'string') return question.half ?? halfOf(question.q);
  return createHash('sha256').update(question).digest()[0] % 2 === 0 ? 'tuning' : 'test';
}

export function loadQuestionSet(knowledge: Knowledge, file: URL = QUESTIONS_FILE): QuestionSet {
  const raw = parse(readFileSync(file, 'utf8')) as {
    answerable: (Omit<Answerable, 'sources'> & { sources?: string[] })[];
    offtopic: OffTopic[];
  };
  const answerable = raw.answerable.map((a) => {
    for (const id of a.facts) if (!knowledge.factById.has(id)) throw new Error(`questions.yaml: "${a.q}" names unknown fact ${id}`);
    if (a.half !== undefined && a.half !== 'tuning' && a.half !== 'test')
      throw new Error(`questions.yaml: "${a.q}" names unknown half ${a.half}`);
    return { q: a.q, facts: a.facts, sources: a.sources ?? [(knowledge.factById.get(a.facts[0]) as Fact).sourceId], half: a.half };
  });
  for (const o of raw.offtopic)
    if (o.half !== undefined && o.half !== 'tuning' && o.half !== 'test')
      throw new Error(`questions.yaml: "${o.q}" names unknown half ${o.half}`);
  return { answerable, offtopic: raw.offtopic };
}

export function halfOfSet(set: QuestionSet, half: Half | 'all'): QuestionSet {
  if (half === 'all') return set;
  return { answerable: set.answerable.filter((a) => halfOf(a) === half), offtopic: set.offtopic.filter((o) => halfOf(o) === half) };
}

export function score(system: System, set: QuestionSet): Scores {
  const s: Scores = {
    answerable: 0,
    top1: 0,
    top5: 0,
    rightSource: 0,
    traps: 0,
    trapsRefused: 0,
    plain: 0,
    plainRefused: 0,
    misses: [],
    sourceMisses: [],
    answeredOffTopic: [],
  };
  for (const a of set.answerable) {
    s.answerable++;
    const ranked = (system(a.q) ?? []).slice(0, 5);
    const ok = (r: Ranked) => r.facts.some((f) => a.facts.includes(f));
    if (ranked.length > 0 && ok(ranked[0])) s.top1++;
    const carrying = ranked.filter(ok);
    if (carrying.length > 0) s.top5++;
    else s.misses.push({ q: a.q, got: ranked.map((r) => r.facts[0]) });
    const credited = new Set(carrying.flatMap((r) => r.sources));
    if (carrying.length > 0 && a.sources.every((src) => credited.has(src))) s.rightSource++;
    else if (carrying.length > 0) s.sourceMisses.push({ q: a.q, credited: [...credited], wanted: a.sources });
  }
  for (const o of set.offtopic) {
    const refused = system(o.q) === undefined;
    if (o.kind === 'trap') {
      s.traps++;
      if (refused) s.trapsRefused++;
    } else {
      s.plain++;
      if (refused) s.plainRefused++;
    }
    if (!refused) s.answeredOffTopic.push(o.q);
  }
  return s;
}

/** The engine as users meet it: the answerer's items, in order. */
export function engineSystem(answerer: Core): System {
  return (q) => {
    const answer = answerer.answerNow(answerer.parseText(q));
    if (!answer.matched) return undefined;
    return answer.items.map((i) =>
      i.type === 'guide' ? { facts: [], sources: [] } : { facts: i.evidence.map((e) => e.factId), sources: i.sources },
    );
  };
}

/** minisearch with its defaults over each fact's claim and quote, nothing else. */
export function bareFactsSystem(knowledge: Knowledge): System {
  const index = new MiniSearch({ fields: ['claim', 'quote'], idField: 'n' });
  index.addAll(knowledge.facts.map((f, n) => ({ n, claim: f.claim, quote: f.quote })));
  return (q) => {
    const results = index.search(q);
    if (results.length === 0) return undefined;
    return results.map((r) => {
      const f = knowledge.facts[r.id as number];
      return { facts: [f.id], sources: [f.sourceId] };
    });
  };
}

const squash = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201c\u201d"'`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * minisearch with its defaults over the raw article sentences. A sentence stands for the
 * facts whose quote it holds (or, for a quote spanning sentences, is part of): a hit on it
 * counts as those facts, credited to its article.
 */
export function bareSentencesSystem(knowledge: Knowledge, seedsDir: string): System & { unmapped: string[]; sentences: number } {
  const bySha = new Map([...knowledge.sources.values()].map((s) => [s.sha256, s.id]));
  const sentences: { text: string; sourceId: string; facts: string[] }[] = [];
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  for (const name of readdirSync(seedsDir).sort()) {
    const text = readFileSync(join(seedsDir, name), 'utf8');
    const sourceId = bySha.get(createHash('sha256').update(text).digest('hex'));
    if (!sourceId) continue;
    for (const paragraph of text.split(/\n+/)) {
      for (const { segment } of segmenter.segment(paragraph))
        if (segment.trim()) sentences.push({ text: segment.trim(), sourceId, facts: [] });
    }
  }
  const mapped = new Set<string>();
  for (const fact of knowledge.facts) {
    const quote = squash(fact.quote);
    for (const s of sentences) {
      if (s.sourceId !== fact.sourceId) continue;
      const sentence = squash(s.text);
      if (sentence.includes(quote) || (sentence.length > 20 && quote.includes(sentence))) {
        s.facts.push(fact.id);
        mapped.add(fact.id);
      }
    }
  }
  const index = new MiniSearch({ fields: ['text'], idField: 'n' });
  index.addAll(sentences.map((s, n) => ({ n, text: s.text })));
  const system = ((q: string) => {
    const results = index.search(q);
    if (results.length === 0) return undefined;
    return results.map((r) => {
      const s = sentences[r.id as number];
      return { facts: s.facts.length > 0 ? s.facts : [`(sentence ${r.id})`], sources: [s.sourceId] };
    });
  }) as System & { unmapped: string[]; sentences: number };
  system.unmapped = knowledge.facts.filter((f) => !mapped.has(f.id)).map((f) => f.id);
  system.sentences = sentences.length;
  return system;
}
