import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_DIR } from '../../app/knowledge-dir.ts';
import { findDates } from '../../src/draft/dates.ts';
import { findFigures } from '../../src/draft/figures.ts';
import { findMatches, type MatchInput } from '../../src/draft/matches.ts';
import { cutQuote, splitSentences } from '../../src/draft/sentences.ts';
import { SpeakerFinder } from '../../src/draft/speakers.ts';
import { readDrafting } from '../../src/draft/vocabulary.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { type Period, parsePeriod } from '../../src/knowledge/periods.ts';
import { fact, factsFile, writeFixture } from '../helpers/fixture.ts';

const vocab = readDrafting(KNOWLEDGE_DIR);
const day = parsePeriod('2026-11-26') as Period; // a Thursday
const year = parsePeriod('2023') as Period;
const periods = (text: string, published = day, lastMonth?: string) => findDates(text, { published, lastMonth }).map((d) => d.period);
const figures = (text: string, published = day) =>
  findFigures(text, findDates(text, { published }), vocab).map(({ at: _at, text: _text, ...f }) => f);

describe('dates resolved against the publication date', () => {
  it('reads relative days, years and spans', () => {
    expect(periods('Officials met on Tuesday.')).toEqual(['2026-11-24']);
    expect(periods('Trade fell last year and will rise this year.')).toEqual(['2025', '2026']);
    expect(periods('The summit this week was short.')).toEqual(['2026-11']);
    expect(periods('They signed it earlier that month.', day, '2022-02')).toEqual(['2022-02']);
    expect(periods('Arms sales between 2014 and 2018 grew.')).toEqual(['2014/2018']);
    expect(periods('Trade in the first half of 2023 rose.')).toEqual(['2023-H1']);
    expect(periods('From January to May of 2023, trade grew.')).toEqual(['2023-01/2023-05']);
    expect(periods('At the end of 2020, Xi spoke.')).toEqual(['2020-Q4']);
    expect(periods('The visit in June 2019 was long.')).toEqual(['2019-06']);
    expect(periods('Talks in March went badly.')).toEqual(['2026-03']);
  });

  it('never guesses a day finer than the source gives, and leaves "may" the verb alone', () => {
    expect(periods('Officials met on Tuesday.', year)).toEqual(['2023']);
    expect(periods('Trade may rise, as it did last year.', year)).toEqual(['2022']);
    expect(periods('The 1950s and the G-7 and S-400 are not dates.')).toEqual([]);
  });
});

describe('figures as data', () => {
  it('reads value, unit, currency, bound, period and kind', () => {
    expect(figures('In 2022, China imported oil worth $81 billion, compared to $52.1 billion in 2021.')).toEqual([
      { value: 81, unit: 'billion', currency: 'USD', period: '2022', kind: 'actual' },
      { value: 52.1, unit: 'billion', currency: 'USD', period: '2021', kind: 'actual' },
    ]);
    expect(figures('Bilateral trade passed $100 billion in 2018, and the goal is to double it by 2024.')).toEqual([
      { value: 100, unit: 'billion', currency: 'USD', bound: 'more-than', period: '2018', kind: 'actual' },
    ]);
    expect(figures('Energy shipments are expected to rise 40 percent this year.')).toEqual([
      { value: 40, unit: 'percent', period: '2026', kind: 'forecast' },
    ]);
    expect(figures('The two plan to bring trade to $ 200 billion by 2024.')).toEqual([
      { value: 200, unit: 'billion', currency: 'USD', period: '2024', kind: 'target' },
    ]);
    expect(figures('It ended the Cold War some thirty years ago.')).toEqual([{ value: 30, unit: 'years', bound: 'about', kind: 'actual' }]);
  });

  it('takes the period, not the base of a comparison, and counts things but not the pair', () => {
    expect(figures('Since January 2023, exports have reached $42.96 billion, up 75.6% from 2022.', year).map((f) => f.period)).toEqual([
      '2023-01/2023',
      '2023-01/2023',
    ]);
    // "since" runs to the publication date.
    expect(figures('Since January 2023, exports have reached $42.96 billion.').map((f) => f.period)).toEqual(['2023-01/2026']);
    expect(figures('Six countries, including Iran, Egypt, and the United Arab Emirates, will join BRICS in 2024.')).toEqual([
      { value: 6, unit: 'count', period: '2024', kind: 'forecast' },
    ]);
    expect(figures('The two countries signed three agreements.')).toEqual([{ value: 3, unit: 'count', kind: 'actual' }]);
    expect(figures('Trade was down 4.2% in 2025.')).toEqual([{ value: -4.2, unit: 'percent', period: '2025', kind: 'actual' }]);
  });
});

