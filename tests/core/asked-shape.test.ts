/**
 * What a question asks for beyond its topic, read from the cues in search.yaml: what kinds of
 * a thing there are (a fact listing several ranks higher), which person or company (an answer
 * must name one), what came of an event (its plan does not say), one thing on its own (a list holding it does not say), how long something lasts (an
 * answer must state a span of time); and the words around a question that only frame it.
 */
import { describe, expect, it } from 'vitest';
import { statesDuration } from '../../src/search/fact-says.ts';
import { tokenize } from '../../src/search/text.ts';
import { realAnswerer } from '../helpers/real.ts';

const answerer = realAnswerer();
const answer = (q: string) => answerer.answerNow(answerer.parseText(q));
/** The facts an answer shows, in order. */
const factsOf = (q: string) => answer(q).items.flatMap((i) => (i.type === 'guide' ? [] : i.evidence.map((e) => e.factId)));

describe('what a question asks for', () => {
  it('"what kinds of" puts a fact listing kinds among the answers: fighter jets, submarines and air defence systems', () => {
    expect(factsOf('What kinds of Russian military hardware has China been buying?')).toContain(
      'ruehl-russian-arms-help-china-asia-pacific',
    );
    expect(factsOf('Which categories of Russian military equipment have been delivered to China?')).toContain(
      'ruehl-russian-arms-help-china-asia-pacific',
    );
  });

  it('"which <post>" asks for a person: a fact naming no one does not answer', () => {
    expect(answer('Which Japanese prime minister hosted the G7 summit?').matched).toBe(false);
    expect(factsOf('Which Chinese foreign ministry spokesman said the two are united like a mountain?')[0]).toBe(
      'cnn-zhao-united-like-a-mountain',
    );
  });

  it('"which companies" asks for a company: "Russian and Chinese state energy companies" names none', () => {
    expect(answer('Which firms set up the LNG joint venture?').matched).toBe(false);
    expect(factsOf('which companies partnered on 5G in Russia')[0]).toBe('geo-huawei-mts-5g');
  });

  it('"what came of" an event is not answered by its plan: Li Hui was due to meet Lavrov', () => {
    expect(answer("What came of Li Hui's meeting with Lavrov?").matched).toBe(false);
    expect(answer("what was the outcome of li hui's talks in moscow").matched).toBe(false);
    expect(factsOf('Who was Li Hui due to meet in Moscow?')).toContain('wv-li-hui-to-meet-lavrov');
    expect(answer('how did the Switzerland summit go').matched).toBe(true);
  });

  it('a currency the base never names, or a rate today, is off the topic: it is no typo of "tense"', () => {
    expect(answer("what's the tenge to US dollar rate today").matched).toBe(false);
    expect(answer('hryvnia to rouble').matched).toBe(false);
  });

  it('one thing "alone" is not answered by a fact naming it only in a list with others', () => {
    expect(answer("How much were China's coal imports from Russia on their own in 2022?").matched).toBe(false);
    expect(answer('how much was coal alone in the 2022 energy purchases').matched).toBe(false);
    expect(factsOf("How much were China's energy imports from Russia in 2022?")).toContain('lifeline-energy-imports-2022');
  });

  it('"how many years" asks for a span of time: a deal\'s value does not say how long it runs', () => {
    expect(answer('how many years does the $400bn gas deal run?').matched).toBe(false);
    expect(answer('contract length of the 400 billion dollar gas deal').matched).toBe(false);
    expect(factsOf('how big is the gas deal')).toContain('cnn-gas-deal-400bn');
    // A judgement of how long a partnership lasts is no span asked for.
    expect(answer('How long will the partnership last?').matched).toBe(true);
  });

  it('a span of time is a number of years, decades or months, never a year', () => {
    expect(statesDuration(tokenize('a 30-year supply contract'))).toBe(true);
    expect(statesDuration(tokenize('for two decades'))).toBe(true);
    expect(statesDuration(tokenize('a $400 billion deal signed in 2014'))).toBe(false);
    expect(statesDuration(tokenize('in recent years'))).toBe(false);
  });

  it('"after 1991" is held by a fact about a later time, though it names no year; "in 1991" is not', () => {
    expect(factsOf("why did china's market matter to russian arms makers after 1991")).toContain(
      'ruehl-russian-defence-industry-gains-china-market',
    );
    expect(answer("why did china's market matter to russian arms makers in 1991").matched).toBe(false);
  });

  it('"relevant" frames a question; "go up" names a growth', () => {
    expect(factsOf('why is the common border relevant for energy')).toContain('ruehl-border-bypasses-us-sea-lanes');
    expect(factsOf('how much did trade go up in the first half of 2023')[0]).toBe('lifeline-trade-growth-2023-h1');
  });

  it('"%" is the word "percent": "what %" asks for a share', () => {
    expect(tokenize('what % of trade')).toEqual(['what', 'percent', 'of', 'trade']);
    expect(factsOf("what % of China's arms imports came from Russia in 2014-2018")[0]).toBe(
      'cnn-russia-70pct-china-arms-imports-2014-2018',
    );
    // "Most of their trade" is no percentage.
    expect(answer('what % of bilateral trade is settled in yuan vs rubles').matched).toBe(false);
  });

  it('"the op-ed says" frames the question: "op" and "ed" are not searched', () => {
    expect(answerer.context.reader.read('The op-ed says NATO plans an office in Asia. In which city?').searchText).not.toMatch(
      /\bop\b|\bed\b/,
    );
    expect(factsOf('The op-ed says NATO plans an office in Asia. In which city?')[0]).toBe('wv-nato-tokyo-liaison-office');
  });

  it('"lean on" is to rely on, barrels are oil', () => {
    expect(factsOf('why would china lean on russia for energy')[0]).toBe('lifeline-russia-cuts-middle-east-oil-reliance');
    expect(factsOf('why is china wary of relying on middle east barrels')).toContain('lifeline-russia-cuts-middle-east-oil-reliance');
  });
});
