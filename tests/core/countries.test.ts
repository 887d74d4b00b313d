import { describe, expect, it } from 'vitest';
import { countryNames } from '../../src/search/countries.ts';

describe('countryNames', () => {
  const names = countryNames();
  it('names the countries a question may ask about, from the ICU data Node ships', () => {
    expect(names).toEqual(expect.arrayContaining(['Japan', 'Australia', 'North Korea', 'United States', 'Turkmenistan', 'Hong Kong']));
  });
  it('leaves out pseudo-regions and groupings', () => {
    expect(names.filter((n) => /pseudo|unknown|united nations|european union/i.test(n))).toEqual([]);
  });
});
