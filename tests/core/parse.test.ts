import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/commands/parse.ts';
import type { CommandRef } from '../../src/commands/request.ts';
import { requestText } from '../../src/commands/request-text.ts';
import { matchTopic } from '../../src/commands/topic-match.ts';

describe('parseText: one vocabulary for every surface', () => {
  it.each([
    ['', 'help', {}],
    ['   ', 'help', {}],
    ['help', 'help', {}],
    ['?', 'help', {}],
    ['ask', 'help', {}],
    ['topics', 'topics', {}],
    ['SOURCES', 'sources', {}],
    ['timeline', 'timeline', {}],
    ['timeline energy', 'timeline', { topic: 'energy' }],
    ['trade', 'topic', { topic: 'trade' }],
    ['Trade', 'topic', { topic: 'trade' }],
    ['trdae', 'topic', { topic: 'trade' }],
    ['enrgy', 'topic', { topic: 'energy' }],
    ['energy?', 'topic', { topic: 'energy' }],
    ['ask trade', 'topic', { topic: 'trade' }],
    ['who called Putin his best friend?', 'ask', { question: 'who called Putin his best friend?' }],
    ['ask gas deal', 'ask', { question: 'gas deal' }],
    ['trade with Brazil', 'ask', { question: 'trade with Brazil' }],
    ['digest', 'digest', {}],
    ['digest status', 'digest status', {}],
    [
      'digest sub 7:30 europe/berlin trade enrgy',
      'digest subscribe',
      { time: '07:30', zone: 'Europe/Berlin', topics: ['trade', 'energy'] },
    ],
    ['digest stop', 'digest unsubscribe', {}],
  ])('%j → %s %j', (text, command, options) => {
    const request = parseText(text);
    expect(request).toMatchObject({ command, options });
    expect(request.problem).toBeUndefined();
  });

  it('reads a bad value into a problem naming the option, never an exception', () => {
    expect(parseText('timeline trains')).toMatchObject({ command: 'timeline', problem: { option: 'topic', value: 'trains' } });
    expect(parseText('digest subscribe 25:00')).toMatchObject({ command: 'digest subscribe', problem: { option: 'time', value: '25:00' } });
    expect(parseText('digest subscribe 09:00 10:00').problem?.message).toBe(
      'two times given ("09:00", "10:00"): give one, a 24-hour time HH:MM, 00:00 to 23:59 (e.g. 09:00, 17:30)',
    );
    expect(parseText('digest subscribe Mars/Olympus').problem).toMatchObject({ option: 'zone', value: 'Mars/Olympus' });
    expect(parseText('digest frobnicate')).toMatchObject({ command: 'digest', problem: { option: 'command', value: 'frobnicate' } });
  });

  it('treats non-strings as empty text (help)', () => {
    expect(parseText(undefined).command).toBe('help');
    expect(parseText(42).command).toBe('help');
  });

  it('records whether the bot was addressed, when the surface says', () => {
    expect(parseText('trade', { addressed: true }).addressed).toBe(true);
    expect(parseText('trade').addressed).toBeUndefined();
  });

  it('echoes the question without control characters, cut short', () => {
    expect(parseText('gas\u0000 deal\u202E').query).toBe('gas deal');
    const long = parseText(`gas deal ${'word '.repeat(2000)}`).query;
    expect(long.length).toBeLessThanOrEqual(121);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('requestText: a request written back as text reads as the same request', () => {
  it.each([
    [{ command: 'topic', options: { topic: 'trade' } }, 'trade'],
    [{ command: 'timeline', options: { topic: 'trade' } }, 'timeline trade'],
    [{ command: 'ask', options: { question: 'who called Putin his best friend?' } }, 'who called Putin his best friend?'],
    [{ command: 'ask', options: { question: 'timeline of the gas deal' } }, 'ask timeline of the gas deal'],
    [
      { command: 'digest subscribe', options: { time: '09:00', zone: 'Europe/Berlin', topics: ['trade', 'energy'] } },
      'digest subscribe 09:00 Europe/Berlin trade energy',
    ],
    [{ command: 'digest subscribe', usage: true }, 'digest subscribe [HH:MM] [Area/City] [topics…]'],
    [{ command: 'topic', usage: true }, '<topic>'],
  ] satisfies [CommandRef, string][])('%j → %j', (ref: CommandRef, text) => {
    expect(requestText(ref)).toBe(text);
    if (!ref.usage) expect(parseText(text)).toMatchObject({ command: ref.command, options: ref.options });
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
