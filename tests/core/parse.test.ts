import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/index.ts';
import { matchTopic } from '../../src/commands/topic-match.ts';

describe('parseCommand: one vocabulary for every surface', () => {
  it.each([
    ['', 'help', ''],
    ['   ', 'help', ''],
    ['help', 'help', ''],
    ['?', 'help', ''],
    ['/sinorussia', 'help', ''],
    ['/sinorussia help', 'help', ''],
    ['ask', 'help', ''],
    ['topics', 'topics', ''],
    ['SOURCES', 'sources', ''],
    ['timeline', 'timeline', ''],
    ['timeline energy', 'timeline', 'energy'],
    ['/sinorussia trade', 'topic', 'trade'],
    ['@sinorussia trade', 'topic', 'trade'],
    ['<@U012AB3CD> trade', 'topic', 'trade'],
    ['<@123456789012345678> energy?', 'topic', 'energy'],
    ['Trade', 'topic', 'Trade'],
    ['trdae', 'topic', 'trdae'],
    ['enrgy', 'topic', 'enrgy'],
    ['ask trade', 'topic', 'trade'],
    ['sinorussia: sanctions', 'topic', 'sanctions'],
    ['@sinorussia who called Putin his best friend?', 'ask', 'who called Putin his best friend?'],
    ['ask gas deal', 'ask', 'gas deal'],
    ['trade with Brazil', 'ask', 'trade with Brazil'],
  ])('%j → %s %j', (text, name, args) => {
    expect(parseCommand(text)).toMatchObject({ name, args });
  });

  it('treats non-strings as empty text (help)', () => {
    expect(parseCommand(undefined).name).toBe('help');
    expect(parseCommand(42).name).toBe('help');
  });

  it('echoes the question without mentions or control characters, cut short', () => {
    expect(parseCommand('@everyone <!channel> gas\u0000 deal\u202E').query).toBe('gas deal');
    const long = parseCommand(`gas deal ${'word '.repeat(2000)}`).query;
    expect(long.length).toBeLessThanOrEqual(121);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('matchTopic', () => {
  it('forgives one typo in longer words, a plural, and case', () => {
    expect(matchTopic('trdae')).toBe('trade');
    expect(matchTopic('miltary')).toBe('military');
    expect(matchTopic('sanction')).toBe('sanctions');
    expect(matchTopic('LEADERS')).toBe('leaders');
  });
  it('does not guess for short or distant words', () => {
    expect(matchTopic('gas')).toBeUndefined();
    expect(matchTopic('trains')).toBeUndefined();
    expect(matchTopic('trade war')).toBeUndefined();
  });
});
