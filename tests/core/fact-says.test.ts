import { describe, expect, it } from 'vitest';
import { statesAmount, statesWhen } from '../../src/search/fact-says.ts';
import { tokenize } from '../../src/search/text.ts';

describe('what a fact states', () => {
  it('an amount: a number that is not a year or a day of a month, or an amount word', () => {
    expect(statesAmount(tokenize('Russia supplied 70% of its arms imports'))).toBe(true);
    expect(statesAmount(tokenize('the US has sent Kyiv billions in aid'))).toBe(true);
    expect(statesAmount(tokenize('the Tiananmen Square crackdown of 1989'))).toBe(false);
    expect(statesAmount(tokenize('met on 17 June 2021'))).toBe(false);
    expect(statesAmount(tokenize('met on June 17, 2021'))).toBe(false);
    expect(statesAmount(tokenize('one of the two countries, a state-funded think tank'))).toBe(false);
  });

  it('an exact amount only in digits', () => {
    expect(statesAmount(tokenize('billions in aid'), true)).toBe(false);
    expect(statesAmount(tokenize('a $400bn gas deal'), true)).toBe(true);
  });

  it('when: a year or decade, a month, or a word of time', () => {
    expect(statesWhen(tokenize('NATO plans a liaison office in Tokyo'))).toBe(false);
    expect(statesWhen(tokenize('relations soured in the late 1950s'))).toBe(true);
    expect(statesWhen(tokenize('in February, after the invasion'))).toBe(true);
  });
});
