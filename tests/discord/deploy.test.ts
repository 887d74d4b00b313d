/** `npm run discord:deploy` against the fake Discord: the exact PUT that registers /sinorussia and the message command. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands, main } from '../../adapters/discord/deploy-commands.ts';
import { TOPIC_NAMES } from '../../src/knowledge/topics.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';
import { commandsIn, FakeDiscord, IDS } from './fake-discord.ts';

let fake: FakeDiscord;

beforeAll(async () => {
  fake = await new FakeDiscord().start();
});
afterAll(async () => {
  await fake?.close();
});

describe('deploy-commands', () => {
  it('PUTs /sinorussia and the Verify with sources message command to the guild when DISCORD_GUILD_ID is set', async () => {
    const start = fake.calls.length;
    const result = await deployCommands({ token: FAKE_DISCORD_TOKEN, apiUrl: fake.apiUrl, guildId: IDS.guild, applicationId: IDS.app });
    expect(result).toEqual({
      route: `/applications/${IDS.app}/guilds/${IDS.guild}/commands`,
      scope: 'guild',
      commands: ['/sinorussia', '"Verify with sources" (message menu)'],
    });
    const calls = fake.callsFrom(start);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([`PUT /api/v10/applications/${IDS.app}/guilds/${IDS.guild}/commands`]);
    expect(calls[0].authorization).toBe(`Bot ${FAKE_DISCORD_TOKEN}`);
    const [definition, messageCommand] = commandsIn(calls[0]);
    expect(commandsIn(calls[0])).toHaveLength(2);
    // A message command (type 3): a name as the Apps menu shows it, no description, no options.
    expect(messageCommand).toEqual({
      name: 'Verify with sources',
      type: 3,
      contexts: [0, 1],
      integration_types: [0],
      default_member_permissions: undefined,
      dm_permission: undefined,
      name_localizations: undefined,
    });
    expect(definition).toMatchObject({ name: 'sinorussia', type: 1, contexts: [0, 1] });
    const subs = definition.options.map((o: { name: string }) => o.name);
    // The registry's order: help, topics, one subcommand per topic, ask, sources, timeline, verify, the digest group, the report.
    expect(subs).toEqual(['help', 'topics', ...TOPIC_NAMES, 'ask', 'sources', 'timeline', 'verify', 'digest', 'report']);
    expect(definition.options.length).toBeLessThanOrEqual(25);
    const digest = definition.options.find((o: { name: string }) => o.name === 'digest')!;
    expect(digest.type).toBe(2); // a subcommand group
    expect(digest.options.map((o: { name: string; type: number }) => `${o.type} ${o.name}`)).toEqual([
      '1 subscribe',
      '1 unsubscribe',
      '1 status',
      '1 preview',
    ]);
    expect(digest.options[0].options).toEqual([
      expect.objectContaining({ type: 3, name: 'time', required: false }),
      expect.objectContaining({ type: 3, name: 'zone', required: false, autocomplete: true }),
      expect.objectContaining({ type: 3, name: 'topics', required: false }),
    ]);
    for (const sub of [...definition.options.filter((o: { type: number }) => o.type === 1), ...digest.options]) {
      expect(sub.type).toBe(1);
      expect(sub.name).toMatch(/^[a-z-]{1,32}$/);
      expect(sub.description.length).toBeGreaterThan(0);
      expect(sub.description.length).toBeLessThanOrEqual(100);
    }
    const ask = definition.options.find((o: { name: string }) => o.name === 'ask')!;
    expect(ask.options).toEqual([expect.objectContaining({ type: 3, name: 'question', required: true, autocomplete: true })]);
    const timeline = definition.options.find((o: { name: string }) => o.name === 'timeline')!;
    expect(timeline.options[0].choices.map((c: { value: string }) => c.value)).toEqual(TOPIC_NAMES);
  });

  it('asks Discord for the application id when unset and deploys globally without a guild', async () => {
    const start = fake.calls.length;
    const result = await deployCommands({ token: FAKE_DISCORD_TOKEN, apiUrl: fake.apiUrl });
    expect(result.scope).toBe('global');
    expect(fake.callsFrom(start).map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /api/v10/applications/@me',
      `PUT /api/v10/applications/${IDS.app}/commands`,
    ]);
  });

  it('the script reads the environment and reports a bad variable in one line', async () => {
    const start = fake.calls.length;
    const previous = process.exitCode;
    const written: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      await main({ DISCORD_TOKEN: FAKE_DISCORD_TOKEN, DISCORD_API_URL: fake.apiUrl, DISCORD_GUILD_ID: 'general' });
    } finally {
      process.stderr.write = write;
    }
    expect(process.exitCode).toBe(1);
    process.exitCode = previous;
    expect(written.join('')).toMatch(/^discord:deploy failed: .*DISCORD_GUILD_ID must be a numeric Discord id.*"general"\n$/);
    expect(fake.callsFrom(start)).toEqual([]);

    await main({
      DISCORD_TOKEN: FAKE_DISCORD_TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_GUILD_ID: IDS.guild,
      DISCORD_APPLICATION_ID: IDS.app,
    });
    expect(fake.callsFrom(start).map((c) => c.method)).toEqual(['PUT']);
  });
});
