/**
 * What an answer must say for the kind of thing a question asks: a year or a day, a length,
 * the one of a series asked ("the fourth forum"), what a "why did <name>" question asks of
 * the name, and more than the names a question gives. Each refusal has an answered twin, so
 * a rule that refused everything would fail too.
 */
import { describe, expect, it } from 'vitest';
import { realAnswerer } from '../helpers/real.ts';

const answerer = realAnswerer();
const matches = (q: string) => answerer.answerNow(answerer.parseText(q)).matched;

describe('what the answer must say', () => {
  it.each([
    [
      '"in what year" needs a year, not a decade: the late-1950s strains do not date the Ussuri clashes',
      'In what year did the Sino-Soviet border clashes on the Ussuri River happen?',
      'In what year did China–Russia trade first go above 100 billion dollars?',
    ],
    [
      '"on what dates" needs a month or a day: "during the forum" does not say',
      'On what dates was the Third Belt and Road Forum held?',
      'On what date did Putin and Xi sign the no limits agreement?',
    ],
    [
      '"how long is" asks for a length: sharing a border states none',
      'How long is the land border between China and Russia?',
      'How long has Russia sold arms to China?',
    ],
    [
      'the fourth of a series is not the third',
      'When is the Fourth Belt and Road Forum being held?',
      'Why did Putin go to the Third Belt and Road Forum?',
    ],
    [
      '"why did <name> <verb>" needs the verb: BRICS taking Argentina in does not say why it pulled out',
      'why did argentina pull out of joining brics',
      'why did argentina want to join brics',
    ],
    [
      'a fact naming only the names asked does not say what is asked of them',
      'which agreements did mishustin sign in shanghai',
      'Who went with Mishustin to Shanghai?',
    ],
    [
      '"before Carnegie" places the question in time: facts naming Gabuev and Carnegie do not say where he worked before',
      'where did alexander gabuev work before carnegie',
      'Did China-Russia trade top $100bn before 2020?',
    ],
    [
      'a fact holding only the people and the year asked does not say what they agreed',
      'What did Xi and Putin agree at their summit in May 2024?',
      // A fact tying two people asked together says how they are linked.
      "navalny jimmy lai - what's the link the analysis draws?",
    ],
  ])('%s', (_rule, refused, answered) => {
    expect(matches(refused)).toBe(false);
    expect(matches(answered)).toBe(true);
  });
});

describe('a question about who holds a post now', () => {
  it('gets "no match" and the span of the sources\' dates: the articles say who was who then', () => {
    const answer = answerer.answerNow(answerer.parseText('who heads the PLA Navy right now'));
    expect(answer.matched).toBe(false);
    expect(answer.lead).toContain('as of their dates (2019 to 2023)');
    expect(matches('who called Putin his best friend?')).toBe(true);
    expect(matches('How much energy does China buy from Russia now?')).toBe(true);
  });
});

describe('a question about the post someone holds now', () => {
  it.each([
    ['is zhao lijian still the spokesperson?', "Is Russia still China's largest arms supplier?"],
    ["What is Zhao Lijian's current post?", 'Does Putin still trust President Xi?'],
    ['Who is the current Russian defence minister?', 'What does the current Chinese leadership want from Russia?'],
    // A post's shorthand is the post.
    ['is denisov still the amb to china?', 'Is Denisov still hopeful about the summit?'],
  ])('"%s" gets the dated articles\' "no match"; "%s", with no post after the present word, is answered', (refused, answered) => {
    const answer = answerer.answerNow(answerer.parseText(refused));
    expect(answer.matched).toBe(false);
    expect(answer.lead).toContain('cannot say who holds which post now');
    expect(matches(answered)).toBe(true);
  });
});
