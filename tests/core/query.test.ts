/**
 * Question understanding: periods, intents, measures, named sources and phrases read from
 * the text, and answers shaped by what the question asks.
 */
import { describe, expect, it } from 'vitest';
import { answerToJson } from '../../src/answer/json.ts';
import { figureOf } from '../../src/answer/label.ts';
import { findPeriods, periodsMeet } from '../../src/query/periods.ts';
import { asFact, cited, commandsOf } from '../helpers/items.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';

const answerer = realAnswerer();
const read = (q: string) => answerer.context.reader.read(q);
const labels = (q: string) => findPeriods(q).periods.map((p) => p.label);
const ids = (q: string, top = 5) =>
  cited(answerText(answerer, q).items)
    .slice(0, top)
    .map((i) => i.evidence.map((e) => e.factId));

describe('periods a question names', () => {
  it.each([
    ['trade 2018 vs 2022', ['2018', '2022']],
    ['compare trade in 2018 and 2022', ['2018', '2022']],
    ['arms imports 2014-2018', ['2014–2018']],
    ['between 2014 and 2018', ['2014–2018']],
    ['trade growth H1 2023', ['H1 2023']],
    ['in the first half of 2023', ['H1 2023']],
    ['the first five months of 2023', ['Jan–May 2023']],
    ['in the first 6 months of 2023', ['H1 2023']],
    ['the first hundred months of 2023', ['2023']],
    ['Q3 2023', ['Q3 2023']],
    ['the third quarter of 2023', ['Q3 2023']],
    ['trade January to May 2023', ['Jan–May 2023']],
    ['Jan-May 2023', ['Jan–May 2023']],
    ['Mar–Jun trade in 2023', ['Mar–Jun 2023']],
    ['June 2019', ['Jun 2019']],
    ['What was trade in 2022.', ['2022']],
    ['In 2019, what did Xi say', ['2019']],
    ['a growth of 2024.5 units', []],
    ['sanctions since 2014', ['since 2014']],
    ['since February 2022', ['since Feb 2022']],
    ['the late 1950s', ['late 1950s']],
    ['trade in mid-2022', ['2022']],
    ['full-year 2020 trade', ['the whole of 2020']],
    ['the whole of 2020', ['the whole of 2020']],
    ['a $400 billion deal', []],
    ['75 years of ties', []],
  ])('%s', (q, expected) => {
    expect(labels(q)).toEqual(expected);
  });

  it('gives day ranges: a half ends on the last day of June, "since" stays open', () => {
    expect(findPeriods('H1 2023').periods[0]).toMatchObject({ start: '2023-01-01', end: '2023-06-30' });
    expect(findPeriods('since 2014').periods[0]).toMatchObject({ start: '2014-01-01', end: '9999-12-31' });
  });

  it('asks a year as a whole when it says so: a figure for part of it does not answer', () => {
    const whole = findPeriods('full-year 2023 trade').periods[0];
    const year = findPeriods('trade in 2023').periods[0];
    const firstFiveMonths = { start: '2023-01-01', end: '2023-05-31' };
    expect(periodsMeet(year, firstFiveMonths)).toBe(true);
    expect(periodsMeet(whole, firstFiveMonths)).toBe(false);
    expect(periodsMeet(whole, { start: '2023-01-01', end: '2023-12-31' })).toBe(true);
  });

  it('keeps the years in the text left for the search, and nothing else of the period', () => {
    expect(findPeriods('trade growth H1 2023').text.split(/\s+/).filter(Boolean)).toEqual(['trade', 'growth', '2023']);
    expect(findPeriods('H1 2023 against full-year 2020').text.split(/\s+/).filter(Boolean)).toEqual(['2023', 'against', '2020']);
    expect(findPeriods('summits in mid-June 2021').text.split(/\s+/).filter(Boolean)).toEqual(['summits', 'in', '2021']);
  });
});

