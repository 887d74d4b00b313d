import { describe, expect, it } from 'vitest';
import { Stemmer, stem } from '../../src/search/text.ts';

describe('stemming', () => {
  it('stems words and keeps numbers as they are', () => {
    expect(['relations', 'running', 'exported', '2022', '400'].map(stem)).toEqual(['relat', 'run', 'export', '2022', '400']);
  });

  it('a Stemmer gives the same stems, remembered or not, past its memory limit too', () => {
    const stemmer = new Stemmer(2);
    const words = ['relations', 'running', 'exported', 'relations', '2022', 'running'];
    expect(words.map(stemmer.stem)).toEqual(['relat', 'run', 'export', 'relat', '2022', 'run']);
  });
});
