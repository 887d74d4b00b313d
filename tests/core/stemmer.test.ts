import { describe, expect, it } from 'vitest';
import { Stemmer, stem, withIrregularForms } from '../../src/search/text.ts';

describe('stemming', () => {
  it('stems words and keeps numbers as they are', () => {
    expect(['relations', 'running', 'exported', '2022', '400'].map(stem)).toEqual(['relat', 'run', 'export', '2022', '400']);
  });

  it('an irregular verb form stems as its base form; a form that is also another word keeps its own', () => {
    expect(['became', 'sold', 'grew', 'driven', 'dealt'].map(stem)).toEqual(['become', 'sell', 'grow', 'drive', 'deal'].map(stem));
    // "left" is a side of politics and "found" a verb of its own, not forms of "leave" and "find".
    expect(stem('left')).not.toBe(stem('leave'));
    expect(stem('found')).not.toBe(stem('find'));
  });

  it("a stop word's irregular forms are stop words too", () => {
    const stops = withIrregularForms(['go', 'come']);
    expect([...stops].sort()).toEqual(['came', 'come', 'go', 'gone', 'went']);
  });

  it('a Stemmer gives the same stems, remembered or not, past its memory limit too', () => {
    const stemmer = new Stemmer(2);
    const words = ['relations', 'running', 'exported', 'relations', '2022', 'running'];
    expect(words.map(stemmer.stem)).toEqual(['relat', 'run', 'export', 'relat', '2022', 'run']);
  });
});
