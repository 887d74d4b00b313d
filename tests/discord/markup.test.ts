import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mentionText } from '../../adapters/discord/markup.ts';

describe('Discord markup is removed by the adapter before the core reads the text', () => {
  it.each([
    ['<@123456789012345678> energy?', 'energy?'],
    ['<@!123456789012345678> @sinorussia trade', 'trade'],
    ['@everyone <@&42> @here gas deal', 'gas deal'],
  ])('Discord %j → %j', (text, clean) => {
    expect(mentionText(text)).toBe(clean);
  });
});

describe('Discord markup anywhere in the text', () => {
  it('leaves nothing that could ping, whatever surrounds it', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom('<@123456789012345678>', '<@!1>', '<@&42>', '<#7>', '@everyone', '@here', 'trade', 'gas deal', '<', '@', ' '),
          { maxLength: 12 },
        ),
        (parts) => {
          expect(mentionText(parts.join(' '))).not.toMatch(/<[@#]|@(everyone|here)\b/i);
        },
      ),
    );
  });
});
