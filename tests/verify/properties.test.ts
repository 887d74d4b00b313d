/**
 * Whatever a message holds, verify answers: well-formed checks citing only listed sources and
 * our facts' own words, and renderings in which the message's words ping no one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderEmbed } from '../../adapters/discord/render.ts';
import { renderAnswer } from '../../adapters/slack/render.ts';
import type { CheckItem } from '../../src/answer/types.ts';
import { verifyRequest } from '../../src/commands/verify.ts';
import { realAnswerer } from '../helpers/real.ts';

const core = realAnswerer();
const quotes = new Set(core.context.knowledge.facts.map((f) => f.quote));

/** Pieces people paste: claims, numbers, quotes, mentions, markup. */
const piece = fc.oneof(
  fc.constantFrom(
    'China and Russia traded',
    '$190 billion',
    '$240bn',
    'over',
    'about',
    'in 2022',
    'in 2018.',
    'expected',
    'target',
    'Putin said',
    'Zhao Lijian told',
    '"united like a mountain"',
    '“one of my closest friends”',
    'invaded Ukraine',
    'signed',
    'since January 2023,',
    '40.7%',
    '<@U123ABC>',
    '<!here>',
    '@everyone',
    '<@&123456789012345679>',
    '**',
    '`',
    '\n',
  ),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: 0, max: 3000 }).map(String),
);
const message = fc.array(piece, { maxLength: 25 }).map((parts) => parts.join(' '));

describe('verify on any message', () => {
  it('answers well-formed: verdicts from the three, sources listed, quotes our own', () => {
    fc.assert(
      fc.property(message, (text) => {
        const answer = core.answerNow(verifyRequest(text));
        expect(answer.kind).toBe('verify');
        expect(answer.lead).toBeTruthy();
        const listed = new Set(answer.sources.map((s) => s.id));
        for (const item of answer.items) {
          expect(item.type).toBe('check');
          const check = item as CheckItem;
          expect(['agrees', 'differs', 'unknown']).toContain(check.verdict);
          for (const id of check.sources) expect(listed.has(id)).toBe(true);
          for (const e of check.evidence) expect(quotes.has(e.quote)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('renders on Slack and Discord with no live mention of anyone', () => {
    fc.assert(
      fc.property(message, (text) => {
        const answer = core.answerNow(verifyRequest(text));
        const slack = JSON.stringify(renderAnswer(answer));
        expect(slack).not.toMatch(/<[@!#]/);
        const discord = JSON.stringify(renderEmbed(answer));
        expect(discord).not.toMatch(/@(?:everyone|here)|<@[!&]?\d/);
      }),
      { numRuns: 200 },
    );
  });
});
