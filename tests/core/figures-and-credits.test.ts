/**
 * What a figure is (actual, forecast, target, estimate; a period or only when it was stated)
 * and what a source is (an excerpt, a repost, a machine translation), shown on every surface.
 */
import { describe, expect, it } from 'vitest';
import { renderTerminal } from '../../adapters/console/render.ts';
import { renderEmbed } from '../../adapters/discord/render.ts';
import { renderAnswer } from '../../adapters/slack/render.ts';
import { answerToJson } from '../../src/answer/json.ts';
import { itemLabel } from '../../src/answer/label.ts';
import type { Answer } from '../../src/answer/types.ts';
import { createAnswerer } from '../../src/commands/index.ts';
import { formatIssue } from '../../src/errors.ts';
import { checkKnowledge } from '../../src/knowledge/check.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { fact, factsFile, writeFixture } from '../helpers/fixture.ts';
import { asConflict, asFact, cited } from '../helpers/items.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';

const trade = (value: number, extra = '') => `{ measure: bilateral-trade, value: ${value}, unit: billion, currency: USD${extra} }`;

function timelineOf(alpha: string[], beta: string[]): Answer {
  const { dir } = writeFixture({ facts: { 'alpha.yaml': factsFile('alpha', ...alpha), 'beta.yaml': factsFile('beta', ...beta) } });
  return answerText(createAnswerer(loadKnowledge(dir)), 'timeline');
}

const itemOf = (answer: Answer, factId: string) => cited(answer.items).find((i) => i.evidence.some((e) => e.factId === factId));
/** Each item as `lone fact` (one source, no conflict) or its kind. */
const kinds = (answer: Answer) => answer.items.map((i) => (i.type === 'fact' && !i.corroborated ? 'lone fact' : i.type));

describe('figure kinds', () => {
  it('never merges a forecast with, nor sets it against, the outcome of the same period; answers say "expected"', () => {
    const answer = timelineOf(
      [fact('a-actual', { claim: 'Trade was 190 billion dollars in 2023.', quote: '"a"', about: '"2023"', figure: trade(190) })],
      [
        fact('b-forecast', {
          claim: 'Trade was expected to reach 250 billion dollars in 2023.',
          quote: '"b"',
          about: '"2023"',
          figure: trade(250, ', kind: forecast'),
        }),
      ],
    );
    expect(kinds(answer)).toEqual(['lone fact', 'lone fact']);
    const forecast = itemOf(answer, 'b-forecast');
    expect(itemLabel(forecast!)).toBe('2023 · expected');
    expect(itemLabel(itemOf(answer, 'a-actual')!)).toBe('2023');
    expect(renderTerminal(answer)).toMatch(/2023 · expected {2}Trade was expected/);
    expect(answerToJson(answer).items.find((i) => i.text.startsWith('Trade was expected'))?.figure).toMatchObject({
      kind: 'forecast',
      period: '2023',
    });
  });

  it('still sets two disagreeing forecasts of one period side by side, and labels a target', () => {
    const answer = timelineOf(
      [fact('a-f', { claim: 'A forecast of 200.', quote: '"a"', about: '"2024"', figure: trade(200, ', kind: forecast') })],
      [
        fact('b-f', { claim: 'A forecast of 300.', quote: '"b"', about: '"2024"', figure: trade(300, ', kind: forecast') }),
        fact('b-t', { claim: 'A target of 400.', quote: '"c"', about: '"2025"', figure: trade(400, ', kind: target') }),
      ],
    );
    expect(asConflict(itemOf(answer, 'a-f')).variants).toHaveLength(2);
    expect(itemLabel(itemOf(answer, 'b-t')!)).toBe('2025 · target');
  });

  it('a figure stated in a year without its period is never that year’s total, nor in conflict with it', () => {
    const answer = timelineOf(
      [
        fact('a-annual', {
          claim: 'Trade totalled 110 billion dollars in 2019.',
          quote: '"a"',
          about: '"2019"',
          figure: trade(110, ', period: "2019"'),
        }),
      ],
      [
        fact('b-stated', {
          claim: 'Officials said trade is now worth 108 billion dollars.',
          quote: '"b"',
          about: '"2019"',
          figure: trade(108, ', stated_in: "2019"'),
        }),
      ],
    );
    expect(kinds(answer)).toEqual(['lone fact', 'lone fact']);
    const stated = asFact(itemOf(answer, 'b-stated'));
    expect(itemLabel(stated)).toBe('2019 · period not given');
    expect(stated.figure).toMatchObject({ periodGiven: false });
    const json = answerToJson(answer).items.find((i) => i.text.startsWith('Officials'));
    expect(json?.figure).toMatchObject({ stated_in: '2019' });
    expect(json?.figure).not.toHaveProperty('period');
    for (const text of [renderTerminal(answer), JSON.stringify(renderAnswer(answer).blocks), renderEmbed(answer).description ?? '']) {
      expect(text).toContain('period not given');
      expect(text).not.toMatch(/Sources differ/);
    }
  });

  it('refuses a figure with both a period and stated_in', () => {
    const { dir } = writeFixture({
      facts: { 'alpha.yaml': factsFile('alpha', fact('both', { figure: trade(1, ', period: "2019", stated_in: "2019"') })) },
    });
    expect(checkKnowledge(dir).issues.map(formatIssue)).toEqual([
      expect.stringMatching(/\[both\] figure: give period .* or stated_in .*, not both/),
    ]);
  });

  it('the real base: the Kremlin’s $108 billion is no 2019 total, and the 2023 energy shipments are expected', () => {
    const answerer = realAnswerer();
    const figures = answerText(answerer, 'trade figures by year');
    const kremlin = asFact(itemOf(figures, 'geo-trade-108bn-kremlin'));
    expect(kremlin.evidence).toHaveLength(1);
    expect(itemLabel(kremlin)).toBe('2019 · period not given');
    const energy = asFact(itemOf(answerText(answerer, 'Russian energy shipments to China 2023'), 'wv-energy-shipments-2023-up-40pct'));
    expect(energy.figure?.kind).toBe('forecast');
    expect(itemLabel(energy)).toContain('expected');
  });
});

