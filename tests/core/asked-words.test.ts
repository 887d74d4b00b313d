/**
 * Words of a question read as their asker means them: an amount's unit written apart ("100
 * bn"), chat words that carry nothing ("wtf", "super"), a newspaper that names no country,
 * "according to" that names no deal, a post asked for that no answer needs to say, and the
 * word a measure is known by.
 */
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/search/text.ts';
import { realAnswerer } from '../helpers/real.ts';

const answerer = realAnswerer();
const answer = (q: string) => answerer.answerNow(answerer.parseText(q));
const factsOf = (q: string) => answer(q).items.flatMap((i) => (i.type === 'guide' ? [] : i.evidence.map((e) => e.factId)));

describe('the words of a question', () => {
  it('an amount\'s unit written apart is the amount: "100 bn" is "100 billion"', () => {
    expect(tokenize('crossed USD 100 bn, then 5 mn')).toEqual(['crossed', 'usd', '100', 'billion', 'then', '5', 'million']);
  });

  it('chat words ("wtf", "super") carry nothing', () => {
    expect(factsOf("wtf does 'sky is the limit' refer to")[0]).toBe('cnn-beijing-sky-is-the-limit');
    expect(factsOf('is their trade super imbalanced')).toContain('cnn-trade-deeply-imbalanced');
  });

  it('"diminish" is to reduce', () => {
    expect(factsOf("In which year did Putin and Xi pledge to diminish the dollar's role?")[0]).toBe(
      'ruehl-2019-pledge-reduce-dollar-dominance',
    );
  });

  it('"the Washington Post" is a newspaper, not the US: a figure question naming it is not about US trade', () => {
    expect(
      factsOf('By what percentage are Russian energy deliveries to China projected to grow, according to the Washington Post?')[0],
    ).toBe('wv-energy-shipments-2023-up-40pct');
  });

  it('"according to" credits a source and names no deal', () => {
    const q = 'What figure does the Kremlin cite for the value of trade, according to The Geopolitics?';
    expect(answerer.context.reader.read(q).measures.flat()).not.toContain('deals-signed-value');
    expect(factsOf(q)[0]).toBe('geo-trade-108bn-kremlin');
  });

  it('a post asked for ("which position") is not searched: the answer names a post beside the person', () => {
    expect(factsOf('Which position did Zhao Lijian hold?')[0]).toMatch(/^cnn-zhao-/);
    expect(answer('What post did Mikhail Mishustin hold before he became Prime Minister?').matched).toBe(false);
  });

  it('"before" places a question in time only up to its verb: "how long before the invasion did they sign…" asks of the signing', () => {
    expect(answerer.context.reader.read("How long before the invasion did Putin and Xi sign the 'no limits' agreement?").before).toBe(
      'the invasion ',
    );
    expect(factsOf("How long before the invasion did Putin and Xi sign the 'no limits' agreement?")[0]).toBe(
      'lifeline-no-limits-agreement-2022-02',
    );
  });

  it('"setting up shop" is opening; "defence-wise", "wait" carry nothing', () => {
    expect(factsOf('Is the Atlantic alliance setting up shop in Tokyo?')[0]).toBe('wv-nato-tokyo-liaison-office');
    expect(factsOf('What did Beijing and Moscow do after the 2014 sanctions, defence-wise?')).toContain(
      'lifeline-2014-sanctions-agreements',
    );
    expect(factsOf('wait, who said the sky is the limit')[0]).toBe('cnn-beijing-sky-is-the-limit');
  });

  it('a part about the asker ("thinking about… for my paper") may find nothing after a part answered; one that asks must be answered', () => {
    expect(answer('what does russia sell to china? thinking about the comparative advantage angle for my econ paper').matched).toBe(true);
    expect(answer('what does russia sell to china? and who won the 2018 world cup').matched).toBe(false);
    expect(answer('best time of year to visit st petersburg? thinking of a trip').matched).toBe(false);
  });

  it('a year asked whole ("full-year 2023") is not answered by a fact about part of it', () => {
    expect(answer('China-Russia trade for full-year 2023 - the final total?').matched).toBe(false);
    expect(factsOf('what was china russia trade in the whole of 2022')[0]).toBe('wv-trade-2022-record-190bn');
    expect(factsOf('china russia trade in 2023')).toContain('lifeline-trade-gain-2023-01-05');
  });

  it('a measure is known by its rarest word: a share of arms imports needs arms, not just a share', () => {
    expect(answer("What share of China's arms imports did Russia supply between 2019 and 2023?").matched).toBe(false);
    expect(answer('How did China–Russia trade develop in 2024, the year of their 75th anniversary?').matched).toBe(false);
  });
});
