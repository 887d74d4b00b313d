import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutAtWord, decodeSlack, escapeSlack } from '../../adapters/slack/escape.ts';
import { renderAnswer, SLACK_LIMITS, type SlackMessage, shareValue } from '../../adapters/slack/render.ts';
import type { Answer, AnswerItem, CitedSource, ConflictItem, FactItem, GuideItem, Variant } from '../../src/answer/types.ts';
import { answerText, realAnswerer } from '../helpers/real.ts';

const answerer = realAnswerer();

const item = (text: string, extra: Partial<FactItem> = {}): FactItem => ({
  type: 'fact',
  text,
  sources: ['s1'],
  citations: [1],
  evidence: [],
  corroborated: false,
  ...extra,
});
const conflict = (variants: Variant[], extra: Partial<ConflictItem> = {}): ConflictItem => ({
  type: 'conflict',
  text: 'Sources differ',
  variants,
  sources: variants.flatMap((v) => v.sources),
  citations: variants.flatMap((v) => v.citations),
  evidence: [],
  ...extra,
});
const guide = (command: string, text: string): GuideItem => ({ type: 'guide', command, text });
const source = (citation: number, extra: Partial<CitedSource> = {}): CitedSource => ({
  id: `s${citation}`,
  citation,
  title: `Title ${citation}`,
  publisher: 'Pub',
  authors: [],
  published: '2021',
  approximate: false,
  ...extra,
});
const answerOf = (items: AnswerItem[], extra: Partial<Answer> = {}): Answer => ({
  kind: 'timeline',
  query: 'timeline trade',
  matched: true,
  title: 'Timeline: trade',
  lead: 'Oldest first.',
  items,
  sources: [source(1)],
  next: [{ command: 'timeline', options: { topic: 'trade' } }, { command: 'topics' }],
  show: { audience: 'channel', shareable: true, cacheable: true },
  ...extra,
});

const sections = (m: SlackMessage) => m.blocks.filter((b) => b.type === 'section') as { text: { text: string } }[];

