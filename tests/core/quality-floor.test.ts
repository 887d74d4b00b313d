/**
 * A floor under `npm run bench:quality`: the engine over the whole labelled set
 * (bench/quality/questions.yaml) must keep finding the right facts and refusing off-topic
 * questions. The floors sit a little under the figures measured when they were set, so a
 * change that makes answers worse fails here instead of slipping by.
 */
import { describe, expect, it } from 'vitest';
import { engineSystem, halfOfSet, loadQuestionSet, OUTSIDE_FILE, score } from '../../bench/quality/score.ts';
import { realAnswerer } from '../helpers/real.ts';

const answerer = realAnswerer();
const set = loadQuestionSet(answerer.context.knowledge);
const rate = (n: number, d: number) => n / d;

describe('answer quality over the labelled question set', () => {
  it('is a set of the size the benchmark promises', () => {
    expect(set.answerable.length + set.offtopic.length).toBeGreaterThanOrEqual(250);
    expect(set.offtopic.length).toBeGreaterThanOrEqual(80);
    expect(set.offtopic.filter((o) => o.kind === 'trap').length).toBeGreaterThanOrEqual(50);
  });

  it('splits the set the same way every time: the hashed questions about half and half, a named half honoured', () => {
    const tuning = halfOfSet(set, 'tuning');
    const test = halfOfSet(set, 'test');
    expect(tuning.answerable.length + test.answerable.length).toBe(set.answerable.length);
    const hashed = set.answerable.filter((a) => a.half === undefined);
    const hashedTest = hashed.filter((a) => test.answerable.includes(a)).length;
    expect(Math.abs(hashed.length - 2 * hashedTest)).toBeLessThan(hashed.length * 0.2);
    const named = set.answerable.filter((a) => a.half === 'tuning');
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((a) => !tuning.answerable.includes(a))).toEqual([]);
    expect(halfOfSet(set, 'test').answerable.map((a) => a.q)).toEqual(test.answerable.map((a) => a.q));
  });

  it("keeps the questions that measure it out of knowledge/asked.yaml: no test-half question, no outsider's", () => {
    const outside = loadQuestionSet(answerer.context.knowledge, OUTSIDE_FILE);
    const norm = (q: string) =>
      q
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    const asked = new Set(
      Object.values(answerer.context.knowledge.vocabulary.asked ?? {})
        .flat()
        .map(norm),
    );
    expect(asked.size).toBeGreaterThan(0);
    const measuring = [...halfOfSet(set, 'test').answerable, ...outside.answerable, ...outside.offtopic].map((a) => a.q);
    expect(measuring.filter((q) => asked.has(norm(q)))).toEqual([]);
  });

  it('finds an acceptable fact in the top five, crediting the right source, and refuses off-topic questions', () => {
    const s = score(engineSystem(answerer), set);
    expect(rate(s.top5, s.answerable)).toBeGreaterThanOrEqual(0.985);
    expect(rate(s.top1, s.answerable)).toBeGreaterThanOrEqual(0.9);
    expect(rate(s.rightSource, s.answerable)).toBeGreaterThanOrEqual(0.985);
    // Under the earlier 0.99: the later batches' traps were written to find the gate's weak spots, and
    // the words of asked.yaml, which win outsiders' questions, let a few more through.
    expect(rate(s.trapsRefused, s.traps)).toBeGreaterThanOrEqual(0.97);
    expect(rate(s.trapsRefused + s.plainRefused, s.traps + s.plain)).toBeGreaterThanOrEqual(0.97);
  });

  // Outsiders' questions sit below the team's own: a floor under today's figures so they
  // cannot fall unseen, not a target.
  it('keeps its figures on the questions written by outsiders', () => {
    const outside = loadQuestionSet(answerer.context.knowledge, OUTSIDE_FILE);
    expect(outside.answerable.length).toBeGreaterThanOrEqual(2350);
    const s = score(engineSystem(answerer), outside);
    expect(rate(s.top5, s.answerable)).toBeGreaterThanOrEqual(0.93);
    expect(rate(s.top1, s.answerable)).toBeGreaterThanOrEqual(0.865);
    expect(rate(s.rightSource, s.answerable)).toBeGreaterThanOrEqual(0.93);
    expect(rate(s.trapsRefused, s.traps)).toBeGreaterThanOrEqual(0.855);
    expect(rate(s.trapsRefused + s.plainRefused, s.traps + s.plain)).toBeGreaterThanOrEqual(0.89);
  });
});