describe('what a question asks', () => {
  it.each([
    ['who called Putin his best friend?', 'who-said'],
    ['What did Mishustin say about the collective West?', 'who-said'],
    ['When did Russia invade Ukraine?', 'when'],
    ['how much energy did China buy from Russia in 2022', 'figure'],
    ['compare trade in 2018 and 2022', 'compare'],
    ['trade 2018 vs 2022', 'compare'],
    ['latest trade figures', 'latest'],
    ['most recent trade numbers', 'latest'],
    ['trade in 2018 and in 2022', 'compare'],
    ['Mishustin visit', 'lookup'],
  ])('%s → %s', (q, intent) => {
    expect(read(q).intent).toBe(intent);
  });

  it('never searches the chat around a question, nor what it sets aside', () => {
    expect(read("I've been reading about Lyle Goldstein's trip, so I was wondering what he found").searchText).toBe(
      'about lyle goldstein trip so what he found',
    );
    expect(read('record trade last year').searchText).toBe('record trade');
    expect(read('Besides Crimea, what other events soured relations').searchText).toBe('other events soured relations');
  });

  it('reads the measure from the names people use for it, the most specific first', () => {
    expect(read('trade growth H1 2023').measures[0]).toEqual(['bilateral-trade-growth']);
    expect(read('how big is the gas deal').measures[0]).toEqual(['gas-deal-value']);
    expect(read('what share of China’s arms imports come from Russia?').measures[0]).toEqual(['russia-share-of-china-arms-imports']);
  });

  it('reads named sources and takes their names out of the search', () => {
    const q = read('according to Ruehl, what was trade in 2018');
    expect(q.sources).toEqual(['ruehl-2021-convergence']);
    expect(q.searchText).not.toMatch(/ruehl/);
    expect(read('what did CNN report on arms sales?').sources).toEqual(['cnn-2021-unbreakable']);
    expect(read('What does the WorldView newsletter say about Mishustin?').sources).toEqual(['worldview-2023-how-close']);
  });

  it('reads framing words as framing: "on that occasion", "the article refers to"', () => {
    expect(read('whom did he meet on that occasion').searchText).not.toMatch(/occasion/);
    expect(answerer.context.engine.meaningfulWords('the article refers to two summits')).not.toContain('refers');
  });

  it('reads "us" after a verb or a preposition as the pronoun, and as the United States otherwise or when written "US"', () => {
    expect(read('show us trade in 2022').searchText.split(' ')).not.toContain('us');
    expect(read('tell us about sanctions').searchText.split(' ')).not.toContain('us');
    expect(read('tell us about US sanctions').searchText.split(' ')).toContain('us');
    expect(read('us sanctions on russia').searchText.split(' ')).toContain('us');
  });

  it("reads a source's title typed in full as naming it, but not a few of the title's words", () => {
    expect(read("What trade figure does the Kremlin give in the 'What Drives Sino-Russian Rapprochement' piece?").sources).toEqual([
      'geopolitics-2019-rapprochement',
    ]);
    expect(read('what drives the rapprochement').sources).toEqual([]);
  });

  it('reads quoted phrases and known ones', () => {
    expect(read('who said "united like a mountain"?').phrases).toContain('united like a mountain');
    expect(read('what is the collective West').phrases).toContain('collective west');
  });
});

