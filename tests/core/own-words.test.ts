/**
 * The trust rule on every surface: a claim is only ever shown beside the citations of the
 * sources that make it. Linked facts whose claims differ are shown each in its own words,
 * with its own date; corroboration stays visible ("2 sources agree").
 */
import { describe, expect, it } from 'vitest';
import { renderTerminal } from '../../adapters/console/render.ts';
import { renderEmbed } from '../../adapters/discord/render.ts';
import { renderAnswer } from '../../adapters/slack/render.ts';
import { KNOWLEDGE_DIR } from '../../app/knowledge-dir.ts';
import { answerToJson } from '../../src/answer/json.ts';
import type { Answer } from '../../src/answer/types.ts';
import { createAnswerer } from '../../src/commands/index.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import type { Knowledge } from '../../src/knowledge/types.ts';
import { fact, factsFile, writeFixture } from '../helpers/fixture.ts';
import { asConflict, asFact, cited } from '../helpers/items.ts';
import { answerText } from '../helpers/real.ts';

const A1 = 'Alpha calls the partnership a marriage of convenience.';
const B1 = 'Beta says the two leaders are close personal friends.';
const A2 = 'Alpha says the two leaders barely speak.';
const A3 = 'Alpha reports a joint naval drill in the Pacific.';
const B3 = 'Beta describes warships of both navies exercising together.';

// Distinct quotes: facts with the same quote make the same statement and may share a line.
const q = (n: number) => `"quote ${n}"`;

function linkedFixture(): Knowledge {
  const { dir } = writeFixture({
    facts: {
      'alpha.yaml': factsFile(
        'alpha',
        fact('a-one', { claim: A1, quote: q(1), corroborates: '[b-one]', about: '"2019-06"' }),
        fact('a-two', { claim: A2, quote: q(2), conflicts_with: '[b-one]', about: '"2019-06"' }),
        fact('a-three', { claim: A3, quote: q(3), corroborates: '[b-three]', about: '"2020"' }),
      ),
      'beta.yaml': factsFile(
        'beta',
        fact('b-one', { claim: B1, quote: q(4), about: '"2021"' }),
        fact('b-three', { claim: B3, quote: q(5), about: '"2020"' }),
      ),
    },
  });
  return loadKnowledge(dir);
}

/** Each claim and the sources whose facts make it (several facts may share a claim). */
function claimSources(knowledge: Knowledge): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const f of knowledge.facts) map.set(f.claim, new Set([...(map.get(f.claim) ?? []), f.sourceId]));
  return map;
}

/** The citation number of each source an answer cites. */
const citationOf = (answer: Answer) => new Map(answer.sources.map((s) => [s.id, s.citation]));

/**
 * In rendered lines, every line that shows a claim carries citations, and only those of
 * sources that make that claim. Returns how many claims it saw.
 */
