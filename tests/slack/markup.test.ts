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
