/** The labelled verify set against the real base: each claim's verdict and the facts it rests on. */
import { describe, expect, it } from 'vitest';
import type { Answer, CheckItem } from '../../src/answer/types.ts';
import { verifyRequest } from '../../src/commands/verify.ts';
import { NOTHING_TO_CHECK } from '../../src/verify/verify.ts';
import { realAnswerer } from '../helpers/real.ts';
import { VERIFY_CASES } from './cases.ts';

const core = realAnswerer();
const checksOf = (answer: Answer) => answer.items.filter((i): i is CheckItem => i.type === 'check');
const factIds = (check: CheckItem) => new Set(check.evidence.map((e) => e.factId));

describe('the labelled verify set', () => {
  it('has at least 40 cases, in every group', () => {
    expect(VERIFY_CASES.length).toBeGreaterThanOrEqual(40);
    const groups = new Set(VERIFY_CASES.map((c) => c.group));
    expect([...groups].sort()).toEqual(['bound', 'event', 'figure', 'hostile', 'kind', 'mixed', 'nothing', 'quote', 'unit']);
  });

  it.each(VERIFY_CASES.map((c) => [c.text.length > 90 ? `${c.text.slice(0, 90)}…` : c.text, c] as const))('%s', (_, c) => {
    const answer = core.answerNow(verifyRequest(c.text));
    expect(answer.kind).toBe('verify');
    expect(answer.show.audience).toBe('asker');
    const checks = checksOf(answer);
    if (c.expect === 'nothing') {
      expect(checks).toEqual([]);
      expect(answer.lead).toContain(NOTHING_TO_CHECK);
      return;
    }
    expect(checks.map((k) => k.verdict)).toEqual(c.expect.map((e) => e.verdict));
    c.expect.forEach((want, i) => {
      const ids = factIds(checks[i]);
      for (const id of want.facts ?? []) expect(ids, `${id} cited`).toContain(id);
      for (const id of want.notFacts ?? []) expect(ids, `${id} not cited`).not.toContain(id);
      if (want.shows !== undefined) expect(checks[i].items.length > 0).toBe(want.shows);
    });
  });
});

describe('what every check holds', () => {
  const all = VERIFY_CASES.flatMap((c) => checksOf(core.answerNow(verifyRequest(c.text))).map((check) => ({ text: c.text, check })));

  it('never calls a claim false or true: only what our sources say', () => {
    for (const { check } of all) {
      const words = [check.text, check.note ?? '', check.reading ?? ''].join(' ').toLowerCase();
      expect(words).not.toMatch(/\b(?:false|true|wrong|lie|incorrect|correct|misinformation)\b/);
    }
  });

  it('shows ours for every agreement and difference, and cites each of its sources', () => {
    for (const { check } of all) {
      if (check.verdict !== 'unknown') expect(check.items.length, check.claim).toBeGreaterThan(0);
      for (const item of check.items) expect(check.sources).toEqual(expect.arrayContaining(item.sources));
    }
  });

  it('quotes the claim from the message, never longer than a readable line', () => {
    for (const { text, check } of all) {
      expect(check.claim.length).toBeLessThanOrEqual(201);
      expect(text.replace(/\s+/g, ' ')).toContain(check.claim.replace(/…$/, ''));
    }
  });

  it('says when a long paste was read only in part', () => {
    const answer = core.answerNow(verifyRequest(`China and Russia traded $190 billion in 2022. ${'blah '.repeat(5000)}`));
    expect(answer.lead).toMatch(/Only the first 2000 characters were read/);
  });

  it('checks at most ten claims of a message and says how many were left', () => {
    const text = Array.from({ length: 12 }, (_, i) => `China and Russia traded $${100 + i} billion in 2022.`).join(' ');
    const answer = core.answerNow(verifyRequest(text));
    expect(checksOf(answer)).toHaveLength(10);
    expect(answer.lead).toContain('Only the first 10 claims were checked; 2 more were left.');
  });

  it('checks a claim the message repeats once', () => {
    const answer = core.answerNow(verifyRequest('Trade hit $190 billion in 2022. Trade hit $190 billion in 2022.'));
    expect(checksOf(answer)).toHaveLength(1);
  });

  it('reports a figure with no period as left unchecked', () => {
    const answer = core.answerNow(verifyRequest('China and Russia traded $190 billion last year'));
    expect(answer.lead).toMatch(/no period/);
  });
});
