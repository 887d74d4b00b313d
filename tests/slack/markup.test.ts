import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripSlackMarkup } from '../../adapters/slack/markup.ts';

describe('Slack markup is removed by the adapter before the core reads the text', () => {
  it.each([
    ['/sinorussia', ''],
    ['/sinorussia help', 'help'],
    ['@sinorussia trade', 'trade'],
    ['sinorussia: sanctions', 'sanctions'],
    ['<@U012AB3CD> trade', 'trade'],
    ['@everyone <!channel> gas deal <#C1|general>', 'gas deal'],
  ])('Slack %j → %j', (text, clean) => {
    expect(stripSlackMarkup(text)).toBe(clean);
  });
});

describe('Slack markup anywhere in the text', () => {
  it('leaves nothing that could ping, whatever surrounds it', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            '<@U012AB3CD>',
            '<!channel>',
            '<!here>',
            '<!subteam^S1|team>',
            '<#C1|general>',
            '@everyone',
            '@here',
            '@channel',
            'trade',
            'gas deal',
            '<',
            '!',
            '@',
            ' ',
          ),
          { maxLength: 12 },
        ),
        (parts) => {
          expect(stripSlackMarkup(parts.join(' '))).not.toMatch(/<[@!#]|@(everyone|here|channel)\b/i);
        },
      ),
    );
  });
});