function expectWithinLimits(m: SlackMessage) {
  expect(m.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  for (const b of m.blocks as any[]) {
    if (b.type === 'section') expect(b.text.text.length).toBeGreaterThan(0);
    if (b.type === 'section') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    if (b.type === 'context') expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
  }
}

describe('renderAnswer', () => {
  it('renders a topic: header, dated items with citations, sources with publisher, title and date, fallback text', () => {
    const m = renderAnswer(answerText(answerer, 'trade'));
    const title = 'Trade: bilateral trade volumes, balance, what is traded, trading partners';
    expect(m.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: title } });
    const [label, ...own] = sections(m)[0].text.text.split('\n');
    // Two sources agree in their own words: the label, then each statement with its own citation only.
    expect(label).toBe('*2018 · 2 sources agree*');
    expect(own.slice(0, 3)).toEqual([
      '• China–Russia bilateral trade went above $100 billion in 2018.  [1]',
      '• Russia–China trade went above $100 billion for the first time in 2018.  [2]',
      '*2019 · period not given*  The Kremlin says China–Russia trade is now worth $108 billion; the 2019 article does not say what period the figure covers.  [3]',
    ]);
    const contexts = m.blocks.filter((b) => b.type === 'context').flatMap((b: any) => b.elements.map((e: any) => e.text));
    expect(contexts).toContain(
      "[1] US and allies are pushing China and Russia closer together, but will their 'unbreakable friendship' (CNN, Nectar Gan, Ben Westcott; a repost), 17 Jun 2021",
    );
    expect(m.text.split('\n').slice(0, 3)).toEqual([
      title,
      'The 8 most telling of 42 items on trade, oldest first.',
      '2018 · 2 sources agree: China–Russia bilateral trade went above $100 billion in 2018.  [1] …',
    ]);
    expect(m.text.length).toBeLessThanOrEqual(1000);
    expectWithinLimits(m);
  });

  it('writes "about" for approximate dates', () => {
    const m = renderAnswer(answerOf([item('A fact.')], { sources: [source(1, { published: '2019', approximate: true })] }));
    expect(JSON.stringify(m.blocks)).toContain('Title 1 (Pub), about 2019');
  });

  it('cuts the full timeline at an item boundary with a note naming how many more and what to try', () => {
    const m = renderAnswer(answerText(answerer, 'timeline'));
    const lines = sections(m)
      .flatMap((s) => s.text.text.split('\n'))
      .filter((line) => !line.startsWith('• '));
    expect(lines).toHaveLength(25);
    expect(JSON.stringify(m.blocks)).toContain('185 more items not shown: try `topics`.');
    expectWithinLimits(m);
  });

  it('stays within 50 blocks and 3,000 characters per section for a huge answer, never cutting an item', () => {
    const words = (n: number, i: number) => Array.from({ length: n }, (_, k) => `word${i}x${k}`).join(' ');
    const items = Array.from({ length: 400 }, (_, i) => item(words(80, i), { date: '2020' }));
    const m = renderAnswer(answerOf(items), { maxItems: 10_000, shareCommand: 'timeline' });
    expectWithinLimits(m);
    const shown = sections(m).flatMap((s) => s.text.text.split('\n'));
    for (const [i, line] of shown.entries()) expect(line).toBe(`*2020*  ${items[i].text}  [1]`);
    expect(JSON.stringify(m.blocks)).toContain(`${400 - shown.length} more items not shown: try \`timeline trade\` or \`topics\`.`);
    expect(m.blocks.at(-1)?.type).toBe('actions');
  });

  it('cuts one over-long item at a word boundary, never mid-word', () => {
    const long = Array.from({ length: 1000 }, (_, k) => `w${k}`).join(' ');
    const [section] = sections(renderAnswer(answerOf([item(long)])));
    expect(section.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(section.text.text.endsWith('…')).toBe(true);
    const lastWord = section.text.text.slice(0, -1).split(' ').at(-1);
    expect(long.split(' ')).toContain(lastWord);
  });

  it('puts at most 10 sources in a context block', () => {
    const sources = Array.from({ length: 23 }, (_, i) => source(i + 1));
    const items = sources.map((s) => item('Fact.', { citations: [s.citation] }));
    const m = renderAnswer(answerOf(items, { sources }), { maxItems: 100 });
    expectWithinLimits(m);
    const sourceElements = m.blocks
      .filter((b) => b.type === 'context')
      .flatMap((b: any) => b.elements)
      .filter((e: any) => /^\[\d+\] /.test(e.text));
    expect(sourceElements).toHaveLength(23);
  });

  it('lists only the sources the shown items cite', () => {
    const sources = [source(1), source(2)];
    const m = renderAnswer(answerOf([item('One.', { citations: [1] }), item('Two.', { citations: [2] })], { sources }), { maxItems: 1 });
    expect(JSON.stringify(m.blocks)).toContain('Title 1');
    expect(JSON.stringify(m.blocks)).not.toContain('Title 2');
  });

  it('shows disagreeing sources side by side, each variant with its own citations', () => {
    const variants = [
      { text: 'Trade was $100bn.', sources: ['s1'], citations: [1], evidence: [] },
      { text: 'Trade was $108bn.', date: '2019', sources: ['s2'], citations: [2], evidence: [] },
    ];
    const m = renderAnswer(answerOf([conflict(variants, { date: '2018' })], { sources: [source(1), source(2)] }));
    const block = m.blocks.find((b: any) => b.fields) as any;
    expect(block.text.text).toBe('*2018*  Sources differ:');
    expect(block.fields.map((f: any) => f.text)).toEqual(['Trade was $100bn.  [1]', '*2019*  Trade was $108bn.  [2]']);
  });

  it('renders guidance as the command in code, then what it does, citing nothing', () => {
    const m = renderAnswer(
      answerOf([guide('digest status', 'what is set'), guide('timeline <topic>', 'events in order')], { kind: 'help', sources: [] }),
    );
    expect(sections(m).map((s) => s.text.text)).toEqual(['`digest status`  what is set\n`timeline &lt;topic&gt;`  events in order']);
    expect(m.text).toBe('Timeline: trade\nOldest first.\n`digest status`  what is set\n`timeline &lt;topic&gt;`  events in order');
  });

  it('says only "Sources differ." for a conflict in the notification text', () => {
    const variants = [
      { text: 'Trade was $100bn.', sources: ['s1'], citations: [1], evidence: [] },
      { text: 'Trade was $108bn.', sources: ['s2'], citations: [2], evidence: [] },
    ];
    const m = renderAnswer(answerOf([conflict(variants, { date: '2018', mark: 'new' })], { sources: [source(1), source(2)] }));
    expect(m.text).toBe('Timeline: trade\nOldest first.\nnew · 2018 Sources differ.');
    expect(JSON.stringify(m.blocks)).toContain('Title 2');
  });

  it('names the sharer and drops the button on a shared answer', () => {
    const m = renderAnswer(answerText(answerer, 'trade'), { sharedBy: 'U0SHARER' });
    expect(JSON.stringify(m.blocks)).toContain('Shared by <@U0SHARER>');
    expect(m.blocks.map((b) => b.type)).not.toContain('actions');
  });

  it('never renders a sharer that is not a Slack user id', () => {
    const m = renderAnswer(answerText(answerer, 'trade'), { sharedBy: '!channel' });
    expect(JSON.stringify(m)).not.toContain('<!channel>');
  });

  it('keeps the share value within 2,000 characters without splitting an entity', () => {
    const value = shareValue('<'.repeat(1999));
    expect(value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
    expect(value).toMatch(/^(&lt;)+$/);
    expect(decodeSlack(shareValue('R&D <x>'))).toBe('R&D <x>');
  });
});

describe('escaping', () => {
  /** What is left after removing the markup we add on purpose: the sharer mention. */
  const userMarkupLeft = (m: SlackMessage) => JSON.stringify(m).replaceAll('<@U0SHARER>', '');

  it('no unescaped <, > or & from any Answer text appears in any block or the fallback', () => {
    const text = fc.string({ unit: fc.constantFrom('<', '>', '&', '!', '@', 'U', 'a', ' ', ';', 'amp', 'lt', '|', 'x'), maxLength: 60 });
    const anyText = fc.oneof(text, fc.string({ maxLength: 60 }));
    fc.assert(
      fc.property(anyText, anyText, anyText, anyText, anyText, anyText, (title, lead, query, fact, command, publisher) => {
        const answer = answerOf(
          [
            item(fact, { date: fact.slice(0, 5) }),
            guide(command, command),
            conflict([{ text: fact, sources: ['s1'], citations: [1], evidence: [] }], { date: fact }),
          ],
          {
            kind: 'search',
            title: title || 'x',
            lead,
            query,
            next: [{ command: 'ask', options: { question: command } }],
            sources: [source(1, { title, publisher })],
          },
        );
        const m = renderAnswer(answer, { shareCommand: query, sharedBy: 'U0SHARER' });
        const left = userMarkupLeft(m);
        expect(left).not.toMatch(/[<>]/);
        expect(left).not.toMatch(/&(?!amp;|lt;|gt;)/);
      }),
      { numRuns: 300 },
    );
  });

  it('decodeSlack undoes escapeSlack for any string, and cutAtWord never splits an entity', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.integer({ min: 2, max: 100 }), (s, max) => {
        expect(decodeSlack(escapeSlack(s))).toBe(s);
        const cut = cutAtWord(escapeSlack(s), max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(cut).not.toMatch(/&(?!amp;|lt;|gt;)/);
      }),
    );
  });
});
