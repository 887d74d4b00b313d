/**
 * `/sinorussia` is generated from the core's registry: every command, option and description
 * is there, in the registry's order, and a use of it reads into the same request as the text.
 */
import type { ChatInputCommandInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../adapters/discord/commands/index.ts';
import { data, requestFrom, shareText, slashText } from '../../adapters/discord/commands/sinorussia.ts';
import { textToVerify } from '../../adapters/discord/commands/verify-message.ts';
import { parseText } from '../../src/commands/parse.ts';
import { COMMANDS } from '../../src/commands/registry.ts';
import { verifyCommand } from '../../src/commands/verify.ts';
import { TOPIC_NAMES } from '../../src/knowledge/topics.ts';

interface OptionJson {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  options?: OptionJson[];
}
const definition = data.toJSON() as unknown as { options: OptionJson[] };
const SUBCOMMAND = 1;
const GROUP = 2;
const STRING = 3;

describe('the Discord command and the registry', () => {
  it('has one entry per registry command, in its order, with its options and description', () => {
    const expected: { path: string; description: string; options: string[] }[] = [];
    for (const c of COMMANDS) {
      if (c.name === 'topic') {
        for (const t of TOPIC_NAMES)
          expected.push({ path: t, description: expect.stringMatching(/^Summary: /) as unknown as string, options: [] });
        continue;
      }
      if (COMMANDS.some((other) => other.name.startsWith(`${c.name} `))) continue;
      const description = c.description ?? c.summary[0].toUpperCase() + c.summary.slice(1);
      expected.push({ path: c.name, description, options: (c.options ?? []).map((o) => `${o.name}${o.required ? '!' : ''}`) });
    }
    const generated = definition.options.flatMap((o) =>
      o.type === GROUP ? (o.options ?? []).map((sub) => ({ ...sub, path: `${o.name} ${sub.name}` })) : [{ ...o, path: o.name }],
    );
    expect(
      generated.map((o) => ({
        path: o.path,
        description: o.description,
        options: (o.options ?? []).map((x) => `${x.name}${x.required ? '!' : ''}`),
      })),
    ).toEqual(expected);
    for (const o of generated) {
      expect(o.type).toBe(SUBCOMMAND);
      for (const option of o.options ?? []) expect(option.type).toBe(STRING);
    }
  });

  it('makes the digest a subcommand group described by the digest command', () => {
    const group = definition.options.find((o) => o.name === 'digest');
    expect(group).toMatchObject({ type: GROUP, description: 'A daily sourced post in this channel' });
    expect(group?.options?.map((o) => o.name)).toEqual(['subscribe', 'unsubscribe', 'status', 'preview']);
  });
});

/** The options part of an interaction, as discord.js resolves it. */
function used(
  sub: string,
  options: Record<string, string> = {},
  group: string | null = null,
): Pick<ChatInputCommandInteraction, 'options'> {
  return {
    options: {
      getSubcommandGroup: () => group,
      getSubcommand: () => sub,
      getString: (name: string) => options[name] ?? null,
    },
  } as unknown as Pick<ChatInputCommandInteraction, 'options'>;
}

describe('a use of /sinorussia as a typed request', () => {
  it.each([
    [used('trade'), 'trade'],
    [used('timeline', { topic: 'energy' }), 'timeline energy'],
    [used('ask', { question: 'how big is the gas deal' }), 'how big is the gas deal'],
    [used('ask', { question: 'trade' }), 'trade'],
    [
      used('subscribe', { time: '7:30', zone: 'europe/berlin', topics: 'trade enrgy' }, 'digest'),
      'digest subscribe 7:30 europe/berlin trade enrgy',
    ],
    [used('status', {}, 'digest'), 'digest status'],
    [used('help'), 'help'],
  ])('%# reads as the text %j does', (interaction, text) => {
    const fromDiscord = requestFrom(interaction);
    const fromText = parseText(text);
    // `ask question:trade` stays a question: the core answers it with the topic's summary.
    if (fromDiscord.command === 'ask' && fromText.command === 'topic') expect(fromDiscord.options.question).toBe('trade');
    else
      expect({ command: fromDiscord.command, options: fromDiscord.options }).toEqual({
        command: fromText.command,
        options: fromText.options,
      });
  });

  it('names the option a bad value was given in', () => {
    expect(requestFrom(used('subscribe', { topics: '9:30' }, 'digest')).problem).toMatchObject({
      option: 'topics',
      value: '9:30',
      message: expect.stringMatching(/^topics: "9:30" is not a topic/),
    });
    expect(requestFrom(used('subscribe', { zone: 'Berlin' }, 'digest')).problem?.message).toBe(
      'zone: "Berlin" is not a time zone: did you mean Europe/Berlin?',
    );
    expect(requestFrom(used('subscribe', { time: 'soon' }, 'digest')).problem).toMatchObject({ option: 'time', value: 'soon' });
  });

  it('shares the text the parser reads back into the same request', () => {
    const request = requestFrom(used('ask', { question: 'what about gas pipelines?' }));
    expect(shareText(request)).toBe('ask what about gas pipelines?');
    expect(parseText(shareText(request)).options).toEqual(request.options);
    expect(shareText(requestFrom(used('timeline', { topic: 'trade' })))).toBe('timeline trade');
  });

  it('writes requests back as slash commands', () => {
    expect(slashText({ command: 'timeline', options: { topic: 'trade' } })).toBe('/sinorussia timeline topic:trade');
    expect(slashText({ command: 'topic', options: { topic: 'trade' } })).toBe('/sinorussia trade');
    expect(slashText({ command: 'digest status' })).toBe('/sinorussia digest status');
    expect(slashText({ command: 'digest subscribe', usage: true })).toBe('/sinorussia digest subscribe [time] [zone] [topics]');
  });
});

describe('the Verify with sources message command', () => {
  it('is deployed beside /sinorussia as a message command (type 3) with the name the Apps menu shows', () => {
    const definitions = commandDefinitions();
    expect(definitions.map((d) => [d.name, d.type ?? 1])).toEqual([
      ['sinorussia', 1],
      ['Verify with sources', 3],
    ]);
    const messageCommand = definitions[1] as { description?: string; options?: unknown[]; contexts?: number[] };
    // Message commands take no description and no options; they work in servers and the bot's DMs, as /sinorussia does.
    expect(messageCommand.description ?? '').toBe('');
    expect(messageCommand.options).toBeUndefined();
    expect(messageCommand.contexts).toEqual((data.toJSON() as { contexts?: number[] }).contexts);
  });

  it('takes its name from the registry: the one command with a message action, verify', () => {
    expect(COMMANDS.filter((c) => c.messageAction).map((c) => [c.name, c.messageAction])).toEqual([['verify', 'Verify with sources']]);
    expect(commandDefinitions()[1].name).toBe(verifyCommand.messageAction);
  });

  it('reads the message’s content, or its embeds when it has none, with every mention removed', () => {
    expect(textToVerify({ content: 'China and Russia traded $190 billion in 2022', embeds: [] })).toBe(
      'China and Russia traded $190 billion in 2022',
    );
    expect(textToVerify({ content: '@everyone <@1> <@&2> <#3> trade hit $240 billion @here', embeds: [] })).toBe('trade hit $240 billion');
    const embed = { title: 'Trade update', description: 'trade hit $240 billion in 2022', fields: [{ name: 'Source', value: 'a wire' }] };
    expect(textToVerify({ content: '', embeds: [embed] })).toBe('Trade update trade hit $240 billion in 2022 Source a wire');
    // discord.js wraps an embed (its JSON in `data`); the raw payload's embeds are plain.
    expect(textToVerify({ content: '   ', embeds: [{ data: embed }] })).toContain('trade hit $240 billion in 2022');
    expect(textToVerify({ content: '', embeds: [] })).toBe('');
    expect(textToVerify({ content: '', embeds: [{ title: '<@123>' }] })).toBe('');
  });
});
