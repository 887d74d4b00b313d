/**
 * Questions people asked of a fact (knowledge/asked.yaml): checked at load like every
 * knowledge file; a fact then matches their words, below its own.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/errors.ts';
import { readKnowledge } from '../../src/knowledge/load.ts';
import { SearchEngine } from '../../src/search/engine.ts';
import { loadEnglishFrequencies } from '../../src/search/english.ts';
import { fact, factsFile, writeFixture } from '../helpers/fixture.ts';
import { realAnswerer } from '../helpers/real.ts';

const base = () => writeFixture({ facts: { 'alpha.yaml': factsFile('alpha', fact('a-one')) } });

describe('asked.yaml', () => {
  it('is optional, and read when present', () => {
    const { dir } = base();
    expect(readKnowledge(dir).knowledge?.vocabulary.asked).toBeUndefined();
    writeFileSync(join(dir, 'asked.yaml'), 'asked:\n  a-one: ["How durable is it?"]\n');
    expect(readKnowledge(dir).knowledge?.vocabulary.asked).toEqual({ 'a-one': ['How durable is it?'] });
  });

  it('an unknown fact id stops the load, naming file, line and id', () => {
    const { dir } = base();
    writeFileSync(join(dir, 'asked.yaml'), 'asked:\n  a-one: ["How durable is it?"]\n  a-two: ["Who said it?"]\n');
    const { knowledge, issues } = readKnowledge(dir);
    expect(knowledge).toBeUndefined();
    expect(issues.map(formatIssue)).toEqual([expect.stringMatching(/asked\.yaml:3 \[a-two\] unknown fact id "a-two"/)]);
  });

  it('an empty question is an error with its line', () => {
    const { dir } = base();
    writeFileSync(join(dir, 'asked.yaml'), 'asked:\n  a-one: ["  "]\n');
    const { issues } = readKnowledge(dir);
    expect(issues.map(formatIssue)).toEqual([expect.stringMatching(/asked\.yaml:2 .*a-one/)]);
  });
});

describe('a question asked of a fact teaches the engine the words people use for it', () => {
  const knowledge = realAnswerer().context.knowledge;
  const asked = { 'cnn-depth-of-ties-uncertain': ['Do analysts doubt the partnership will last?'] };
  const english = loadEnglishFrequencies();
  const withAsked = new SearchEngine({ ...knowledge, vocabulary: { ...knowledge.vocabulary, asked } }, english);
  const withoutAsked = new SearchEngine({ ...knowledge, vocabulary: { ...knowledge.vocabulary, asked: undefined } }, english);
  const q = 'doubts about the partnership';

  it('finds the fact through a word only the asked question holds ("doubt")', () => {
    expect(withAsked.search(q).hits.map((h) => h.fact.id)).toContain('cnn-depth-of-ties-uncertain');
    expect(withoutAsked.search(q).hits.map((h) => h.fact.id)).not.toContain('cnn-depth-of-ties-uncertain');
  });

  it('ranks the fact that says the words above one that was only asked with them', () => {
    const engine = new SearchEngine({
      ...knowledge,
      vocabulary: { ...knowledge.vocabulary, asked: { 'cnn-zhao-united-like-a-mountain': ['how big is the gas deal'] } },
    });
    const ids = engine.search('how big is the gas deal').hits.map((h) => h.fact.id);
    expect(ids[0]).toBe('cnn-gas-deal-400bn');
    // Barely: facts that say some of the words come before it too.
    expect(ids.slice(0, 2)).not.toContain('cnn-zhao-united-like-a-mountain');
  });

  it("a word a fact holds only through an asker's question counts less than its own words", () => {
    // The real asked.yaml holds "prices" and "forecast" for energy facts whose own words say neither.
    const real = new SearchEngine(knowledge, english);
    expect(real.search('oil prices forecast').matched).toBe(false);
    expect(real.search('Russian gas price in Europe today').matched).toBe(false);
    // One word only an asker used cannot carry a match alone.
    expect(real.search('translate hello into Chinese').matched).toBe(false);
    // A question made only of asked words still matches its fact.
    const engine = new SearchEngine({
      ...knowledge,
      vocabulary: { ...knowledge.vocabulary, asked: { 'cnn-gas-deal-400bn': ['zebra quagga'] } },
    });
    expect(engine.search('zebra quagga').hits[0]?.fact.id).toBe('cnn-gas-deal-400bn');
  });

  it('never corrects a typo towards a misspelling someone asked with', () => {
    const engine = new SearchEngine({
      ...knowledge,
      vocabulary: { ...knowledge.vocabulary, asked: { 'cnn-gas-deal-400bn': ['how big is the pipline deal'] } },
    });
    // "piplne" is one edit from the asked "pipline" and two from the base's "pipeline".
    expect(engine.stemsOf('piplne')).not.toEqual(['piplin']);
  });

  it('reads a misspelling someone asked with as the base word it is one edit from', () => {
    const engine = new SearchEngine(
      {
        ...knowledge,
        vocabulary: { ...knowledge.vocabulary, asked: { 'ruehl-far-east-chinese-investment-immigration': ['vladivostock'] } },
      },
      english,
    );
    expect(engine.meaningfulWords('vladivostock')).toEqual(['vladivostok']);
    expect(engine.search('vladivostock').hits[0]?.fact.id).toBe('ruehl-far-east-chinese-investment-immigration');
  });

  it('a word only askers used costs a fact lacking it what the word tells in English, in full', () => {
    // "review" is asked of the parade fact only ("military reviews"): the Huawei fact lacks it.
    const engine = new SearchEngine(
      {
        ...knowledge,
        vocabulary: {
          ...knowledge.vocabulary,
          asked: {
            'geo-huawei-mts-5g': ['is huawei doing 5g with a russian phone company?'],
            'ruehl-chinese-troops-moscow-parades': ['military reviews'],
          },
        },
      },
      english,
    );
    expect(engine.search('huawei phone company').hits[0]?.fact.id).toBe('geo-huawei-mts-5g');
    expect(engine.search('Huawei phone review').matched).toBe(false);
  });
});
