/** Number words: one table read by drafting and by verify, so neither misreads "sixteen" as "six". */
import { describe, expect, it } from 'vitest';
import { numberValue } from '../../src/numbers.ts';
import { claimsOf } from '../../src/verify/claims.ts';

describe('numberValue', () => {
  it('reads digits, grouped digits, number words and their compounds', () => {
    expect(numberValue('190')).toBe(190);
    expect(numberValue('1,250.5')).toBe(1250.5);
    expect(numberValue('Sixteen')).toBe(16);
    expect(numberValue('twenty-five')).toBe(25);
    expect(numberValue('ninety nine')).toBe(99);
  });

  it('gives nothing for words that are not numbers, including the names every object has', () => {
    expect(numberValue('sixish')).toBeUndefined();
    expect(numberValue('constructor')).toBeUndefined();
    expect(numberValue('')).toBeUndefined();
  });
});

describe('figures written in words, as verify reads them', () => {
  it('reads the teens and the tens whole, not their first letters as a smaller number', () => {
    const figures = claimsOf('Sixteen countries joined in 2023. Trade grew sixty percent in 2022.').flatMap((c) =>
      c.type === 'figure' ? [[c.value, c.unit]] : [],
    );
    expect(figures).toEqual([
      [16, undefined],
      [60, 'percent'],
    ]);
  });
});
