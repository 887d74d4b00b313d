/**
 * Rules of the relevance gate that a question's small words must not defeat: function words
 * carry nothing, a short acronym is not a typo, a year asked is never generic and a fact
 * about another year does not answer it; a phrase is held as a phrase, and one word found
 * answers only a short question; a place says where, not what; and a fact must say what a
 * "who …" question asks about.
 */
import { describe, expect, it } from 'vitest';
import { SearchEngine } from '../../src/search/engine.ts';
import { loadEnglishFrequencies } from '../../src/search/english.ts';
import { realAnswerer } from '../helpers/real.ts';

const answerer = realAnswerer();
const engine = new SearchEngine(answerer.context.knowledge, loadEnglishFrequencies());
/** Does the question, read and answered as users meet it, get an answer? */
const matches = (q: string) => answerer.answerNow(answerer.parseText(q)).matched;

describe('the relevance gate', () => {
  it('function words ("rather", "among", "besides", "else") carry nothing', () => {
    expect(engine.meaningfulWords('why rather than among them, besides what else, via whom')).toEqual([]);
  });

  it('a stop word is not made a topic by a vocabulary entry: "might" is the modal, "military might" is strength', () => {
    expect(engine.meaningfulWords('what might the excerpt suggest')).toEqual([]);
    expect(engine.meaningfulWords("russia's military might")).toEqual(['military might']);
  });

  it('chat shorthand ("ngl", "fr", "esp") and a blank to fill carry nothing; "job title" is a post', () => {
    expect(engine.meaningfulWords('ngl tbh what hardware esp fr')).toEqual(['hardware']);
    expect(answerer.context.reader.read('fill in the blank: the sky is the ___').searchText).not.toMatch(/fill|blank/);
    expect(matches("li hui - what's his job title?")).toBe(true);
    // The fifteenth batch's shorthand: anniv, bilat, chg, "mix", "whose phrase".
    expect(matches('which yr was the 75th anniv of diplomatic relations')).toBe(true);
    expect(matches('bilat trade growth in H1 2023')).toBe(true);
    expect(matches('the mix of Russian exports to China')).toBe(true);
    expect(matches("'collective west' pressure - whose phrase?")).toBe(true);
  });

  it('words that frame a question ("types", "mentioned", "annual") carry nothing either', () => {
    expect(engine.meaningfulWords('types of weapons mentioned in the annual figures')).toEqual(['weapons']);
    expect(engine.meaningfulWords('did he indicate it badly, having said so anywhere, respectively, as sources')).toEqual([]);
  });

  it('how many items a list should hold ("what three things") is framing, not a number to find', () => {
    expect(
      matches('What three things does the CNN article say the two countries lack, making the durability of their ties uncertain?'),
    ).toBe(true);
  });

  it('answers a question whose framing words the facts never use (asked.yaml aside)', () => {
    const ownWords = new SearchEngine(
      { ...answerer.context.knowledge, vocabulary: { ...answerer.context.knowledge.vocabulary, asked: undefined } },
      loadEnglishFrequencies(),
    );
    const q = 'What kinds of Russian weapons has China been buying, as mentioned?';
    const found = ownWords.search(q);
    expect(found.matched).toBe(true);
    expect(found.hits.slice(0, 3).every((h) => h.fact.topics.includes('military'))).toBe(true);
  });

  it('a short acronym is never read as a typo ("wto" is not "two")', () => {
    expect(engine.search('wto').reason).toBe('not-found');
  });

  it('a year the question names is never generic, though most facts are about it', () => {
    expect(engine.meaningfulWords('trade in 2023')).toEqual(['trade', '2023']);
  });

  it('a year no fact is about counts in full against a match: no summit of 2016, as there is of 2019', () => {
    expect(engine.search('Xi Putin summit 2019').matched).toBe(true);
    expect(engine.search('Xi Putin summit 2016').matched).toBe(false);
  });

  it('of two facts that say the same words, the one about the year asked leads', () => {
    expect(engine.search('China energy imports from Russia in 2021').hits[0]?.fact.id).toBe('lifeline-energy-imports-2021');
    const about2022 = engine.search('China energy imports from Russia in 2022').hits[0]?.fact.about;
    expect(about2022?.start.slice(0, 4)).toBe('2022');
  });

  it('a phrase typed in full is held as a phrase: the Belt and Road Forum for International Cooperation is not the SPIEF', () => {
    const ids = (q: string) => engine.search(q).hits.map((h) => h.fact.id);
    const spief = ids('Putin speech at the 2023 St Petersburg International Economic Forum');
    expect(spief[0]).not.toBe('lifeline-putin-belt-road-forum');
    expect(spief).toContain('geo-xi-visit-spief-2019');
    expect(ids('Putin at the 2023 Belt and Road Forum')).toContain('lifeline-putin-belt-road-forum');
    expect(ids('St Petersburg International Economic Forum')[0]).toBe('geo-xi-visit-spief-2019');
  });

  it('a fact holding one word of a longer question does not answer it', () => {
    expect(engine.search('Navalny arrest').matched).toBe(true);
    expect(engine.search('When did Alexei Navalny die?').matched).toBe(false);
    expect(engine.search('What is the speed of light in a vacuum?').matched).toBe(false);
  });

  it('a word is never read as a longer base word it begins ("india" is not "indian")', () => {
    expect(engine.stemsOf('india')).toEqual(['india']);
    expect(engine.search('India China border clash').matched).toBe(false);
    // A possessive is the word itself, so "India's" is not one edit from "indian" either.
    expect(engine.stemsOf("India's")).toEqual(['india']);
    expect(engine.search("India's oil imports from Russia").matched).toBe(false);
  });

  it('a typo of a word only the synonym table gives is corrected to it ("comerce")', () => {
    expect(engine.meaningfulWords('comerce')).toEqual(['commerce']);
  });

  it('a name cut short is read as the name: "chunyin" is Hua Chunying', () => {
    expect(engine.meaningfulWords('hua chunyin')).toEqual(['hua chunying']);
  });

  it('a word of the facts written in two parts is read as that word ("co-operation")', () => {
    expect(engine.meaningfulWords('co-operation')).toEqual(['cooperation']);
    expect(engine.meaningfulWords('energy policy')).toEqual(['energy', 'policy']);
  });

  it('a lone letter the base never uses is shorthand, not a word of the question', () => {
    expect(engine.meaningfulWords('BRI central asia friction w/ russia')).toEqual(['bri', 'central asia', 'friction']);
  });

  it('a place a fact lacks counts in full against it: arms sales to Russia do not answer arms sales to Crimea', () => {
    const own = { ...answerer.context.knowledge, vocabulary: { ...answerer.context.knowledge.vocabulary, asked: undefined } };
    const withPlaces = new SearchEngine(own, loadEnglishFrequencies());
    const withoutPlaces = new SearchEngine({ ...own, facts: own.facts.map((f) => ({ ...f, places: [] })) }, loadEnglishFrequencies());
    expect(withoutPlaces.search('Chinese arms sales to Crimea').matched).toBe(true);
    expect(withPlaces.search('Chinese arms sales to Crimea').matched).toBe(false);
    // A country is a place whether or not a fact names it.
    expect(withoutPlaces.search('Chinese arms sales to Syria').matched).toBe(false);
    expect(withPlaces.search('joint naval drills in the Baltic Sea').hits[0]?.fact.id).toBe('ruehl-joint-exercises-land-and-sea');
  });

  it('a figure question naming a country is about that country', () => {
    expect(matches('How much LNG does China import from Russia?')).toBe(true);
    expect(matches('How much LNG does Japan import from Russia?')).toBe(false);
    expect(matches('US-China goods trade total 2022')).toBe(false);
    // "Saudi" alone names Saudi Arabia.
    expect(answerer.context.engine.countryAt(['saudi'], 0)).toBeDefined();
    expect(matches("how much of china's energy imports came from russia in 2022")).toBe(true);
    expect(matches("how much of china's energy imports came from saudi in 2022")).toBe(false);
  });

  it("a question naming another country as a measure's partner is about that partner, not the war it is in", () => {
    const ukraine = answerer.answerNow(answerer.parseText("What was China's bilateral trade with Ukraine in 2022?"));
    expect(ukraine).toMatchObject({ kind: 'no-match', matched: false });
    expect(ukraine.lead).toContain('none involving Ukraine');
    expect(matches('us-china bilateral trade volume in 2018?')).toBe(false);
    expect(matches("What was China's bilateral trade with Russia in 2022?")).toBe(true);
    // Ukraine places the question; "trade war" is not the trade measure.
    expect(matches('how did trade change after the war in Ukraine')).toBe(true);
    expect(matches('What role did the US-China trade war play?')).toBe(true);
    expect(matches('what happens to china-russia closeness as the us-china trade war gets worse?')).toBe(true);
    expect(answerer.context.reader.read('show us trade in 2022').partners).toEqual([]);
    // A link word names a partner only just after the measure's word, not in another clause.
    const g7 = answerer.context.reader.read('What did the G7 statement from Japan accuse China of, on trade practices and human rights?');
    expect(g7.partners).toEqual([]);
    expect(answerer.context.reader.read("What was China's trade volume in 2022 with Japan?").partners).toEqual(['japan']);
  });

  it('a place tells where, not what: it carries a question only when the question names nothing else', () => {
    expect(engine.search('Japan in 2022').matched).toBe(true);
    expect(engine.search('Japan trade volume 2022').matched).toBe(false);
    expect(engine.search('North Korea exports').matched).toBe(false);
  });

  it('a fact that does not say what a "who …" or "when did <name> …" question asks about does not answer it', () => {
    expect(answerer.parseText('Who founded Chatham House?')).toMatchObject({ command: 'ask' });
    expect(matches('Who founded Chatham House?')).toBe(false);
    expect(matches('Who founded Huawei?')).toBe(false);
    expect(matches('When was Sergey Lavrov appointed foreign minister?')).toBe(false);
    const heads = answerer.answerNow(answerer.parseText('who heads RIAC'));
    expect(heads.matched && heads.items[0].type !== 'guide' && heads.items[0].evidence[0].factId).toBe('wv-kortunov-riac-global-times');
    // An everyday word says too little to require: "make" is not what the question asks about.
    expect(matches("when did xi make the 'best friend' remark")).toBe(true);
    // An adverb before the verb ("first") is not what is asked about: the verb after it is.
    expect(matches("When did Xi Jinping first become China's president?")).toBe(false);
    expect(matches('When did Xi Jinping first visit Moscow?')).toBe(true);
  });

  it('a question naming a measure and a period is answered only by a fact saying the measure', () => {
    // The 75th anniversary falls in 2024, but its fact says nothing of trade.
    expect(matches('How did China–Russia trade develop in 2024, the year of their 75th anniversary of diplomatic relations?')).toBe(false);
    expect(matches('75th anniversary of diplomatic relations in 2024')).toBe(true);
    expect(matches('What trade target did China and Russia set for 2024?')).toBe(true);
  });

  it("a post between two countries goes one way: Russia's ambassador to China is not China's to Russia", () => {
    expect(matches("Who is China's ambassador to Russia?")).toBe(false);
    expect(matches("Who is Russia's ambassador to China?")).toBe(true);
    // A capital stands for its country (`capitals`), and a post's shorthand for the post.
    expect(matches("Who is China's ambassador to Moscow?")).toBe(false);
    expect(matches('china amb to russia - name?')).toBe(false);
    expect(matches("Who is Russia's ambassador to Beijing?")).toBe(true);
    expect(matches('russia amb to china - name?')).toBe(true);
  });

  it('a question asking for an amount is answered only by a fact stating one', () => {
    expect(answerer.context.reader.read('How many people were killed in 1989?').asksAmount).toBe(true);
    expect(matches('Tiananmen Square crackdown 1989')).toBe(true);
    // The fact names the crackdown and its year, but no number of dead: a year is not an amount.
    expect(matches('How many people were killed in the Tiananmen Square crackdown in 1989?')).toBe(false);
    expect(matches('chinese investment in the russian far east')).toBe(true);
    expect(matches('how much has china invested in the russian far east in dollar terms')).toBe(false);
    // "billions in aid" is an amount, if a loose one; not an exact one.
    expect(matches('How much aid has the US given Kyiv?')).toBe(true);
    expect(answerer.context.reader.read('Exactly how many billions in aid has the US given Kyiv?').asksAmount).toBe('exact');
    expect(matches('Exactly how many billions in aid has the US given Kyiv?')).toBe(false);
    // "the amount of" asks for one too.
    expect(matches('exact dollar amount of US military aid to Ukraine so far?')).toBe(false);
    expect(matches('what is the dollar amount of the gas deal')).toBe(true);
    expect(matches('What was the exact total, in US dollars, of American military aid delivered to Ukraine by the end of 2023?')).toBe(
      false,
    );
    expect(matches('What is the gas deal worth in US dollars?')).toBe(true);
    // "dollar figure" and "annual volume" ask for one too.
    expect(matches('dollar figure of the gas deal?')).toBe(true);
    expect(matches('exact dollar figure for US military aid to Kyiv?')).toBe(false);
    expect(matches('what will the russia-china LNG joint venture sell')).toBe(true);
    expect(matches('annual volume of LNG the joint venture will sell')).toBe(false);
    expect(matches("China's S-400 purchase from Russia")).toBe(true);
    expect(matches("contract value of China's S-400 purchase from Russia")).toBe(false);
    // A sum of money asked ("in dollar terms", `money_cues`) is not answered by a share.
    expect(matches("What share of China's arms imports came from Russia between 2014 and 2018?")).toBe(true);
    expect(matches("In dollar terms, how much were China's arms imports from Russia 2014-2018?")).toBe(false);
    expect(matches('what is the gas deal worth in dollar terms')).toBe(true);
    // A share asked (`share_cues`) is not answered by a sum of money; a share in words answers it.
    expect(matches("What share of Russia's total exports went to China in 2022?")).toBe(false);
    expect(matches("What share of China's imports from Russia is fossil fuel?")).toBe(true);
    // "Share a border" is no share of anything.
    expect(matches("what share of russia's seaborne crude exports went to china in 2023?")).toBe(false);
  });

  it('an irregular verb form finds the facts its base form does: "first become strained" finds "became strained"', () => {
    expect(matches('when did moscow-beijing ties first become strained in the past')).toBe(true);
  });

  it('a "how many" question is answered only by a fact giving a number of the thing counted', () => {
    expect(answerer.context.reader.read('How many Chinese troops march in Moscow parades?').counted).toBe('troops');
    expect(matches('Do Chinese troops march in Moscow parades?')).toBe(true);
    // The fact says they take part; it gives no number of them.
    expect(matches('How many Chinese troops march in Moscow parades?')).toBe(false);
    expect(matches('How many countries will join BRICS in 2024?')).toBe(true);
    expect(matches('How many years after normalisation did Xi visit Russia in 2019?')).toBe(true);
    // A unit asks for an amount, not for a number of things.
    expect(answerer.context.reader.read('how many bn is the gas deal worth').counted).toBeUndefined();
    expect(matches('how many bn is the gas deal worth')).toBe(true);
  });

  it('words asking for a figure\'s total or value ("total dollar value") cannot carry a question alone', () => {
    expect(matches('What was the total dollar value of China-Russia trade in 2022?')).toBe(true);
    // The trade figures hold "total", "dollar" and "value"; none says anything of investment in Siberia.
    expect(matches('What is the total dollar value of Chinese investment in Siberia?')).toBe(false);
  });

  it('a question asking what came to pass ("did trade hit the target") is not answered by the target or a forecast', () => {
    expect(answerer.context.reader.read('did they hit the $200bn trade target in 2024').asksActual).toBe(true);
    expect(matches('what was the $200bn trade target for 2024')).toBe(true);
    expect(matches('did they hit the $200bn trade target in 2024')).toBe(false);
    expect(matches('did china and russia reach the $200 billion trade goal by 2024')).toBe(false);
  });

  it('"what did <name> (actually) <verb>" is answered only by a fact saying the verb; "say about X" only by one holding X', () => {
    expect(answerer.context.reader.read('What did Biden and Putin actually agree at their summit?').relation).toBe('agree');
    expect(matches('What did Xi and Putin sign in February 2022?')).toBe(true);
    // The summit fact says they met and how the talks went, not what they agreed.
    expect(matches('What did Biden and Putin actually agree on arms control at their summit?')).toBe(false);
    expect(answerer.context.reader.read('What did Zhao Lijian say at the briefing about the Taiwan Strait?').about).toBe('taiwan');
    expect(matches('what did zhao lijian say about the wedge')).toBe(true);
    // His words on a wedge and a mountain are not about the Taiwan Strait.
    expect(matches('What did Zhao Lijian say at his June 2021 news briefing about Taiwan?')).toBe(false);
    expect(matches('What did Putin tell NBC about China?')).toBe(true);
    // "tell … about" is a verb of saying too.
    expect(matches('What did Biden tell Putin about Navalny in Geneva?')).toBe(false);
    expect(matches('What did Putin tell NBC about Navalny in June 2021?')).toBe(false);
  });

  it('a fact holding a phrase asked leads only when it carries the question; else one that does', () => {
    const outcome = engine.search('gabuyev manage upward junior partner foreign affairs', { phrases: ['junior partner'] });
    expect(outcome.hits[0]?.fact.id).toBe('wv-gabuev-putin-manage-upward');
  });

  it('a "when" question is answered only by a fact that says when', () => {
    expect(matches('NATO liaison office in Tokyo')).toBe(true);
    // The fact tells of a plan, with no date.
    expect(matches('When will NATO open its liaison office in Tokyo?')).toBe(false);
    expect(matches('When did relations between Moscow and Beijing sour?')).toBe(true);
  });

  it('a question asking for a city is answered only by a fact naming one', () => {
    expect(matches("Which Chinese cities did Mishustin's delegation visit?")).toBe(true);
    // The fact names Switzerland, not the city.
    expect(matches('In which Swiss city did Putin and Biden meet in 2021?')).toBe(false);
    expect(matches('Which Japanese city hosted the 2023 G7 summit?')).toBe(false);
    // A country the question names must be the fact's: Mishustin's Shanghai is not a Japanese city.
    expect(matches('In which Japanese city did the 2023 G7 leaders meet?')).toBe(false);
  });

  it('a question asking for a name is answered only by a fact naming something the question does not', () => {
    expect(matches("name of beijing's special envoy on eurasian affairs")).toBe(true);
    // The gas deal's fact names no pipeline: "Russia" and "China" are not the name asked for.
    expect(matches('the $400 billion gas deal')).toBe(true);
    expect(matches('What is the name of the pipeline built under the $400 billion gas deal?')).toBe(false);
  });
});
