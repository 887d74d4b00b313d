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

