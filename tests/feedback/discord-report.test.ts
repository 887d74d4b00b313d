/**
 * `/sinorussia report` on Discord through startBot's wiring (real discord.js, the fake
 * Discord): a member listed in CURATORS or holding Manage Server gets the report, privately,
 * with no Share and no 👍 / 👎 under it; anyone else, and every other way of asking (a
 * mention, a DM without being listed), gets a private refusal and not a line of the report.
 * The readers' words in it ping nobody and break no layout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandInteraction, FakeDiscord, HUMAN, IDS, messageCreate, type RecordedCall } from '../discord/fake-discord.ts';
import { FakeClock, type Instance, startInstance, tempDataDir } from '../e2e/support.ts';
import { FAKE_DISCORD_TOKEN } from '../helpers/discord-token.ts';

const EPHEMERAL = 64;
const DEFERRED = 5;
/** View Channel, Send Messages and Manage Channels (16), but not Manage Server (32) or Administrator (8). */
const MEMBER = String(1024 + 2048 + 16);
const MANAGE_SERVER = String(1024 + 2048 + 32);
const LISTED = '900000000000000777';
/** Asked off-topic, with markup and a mass mention in it. */
const OFF_TOPIC = 'best **borscht** recipe @everyone <@&123> __now__';
const REFUSAL = 'Only curators can see the report';

// biome-ignore lint/suspicious/noExplicitAny: Discord's JSON, read loosely
type Loose = Record<string, any>;

describe('/sinorussia report on Discord', () => {
  let fake: FakeDiscord;
  let bot: Instance;
  const data = tempDataDir();
  const clock = new FakeClock('2026-12-01T10:00:00Z');

  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    bot = await startInstance(
      { DISCORD_TOKEN: FAKE_DISCORD_TOKEN, DISCORD_API_URL: fake.apiUrl, DATA_DIR: data.dir, CURATORS: `U0SLACK1,${LISTED}` },
      clock,
      {},
    );
    // Something for the report to list: an off-topic question, asked by a reader.
    await command(as(commandInteraction(fake, 'ask', { question: OFF_TOPIC }), { permissions: MEMBER }));
    const store = bot.feedback.store!;
    for (let i = 0; i < 50 && (await store.unanswered()).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await store.unanswered()).length).toBe(1);
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    data.remove();
  });

  /** The interaction as sent by another member, or in a DM. */
  function as(interaction: Loose, who: { permissions?: string; userId?: string; dm?: boolean }): Loose {
    const user = { ...HUMAN, id: who.userId ?? HUMAN.id };
    if (who.dm) {
      const { guild_id: _g, member: _m, ...rest } = interaction;
      return { ...rest, channel_id: IDS.dmChannel, channel: { id: IDS.dmChannel, type: 1, recipients: [user] }, user, context: 1 };
    }
    return { ...interaction, member: { ...interaction.member, user, permissions: who.permissions ?? interaction.member.permissions } };
  }

  /** Dispatches a command; resolves with its first callback and, when deferred, the edit carrying the answer. */
  async function command(interaction: Loose): Promise<{ callback: RecordedCall; answer: Loose }> {
    const start = fake.calls.length;
    fake.dispatch('INTERACTION_CREATE', interaction);
    const callback = await fake.waitForCall(
      (c) => c.method === 'POST' && c.path === `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`,
      start,
    );
    if (callback.body.type !== DEFERRED) return { callback, answer: callback.body.data };
    const edit = await fake.waitForCall(
      (c) => c.method === 'PATCH' && c.path === `/api/v10/webhooks/${IDS.app}/${interaction.token}/messages/@original`,
      start,
    );
    return { callback, answer: edit.body };
  }

  const report = (who: Parameters<typeof as>[1]) => command(as(commandInteraction(fake, 'report'), who));
  const text = (answer: Loose) => JSON.stringify(answer.embeds ?? []);

  function expectPrivateReport({ callback, answer }: { callback: RecordedCall; answer: Loose }) {
    expect(callback.body).toEqual({ type: DEFERRED, data: { flags: EPHEMERAL } });
    const [embed] = answer.embeds;
    expect(embed.title).toBe('Feedback report');
    expect(embed.description).toContain('only you see this');
    expect(embed.description).toContain('borscht');
    // Neither Share nor 👍 / 👎: the report cannot be posted to a channel, nor voted into itself.
    expect(answer.components ?? []).toEqual([]);
    expect(answer.allowed_mentions).toEqual({ parse: [], replied_user: false });
  }

  it('shows a member listed in CURATORS the report, privately, without Manage Server', async () => {
    expectPrivateReport(await report({ permissions: MEMBER, userId: LISTED }));
  });

  it('shows a member with Manage Server the report, privately, without being listed', async () => {
    expectPrivateReport(await report({ permissions: MANAGE_SERVER }));
  });

  it('refuses anyone else, privately, with not a line of the report', async () => {
    const { callback, answer } = await report({ permissions: MEMBER });
    expect(callback.body).toEqual({ type: DEFERRED, data: { flags: EPHEMERAL } });
    expect(answer.embeds[0].title).toBe(REFUSAL);
    expect(text(answer)).not.toContain('borscht');
    expect(answer.components ?? []).toEqual([]);
  });

  it('in a DM: a listed curator gets it, an unlisted user (no server, no permissions) does not', async () => {
    expectPrivateReport(await report({ dm: true, userId: LISTED }));
    const refused = await report({ dm: true });
    expect(refused.answer.embeds[0].title).toBe(REFUSAL);
    expect(text(refused.answer)).not.toContain('borscht');
  });

  it('a curator mentioning the bot with "report" in a channel gets the refusal there, never the report', async () => {
    const start = fake.calls.length;
    const message = { ...messageCreate(fake, `<@${IDS.bot}> report`, 'channel'), author: { ...HUMAN, id: LISTED } };
    fake.dispatch('MESSAGE_CREATE', message);
    const posted = await fake.waitForCall((c) => c.method === 'POST' && /\/channels\/\d+\/messages$/.test(c.path), start);
    expect(posted.body.embeds[0].title).toBe(REFUSAL);
    expect(JSON.stringify(posted.body)).not.toContain('borscht');
  });

  it('"report on …" is a question, not the command', async () => {
    const { answer } = await command(as(commandInteraction(fake, 'ask', { question: 'report on the gas deal' }), { permissions: MEMBER }));
    expect(JSON.stringify(answer.embeds)).not.toContain(REFUSAL);
  });

  it('keeps the readers’ words from pinging or formatting: mentions gone, markdown escaped', async () => {
    const { answer } = await report({ permissions: MANAGE_SERVER });
    const description: string = answer.embeds[0].description;
    expect(description).not.toContain('@everyone');
    expect(description).not.toContain('<@&123>');
    expect(description).toContain('\\*\\*borscht\\*\\*');
    expect(description).toContain('\\_\\_now\\_\\_');
  });
});
