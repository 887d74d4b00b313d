import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/search/text.ts';
import { cutAtWord } from '../../src/text.ts';

describe('cutAtWord', () => {
  it('keeps short text as it is', () => expect(cutAtWord('gas deal', 8)).toBe('gas deal'));
  it('cuts at the last space that fits, with an ellipsis within the limit', () => {
    const cut = cutAtWord('the gas deal is worth four hundred', 20);
    expect(cut).toBe('the gas deal is…');
    expect(cut.length).toBeLessThanOrEqual(20);
  });
  it('cuts a single long word where it must', () => expect(cutAtWord('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`));
  it('lets the surface tidy the end of the cut', () => {
    expect(cutAtWord('R&amp;D spending rose', 5, (c) => c.replace(/&[a-z]*$/, ''))).toBe('R…');
  });
});

describe('tokenize', () => {
  it('reads a possessive as the word itself, and joins other apostrophes', () => {
    expect(tokenize("India's oil, Russia’s won't O'Sullivan")).toEqual(['india', 'oil', 'russia', 'wont', 'osullivan']);
  });

  it('reads an amount with its unit run on as the amount and the unit, "b" for billion too', () => {
    expect(tokenize('$400bn, 190b, 30mn')).toEqual(['400', 'billion', '190', 'billion', '30', 'million']);
    expect(tokenize('the 5g network, b-52')).not.toContain('billion');
  });
});
