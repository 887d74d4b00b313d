/**
 * `/sinorussia verify <text>` as a person uses it, through the real Bolt app and the real
 * discord.js client against their loopback fakes: answered privately, claim by claim, with
 * our sources, and nothing in the message's words pings anyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS, FakeClock, only, type PlatformDriver } from './drivers/index.ts';

const TITLE = 'Verify: what our sources say';

describe.each(DRIVERS)('$name', ({ create }) => {
  let driver: PlatformDriver;

  beforeAll(async () => {
    driver = create();
    await driver.start(new FakeClock('2026-06-10T05:30:00Z'));
  });

  afterAll(async () => {
    await driver?.stop();
  });

  it('a claim our sources bear out is answered privately, citing the WorldView excerpt, without a Share button', async () => {
    const answer = only((await driver.slash({ verify: 'China and Russia traded $190 billion in 2022' })).sent);
    expect(answer).toMatchObject({ kind: 'ephemeral', channel: driver.channel, title: TITLE });
    expect(answer.text).toContain('Our sources agree');
    expect(answer.text).toContain('China–Russia trade hit a record $190 billion in 2022.');
    expect(answer.text).toContain("Today's WorldView");
    expect(answer.share).toBeUndefined();
    expect(driver.channelPosts().filter((p) => p.title === TITLE)).toEqual([]);
  });

  it('a figure ours differ from shows ours, and the mentions and markup in the message ping no one', async () => {
    const text = `${driver.pingMarkup} **China and Russia traded $240 billion in 2022** <https://evil.example|click>`;
    const answer = only((await driver.slash({ verify: text })).sent);
    expect(answer).toMatchObject({ kind: 'ephemeral', title: TITLE });
    expect(answer.text).toContain('Our sources say otherwise');
    expect(answer.text).toContain('$190 billion');
    expect(answer.text).toContain('240 billion');
    expect(answer.pings).toEqual([]);
  });

  it('an event our sources do not tell of is not in our sources; a message with nothing to check says so', async () => {
    const unknown = only((await driver.slash({ verify: 'China and Russia signed a new space treaty in 2022' })).sent);
    expect(unknown.text).toContain('Not in our sources');
    const nothing = only((await driver.slash({ verify: 'see you all tomorrow @everyone' })).sent);
    expect(nothing).toMatchObject({ kind: 'ephemeral', title: TITLE });
    expect(nothing.text).toContain('Nothing to check');
    expect(nothing.pings).toEqual([]);
  });
});
