/**
 * Bad input is normal input: whatever people type, the answer is well-formed, cites only
 * listed sources, says only what the knowledge base says, and echoes no control characters.
 * (Pings are each platform's markup: its adapter removes them before the core reads the
 * text, tested beside it, and escapes what it renders.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/types.ts';
import { cited } from '../helpers/items.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';

const answerer = realAnswerer();
const { knowledge } = answerer.context;
const claims = new Set(knowledge.facts.map((f) => f.claim));
const quotes = new Set(knowledge.facts.map((f) => f.quote));

function assertWellFormed(answer: Answer) {
  expect(typeof answer.title).toBe('string');
  expect(answer.query.length).toBeLessThanOrEqual(121);
  expect(answer.query).not.toMatch(/[\u0000-\u001f]/);
  const listed = new Map(answer.sources.map((s) => [s.id, s.citation]));
  for (const item of answer.items) {
    if (item.type === 'guide') continue;
    for (const id of item.sources) expect(listed.has(id)).toBe(true);
    for (const e of item.evidence) {
      expect(listed.get(e.sourceId)).toBe(e.citation);
      expect(quotes.has(e.quote)).toBe(true);
    }
    // The trust rule: a fact item says exactly what a fact says.
    if (item.type === 'fact' && item.evidence.length > 0) expect(claims.has(item.text)).toBe(true);
    if (item.type === 'conflict') for (const v of item.variants) expect(claims.has(v.text)).toBe(true);
  }
  expect(answer.sources.map((s) => s.citation)).toEqual(answer.sources.map((_, i) => i + 1));
}

const hostile = [
  '',
  ' ',
  '\u0000\u0007\u001b[31m',
  '@everyone trade',
  '<!channel> <!here> gas deal',
  '<@U012AB3CD> <#C123|general> who said unbreakable friendship',
  '**bold** _it_ `code` [link](http://evil.example) > quote',
  "'; DROP TABLE facts; --",
  '🇨🇳🇷🇺 🤝 ⛽',
  'x'.repeat(10_000),
  'trade '.repeat(2_000),
  '\u202Eedart',
  'timeline nonsense',
  '/sinorussia /sinorussia timeline',
];

describe('any input gets a sensible answer', () => {
  it.each(hostile.map((h) => [h.slice(0, 40), h]))('%j', (_label, text) => {
    assertWellFormed(answerText(answerer, text));
  });

  it('never throws and stays well-formed for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (text) => {
        assertWellFormed(answerText(answerer, text));
      }),
      { numRuns: 300 },
    );
  });

  it('stays well-formed for words from the base mixed with noise', () => {
    const words = [...new Set(knowledge.facts.flatMap((f) => f.claim.split(' ')))].slice(0, 400);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 8 })), { maxLength: 12 }), (parts) => {
        assertWellFormed(answerText(answerer, parts.join(' ')));
      }),
      { numRuns: 300 },
    );
  });

  it('every topic summary and timeline is well-formed and in date order', () => {
    for (const topic of [
      'trade',
      'energy',
      'military',
      'diplomacy',
      'finance',
      'technology',
      'ukraine',
      'sanctions',
      'tensions',
      'history',
      'multilateral',
      'leaders',
    ]) {
      for (const answer of [answerText(answerer, topic), answerText(answerer, `timeline ${topic}`)]) {
        assertWellFormed(answer);
        expect(answer.items.length).toBeGreaterThan(0);
        const dates = cited(answer.items).map((i) => i.dateKey ?? '');
        expect(dates).toEqual([...dates].sort());
      }
      expect(answerText(answerer, topic).items.length).toBeLessThanOrEqual(8);
    }
  });
});