describe('answers shaped by the question', () => {
  it('a comparison of two years shows the figure of each, in the order asked', () => {
    const answer = answerText(answerer, 'compare trade in 2018 and 2022');
    const periods = cited(answer.items).map((i) => figureOf(i)?.period.raw);
    expect(periods.slice(0, 2)).toEqual(['2018', '2022']);
    expect(answer.lead).toMatch(/2018 and 2022/);
    // 2018 is stated by two articles: one item citing both.
    expect(cited(answer.items)[0].sources).toEqual(expect.arrayContaining(['cnn-2021-unbreakable', 'ruehl-2021-convergence']));
  });

  it('a measure named with China and Russia is no more specific than without: "China–Russia trade grow" asks for growth', () => {
    const answer = answerText(
      answerer,
      'By how much did China–Russia trade grow in the first half of 2023 compared with the first half of 2022?',
    );
    expect(figureOf(cited(answer.items)[0])).toMatchObject({ measure: 'bilateral-trade-growth' });
    expect(read('china russia trade in 2018').measures[0]).toContain('bilateral-trade');
  });

  it('a comparison with a period no figure covers shows first a fact that compares the two in words', () => {
    const answer = answerText(answerer, 'How does trade in H1 2023 compare with the whole of 2020?');
    expect(answer.lead).toMatch(/no figure for the whole of 2020, but a fact compares them/);
    expect(asFact(cited(answer.items)[0]).evidence[0].factId).toBe('lifeline-trade-2023-h1-above-2020');
    // A fact about a wider period that names the other year does not stand in for a comparison.
    const growth = answerText(
      answerer,
      'By how much did China–Russia trade grow in the first half of 2023 compared with the first half of 2022?',
    );
    expect(cited(growth.items).flatMap((i) => i.evidence.map((e) => e.factId))).not.toContain('wv-trade-2023-set-to-pass-record');
  });

  it('a comparison says plainly when the base has no figure for a period asked', () => {
    const answer = answerText(answerer, 'trade 2018 vs 2020');
    expect(answer.lead).toMatch(/no figure for 2020/);
    expect(asFact(answer.items[0]).figure?.period.raw).toBe('2018');
  });

  it('a year asked as a whole is not answered by a figure for its first months', () => {
    const whole = answerText(answerer, 'what was the full-year 2023 china-russia trade total?');
    expect(whole).toMatchObject({ kind: 'no-match', matched: false });
    expect(whole.lead).toMatch(/no trade figure for the whole of 2023/);
    const year = answerText(answerer, 'trade in 2023');
    expect(asFact(year.items[0]).figure?.period.raw).toMatch(/^2023-01/);
  });

  it('a figure asked for a period no figure covers is said to be missing, with the periods the base has', () => {
    const answer = answerText(answerer, 'What was the value of China-Russia trade in 2015?');
    expect(answer).toMatchObject({ kind: 'no-match', matched: false, sources: [] });
    expect(answer.lead).toMatch(/no trade figure for 2015/);
    expect(commandsOf(answer.items)).toEqual([
      { command: 'ask', options: { question: 'trade in 2018' } },
      { command: 'ask', options: { question: 'trade in 2022' } },
      { command: 'ask', options: { question: 'trade in Jan–May 2023' } },
    ]);
    expect(answer.items.map((i) => (i.type === 'guide' ? i.text : ''))).toEqual([
      'the trade figures for 2018',
      'the trade figures for 2022',
      'the trade figures for Jan–May 2023',
    ]);
    // A period the figures cover is answered from them.
    expect(answerText(answerer, 'What was the value of China-Russia trade in 2018?').matched).toBe(true);
  });

  it('words asking for the figure itself ("the total dollar value of") do not hide the measure and the period', () => {
    expect(answerText(answerer, 'What was the total dollar value of China–Russia bilateral trade in 2020?').lead).toMatch(
      /no trade figure for 2020/,
    );
    expect(
      asFact(cited(answerText(answerer, 'What was the total dollar value of China-Russia trade in 2018?').items)[0]).figure?.period.raw,
    ).toBe('2018');
  });

  it("a figure question naming a period puts that period's figures first", () => {
    expect(ids('How much Russian oil, gas and coal did Beijing buy in 2022?', 2)).toEqual([
      ['lifeline-energy-imports-2022'],
      ['lifeline-energy-imports-2021'],
    ]);
  });

  it('"latest" puts the newest figure first and says as of when', () => {
    const answer = answerText(answerer, 'latest bilateral trade figure');
    const starts = cited(answer.items).map((i) => figureOf(i)?.period.start ?? '');
    expect(starts).toEqual([...starts].sort().reverse());
    expect(answer.lead).toMatch(/^Newest first, as of \d{4}/);
  });

  it('a half-year question gets the figures of that half', () => {
    expect(ids('trade growth H1 2023')[0]).toContain('lifeline-trade-growth-2023-h1');
  });

  it('a month range finds the figures of those months', () => {
    expect(ids('Jan-May 2023 trade growth').flat()).toContain('lifeline-trade-growth-2023-01-05');
  });

  it('"who said" puts attributed quotations first', () => {
    // By words alone, facts about the US calling China a threat would come first.
    for (const q of ['who said China is not a threat', 'who said relations are at an unprecedentedly high level']) {
      const first = answerer.context.knowledge.factById.get(cited(answerText(answerer, q).items)[0].evidence[0].factId);
      expect(first?.saidBy, q).toBeDefined();
    }
    expect(ids('who said China is not a threat')[0]).toContain('cnn-putin-china-not-a-threat');
  });

  it('"what did X say" about a person the base names but never quotes says so, and offers what it says of them', () => {
    const answer = answerText(answerer, 'What did Zelensky say in his speech at the G7 summit in Japan?');
    expect(answer).toMatchObject({ kind: 'no-match', matched: false });
    expect(answer.lead).toMatch(/quotes no words of Volodymyr Zelensky/);
    expect(commandsOf(answer.items)[0]).toEqual({ command: 'ask', options: { question: 'Volodymyr Zelensky' } });
    // A person the base quotes is answered with their words; one whose words a claim reports
    // ("Biden took office promising…") counts as quoted; and a person named outside the
    // "what did * say" is not whose words are asked for.
    expect(answerText(answerer, 'What did Mishustin say about the collective West?').matched).toBe(true);
    expect(read('What did Biden say about Russia and China?').unquoted).toEqual([]);
    expect(read('What did the G7 say about Ukraine with Zelensky there?').unquoted).toEqual([]);
  });

  it('"when" puts facts dated by their event first', () => {
    expect(ids('When did Russia invade Ukraine?')[0]).toContain('lifeline-russia-invades-ukraine-2022-02');
  });

  it('a known phrase matches as a phrase, above facts that share one of its words', () => {
    expect(ids('collective West')[0]).toContain('wv-mishustin-collective-west-pressure');
    expect(ids('"sky is the limit"')[0]).toContain('cnn-beijing-sky-is-the-limit');
    // "sky is the limit" shares "limit" with "no limits": both facts holding the phrase come first.
    expect(ids('no limits', 2).flat()).toEqual(
      expect.arrayContaining(['wv-russia-wants-no-limits-friendship', 'lifeline-no-limits-agreement-2022-02']),
    );
  });

  it('a named source narrows the answer to that source', () => {
    const answer = answerText(answerer, 'CNN on arms sales');
    expect(answer.matched).toBe(true);
    for (const item of cited(answer.items)) expect(item.sources).toContain('cnn-2021-unbreakable');
    expect(cited(answerText(answerer, 'what does Ruehl say about best friend').items)[0].evidence[0].factId).toBe(
      'ruehl-xi-calls-putin-best-friend',
    );
  });

  it('a question asking two things that no fact answers whole is answered part by part, when every part is', () => {
    const q =
      'Who was the most senior Russian official to visit China after the invasion of Ukraine started, and which cities did his delegation visit?';
    expect(ids(q, 2).flat()).toEqual([
      'wv-mishustin-visit-highest-ranking-since-invasion',
      'wv-mishustin-business-delegation-beijing-shanghai',
    ]);
    expect(answerText(answerer, 'When was the Shanghai Cooperation Organisation founded and where is it headquartered?').matched).toBe(
      false,
    );
  });

  it('a source is named as written: "the geopolitical picture" is not The Geopolitics', () => {
    expect(read('what did the G7 statements underline about the geopolitical picture').sources).toEqual([]);
    expect(read('what does the Geopolitics say about trade').sources).toEqual(['geopolitics-2019-rapprochement']);
  });

  it('what the asker says of themselves before a colon frames the question; a topic before one does not', () => {
    const q = read("I'm comparing periods for a briefing note: how did trade in 2023 stack up against 2020?");
    expect(q.intent).toBe('compare');
    expect(q.searchText).not.toMatch(/periods|note/);
    expect(read("I'm putting together a radio segment — which analysts are quoted on the G7?").searchText).not.toMatch(/radio|segment/);
    expect(read('Arms sales: who is the biggest supplier?').searchText).toContain('arms');
  });

  it('a follow-up that refers back ("were they…") and finds nothing leaves the answer to the part before; any other part still sinks it', () => {
    const q =
      "I've been reading about Lyle Goldstein's research trip - so I was wondering, what sort of mood did he pick up from the Chinese experts he interviewed about Russia and the war? Were they enthusiastic or not really?";
    expect(ids(q, 1).flat()).toEqual(['wv-goldstein-chinese-view-pessimistic']);
    const unrelated = 'What sort of mood did Lyle Goldstein pick up from the Chinese experts he interviewed? Were snow tyres enthusiastic?';
    expect(answerText(answerer, unrelated).matched).toBe(false);
  });

  it('a sentence about the asker after a question ("need the name for a caption") is set aside when it finds nothing', () => {
    const q = "Who said China and Russia are 'united like a mountain'? Need the speaker's name for a caption.";
    expect(ids(q, 1).flat()).toEqual(['cnn-zhao-united-like-a-mountain']);
    expect(ids("Who said China and Russia are 'united like a mountain'? I am mostly interested in his job title.", 1).flat()).toEqual([
      'cnn-zhao-united-like-a-mountain',
    ]);
    // A sentence that asks something still has to be answered.
    expect(answerText(answerer, "Who said China and Russia are 'united like a mountain'? Snow tyres in Vladivostok.").matched).toBe(false);
  });

  it("a source's title in quotes names the source and is not a phrase a fact must hold; only a question opening with it asks for the byline", () => {
    const q =
      'What does the author of "What Drives Sino-Russian Rapprochement?" see as the main reason the two countries have drawn closer?';
    expect(read(q)).toMatchObject({ sources: ['geopolitics-2019-rapprochement'], phrases: [], asksByline: false });
    expect(ids(q, 1).flat()).toEqual(['geo-soured-us-china-ties-chief-driver']);
    expect(read('author of the geopolitics piece?').asksByline).toBe(true);
    expect(read('Who is the author of the Geopolitics piece?').asksByline).toBe(true);
  });

  it("a question about a source's byline is answered from the registry, even when facts share its words", () => {
    const answer = answerText(answerer, 'Who wrote the Geopolitics piece on what drives the rapprochement?');
    expect(answer.matched).toBe(false);
    expect(answer.items[0]).toMatchObject({ type: 'guide', command: { command: 'sources' } });
  });

  it('a question about a named source that no fact answers gets the source as the registry holds it', () => {
    const answer = answerText(answerer, 'who wrote the CNN piece?');
    expect(answer.matched).toBe(false);
    expect(answer.items[0]).toMatchObject({ type: 'guide', command: { command: 'sources' } });
    expect(answer.items[0].text).toContain('Nectar Gan, Ben Westcott');
    expect(answer.items[0].text).toContain('17 Jun 2021');
    // Without a named source, only the topics.
    expect(commandsOf(answerText(answerer, 'who wrote the football piece?').items)).not.toContainEqual({ command: 'sources' });
  });

  it('the order of the countries helps tell which way a trade goes', () => {
    expect(ids('what does Russia export to China').flat()).toContain('cnn-russia-exports-raw-materials');
    expect(ids('what does China sell to Russia?').flat()).toEqual(expect.arrayContaining(['lifeline-china-top-supplier-to-russia']));
  });

  it('a question about a period alone gets the events of that period', () => {
    const answer = answerText(answerer, 'what happened in Feb 2022');
    expect(cited(answer.items).map((i) => i.date)).toEqual(answer.items.map(() => 'Feb 2022'));
    expect(cited(answer.items).flatMap((i) => i.evidence.map((e) => e.factId))).toContain('lifeline-russia-invades-ukraine-2022-02');
  });

  it('a misspelt rare word still finds its fact', () => {
    expect(ids('Mishustn visit').flat()).toContain('wv-mishustin-visit-highest-ranking-since-invasion');
    expect(ids('Gabeuv managing upward').flat()).toContain('wv-gabuev-putin-manage-upward');
    expect(ids('Tianamen sanctions').flat()).toContain('lifeline-tiananmen-sanctions-1989');
    // Another form of a base word that stemming misses: two edits in a long word.
    expect(ids('hegemonic').flat()).toContain('wv-shared-view-us-imperial-hegemon');
    // A typo that drops the second letter.
    expect(ids('Kortunov Global Tmes').flat()).toContain('wv-kortunov-riac-global-times');
  });

  it('an ordinal the base never writes is read as its number, a small one as its word; one it writes is kept', () => {
    expect(read('When is the 75th anniversary?').searchText).toBe('when is the 75 anniversary');
    expect(read('the 3rd Belt and Road forum').searchText).toBe('the third belt and road forum');
    expect(ids('When is the 75th anniversary of diplomatic ties?').flat()).toContain('lifeline-75-years-relations-2024');
    expect(read('the 20th century').searchText).toBe('the 20th century');
    expect(ids('the 20th century').flat()).toContain('ruehl-risk-underestimating-combined-strength');
  });

  it("a cue with a wildcard is the question's frame: its words are not searched", () => {
    const q = read('What role do Afghanistan and Iran play?');
    expect(q.intent).toBe('explain');
    expect(q.searchText).toBe('do afghanistan and iran');
    expect(ids('What role do Afghanistan and Iran play?').flat()).toContain('geo-afghanistan-iran-push-closer');
    // A word a cue names without a wildcard stays in the search ("reason" is a word facts use).
    expect(read('the reason for closer ties').searchText).toBe('the reason for closer ties');
  });

  it('a frame holds up to six words ("what role did the US-China trade war play", "how has * affected")', () => {
    expect(read('What role did the US-China trade war play?').searchText).toBe('did the us china trade war');
    expect(ids('What role did the US-China trade war play?').flat()).toEqual(expect.arrayContaining(['geo-harsher-trade-war-closer-ties']));
    expect(read("How has the Belt and Road affected Russia's position in Central Asia?").searchText).toBe(
      'the belt and road russia position in central asia',
    );
  });

  it('a measure is named in other words too, word by word through the synonyms ("chinese shipments to russia")', () => {
    expect(read('value of chinese shipments to russia so far in 2023').measures.flat()).toContain('china-exports-to-russia');
    // The order still tells the direction: Russia's shipments to China are not China's exports.
    expect(read('value of russian shipments to china').measures.flat()).not.toContain('china-exports-to-russia');
  });

  it('"are exports rising?" asks for a figure', () => {
    expect(read('Are Chinese exports to Russia rising?').intent).toBe('figure');
    expect(ids('Are Chinese exports to Russia rising?').flat()).toContain('lifeline-china-exports-growth-2023');
  });

  it('a change across a range of years compares its two ends', () => {
    const q = read("how much did China's energy imports grow from 2021 to 2022");
    expect(q.intent).toBe('compare');
    expect(q.periods.map((p) => p.label)).toEqual(['2021', '2022']);
    expect(ids("how much did China's energy imports grow from 2021 to 2022").flat()).toEqual(
      expect.arrayContaining(['lifeline-energy-imports-2021', 'lifeline-energy-imports-2022']),
    );
    // A range with no change asked stays a range.
    expect(read('energy imports over 2021-2022').periods.map((p) => p.label)).toEqual(['2021–2022']);
  });

  it('ask --json carries how the question was read', () => {
    const json = answerToJson(answerText(answerer, 'compare trade in 2018 and 2022'));
    expect(json.understood).toMatchObject({
      intent: 'compare',
      periods: ['2018', '2022'],
      measures: expect.arrayContaining(['bilateral-trade']),
    });
  });
});

describe('near-domain questions the base cannot answer get no match', () => {
  // "nuclear power plant" is one idea the base has; the accident is what the question is about.
  it.each([
    'best restaurants in Moscow',
    'North Korea missile test',
    'Japan tsunami alert',
    'hotels in Beijing',
    'earthquake in China',
    'Putin height',
    '2024',
    'nuclear power plant accident in Japan',
    'How old is Zhao Lijian?',
  ])('%s', (q) => {
    const answer = answerText(answerer, q);
    expect(answer.matched).toBe(false);
    expect(answer.kind).toBe('no-match');
    expect(commandsOf(answer.items)).toContainEqual({ command: 'topic', options: { topic: 'trade' } });
  });
});
