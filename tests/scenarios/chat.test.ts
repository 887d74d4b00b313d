/**
 * What a person sees, the same on every platform: a slash command answered privately with a
 * Share button, a mention answered in a thread, a DM answered in the DM, digest commands
 * answered privately, an apology when answering fails, and nothing that pings anyone.
 * Written once; each driver runs the bot as `npm start` does against its platform's fake.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breakStore, DRIVERS, FakeClock, only, type PlatformDriver, type Sent } from './drivers/index.ts';

const TRADE = 'Trade: bilateral trade volumes, balance, what is traded, trading partners';
const ENERGY = 'Energy: oil, gas, LNG, coal, pipelines, nuclear power, energy deals';
const SANCTIONS = 'Sanctions: Western sanctions and how the partnership responds to them';
const APOLOGY = 'Sorry, something went wrong while answering. Please try again in a moment.';
/** What a person is told when the digest's store fails under their command. */
const STORE_APOLOGY = {
  title: 'Digest: something went wrong',
  text: 'The digest settings could not be read or saved just now. Nothing was changed; please try again in a minute.',
};
describe.each(DRIVERS)('$name', ({ create }) => {
  let driver: PlatformDriver;

  beforeAll(async () => {
    driver = create();
    await driver.start(new FakeClock('2026-06-10T05:30:00Z'));
  });

  afterAll(async () => {
    await driver?.stop();
  });

  describe('a slash command', () => {
    let answer: Sent;

    it('is answered privately, with a Share button, and nothing is posted in the channel', async () => {
      const asked = await driver.slash({ topic: 'trade' });
      answer = only(asked.sent);
      expect(answer).toMatchObject({ kind: 'ephemeral', channel: driver.channel, title: TRADE });
      expect(answer.text).toContain('[1]');
      expect(answer.share).toBeDefined();
      expect(answer.thread).toBeUndefined();
    });

    it('Share posts that answer in the channel, naming who shared it, and sends nothing private besides', async () => {
      const shared = await driver.share(answer);
      const posts = shared.sent.filter((s) => s.kind === 'message');
      const post = only(posts);
      expect(post).toMatchObject({ channel: driver.channel, title: TRADE });
      expect(post.thread).toBeUndefined();
      expect(post.share).toBeUndefined();
      expect(post.text).toContain(`Shared by ${shared.userMention}`);
      expect(shared.sent.filter((s) => s.kind === 'ephemeral')).toEqual([]);
    });
  });

  describe('a mention', () => {
    it('in the channel is answered in a thread on that message', async () => {
      const asked = await driver.mention('trade');
      const answer = only(asked.sent);
      expect(answer).toMatchObject({ kind: 'message', channel: driver.channel, thread: asked.messageId, title: TRADE });
      expect(answer.share).toBeUndefined();
    });

    it('inside a thread is answered in that thread', async () => {
      const asked = await driver.mention('energy', 'thread');
      expect(asked.thread).toBeDefined();
      expect(only(asked.sent)).toMatchObject({ kind: 'message', channel: driver.channel, thread: asked.thread, title: ENERGY });
    });
  });

  it('a direct message is answered in the DM, not in a thread', async () => {
    const asked = await driver.dm('sanctions');
    const answer = only(asked.sent);
    expect(answer).toMatchObject({ kind: 'message', channel: asked.channel, title: SANCTIONS });
    expect(answer.channel).not.toBe(driver.channel);
    expect(answer.thread).toBeUndefined();
  });

  describe('digest commands', () => {
    it('subscribe, status and preview are answered privately, without Share, and post nothing in the channel', async () => {
      const subscribed = only((await driver.slash({ digest: 'subscribe', time: '09:00', zone: 'Europe/Berlin', topics: 'trade' })).sent);
      expect(subscribed).toMatchObject({ kind: 'ephemeral', title: 'Daily digest subscribed' });
      // Discord's reply names the channel it acted on (`in #general`); Slack's does not.
      expect(subscribed.text).toMatch(/Every day at 09:00 Europe\/Berlin(?: in #general)?, on trade; next post Wed 10 Jun 2026, 09:00/);

      const status = only((await driver.slash({ digest: 'status' })).sent);
      expect(status).toMatchObject({ kind: 'ephemeral', title: 'Daily digest: active' });
      expect(status.text).toContain('09:00 Europe/Berlin');

      const preview = only((await driver.slash({ digest: 'preview' })).sent);
      expect(preview).toMatchObject({ kind: 'ephemeral', title: 'Daily digest, 11 Jun 2026: Trade' });

      for (const answer of [subscribed, status, preview]) expect(answer.share).toBeUndefined();
      expect(driver.channelPosts().filter((p) => p.title?.startsWith('Daily digest'))).toEqual([]);
    });

    it('asked in a mention, status is answered in a thread on it: privately where a reply can be private', async () => {
      const asked = await driver.mention('digest status');
      const answer = only(asked.sent);
      expect(answer).toMatchObject({
        kind: driver.privateReplies ? 'ephemeral' : 'message',
        thread: asked.messageId,
        title: 'Daily digest: active',
      });
      expect(answer.share).toBeUndefined();
    });

    it('unsubscribe is answered privately too', async () => {
      const answer = only((await driver.slash({ digest: 'unsubscribe' })).sent);
      expect(answer).toMatchObject({ kind: 'ephemeral', title: 'Daily digest stopped' });
      expect(answer.share).toBeUndefined();
    });
  });

  describe('when answering fails', () => {
    it('the asker is told: privately for a slash command, in the thread for a mention; everything else is answered meanwhile and after', async () => {
      const restore = breakStore(driver.instance);
      try {
        const slash = only((await driver.slash({ digest: 'status' })).sent);
        expect(slash).toMatchObject({ kind: 'ephemeral', title: STORE_APOLOGY.title });
        expect(slash.text).toContain(STORE_APOLOGY.text);

        const mention = await driver.mention('digest status', 'thread');
        const told = only(mention.sent);
        expect(told).toMatchObject({
          kind: driver.privateReplies ? 'ephemeral' : 'message',
          thread: mention.thread,
          title: STORE_APOLOGY.title,
        });
        expect(told.text).toContain(STORE_APOLOGY.text);

        // Only what needed the store failed.
        expect(only((await driver.slash({ topic: 'trade' })).sent)).toMatchObject({ kind: 'ephemeral', title: TRADE });
        expect(only((await driver.dm('sanctions')).sent)).toMatchObject({ kind: 'message', title: SANCTIONS });
      } finally {
        restore();
      }
      expect(only((await driver.slash({ digest: 'status' })).sent)).toMatchObject({ kind: 'ephemeral', title: 'No daily digest here' });
    });
  });

  describe('when the platform refuses an answer', () => {
    it('the asker gets the apology in the thread, and the next question is answered', async () => {
      driver.refuseNextPost();
      const asked = await driver.mention('trade', 'thread');
      expect(only(asked.sent)).toMatchObject({ kind: 'message', thread: asked.thread, text: APOLOGY, pings: [] });
      expect(only((await driver.mention('energy', 'thread')).sent)).toMatchObject({ kind: 'message', title: ENERGY });
    });
  });

  describe('nothing pings', () => {
    it('a slash command with @here, @everyone and a mention is answered without a ping, and so is its Share', async () => {
      const answer = only((await driver.slash({ ask: `${driver.pingMarkup} trade in 2022?` })).sent);
      expect(answer.title).toBe('trade in 2022?');
      expect(answer.pings).toEqual([]);
      const shared = await driver.share(answer);
      const post = only(shared.sent.filter((s) => s.kind === 'message'));
      // Naming the sharer is the one mention a shared post carries.
      expect(post.pings.filter((p) => p !== shared.userMention)).toEqual([]);
    });

    it('a mention with them is answered without a ping', async () => {
      const answer = only((await driver.mention(`${driver.pingMarkup} trade in 2022?`)).sent);
      expect(answer.kind).toBe('message');
      expect(answer.pings).toEqual([]);
    });

    it('a DM with them is answered without a ping', async () => {
      const answer = only((await driver.dm(`${driver.pingMarkup} trade in 2022?`)).sent);
      expect(answer.kind).toBe('message');
      expect(answer.pings).toEqual([]);
    });
  });
});
