import type { APIEmbed } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { embedLength, itemBlock, LIMITS, renderEmbed } from '../../adapters/discord/render.ts';
import type { Answer, AnswerItem, CitedSource, ConflictItem, FactItem, GuideItem } from '../../src/answer/types.ts';

const item = (text: string, citations: number[], extra: Partial<FactItem> = {}): FactItem => ({
  type: 'fact',
  text,
  citations,
  sources: citations.map((n) => `s${n}`),
  evidence: [],
  corroborated: citations.length > 1,
  ...extra,
});

const guide = (command: GuideItem['command'], text: string): GuideItem => ({ type: 'guide', command, text });

const source = (citation: number, extra: Partial<CitedSource> = {}): CitedSource => ({
  id: `s${citation}`,
  citation,
  title: `Source number ${citation}`,
  authors: [],
  published: '2021',
  approximate: false,
  ...extra,
});

const answer = (extra: Partial<Answer>): Answer => ({
  kind: 'search',
  query: 'q',
  matched: true,
  title: 'A title',
  items: [],
  sources: [],
  next: [],
  show: { audience: 'channel', shareable: true, cacheable: true },
  ...extra,
});

function expectWithinLimits(embed: APIEmbed): void {
  expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
  expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
  expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
  for (const field of embed.fields ?? []) {
    expect(field.name.length).toBeGreaterThan(0);
    expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
    expect(field.value.length).toBeGreaterThan(0);
    expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  }
  expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
  expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
}

/** How many 90-character items fit in an embed's description beside the note. */
const SHOWN_OF_300 = 34;

