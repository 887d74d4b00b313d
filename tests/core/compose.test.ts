import { describe, expect, it } from 'vitest';
import { figuresAgree } from '../../src/answer/compose.ts';
import { createAnswerer } from '../../src/commands/index.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { parsePeriod } from '../../src/knowledge/periods.ts';
import type { Figure } from '../../src/knowledge/types.ts';
import { fact, factsFile, writeFixture } from '../helpers/fixture.ts';
import { asConflict, asFact, cited } from '../helpers/items.ts';
import { answerText } from '../helpers/real.ts';

const trade = (value: number, bound = 'exact', period = '"2018"') =>
  `{ measure: bilateral-trade, value: ${value}, unit: billion, currency: USD, bound: ${bound}, period: ${period} }`;

function answererFor(alpha: string[], beta: string[]) {
  const { dir } = writeFixture({ facts: { 'alpha.yaml': factsFile('alpha', ...alpha), 'beta.yaml': factsFile('beta', ...beta) } });
  return createAnswerer(loadKnowledge(dir));
}

describe('answer composition', () => {
  it('merges the same figure from two sources into one item citing both', () => {
    const answerer = answererFor(
      [fact('a-trade', { claim: 'Trade passed 100 billion dollars in 2018.', figure: trade(100, 'more-than') })],
      [fact('b-trade', { claim: 'Trade was above 100 billion dollars in 2018.', figure: trade(100, 'more-than') })],
    );
    const answer = answerText(answerer, 'trade 2018 billion');
    expect(answer.items).toHaveLength(1);
    expect(answer.items[0]).toMatchObject({ type: 'fact', corroborated: true, sources: ['alpha', 'beta'], citations: [1, 2] });
    expect(
      asFact(answer.items[0])
        .evidence.map((e) => e.factId)
        .sort(),
    ).toEqual(['a-trade', 'b-trade']);
    expect(answer.sources.map((s) => [s.citation, s.id])).toEqual([
      [1, 'alpha'],
      [2, 'beta'],
    ]);
  });

  it('shows disagreeing figures side by side, each with its own source', () => {
    const answerer = answererFor(
      [fact('a-trade', { claim: 'Trade was 100 billion dollars in 2018.', figure: trade(100) })],
      [fact('b-trade', { claim: 'Trade was 90 billion dollars in 2018.', figure: trade(90) })],
    );
    const [first, ...rest] = answerText(answerer, 'trade 2018 billion').items;
    expect(rest).toEqual([]);
    // A conflict is never corroborated: it has no such field.
    const item = asConflict(first);
    expect(item).not.toHaveProperty('corroborated');
    expect(item.variants.map((v) => [v.text, v.sources])).toEqual(
      expect.arrayContaining([
        ['Trade was 100 billion dollars in 2018.', ['alpha']],
        ['Trade was 90 billion dollars in 2018.', ['beta']],
      ]),
    );
    // The summary repeats neither claim: each stands only beside its own source, in its variant.
    expect(item.text).toBe('Sources differ');
  });

  it('keeps figures of different periods apart', () => {
    const answerer = answererFor(
      [fact('a-2018', { claim: 'Trade was 100 billion dollars in 2018.', figure: trade(100) })],
      [fact('b-2019', { claim: 'Trade was 110 billion dollars in 2019.', about: '"2019"', figure: trade(110, 'exact', '"2019"') })],
    );
    const items = answerText(answerer, 'trade billion').items;
    expect(items).toHaveLength(2);
    expect(items.map((i) => [i.type, asFact(i).corroborated])).toEqual([
      ['fact', false],
      ['fact', false],
    ]);
  });

  it('follows explicit corroborates and conflicts_with links, keeping corroborating facts on one side', () => {
    const answerer = answererFor(
      [
        fact('a-said', { claim: 'The minister called the partner his best friend.', corroborates: '[b-said]' }),
        fact('a-other', { claim: 'The minister called the partner a close colleague.', conflicts_with: '[b-said]' }),
      ],
      [fact('b-said', { claim: 'The minister described the partner as his best friend.' })],
    );
    const item = asConflict(answerText(answerer, 'minister best friend').items[0]);
    expect(item.variants).toHaveLength(2);
    expect(item.variants[0].evidence.map((e) => e.factId).sort()).toEqual(['a-said', 'b-said']);
    expect(item.variants[1].evidence.map((e) => e.factId)).toEqual(['a-other']);
  });

  it('orders a topic summary by date and points to the full timeline', () => {
    const answerer = answererFor(
      [
        fact('a-late', { claim: 'Trade grew in 2022.', about: '"2022"', key: 'true' }),
        fact('a-early', { claim: 'Trade grew in 2015.', about: '"2015"', key: 'true' }),
      ],
      [fact('b-mid', { claim: 'Trade grew in 2019.', about: '"2019"' })],
    );
    const answer = answerText(answerer, 'trade');
    expect(answer.kind).toBe('topic');
    expect(cited(answer.items).map((i) => i.date)).toEqual(['2015', '2019', '2022']);
    expect(answer.next).toContainEqual({ command: 'timeline', options: { topic: 'trade' } });
  });
});

describe('figuresAgree', () => {
  const f = (value: number, bound: Figure['bound'] = 'exact'): Figure => ({
    measure: 'm',
    value,
    unit: 'billion',
    bound,
    kind: 'actual',
    period: parsePeriod('2018') as Figure['period'],
    periodGiven: true,
  });
  it.each([
    [f(100, 'more-than'), f(108), true],
    [f(100, 'more-than'), f(100, 'more-than'), true],
    [f(100, 'more-than'), f(90), false],
    [f(100), f(108), false],
    [f(100), f(100), true],
    [f(100, 'about'), f(103), true],
    [f(100, 'about'), f(120), false],
    [f(50, 'less-than'), f(40), true],
    [f(50, 'at-least'), f(50), true],
  ])('%j ~ %j → %s', (a, b, expected) => {
    expect(figuresAgree(a, b)).toBe(expected);
    expect(figuresAgree(b, a)).toBe(expected);
  });
});
