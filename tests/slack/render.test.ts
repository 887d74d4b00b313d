import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer, AnswerItem, CitedSource } from '../../src/answer/types.ts';
import { realAnswerer, answerText } from '../helpers/real.ts';
import { cutAtWord, decodeSlack, escapeSlack } from '../../adapters/slack/escape.ts';
import { renderAnswer, shareValue, SLACK_LIMITS, type SlackMessage } from '../../adapters/slack/render.ts';
import { sourceCredit } from '../../src/answer/label.ts';

const answerer = realAnswerer();

const item = (text: string, extra: Partial<AnswerItem> = {}): AnswerItem => ({ text, sources: ['s1'], citations: [1], evidence: [], corroborated: false, ...extra });
const source = (citation: number, extra: Partial<CitedSource> = {}): CitedSource => ({ id: `s${citation}`, citation, title: `Title ${citation}`, publisher: 'Pub', authors: [], published: '2021', approximate: false, ...extra });
const answerOf = (items: AnswerItem[], extra: Partial<Answer> = {}): Answer => ({
  kind: 'timeline', query: 'timeline trade', matched: true, title: 'Timeline: trade', lead: 'Oldest first.', items, sources: [source(1)], next: [{ command: 'timeline', options: { topic: 'trade' } }, { command: 'topics' }], show: { audience: 'channel', shareable: true, cacheable: true }, ...extra,
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
    const answer = answerText(answerer, 'trade');
    const m = renderAnswer(answer);
    expect(m.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: answer.title } });
    const first = answer.items[0];
    const [label, ...own] = sections(m)[0].text.text.split('\n');
    // Two sources agree in their own words: the label, then each statement with its own citation only.
    expect(first.statements).toHaveLength(2);
    expect(label).toBe(`*${first.date} · 2 sources agree*`);
    expect(own.slice(0, 2)).toEqual(first.statements?.map((st) => `• ${escapeSlack(st.text)}  ${st.citations.map((n) => `[${n}]`).join('')}`));
    const s = answer.sources[0];
    const contexts = JSON.stringify(m.blocks.filter((b) => b.type === 'context'));
    expect(contexts).toContain(`[1] ${escapeSlack(s.title)} (${escapeSlack(sourceCredit(s))}), ${s.published}`);
    expect(m.text.startsWith(escapeSlack(answer.title))).toBe(true);
    expect(m.text.length).toBeLessThanOrEqual(1000);
    expectWithinLimits(m);
  });

  it('writes "about" for approximate dates', () => {
    const m = renderAnswer(answerOf([item('A fact.')], { sources: [source(1, { published: '2019', approximate: true })] }));
    expect(JSON.stringify(m.blocks)).toContain('Title 1 (Pub), about 2019');
  });

  it('cuts the full timeline at an item boundary with a note naming how many more and what to try', () => {
    const answer = answerText(answerer, 'timeline');
    const m = renderAnswer(answer);
    const lines = sections(m).flatMap((s) => s.text.text.split('\n')).filter((line) => !line.startsWith('• '));
    expect(lines).toHaveLength(25);
    expect(JSON.stringify(m.blocks)).toContain(`${answer.items.length - 25} more items not shown: try \`topics\`.`);
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
    const sourceElements = m.blocks.filter((b) => b.type === 'context').flatMap((b: any) => b.elements).filter((e: any) => /^\[\d+\] /.test(e.text));
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
    const m = renderAnswer(answerOf([item('Trade.', { date: '2018', variants })], { sources: [source(1), source(2)] }));
    const block = m.blocks.find((b: any) => b.fields) as any;
    expect(block.text.text).toBe('*2018*  Sources differ:');
    expect(block.fields.map((f: any) => f.text)).toEqual(['Trade was $100bn.  [1]', '*2019*  Trade was $108bn.  [2]']);
  });

  it('names the sharer and drops the button on a shared answer', () => {
    const m = renderAnswer(answerText(answerer, 'trade'), { sharedBy: 'U0SHARER' });
    expect(JSON.stringify(m.blocks)).toContain('Shared by <@U0SHARER>');
    expect(m.blocks.some((b) => b.type === 'actions')).toBe(false);
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
    const text = fc.string({ unit: fc.constantFrom('<', '>', '&', '!', '@', 'U', 'a', ' ', ';', 'amp', 'lt', '|', 'x') , maxLength: 60 });
    const anyText = fc.oneof(text, fc.string({ maxLength: 60 }));
    fc.assert(
      fc.property(anyText, anyText, anyText, anyText, anyText, anyText, (title, lead, query, fact, command, publisher) => {
        const answer = answerOf(
          [item(fact, { date: fact.slice(0, 5) }), item(command, { command, citations: [] }), item(fact, { variants: [{ text: fact, sources: ['s1'], citations: [1], evidence: [] }] })],
          { kind: 'search', title: title || 'x', lead, query, next: [{ command: 'ask', options: { question: command } }], sources: [source(1, { title, publisher })] },
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
