/**
 * "Verify with sources" used on a colleague's message, as a person uses it, through the bot
 * as npm start runs it against each platform's fake (Slack's message shortcut over HTTP and
 * in Socket Mode, Discord's message command): answered privately, claim by claim, nothing
 * posted in the channel, and nothing in the message's words pings anyone.
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

  it('a figure our sources bear out: only the person who asked sees the answer, citing the WorldView excerpt', async () => {
    const answer = only((await driver.verifyMessage('China and Russia traded $190 billion in 2022')).sent);
    expect(answer).toMatchObject({ kind: 'ephemeral', channel: driver.channel, title: TITLE });
    expect(answer.text).toContain('Our sources agree');
    expect(answer.text).toContain("Today's WorldView");
    expect(answer.share).toBeUndefined();
    expect(driver.channelPosts().filter((p) => p.title === TITLE)).toEqual([]);
  });

  it('a figure ours differ from, in a message full of mentions: ours shown, and no one pinged', async () => {
    const answer = only((await driver.verifyMessage(`${driver.pingMarkup} China and Russia traded $240 billion in 2022`)).sent);
    expect(answer).toMatchObject({ kind: 'ephemeral', title: TITLE });
    expect(answer.text).toContain('Our sources say otherwise');
    expect(answer.text).toContain('$190 billion');
    expect(answer.pings).toEqual([]);
  });

  it('an event our sources do not tell of, and a message with nothing to check', async () => {
    expect(only((await driver.verifyMessage('China and Russia signed a new space treaty in 2022')).sent).text).toContain(
      'Not in our sources',
    );
    const nothing = only((await driver.verifyMessage('see you all tomorrow')).sent);
    expect(nothing).toMatchObject({ kind: 'ephemeral', title: TITLE });
    expect(nothing.text).toContain('Nothing to check');
  });
});