function expectOwnCitations(
  lines: string[],
  answer: Answer,
  claims: Map<string, Set<string>>,
  escape: (s: string) => string = (s) => s,
): number {
  const citation = citationOf(answer);
  let seen = 0;
  for (const line of lines) {
    for (const [claim, sources] of claims) {
      if (!line.includes(escape(claim))) continue;
      seen++;
      const numbers = [...line.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
      const own = new Set([...sources].map((id) => citation.get(id)));
      expect({ line, cited: numbers.length > 0, foreign: numbers.filter((n) => !own.has(n)) }).toEqual({ line, cited: true, foreign: [] });
    }
  }
  return seen;
}

/** In the JSON, every object pairing a text with sources pairs a claim only with the sources that make it. */
function expectJsonOwnSources(answer: Answer, claims: Map<string, Set<string>>): number {
  let seen = 0;
  const visit = (o: { text: string; sources: string[] }) => {
    for (const [claim, sources] of claims) {
      if (!o.text.includes(claim)) continue;
      seen++;
      expect({ text: o.text, cited: o.sources.length > 0, foreign: o.sources.filter((id) => !sources.has(id)) }).toEqual({
        text: o.text,
        cited: true,
        foreign: [],
      });
    }
  };
  for (const item of answerToJson(answer).items) {
    visit(item);
    item.statements?.forEach(visit);
    for (const v of item.variants ?? []) {
      visit(v);
      v.statements?.forEach(visit);
    }
  }
  return seen;
}

function slackLines(answer: Answer): string[] {
  const m = renderAnswer(answer, { maxItems: 1000 });
  const blocks = m.blocks as { type: string; text?: { text: string }; fields?: { text: string }[] }[];
  return [
    ...blocks
      .filter((b) => b.type === 'section')
      .flatMap((b) => [...(b.text?.text.split('\n') ?? []), ...(b.fields ?? []).flatMap((f) => f.text.split('\n'))]),
    ...m.text.split('\n'),
  ];
}

const discordLines = (answer: Answer) => (renderEmbed(answer).description ?? '').split('\n');

describe('each source keeps its own words', () => {
  const knowledge = linkedFixture();
  const answer = answerText(createAnswerer(knowledge), 'timeline');
  const claims = claimSources(knowledge);

  it('composes linked facts with different claims into one item of statements, each cited only to its source', () => {
    const agreeing = asFact(cited(answer.items).find((i) => i.evidence.some((e) => e.factId === 'a-three')));
    expect(agreeing).toMatchObject({ corroborated: true, sources: ['alpha', 'beta'] });
    expect(agreeing.statements?.map((st) => [st.text, st.sources])).toEqual([
      [A3, ['alpha']],
      [B3, ['beta']],
    ]);
    const conflict = asConflict(answer.items.find((i) => i.type === 'conflict'));
    expect(conflict.text).toBe('Sources differ');
    const side = conflict.variants.find((v) => v.statements);
    expect(side?.statements?.map((st) => [st.text, st.sources, st.date])).toEqual([
      [A1, ['alpha'], 'Jun 2019'],
      [B1, ['beta'], '2021'],
    ]);
  });

  it('console, Slack, Discord and JSON never show one source’s claim under the other’s citation', () => {
    expect(expectOwnCitations(renderTerminal(answer).split('\n'), answer, claims)).toBe(5);
    expect(expectOwnCitations(slackLines(answer), answer, claims)).toBeGreaterThanOrEqual(5);
    expect(expectOwnCitations(discordLines(answer), answer, claims)).toBe(5);
    // In the JSON the first statement of an item (or side) is also its `text`: 5 claims, 7 pairings.
    expect(expectJsonOwnSources(answer, claims)).toBe(7);
  });

  it('shows corroboration, and only where sources agree', () => {
    const console = renderTerminal(answer);
    expect(console).toMatch(/^\d\. 2020 · 2 sources agree:$/m);
    expect(console).toMatch(/Sources differ:/);
    expect(console).not.toMatch(/2019 · 2 sources agree/);
    const json = answerToJson(answer).items;
    expect(json.find((i) => i.statements?.[0].text === A3)?.agree).toBe(2);
    const conflict = json.find((i) => i.type === 'conflict');
    expect(conflict?.variants).toHaveLength(2);
    expect(conflict?.agree).toBeUndefined();
  });

  it('holds for every claim of the real base, in the full timeline on every surface', () => {
    const real = loadKnowledge(KNOWLEDGE_DIR);
    const timeline = answerText(createAnswerer(real), 'timeline');
    const all = claimSources(real);
    expect(expectOwnCitations(renderTerminal(timeline).split('\n'), timeline, all)).toBeGreaterThanOrEqual(real.facts.length - 5);
    expect(expectOwnCitations(slackLines(timeline), timeline, all)).toBeGreaterThan(20);
    expect(expectOwnCitations(discordLines(timeline), timeline, all)).toBeGreaterThan(5);
    expect(expectJsonOwnSources(timeline, all)).toBeGreaterThanOrEqual(real.facts.length - 5);
  });
});