describe('renderEmbed', () => {
  it('renders one line per item with its date and citations, and the sources in a field', () => {
    const embed = renderEmbed(
      answer({
        title: 'Trade',
        lead: 'Two items.',
        items: [item('Trade passed $100 billion.', [1, 2], { date: '2018' }), item('China is the biggest partner.', [2])],
        sources: [source(1, { publisher: 'CNN', authors: ['Nectar Gan'] }), source(2, { published: '2019', approximate: true })],
        next: [{ command: 'timeline', options: { topic: 'trade' } }, { command: 'topics' }],
      }),
    );
    expect(embed.title).toBe('Trade');
    expect(embed.description).toBe(
      'Two items.\n**1.** `2018 · 2 sources agree` Trade passed $100 billion. [1][2]\n**2.** China is the biggest partner. [2]',
    );
    expect(embed.fields).toEqual([
      { name: 'Sources', value: '**[1]** Source number 1 (CNN, Nectar Gan), 2021\n**[2]** Source number 2, about 2019' },
    ]);
    expect(embed.footer).toEqual({ text: 'Try: /sinorussia timeline topic:trade · /sinorussia topics' });
  });

  it('shows conflicting sources side by side, each with its own citations', () => {
    const conflict: ConflictItem = {
      type: 'conflict',
      text: 'Sources differ',
      citations: [1, 2],
      sources: ['s1', 's2'],
      evidence: [],
      date: '2022',
      variants: [
        { text: 'Trade was $190 billion.', citations: [1], sources: ['s1'], evidence: [] },
        { text: 'Trade was $185 billion.', date: 'H2 2022', citations: [2], sources: ['s2'], evidence: [] },
      ],
    };
    expect(itemBlock(conflict, 0)).toBe(
      '**1.** `2022` Sources differ:\n> Trade was $190 billion. [1]\n> `H2 2022` Trade was $185 billion. [2]',
    );
  });

  it('writes help lines as the slash commands that run them', () => {
    const embed = renderEmbed(
      answer({
        kind: 'help',
        items: [
          guide({ command: 'topic', usage: true }, 'a topic summary'),
          guide({ command: 'ask', usage: true }, 'a question'),
          guide({ command: 'timeline', usage: true }, 'timeline'),
          guide({ command: 'digest subscribe', usage: true }, 'daily'),
          guide({ command: 'digest', usage: true }, 'the digest'),
          guide('time', '09:00 UTC'),
        ],
      }),
    );
    expect(embed.description).toBe(
      [
        '`/sinorussia <topic>` — a topic summary',
        '`/sinorussia ask question:<question>` — a question',
        '`/sinorussia timeline [topic]` — timeline',
        '`/sinorussia digest subscribe [time] [zone] [topics]` — daily',
        '`/sinorussia digest subscribe [time] [zone] [topics]` — the digest',
        '`time` — 09:00 UTC',
      ].join('\n'),
    );
  });

  it('writes next requests in Discord syntax, each option named', () => {
    const embed = renderEmbed(
      answer({
        next: [
          { command: 'topic', options: { topic: 'energy' } },
          { command: 'ask', options: { question: 'who called Putin his best friend?' } },
          { command: 'digest subscribe', options: { time: '09:00', zone: 'Europe/Berlin', topics: ['trade', 'energy'] } },
          { command: 'digest status' },
        ],
      }),
    );
    expect(embed.footer?.text).toBe(
      'Try: /sinorussia energy · /sinorussia ask question:who called Putin his best friend? · /sinorussia digest subscribe time:09:00 zone:Europe/Berlin topics:trade energy · /sinorussia digest status',
    );
  });

  it('cuts a long answer at an item boundary with a note of what was left out, and lists only the cited sources', () => {
    const items = Array.from({ length: 300 }, (_, i) => item(`Fact number ${i + 1} ${'x'.repeat(80)}.`, [i + 1], { date: '2020' }));
    const sources = items.map((_, i) => source(i + 1));
    const embed = renderEmbed(answer({ kind: 'timeline', items, sources }));
    expectWithinLimits(embed);
    const lines = embed.description!.split('\n');
    const shown = lines.slice(0, -1);
    expect(shown).toHaveLength(SHOWN_OF_300);
    expect(shown[0]).toBe(`**1.** \`2020\` Fact number 1 ${'x'.repeat(80)}. [1]`);
    expect(shown.at(-1)).toBe(`**${SHOWN_OF_300}.** \`2020\` Fact number ${SHOWN_OF_300} ${'x'.repeat(80)}. [${SHOWN_OF_300}]`);
    expect(lines.at(-1)).toBe(`*… ${300 - SHOWN_OF_300} more items left out to fit Discord's limits.*`);
    const listed = embed.fields!.flatMap((f) => f.value.split('\n')).filter((l) => l.startsWith('**['));
    expect(listed.length).toBeLessThanOrEqual(shown.length);
    expect(listed[0]).toBe('**[1]** Source number 1, 2021');
  });

  it('packs many long sources into at most 25 fields, with a note when some do not fit', () => {
    const sources = Array.from({ length: 60 }, (_, i) => source(i + 1, { title: `${'Long title '.repeat(20)}${i}` }));
    const items = [
      item(
        'Everything at once.',
        sources.map((s) => s.citation),
      ),
    ];
    const embed = renderEmbed(answer({ items, sources, next: [{ command: 'help' }] }));
    expectWithinLimits(embed);
    expect(embed.fields!.at(-1)!.value).toMatch(/… and \d+ more: \/sinorussia sources$/);
  });

  it('escapes markdown, headings and masked links in echoed text', () => {
    const embed = renderEmbed(answer({ title: '**bold** [click](https://evil.example)', lead: '# shout' }));
    expect(embed.title).not.toContain('**bold**');
    expect(embed.title).toMatch(/\\\[click\]\(/);
    expect(embed.title).not.toMatch(/(^|[^\\])\[click\]\(/);
    expect(embed.description).not.toMatch(/^# /);
  });

  it('never exceeds Discord limits, for any answer', () => {
    const text = fc.string({ maxLength: 3000, unit: 'grapheme' });
    const citations = fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 40 });
    const variant = fc.record({
      text,
      date: fc.option(text, { nil: undefined }),
      citations,
      sources: fc.constant<string[]>([]),
      evidence: fc.constant([] as never[]),
    });
    const cited = {
      date: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
      citations,
      sources: fc.constant<string[]>([]),
      evidence: fc.constant([] as never[]),
    };
    const anyItem: fc.Arbitrary<AnswerItem> = fc.oneof(
      fc.record({
        type: fc.constant('fact' as const),
        text,
        corroborated: fc.boolean(),
        statements: fc.option(fc.array(variant, { minLength: 2, maxLength: 5 }), { nil: undefined }),
        ...cited,
      }),
      fc.record({
        type: fc.constant('conflict' as const),
        text: fc.constant('Sources differ' as const),
        variants: fc.array(variant, { minLength: 2, maxLength: 5 }),
        ...cited,
      }),
      fc.record({ type: fc.constant('guide' as const), text, command: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }) }),
    );
    const anySource = fc.record({
      id: fc.string(),
      citation: fc.integer({ min: 1, max: 40 }),
      title: text,
      publisher: fc.option(text, { nil: undefined }),
      authors: fc.array(fc.string({ maxLength: 300 }), { maxLength: 10 }),
      published: fc.string({ maxLength: 40 }),
      approximate: fc.boolean(),
    });
    const anyAnswer = fc.record({
      kind: fc.constantFrom('help', 'topics', 'topic', 'search', 'no-match', 'sources', 'timeline'),
      query: text,
      matched: fc.boolean(),
      title: text,
      lead: fc.option(text, { nil: undefined }),
      items: fc.array(anyItem, { maxLength: 60 }),
      sources: fc.array(anySource, { maxLength: 40 }),
      next: fc.array(
        fc.string({ maxLength: 300 }).map((question) => ({ command: 'ask' as const, options: { question } })),
        { maxLength: 20 },
      ),
      show: fc.constant({ audience: 'channel' as const, shareable: true, cacheable: true }),
    }) as fc.Arbitrary<Answer>;
    fc.assert(
      fc.property(anyAnswer, (a) => {
        const embed = renderEmbed(a);
        expectWithinLimits(embed);
        expect(embed.title!.length).toBeGreaterThan(0);
        // Without a lead the description is exactly the first k item blocks, plus a note when k < all.
        if (a.lead === undefined) {
          const blocks = a.items.map(itemBlock);
          const description = embed.description ?? '';
          const k = [...blocks.keys(), blocks.length].find((n) => {
            const shown = blocks.slice(0, n).join('\n');
            if (n === blocks.length) return description === shown;
            return (
              description.startsWith(shown) &&
              /^\n?\*… \d+ more (items|lines) left out to fit Discord's limits\.\*$/.test(description.slice(shown.length)) &&
              description.endsWith(
                `*… ${blocks.length - n} more ${description.includes('more lines') ? 'lines' : 'items'} left out to fit Discord's limits.*`,
              )
            );
          });
          expect(k).toBeDefined();
        }
      }),
      { numRuns: 300 },
    );
  });
});
