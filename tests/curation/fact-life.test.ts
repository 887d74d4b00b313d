import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/commands/index.ts';
import { KnowledgeError } from '../../src/errors.ts';
import { loadKnowledge, readKnowledge } from '../../src/knowledge/load.ts';
import { cli } from '../helpers/cli.ts';
import { fact, factsFile, writeFixture } from '../helpers/fixture.ts';
import { asConflict, cited } from '../helpers/items.ts';
import { answerText } from '../helpers/real.ts';

const figure = (value: number) =>
  `\n      measure: bilateral-trade\n      value: ${value}\n      unit: billion\n      currency: USD\n      period: "2018"`;
const EARLY = fact('trade-2018-first', {
  claim: 'Officials put 2018 trade at $100 billion.',
  figure: figure(100),
  superseded_by: 'trade-2018-revised',
});
const REVISED = fact('trade-2018-revised', {
  claim: 'Other officials later put 2018 trade at $90 billion.',
  quote: '"Other officials said trade was $90 billion that year."',
  figure: figure(90),
});

function base(extraAlpha: string[] = [], extraBeta: string[] = []) {
  return writeFixture({
    facts: { 'alpha.yaml': factsFile('alpha', EARLY, ...extraAlpha), 'beta.yaml': factsFile('beta', REVISED, ...extraBeta) },
  });
}

describe('superseded_by', () => {
  it('shows the newer fact first, then what was reported earlier and when, never as a conflict', () => {
    const { dir } = base();
    const answer = answerText(createAnswerer(loadKnowledge(dir)), 'ask trade 2018');
    expect(cited(answer.items).map((i) => [i.type, i.mark, i.text])).toEqual([
      ['fact', 'updated', 'Other officials later put 2018 trade at $90 billion.'],
      ['fact', 'reported earlier, 17 Jun 2021', 'Officials put 2018 trade at $100 billion.'],
    ]);
    expect(answer.sources.map((s) => s.id)).toEqual(['beta', 'alpha']);
  });

  it('without superseded_by the two figures are a conflict (so the link is what changes the answer)', () => {
    const { dir } = writeFixture({
      facts: { 'alpha.yaml': factsFile('alpha', EARLY.replace(/\n\s+superseded_by: .*/, '')), 'beta.yaml': factsFile('beta', REVISED) },
    });
    const item = asConflict(answerText(createAnswerer(loadKnowledge(dir)), 'ask trade 2018').items[0]);
    expect(item.text).toBe('Sources differ');
    expect(item.mark).toBeUndefined();
  });

  it('refuses an unknown, self or circular superseded_by, with file, line and id', () => {
    const unknown = base([fact('other', { superseded_by: 'nowhere' })]);
    expect(readKnowledge(unknown.dir).issues.map((i) => i.message)).toEqual(['superseded_by: unknown fact id "nowhere"']);
    const self = base([fact('other', { superseded_by: 'other' })]);
    const line =
      readFileSync(join(self.dir, 'facts', 'alpha.yaml'), 'utf8')
        .split('\n')
        .indexOf('  - id: other') + 1;
    expect(readKnowledge(self.dir).issues[0]).toMatchObject({
      id: 'other',
      message: 'superseded_by: a fact cannot supersede itself',
      file: expect.stringMatching(/alpha\.yaml$/),
      line,
    });
    const circular = writeFixture({
      facts: {
        'alpha.yaml': factsFile('alpha', EARLY),
        'beta.yaml': factsFile('beta', REVISED.replace('figure:', 'superseded_by: trade-2018-first\n    figure:')),
      },
    });
    expect(readKnowledge(circular.dir).issues.map((i) => i.message)).toContain(
      'superseded_by: the chain from "trade-2018-first" comes back to "trade-2018-first"',
    );
  });
});

describe('retracted', () => {
  const RETRACTED = fact('trade-2018-misread', {
    claim: 'Officials put 2018 trade at exactly $100 billion.',
    retracted: '\n      reason: The article gives a rounded figure; we misread it as exact.\n      date: "2026-11-30"',
  });

  it('is never shown, in any answer, and kept for the record', async () => {
    const { dir } = base([RETRACTED]);
    const knowledge = loadKnowledge(dir);
    expect(knowledge.facts.map((f) => f.id)).not.toContain('trade-2018-misread');
    expect(knowledge.factById.has('trade-2018-misread')).toBe(false);
    expect(knowledge.retracted?.map((f) => [f.id, f.retracted?.reason])).toEqual([
      ['trade-2018-misread', 'The article gives a rounded figure; we misread it as exact.'],
    ]);
    const answerer = createAnswerer(knowledge);
    for (const question of ['ask exactly $100 billion', 'timeline trade', 'topic trade']) {
      const shown = JSON.stringify(answerText(answerer, question).items);
      expect(shown).not.toContain('trade-2018-misread');
      expect(shown).not.toContain('at exactly');
    }
    const check = await cli('check', '--knowledge', dir);
    expect(check.out).toMatch(/^knowledge ok: 2 sources, 2 facts/);
  });

  it('needs a reason, and no standing fact may lean on a retracted one', () => {
    const bare = base([fact('gone', { retracted: '\n      date: "2026-11-30"' })]);
    expect(readKnowledge(bare.dir).issues[0]).toMatchObject({
      id: 'gone',
      message: 'retracted.reason: Invalid input: expected string, received undefined',
    });
    const leaning = base([RETRACTED], [fact('leans', { corroborates: '[trade-2018-misread]' })]);
    expect(readKnowledge(leaning.dir).issues.map((i) => i.message)).toEqual([
      'corroborates: "trade-2018-misread" is retracted; remove the link',
    ]);
    expect(() => loadKnowledge(leaning.dir)).toThrow(KnowledgeError);
  });
});