describe('sources say what they are', () => {
  const answerer = realAnswerer();
  const surfaces = (answer: Answer) => ({
    console: renderTerminal(answer),
    slack: JSON.stringify(renderAnswer(answer, { maxItems: 1000 })),
    discord: JSON.stringify(renderEmbed(answer)),
    json: JSON.stringify(answerToJson(answer)),
  });

  it.each(['sources', 'Mishustin visit', 'junior partner', 'timeline'])(
    '%s: the WorldView excerpt is credited by the newsletter, "My Blog" only as where it was reposted',
    (question) => {
      const answer = answerText(answerer, question);
      expect(answer.sources.map((s) => s.id)).toContain('worldview-2023-how-close');
      for (const [surface, text] of Object.entries(surfaces(answer))) {
        if (surface === 'discord' && !text.includes('WorldView')) continue; // a long timeline's embed may cut the source list
        expect({ surface, credit: text.includes("excerpt of the Today's WorldView newsletter") }).toEqual({ surface, credit: true });
        const mentions = [...text.matchAll(/(.{0,20})My Blog/g)].map((m) => m[1]);
        expect(mentions.length).toBeGreaterThan(0);
        for (const before of mentions)
          expect({ surface, before }).toEqual({ surface, before: expect.stringMatching(/reposted on $|a site titled '$|"via":"$/) });
      }
      const wv = answerToJson(answer).sources.find((s) => s.id === 'worldview-2023-how-close');
      expect(wv).toMatchObject({ excerpt_of: "the Today's WorldView newsletter", via: 'My Blog', reposted: true });
      expect(wv?.publisher).toBeUndefined();
    },
  );

  it('notes the CNN repost and Ruehl’s machine translation wherever they are cited', () => {
    const answer = answerText(answerer, 'trade in 2018');
    const { console } = surfaces(answer);
    expect(console).toMatch(/\(CNN, Nectar Gan, Ben Westcott; a repost\), 17 Jun 2021/);
    expect(console).toMatch(/\(John Ruehl; machine-translated\), 20 Jun 2021/);
    expect(answerToJson(answer).sources.find((s) => s.id === 'ruehl-2021-convergence')).toMatchObject({ machine_translated: true });
  });
});