describe('speakers and their roles', () => {
  const finder = () => new SpeakerFinder(vocab, ['Vladimir Putin', 'Xi Jinping'], undefined, ['China', 'Russia']);

  it('finds the speaker before or after the verb, with the role the text gives', () => {
    const f = finder();
    expect(f.find('"Our friendship is unbreakable," Foreign Ministry spokesperson Zhao Lijian told a news briefing.')).toMatchObject({
      saidBy: 'Zhao Lijian',
      role: 'Foreign Ministry spokesperson',
    });
    f.learn('Zhao Lijian spoke.');
    expect(f.find('"It is doomed to fail," Zhao, the Chinese Foreign Ministry spokesperson, said on Tuesday.')).toMatchObject({
      saidBy: 'Zhao Lijian',
      role: 'the Chinese Foreign Ministry spokesperson',
    });
    expect(f.find('"The White House lacks resources," wrote Andrey Kortunov, director general of the council.')).toMatchObject({
      saidBy: 'Andrey Kortunov',
      role: 'director general of the council',
    });
    expect(f.find('Russian Ambassador to China Andrey Denisov said ties would not change.')).toMatchObject({
      saidBy: 'Andrey Denisov',
      role: 'Russian Ambassador to China',
    });
    expect(f.find('Relations are at a "high level," Russian leader Putin told NBC.')).toMatchObject({
      saidBy: 'Vladimir Putin',
      role: 'Russian leader',
    });
    // The quotation opened in the sentence before: "he said" stands outside it.
    expect(f.find('It has not declared us an enemy, as the United States has done," he said.', true)).toMatchObject({
      saidBy: 'Vladimir Putin',
    });
  });

  it('reads no attribution from the quoted words themselves, or from a noun that looks like a verb', () => {
    const f = finder();
    expect(f.find('"Russia responded to the assault in advance as the threat grew."', false)).toBeUndefined();
    expect(f.find('Support for rogue states such as North Korea grew.')).toBeUndefined();
  });
});

describe('sentences and quotes', () => {
  it('keeps prose, drops headings and bylines, and does not split after Mr.', () => {
    const s = splitSentences(
      'A Headline Without A Full Stop\n\nBy Someone, Paper\n\nWhile in Moscow, Mr. Xi praised Mr. Putin warmly. He left on Friday afternoon.',
      vocab.abbreviations,
    );
    expect(s.map((x) => x.text)).toEqual(['While in Moscow, Mr. Xi praised Mr. Putin warmly.', 'He left on Friday afternoon.']);
  });

  it('cuts a long quote at clause boundaries, verbatim, around what it is about', () => {
    const long = `${'word '.repeat(50)}first part, the figure of $5 billion is here, ${'more words '.repeat(30)}end.`;
    const cut = cutQuote(long, long.indexOf('$5'), 300);
    expect(cut.length).toBeLessThanOrEqual(300);
    expect(long).toContain(cut);
    expect(cut).toContain('$5 billion');
  });
});

describe('matches against the base', () => {
  const figure = (value: number, period = '"2018"') =>
    `\n      measure: bilateral-trade\n      value: ${value}\n      unit: billion\n      currency: USD\n      period: ${period}`;
  const { dir } = writeFixture({
    facts: {
      'alpha.yaml': factsFile(
        'alpha',
        fact('trade-2018', { figure: figure(100) }),
        fact('officials-said', {
          claim: 'Officials spoke of the 2018 figure.',
          about: '"2021-06"',
          quote: '"Other officials said trade was $90 billion that year."',
          people: '[Li Wen]',
        }),
      ),
    },
  });
  const knowledge = loadKnowledge(dir);
  const candidate = (fields: Partial<MatchInput>): MatchInput => ({
    quote: 'Something else entirely was said here today.',
    about: '2026',
    people: [],
    places: [],
    ...fields,
  });
  const money = (value: number, period: string) => ({
    measure: 'bilateral-trade',
    value,
    unit: 'billion' as const,
    currency: 'USD',
    period,
  });

  it('agrees on the same figure, differs on another value of the same quantity, ignores other periods', () => {
    expect(findMatches(candidate({ figure: money(100, '2018') }), knowledge)).toEqual([{ fact: 'trade-2018', relation: 'agrees' }]);
    expect(findMatches(candidate({ figure: money(120, '2018') }), knowledge)).toEqual([{ fact: 'trade-2018', relation: 'differs' }]);
    expect(findMatches(candidate({ figure: money(100, '2019') }), knowledge)).toEqual([]);
  });

  it('agrees on the same quotation, and relates a fact about the same event', () => {
    expect(findMatches(candidate({ quote: 'As other officials said trade was $90 billion that year, talks went on.' }), knowledge)).toEqual(
      [{ fact: 'officials-said', relation: 'agrees' }],
    );
    expect(
      findMatches(
        candidate({ quote: 'Li Wen said other officials discussed trade in billion terms.', about: '2021-06-20', people: ['Li Wen'] }),
        knowledge,
      ),
    ).toEqual([{ fact: 'officials-said', relation: 'related' }]);
    expect(
      findMatches(
        candidate({ quote: 'Li Wen said other officials discussed trade in billion terms.', about: '2024-03', people: ['Li Wen'] }),
        knowledge,
      ),
    ).toEqual([]);
  });
});
