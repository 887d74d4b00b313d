/**
 * Per-fact aliases (knowledge/aliases.yaml): words curators write for a fact that it does not
 * say itself. Checked at load like every knowledge file; a fact then matches them as its own.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/errors.ts';
import { readKnowledge } from '../../src/knowledge/load.ts';
import { SearchEngine } from '../../src/search/engine.ts';
import { fact, factsFile, writeFixture } from '../helpers/fixture.ts';
import { realAnswerer } from '../helpers/real.ts';

const base = () => writeFixture({ facts: { 'alpha.yaml': factsFile('alpha', fact('a-one')) } });

describe('aliases.yaml', () => {
  it('is optional, and read when present', () => {
    const { dir } = base();
    expect(readKnowledge(dir).knowledge?.vocabulary.aliases).toBeUndefined();
    writeFileSync(join(dir, 'aliases.yaml'), 'aliases:\n  a-one: [first words, "1989"]\n');
    expect(readKnowledge(dir).knowledge?.vocabulary.aliases).toEqual({ 'a-one': ['first words', '1989'] });
  });

  it('an unknown fact id stops the load, naming file, line and id', () => {
    const { dir } = base();
    writeFileSync(join(dir, 'aliases.yaml'), 'aliases:\n  a-one: [first words]\n  a-two: [second words]\n');
    const { knowledge, issues } = readKnowledge(dir);
    expect(knowledge).toBeUndefined();
    expect(issues.map(formatIssue)).toEqual([expect.stringMatching(/aliases\.yaml:3 \[a-two\] unknown fact id "a-two"/)]);
  });

  it('an alias that is not a word (a bare number) is an error with its line', () => {
    const { dir } = base();
    writeFileSync(join(dir, 'aliases.yaml'), 'aliases:\n  a-one: [1989]\n');
    const { issues } = readKnowledge(dir);
    expect(issues.map(formatIssue)).toEqual([expect.stringMatching(/aliases\.yaml:2 .*a-one/)]);
  });
});

describe('an alias finds its fact, and only its fact', () => {
  const knowledge = realAnswerer().context.knowledge;
  // Without asked.yaml too: its questions say some of the same words.
  const withAliases = new SearchEngine({ ...knowledge, vocabulary: { ...knowledge.vocabulary, asked: undefined } });
  const withoutAliases = new SearchEngine({ ...knowledge, vocabulary: { ...knowledge.vocabulary, aliases: undefined, asked: undefined } });

  it('"Sino-Soviet split" finds the strained ties of the late 1950s', () => {
    const q = 'what caused the Sino-Soviet split';
    expect(withAliases.search(q).hits.map((h) => h.fact.id)).toContain('cnn-relations-strained-late-1950s');
    expect(withoutAliases.search(q).hits.map((h) => h.fact.id)).not.toContain('cnn-relations-strained-late-1950s');
  });

  it('"Strait of Malacca" finds the facts about sea lanes', () => {
    const ids = withAliases.search('the Strait of Malacca and Russian oil').hits.map((h) => h.fact.id);
    expect(ids).toEqual(expect.arrayContaining(['ruehl-border-bypasses-us-sea-lanes']));
  });
});
