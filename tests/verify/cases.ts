/**
 * The labelled verify set: messages written from the five seed articles and the facts in
 * knowledge/facts, each with the verdicts our sources give, claim by claim, and the facts a
 * verdict must rest on. `nothing` is "nothing to check".
 */
import type { Verdict } from '../../src/answer/types.ts';

export interface ExpectedCheck {
  verdict: Verdict;
  /** Facts the check must cite (others may be cited too). */
  facts?: string[];
  /** Facts it must not cite. */
  notFacts?: string[];
  /** Whether the check shows any of our facts (an `unknown` that speaks to the claim without settling it). */
  shows?: boolean;
}

export interface VerifyCase {
  group: 'figure' | 'bound' | 'kind' | 'unit' | 'quote' | 'event' | 'nothing' | 'hostile' | 'mixed';
  text: string;
  expect: ExpectedCheck[] | 'nothing';
}

const TRADE_2022 = 'wv-trade-2022-record-190bn';
const TRADE_2018 = ['cnn-trade-2018-over-100bn', 'ruehl-trade-2018-over-100bn'];

export const VERIFY_CASES: VerifyCase[] = [
  // Figures: the issue's own, then the ways people write them.
  { group: 'figure', text: 'China and Russia traded $190 billion in 2022', expect: [{ verdict: 'agrees', facts: [TRADE_2022] }] },
  { group: 'figure', text: 'China and Russia traded $240 billion in 2022', expect: [{ verdict: 'differs', facts: [TRADE_2022] }] },
  { group: 'figure', text: 'China–Russia trade hit $190bn in 2022.', expect: [{ verdict: 'agrees', facts: [TRADE_2022] }] },
  { group: 'figure', text: 'Bilateral trade was about 190 billion dollars in 2022', expect: [{ verdict: 'agrees', facts: [TRADE_2022] }] },
  { group: 'figure', text: 'Trade between China and Russia came to roughly $195 billion in 2022', expect: [{ verdict: 'agrees' }] },
  { group: 'figure', text: 'China-Russia trade was about $250 billion in 2022', expect: [{ verdict: 'differs', facts: [TRADE_2022] }] },
  { group: 'figure', text: 'China and Russia traded $192 billion in 2022', expect: [{ verdict: 'differs', facts: [TRADE_2022] }] },
  { group: 'figure', text: 'In 2022, trade between China and Russia reached a record $190 billion', expect: [{ verdict: 'agrees' }] },
  { group: 'figure', text: 'China and Russia traded $190 billion in 2021', expect: [{ verdict: 'unknown', shows: false }] },
  {
    group: 'figure',
    text: 'China imported $81 billion of Russian energy in 2022',
    expect: [{ verdict: 'agrees', facts: ['lifeline-energy-imports-2022'] }],
  },
  {
    group: 'figure',
    text: 'In 2021 China bought Russian energy worth $60 billion',
    expect: [{ verdict: 'differs', facts: ['lifeline-energy-imports-2021'] }],
  },
  {
    group: 'figure',
    text: "China's energy imports from Russia were $81 billion in 2022, compared to $52.1 billion in 2021.",
    expect: [
      { verdict: 'agrees', facts: ['lifeline-energy-imports-2022'], notFacts: ['lifeline-energy-imports-2021'] },
      { verdict: 'agrees', facts: ['lifeline-energy-imports-2021'], notFacts: ['lifeline-energy-imports-2022'] },
    ],
  },
  {
    group: 'figure',
    text: "Russia supplied 70% of China's arms imports from 2014 to 2018",
    expect: [{ verdict: 'agrees', facts: ['cnn-russia-70pct-china-arms-imports-2014-2018'] }],
  },
  {
    group: 'figure',
    text: 'Russia accounted for 90 percent of Chinese arms imports between 2014 and 2018',
    expect: [{ verdict: 'differs' }],
  },
  {
    group: 'figure',
    text: 'China–Russia trade grew 40.7% in the first half of 2023',
    expect: [{ verdict: 'agrees', facts: ['lifeline-trade-growth-2023-h1'] }],
  },
  { group: 'figure', text: 'Trade growth was 25% in H1 2023', expect: [{ verdict: 'differs', facts: ['lifeline-trade-growth-2023-h1'] }] },
  // A goal in the next clause does not make this clause's figure a target; "up 75.6% from 2022" is not 2022's.
  {
    group: 'figure',
    text: 'Bilateral trade passed $100 billion in 2018, and the goal is to double it by 2024.',
    expect: [{ verdict: 'agrees', facts: TRADE_2018 }],
  },
  {
    group: 'figure',
    text: "Since January 2023, China's exports to Russia have reached $42.96 billion, up 75.6% from 2022.",
    expect: [
      { verdict: 'agrees', facts: ['lifeline-china-exports-2023'] },
      { verdict: 'agrees', facts: ['lifeline-china-exports-growth-2023'] },
    ],
  },
  {
    group: 'figure',
    text: 'China and Russia mark 75 years of diplomatic relations in 2024',
    expect: [{ verdict: 'agrees', facts: ['lifeline-75-years-relations-2024'] }],
  },

  // Bounds: "more than" bears out "over"; an exact figure inside a bound is not confirmed by it.
  { group: 'bound', text: 'China–Russia trade passed $100 billion in 2018', expect: [{ verdict: 'agrees', facts: TRADE_2018 }] },
  {
    group: 'bound',
    text: 'Trade between China and Russia was $150 billion in 2018',
    expect: [{ verdict: 'unknown', facts: TRADE_2018, shows: true }],
  },
  { group: 'bound', text: 'China-Russia trade was $90 billion in 2018', expect: [{ verdict: 'differs', facts: TRADE_2018 }] },
  { group: 'bound', text: 'Bilateral trade was under $50 billion in 2018', expect: [{ verdict: 'differs' }] },
  { group: 'bound', text: 'China and Russia traded more than $150 billion in 2022', expect: [{ verdict: 'agrees', facts: [TRADE_2022] }] },
  { group: 'bound', text: 'China and Russia traded over $200 billion in 2022', expect: [{ verdict: 'differs', facts: [TRADE_2022] }] },

  // Kinds: a forecast or a target is never set against an outcome; a figure without its period is never compared.
  {
    group: 'kind',
    text: 'Russia and China plan to raise their trade to $200 billion by 2024',
    expect: [{ verdict: 'agrees', facts: ['ruehl-trade-target-200bn-by-2024'] }],
  },
  { group: 'kind', text: 'China–Russia trade reached $200 billion in 2024', expect: [{ verdict: 'unknown', shows: true }] },
  {
    group: 'kind',
    text: 'Russian energy shipments to China are expected to rise 40% in 2023',
    expect: [{ verdict: 'agrees', facts: ['wv-energy-shipments-2023-up-40pct'] }],
  },
  { group: 'kind', text: 'Russian energy shipments to China rose 40 percent in 2023', expect: [{ verdict: 'unknown', shows: true }] },
  {
    group: 'kind',
    text: 'BRICS will take in six new members in 2024',
    expect: [{ verdict: 'agrees', facts: ['lifeline-brics-expansion-2024'] }],
  },
  { group: 'kind', text: 'BRICS took in six new members in 2024', expect: [{ verdict: 'unknown', shows: true }] },
  {
    group: 'kind',
    text: 'China and Russia traded $108 billion in 2019',
    expect: [{ verdict: 'unknown', notFacts: ['geo-trade-108bn-kremlin'] }],
  },
  { group: 'kind', text: 'The Kremlin says trade is now worth $108 billion', expect: 'nothing' },
  { group: 'kind', text: 'China and Russia traded $190 billion last year', expect: 'nothing' },
  // "Since January" is our "since Jan 2023", never the whole year that spans the same days.
  {
    group: 'kind',
    text: "China's exports to Russia reached $42.96 billion since January 2023",
    expect: [{ verdict: 'agrees', facts: ['lifeline-china-exports-2023'] }],
  },
  { group: 'kind', text: "China's exports to Russia were $42.96 billion in 2023", expect: [{ verdict: 'unknown', shows: false }] },
  {
    group: 'kind',
    text: "Since January 2023, China's exports to Russia have reached $50 billion",
    expect: [{ verdict: 'differs', facts: ['lifeline-china-exports-2023'] }],
  },

  // Units and currencies.
  {
    group: 'unit',
    text: 'Trade between China and Russia reached US$ 190,000 million in 2022',
    expect: [{ verdict: 'agrees', facts: [TRADE_2022] }],
  },
  { group: 'unit', text: 'China and Russia traded $0.19 trillion in 2022', expect: [{ verdict: 'agrees', facts: [TRADE_2022] }] },
  { group: 'unit', text: 'China–Russia trade was worth €190 billion in 2022', expect: [{ verdict: 'unknown', shows: true }] },
  // No measure named here has a figure in percent: nothing to compare it with.
  { group: 'unit', text: 'China and Russia traded 190% more in 2022', expect: 'nothing' },
  {
    group: 'unit',
    text: 'In 2018 the two countries traded $107 billion',
    expect: [{ verdict: 'unknown', facts: TRADE_2018, shows: true }],
  },

  // Quotations: the words and who said them.
  {
    group: 'quote',
    text: 'Zhao Lijian said China and Russia are "united like a mountain"',
    expect: [{ verdict: 'agrees', facts: ['cnn-zhao-united-like-a-mountain'] }],
  },
  {
    group: 'quote',
    text: 'Putin said China and Russia are "united like a mountain"',
    expect: [{ verdict: 'differs', facts: ['cnn-zhao-united-like-a-mountain'] }],
  },
  {
    group: 'quote',
    text: '"China and Russia are united like a mountain, and our friendship is unbreakable," Foreign Ministry spokesperson Zhao Lijian told a news briefing.',
    expect: [{ verdict: 'agrees', facts: ['cnn-zhao-united-like-a-mountain'] }],
  },
  {
    group: 'quote',
    text: 'Xi Jinping called Putin "one of my closest friends and a great colleague"',
    expect: [{ verdict: 'agrees', facts: ['geo-xi-putin-closest-friend'] }],
  },
  {
    group: 'quote',
    text: 'Putin called Xi "one of my closest friends"',
    expect: [{ verdict: 'differs', facts: ['geo-xi-putin-closest-friend'] }],
  },
  {
    group: 'quote',
    text: 'Biden said the "sky is the limit" for China and Russia',
    expect: [{ verdict: 'differs', facts: ['cnn-beijing-sky-is-the-limit'] }],
  },
  {
    group: 'quote',
    text: 'Putin described relations as being at an "unprecedentedly high level"',
    expect: [{ verdict: 'agrees', facts: ['cnn-putin-unprecedentedly-high-level'] }],
  },
  {
    group: 'quote',
    text: 'Quote of the week: "China is a friendly nation."',
    expect: [{ verdict: 'agrees', facts: ['cnn-putin-china-friendly-nation'] }],
  },
  { group: 'quote', text: 'Xi said the relationship has "no weaknesses whatsoever"', expect: [{ verdict: 'unknown', shows: false }] },
  { group: 'quote', text: 'Zhao Lijian said China and Russia are "united like a rock"', expect: [{ verdict: 'unknown', shows: false }] },
  // Credit by apposition, never by a weekday after "said"; a name merely mentioned credits no one.
  {
    group: 'quote',
    text: '"We have to tell those who try every means to drive a wedge between China and Russia that any attempt to undermine China-Russia relations is doomed to fail," Zhao, the Chinese Foreign Ministry spokesperson, said on Tuesday.',
    expect: [{ verdict: 'agrees', facts: ['cnn-zhao-wedge-doomed-to-fail'] }],
  },
  {
    group: 'quote',
    text: '"Any attempt to undermine China-Russia relations is doomed to fail," Lavrov, the Russian foreign minister, said on Tuesday.',
    expect: [{ verdict: 'differs', facts: ['cnn-zhao-wedge-doomed-to-fail'] }],
  },
  {
    group: 'quote',
    text: 'In his meeting with Mishustin, a close confidant of Putin, Xi gestured to a “bigger regional market.”',
    expect: [{ verdict: 'agrees', facts: ['wv-xi-bigger-regional-market'] }],
  },
  {
    group: 'quote',
    text: '"China is a friendly nation," he said on Tuesday.',
    expect: [{ verdict: 'agrees', facts: ['cnn-putin-china-friendly-nation'] }],
  },
  // The message quotes more than we keep: settled only in part.
  {
    group: 'quote',
    text: '"China is ready to double down on its relationship with Russia following the G7 summit because the West is weak," Alexander Korolev told the New York Times.',
    expect: [{ verdict: 'unknown', facts: ['wv-korolev-china-double-down'], shows: true }],
  },

  // Dated events.
  {
    group: 'event',
    text: 'Russia invaded Ukraine in February 2022.',
    expect: [{ verdict: 'agrees', facts: ['lifeline-russia-invades-ukraine-2022-02'] }],
  },
  {
    group: 'event',
    text: 'Russia invaded Ukraine in 2021.',
    expect: [{ verdict: 'differs', facts: ['lifeline-russia-invades-ukraine-2022-02'] }],
  },
  { group: 'event', text: 'China and Russia signed a new space treaty in 2022', expect: [{ verdict: 'unknown', shows: false }] },
  // A year the base never names still finds the event; a once-only event on another date differs, a visit does not.
  {
    group: 'event',
    text: 'Russia invaded Ukraine in 1950.',
    expect: [{ verdict: 'differs', facts: ['lifeline-russia-invades-ukraine-2022-02'] }],
  },
  { group: 'event', text: 'Russia annexed Crimea in 2016', expect: [{ verdict: 'differs', facts: ['cnn-russia-sanctioned-crimea-2014'] }] },
  {
    group: 'event',
    text: 'Xi visited Moscow in 2015',
    expect: [{ verdict: 'unknown', facts: ['lifeline-xi-best-friend-2019-06'], shows: true }],
  },
  // Who went where: Xi's visit to Russia is not Putin's to Beijing.
  { group: 'event', text: 'Putin visited Beijing in 2023', expect: [{ verdict: 'unknown', notFacts: ['geo-xi-visit-spief-2019'] }] },
  {
    group: 'event',
    text: 'Huawei agreed with MTS to build 5G in Russia in 2019',
    expect: [{ verdict: 'agrees', facts: ['geo-huawei-mts-5g'] }],
  },
  { group: 'event', text: 'Huawei agreed to build a 6G network on the Moon in 2019', expect: [{ verdict: 'unknown', shows: false }] },
  {
    group: 'event',
    text: 'Putin and Xi signed the no limits agreement in February 2022',
    expect: [{ verdict: 'agrees', facts: ['lifeline-no-limits-agreement-2022-02'] }],
  },
  { group: 'event', text: 'Xi Jinping visited Moscow in June 2019', expect: [{ verdict: 'agrees' }] },
  { group: 'event', text: 'Russia annexed Crimea in 2014', expect: [{ verdict: 'agrees', facts: ['cnn-russia-sanctioned-crimea-2014'] }] },
  {
    group: 'event',
    text: "China's foreign ministry published a paper on US hegemony in February 2023",
    expect: [{ verdict: 'agrees', facts: ['lifeline-mfa-us-hegemony-paper-2023-02'] }],
  },

  // Nothing our sources could speak to.
  { group: 'nothing', text: 'Great meeting today, see you all tomorrow!', expect: 'nothing' },
  { group: 'nothing', text: 'I have 3 cats and 2 dogs since 2019', expect: 'nothing' },
  { group: 'nothing', text: 'In 2022 things happened', expect: 'nothing' },
  { group: 'nothing', text: 'The gas deal is worth $400 billion', expect: 'nothing' },

  // Hostile input: empty, markup, mentions, a huge paste.
  { group: 'hostile', text: '', expect: 'nothing' },
  { group: 'hostile', text: '   \n\t  ', expect: 'nothing' },
  { group: 'hostile', text: 'lol @everyone <!here> <@U123ABC> **bold** `code` ~~strike~~ <https://evil.example|click>', expect: 'nothing' },
  {
    group: 'hostile',
    text: '<@U123ABC> @everyone China and Russia traded $240 billion in 2022 <!channel>',
    expect: [{ verdict: 'differs', facts: [TRADE_2022] }],
  },
  { group: 'hostile', text: '**China and Russia traded $190 billion in 2022**', expect: [{ verdict: 'agrees', facts: [TRADE_2022] }] },
  {
    group: 'hostile',
    text: `China and Russia traded $190 billion in 2022. ${'blah '.repeat(5000)}`,
    expect: [{ verdict: 'agrees', facts: [TRADE_2022] }],
  },
  { group: 'hostile', text: '$$$ 999999999999999999999 %%% "" “”', expect: 'nothing' },

  // Several claims in one message, in order.
  {
    group: 'mixed',
    text: 'Trade hit $190 billion in 2022. Russia invaded Ukraine in 2021. China and Russia signed a space treaty in 2022.',
    expect: [{ verdict: 'agrees' }, { verdict: 'differs' }, { verdict: 'unknown' }],
  },
];
